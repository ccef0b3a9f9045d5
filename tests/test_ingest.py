import shutil
from pathlib import Path

import pytest

from interviewer.knowledge.ingest import ingest
from interviewer.knowledge.store import KnowledgeStore
from tests.support.paths import FIXTURES


@pytest.fixture
def editable_settings(settings, tmp_path: Path):
    folder = tmp_path / "knowledge"
    shutil.copytree(FIXTURES / "knowledge", folder)
    return settings.model_copy(update={"knowledge_dir": folder})


def test_cold_then_unchanged_rerun_embeds_nothing(editable_settings) -> None:
    first = ingest(editable_settings, progress=False)
    assert first.added == first.chunks > 0
    assert first.unchanged == 0
    second = ingest(editable_settings, progress=False)
    assert (second.added, second.updated, second.removed) == (0, 0, 0)
    assert second.unchanged == first.chunks
    assert "nothing changed" in second.line()


def test_edited_entry_is_updated_and_removed_file_is_deleted(editable_settings) -> None:
    ingest(editable_settings, progress=False)
    python = editable_settings.knowledge_dir / "python.yaml"
    python.write_text(python.read_text().replace("how fast is it?", "how quick is it?"))
    edited = ingest(editable_settings, progress=False)
    assert edited.updated == 1 and edited.removed == 1 and edited.added == 0

    (editable_settings.knowledge_dir / "behaviour.yaml").unlink()
    removed = ingest(editable_settings, progress=False)
    assert removed.removed >= 2
    store = KnowledgeStore.from_settings(editable_settings)
    assert all(source.endswith("python.yaml") for source, _ in store.existing().values())


def test_extra_files_bad_ones_are_skipped_whole(editable_settings, tmp_path: Path) -> None:
    good = tmp_path / "notes.md"
    good.write_text("# Celery\n\nCelery runs background tasks with a broker such as Redis.\n")
    empty = tmp_path / "empty.md"
    empty.write_text("   \n")
    binary = tmp_path / "broken.txt"
    binary.write_bytes(b"\xff\xfe\x00 not utf8")
    summary = ingest(editable_settings, [good, empty, binary], progress=False)
    assert len(summary.skipped) == 2
    assert any("empty" in s for s in summary.skipped)
    assert any("UTF-8" in s for s in summary.skipped)

    store = KnowledgeStore.from_settings(editable_settings)
    sources = {source for source, _ in store.existing().values()}
    assert not any("empty.md" in s or "broken.txt" in s for s in sources)
    hits = store.search("background task queue with a broker", k=1, kind="extra")
    assert "Celery" in hits[0].text

    # A later run that does not name the file keeps it; deleting the file removes it.
    assert ingest(editable_settings, progress=False).removed == 0
    good.unlink()
    assert ingest(editable_settings, progress=False).removed == 1


def test_search_filters_by_area_kind_and_excluded_ids(editable_settings) -> None:
    ingest(editable_settings, progress=False)
    store = KnowledgeStore.from_settings(editable_settings)
    hits = store.search("python dictionary hashing", k=3, kind="question", area="core-python")
    assert hits[0].question_id == "py.dict-lookup"
    assert hits[0].source.endswith("python.yaml")
    rest = store.search(
        "python dictionary hashing", k=3, kind="question", exclude_question_ids={"py.dict-lookup"}
    )
    assert "py.dict-lookup" not in {h.question_id for h in rest}
    assert (
        store.search("deadline", k=5, area="behavioural", type="behavioural")[0].area
        == "behavioural"
    )


def _text_pdf(text: str) -> bytes:
    """A minimal one-page PDF with a line of text (enough for pypdf to extract)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def test_pdf_text_is_ingested_and_a_broken_pdf_is_skipped(
    editable_settings, tmp_path: Path
) -> None:
    good = tmp_path / "celery.pdf"
    good.write_bytes(_text_pdf("Celery workers consume background tasks from a Redis broker."))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 this is not really a pdf")
    summary = ingest(editable_settings, [good, broken], progress=False)
    assert len(summary.skipped) == 1 and "broken.pdf" in summary.skipped[0]
    hits = KnowledgeStore.from_settings(editable_settings).search(
        "background workers", k=1, kind="extra"
    )
    assert "Celery workers" in hits[0].text
