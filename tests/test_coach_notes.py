"""A coach's own notes (`interviewer ingest notes/`) ground and are cited beside the questions
of their area; HTML in Markdown is embedded as text, not markup."""

from __future__ import annotations

from pathlib import Path

from interviewer.interview.plan import build_plan
from interviewer.interview.selection import Selected
from interviewer.knowledge.documents import extra_chunks, note_text
from interviewer.knowledge.ingest import ingest

NOTE = """---
area: core-python
---
# Our notes on dicts

<div class="callout"><b>Remember:</b> a dict is a hash table &amp; lookups hash the key.</div>
<script>alert('x')</script>
A Python dict finds a key by hashing it and jumping to that slot, so a lookup costs O(1)
on average; collisions are resolved by probing and the table resizes as it fills.
"""
UNRELATED = "# Office hours\n\nThe placement cell is open on Fridays from 2 to 5 pm in room 204.\n"


def test_markup_is_reduced_to_text_and_the_area_read_from_front_matter(
    settings, tmp_path: Path
) -> None:
    text, area = note_text(NOTE, ".md")
    assert area == "core-python"
    assert "<" not in text and "alert" not in text and "&amp;" not in text
    assert "hash table & lookups" in " ".join(text.split())
    note = tmp_path / "dicts.md"
    note.write_text(NOTE, encoding="utf-8")
    [chunk] = extra_chunks(note, 200, 20)
    assert chunk.metadata["area"] == "core-python" and "<div" not in chunk.text
    plain = tmp_path / "plain.txt"
    plain.write_text("<b>kept as written</b> in a text file", encoding="utf-8")
    assert extra_chunks(plain, 200, 20, area="databases")[0].metadata["area"] == "databases"


def test_a_note_grounds_and_is_cited_beside_its_areas_question(settings, tmp_path: Path) -> None:
    from interviewer.wiring import build_engine

    note, other = tmp_path / "dicts.md", tmp_path / "office.md"
    note.write_text(NOTE, encoding="utf-8")
    other.write_text(UNRELATED, encoding="utf-8")
    ingest(settings, [note, other], progress=False)
    engine = build_engine(settings)
    question = engine.kb.question("py.dict-lookup")
    selected = Selected(question, "core-python", "knowledge/python.yaml#py.dict-lookup")
    cited = engine.selector.coach_notes(selected)
    assert [Path(h.source).name for h in cited] == ["dicts.md"]  # not the office hours
    context = engine.selector.context(selected, cited)
    assert "From the coach's notes" in context and "probing" in context

    reply = engine.start("Asha", build_plan(engine.kb, areas=["core-python"], questions=2), seed=5)
    sources = []
    for _ in range(12):
        if reply.finished:
            break
        turn = reply.current
        assert turn is not None
        if turn.kind.value == "main":
            sources.append((turn.question_id, turn.source))
        reply = engine.submit_answer(reply.session_id, "I don't know.")
    by_id = dict(sources)
    assert set(by_id) == {"py.dict-lookup", "py.generators"}  # the area's two questions
    assert "notes" in by_id["py.dict-lookup"] and "dicts.md" in by_id["py.dict-lookup"]
    assert all("office.md" not in source for _, source in sources)
