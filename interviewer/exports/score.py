"""One score, rendered: for the candidate's panel, the coach's transcript and the terminal.

Every piece of text that came from a candidate or a model goes through `inert_markdown`,
so quotes and summaries are shown as typed, never as markup, links or images.
"""

from __future__ import annotations

from interviewer.safe_text import code_span, inert_markdown
from interviewer.scoring.schemas import STAR_PARTS, CodingScore, ProjectScore, ScoreRecord


def project_lines(project: ProjectScore) -> list[str]:
    """The four parts of a project answer with the answer's own words (Markdown lines)."""
    lines = []
    for name, part in project.parts.items():
        quotes = "; ".join(f'"{inert_markdown(e)}"' for e in part.evidence) or "none"
        lines.append(f"- {name.replace('_', '-')} {part.score}/2 — {quotes}")
        if part.tip:
            lines.append(f"  - tip: {inert_markdown(part.tip)}")
    return lines


def coding_lines(coding: CodingScore) -> list[str]:
    """The four parts of a coding score with their evidence (Markdown lines)."""
    lines = []
    for name, part in coding.parts.items():
        evidence = "; ".join(inert_markdown(e) for e in part.evidence) or "none"
        lines.append(f"- {name} {part.score}/2 — {evidence}")
        if part.tip:
            lines.append(f"  - tip: {inert_markdown(part.tip)}")
    return lines


def score_markdown(record: ScoreRecord) -> str:
    """The candidate's score panel: the score, its evidence summary, and who scored it."""
    lines = [
        f"**Scored by:** {inert_markdown(record.label)} · prompt {code_span(record.prompt_version)}"
    ]
    if record.fallback_reason:
        lines.append(
            f"> The LLM failed ({inert_markdown(record.fallback_reason)}); "
            "this is the offline engine's score."
        )
    if record.star is not None:
        star = record.star
        lines.append(f"### STAR: {star.overall}/5")
        lines.append(" · ".join(f"{p.capitalize()} {star.part(p).score}/2" for p in STAR_PARTS))
        if star.missing:
            lines.append(f"**Missing:** {', '.join(star.missing)}")
        lines.append(inert_markdown(star.summary))
        lines += [f"- {inert_markdown(t)}" for t in star.tips]
    elif record.project is not None:
        project = record.project
        lines.append(f"### Project: {project.overall}/5 ({inert_markdown(project.project)})")
        lines += project_lines(project)
        lines.append(
            "_The project parts come from the offline analysis of your words (first-person "
            "actions, mechanisms, reasons, measured results), whichever interviewer asked._"
        )
        if record.technical is not None:
            lines.append(f"Grounding question: {record.technical.score}/5 on its key points.")
    elif record.coding is not None:
        coding = record.coding
        lines.append(f"### Coding: {coding.overall}/5")
        lines.append(
            f"{coding.tests_passed}/{coding.tests_total} tests · measured "
            f"{code_span(coding.measured or 'not measured')} · expected {code_span(coding.expected)}"
            f" · you said {code_span(coding.claimed or 'nothing')}"
        )
        lines += coding_lines(coding)
    elif record.technical is not None:
        tech = record.technical
        lines.append(f"### Technical: {tech.score}/5")
        lines.append(inert_markdown(tech.summary))
        lines += [f"- {inert_markdown(p)}" for p in tech.problems]
    if record.ignored_instructions:
        lines.append(
            f"_Ignored {len(record.ignored_instructions)} sentence(s) addressed to the grader._"
        )
    if record.delivery.notes:
        lines.append("**Delivery:** " + " ".join(inert_markdown(n) for n in record.delivery.notes))
    return "\n\n".join(lines)


def key_points_markdown(record: ScoreRecord, key_points: list[str]) -> str:
    if record.technical is None:
        return ""
    covered = set(record.technical.covered)
    return "\n".join(
        f"- {'✅' if i in covered else '❌'} {inert_markdown(text)}"
        for i, text in enumerate(key_points, start=1)
    )


def score_evidence_lines(record: ScoreRecord) -> list[str]:
    """The coach's view of a score: every part or key point with its quotes, and why a
    fallback happened (the full, redacted detail the candidate does not see)."""
    lines = [f"- Machine score ({record.label}, `{inert_markdown(record.prompt_version)}`):"]
    if record.star is not None:
        star = record.star
        lines[0] += f" STAR {star.overall}/5"
        for part in STAR_PARTS:
            quotes = "; ".join(f'"{inert_markdown(q)}"' for q in star.part(part).evidence)
            lines.append(f"  - {part} {star.part(part).score}/2 — evidence: {quotes or 'none'}")
    elif record.project is not None:
        project = record.project
        lines[0] += f" project {project.overall}/5 ({inert_markdown(project.project)})"
        lines += [f"  {line}" for line in project_lines(project)]
        if record.technical is not None:
            lines.append(f"  - grounding question {record.technical.score}/5")
    elif record.coding is not None:
        coding = record.coding
        lines[0] += f" coding {coding.overall}/5 ({inert_markdown(coding.problem_id)})"
        lines += [f"  {line}" for line in coding_lines(coding)]
    elif record.technical is not None:
        tech = record.technical
        lines[0] += f" technical {tech.score}/5"
        for verdict in tech.key_points:
            quote = "; ".join(f'"{inert_markdown(q)}"' for q in verdict.evidence)
            state = "covered" if verdict.covered else "missed"
            lines.append(f"  - key point {verdict.index}: {state} {quote}")
        lines += [f"  - problem: {inert_markdown(p)}" for p in tech.problems]
    if record.fallback_reason:
        detail = record.fallback_detail or record.fallback_reason
        lines.append(f"  - fallback reason: {inert_markdown(detail)}")
    if record.ignored_instructions:
        ignored = "; ".join(f'"{inert_markdown(t)}"' for t in record.ignored_instructions)
        lines.append(f"  - ignored grader-directed text: {ignored}")
    return lines


def score_text(record: ScoreRecord) -> str:
    """Plain text for the terminal (`interviewer score`)."""
    lines = [f"[{record.label}, {record.prompt_version}]"]
    if record.fallback_reason:
        lines.append(f"  fallback: {record.fallback_detail or record.fallback_reason}")
    if record.star is not None:
        star = record.star
        lines.append(
            f"STAR overall {star.overall}/5  "
            + "  ".join(f"{p[0].upper()}={star.part(p).score}/2" for p in STAR_PARTS)
        )
        lines += [f"  tip: {t}" for t in star.tips]
    elif record.project is not None:
        project = record.project
        lines.append(
            f"Project {project.overall}/5 ({project.project}): "
            + "  ".join(f"{n}={p.score}/2" for n, p in project.parts.items())
        )
    elif record.coding is not None:
        coding = record.coding
        lines.append(
            f"Coding {coding.overall}/5: "
            + "  ".join(f"{n}={p.score}/2" for n, p in coding.parts.items())
        )
        lines.append(f"  {coding.summary}")
    elif record.technical is not None:
        tech = record.technical
        lines.append(f"Technical {tech.score}/5: covered {tech.covered}, missed {tech.missed}")
        lines += [f"  problem: {p}" for p in tech.problems]
    if record.ignored_instructions:
        lines.append(
            f"  ignored {len(record.ignored_instructions)} sentence(s) addressed to the grader"
        )
    lines += [f"  delivery: {n}" for n in record.delivery.notes]
    return "\n".join(lines)
