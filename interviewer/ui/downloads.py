"""Downloads, rendered when asked: a candidate's report, a coach's transcript and labels.

No file is written for a download, so none is left behind. A candidate's link carries a
signed token naming the session, the document and the format, and expiring after
`file_ttl_hours`: it is handed only to the browser holding that session. Coach documents
are served under the coach path, so `CoachGate` admits only a logged-in coach.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from interviewer.coach.overrides import export_dataset
from interviewer.coach.review import transcript
from interviewer.config import Settings
from interviewer.exports.report import report_json, report_markdown, report_pdf
from interviewer.exports.transcript import transcript_json, transcript_markdown, transcript_pdf
from interviewer.interview.engine import InterviewEngine
from interviewer.storage.models import ScoreKind
from interviewer.storage.repository import SessionNotFound
from interviewer.ui.signing import Signer

log = logging.getLogger(__name__)
FORMATS = {
    "md": ("text/markdown; charset=utf-8", "Markdown"),
    "json": ("application/json", "JSON"),
    "pdf": ("application/pdf", "PDF"),
}


@dataclass(frozen=True)
class Download:
    filename: str
    media_type: str
    content: bytes


class DownloadNotFound(LookupError):
    pass


class Downloads:
    def __init__(self, engine: InterviewEngine, settings: Settings, key: bytes) -> None:
        self.engine = engine
        self.settings = settings
        self.signer = Signer(key, "candidate-download")

    # ----- candidate ------------------------------------------------------------------
    def report_links(self, session_id: str) -> dict[str, str]:
        ttl = self.settings.file_ttl_hours * 3600
        return {
            f"report ({label})": "files/"
            + self.signer.sign({"s": session_id, "d": "report", "f": fmt}, ttl)
            for fmt, (_, label) in FORMATS.items()
        }

    def candidate_file(self, token: str) -> Download:
        claims = self.signer.verify(token)
        if claims is None or claims.get("d") != "report" or claims.get("f") not in FORMATS:
            raise DownloadNotFound("This download link is invalid or has expired.")
        session_id, fmt = str(claims["s"]), str(claims["f"])
        try:
            report = self.engine.report(session_id)
        except SessionNotFound as exc:
            raise DownloadNotFound("That interview no longer exists.") from exc
        stem = f"report-{session_id[:8]}"
        if fmt == "md":
            content = report_markdown(report).encode()
        elif fmt == "json":
            content = report_json(report).encode()
        else:
            content = report_pdf(report, self.settings.pdf_font)
        return Download(f"{stem}.{fmt}", FORMATS[fmt][0], content)

    # ----- coach ----------------------------------------------------------------------
    def transcript_file(self, session_id: str, fmt: str) -> Download:
        if fmt not in FORMATS:
            raise DownloadNotFound(f"Transcripts come as {', '.join(FORMATS)}.")
        try:
            data = transcript(self.engine, session_id)
        except SessionNotFound as exc:
            raise DownloadNotFound("No session has that id.") from exc
        if fmt == "md":
            content = transcript_markdown(data).encode()
        elif fmt == "json":
            content = transcript_json(data).encode()
        else:
            content = transcript_pdf(data, self.settings.pdf_font)
        return Download(f"transcript-{session_id[:8]}.{fmt}", FORMATS[fmt][0], content)

    def labels_file(self, kind: str) -> Download:
        if kind not in (ScoreKind.star.value, ScoreKind.technical.value):
            raise DownloadNotFound("Labels come as star or technical.")
        content = export_dataset(self.engine.repo, kind).encode()  # type: ignore[arg-type]
        return Download(f"coach-{kind}-labels.jsonl", "application/x-ndjson", content)
