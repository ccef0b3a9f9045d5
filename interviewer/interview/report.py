"""The end-of-interview report, built from stored turns and scores only."""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel, Field

from interviewer.knowledge.loader import KnowledgeBase
from interviewer.scoring.schemas import STAR_PARTS, ScoreRecord
from interviewer.storage.models import AnswerStatus
from interviewer.storage.records import Session, Turn

DECLINED = {AnswerStatus.skipped, AnswerStatus.dont_know}


class QuestionSummary(BaseModel):
    seq: int
    question_id: str
    area: str
    type: str
    question: str
    source: str
    status: str  # answered | skipped | not answered
    follow_ups: int
    score: str | None = None  # "3/5"
    normalised: float | None = None
    brain: str | None = None
    fallback: bool = False
    star: dict[str, int] | None = None
    coding: dict[str, int] | None = None  # correctness, efficiency, quality, communication 0-2
    project: dict[str, int] | None = None  # ownership, depth, trade_offs, outcome 0-2
    project_name: str | None = None
    coding_detail: list[str] = Field(default_factory=list)  # tests, complexity, findings
    covered: list[str] = Field(default_factory=list)
    missed: list[str] = Field(default_factory=list)
    model_answer: str
    hidden_notes: list[str] = Field(default_factory=list)


class Report(BaseModel):
    session_id: str
    candidate: str
    plan: str
    brain: str
    questions: list[QuestionSummary]
    per_area: dict[str, float]  # 0-100
    overall: float | None
    star_breakdown: dict[str, float]  # average 0-2 per part
    strengths: list[str]
    improvements: list[str]
    model_answers: list[dict[str, str]]
    delivery_notes: list[str]
    fallback_scores: int
    llm: dict[str, float]


def _final_score(thread: list[Turn]) -> ScoreRecord | None:
    """A question's score is the latest score in its thread (main question and follow-ups)."""
    for turn in reversed(thread):
        if turn.score is not None:
            return turn.score
    return None


def _status(main: Turn, final: ScoreRecord | None) -> str:
    if final is not None:
        return "answered"
    if main.answer_status in DECLINED:
        return "skipped"
    return "not answered"


def build_report(
    session: Session, kb: KnowledgeBase, plan_text: str, llm: dict[str, float]
) -> Report:
    threads: dict[int, list[Turn]] = defaultdict(list)
    for turn in session.turns:
        threads[turn.main_seq].append(turn)
    summaries: list[QuestionSummary] = []
    finals: list[tuple[QuestionSummary, ScoreRecord]] = []
    delivery: list[str] = []
    for main_seq in sorted(threads):
        thread = threads[main_seq]
        main = thread[0]
        final = _final_score(thread)
        question = (
            kb.question(main.question_id)
            if main.question_id in {q.id for q in kb.questions}
            else None
        )
        summary = QuestionSummary(
            seq=main.seq,
            question_id=main.question_id,
            area=main.area,
            type=main.question_type,
            question=main.question_text,
            source=main.source,
            status=_status(main, final),
            follow_ups=len(thread) - 1,
            model_answer=question.model_answer if question else "",
            hidden_notes=[t.probing for t in thread if t.probing],
        )
        if final is not None:
            summary.normalised = final.normalised
            summary.brain = final.label
            summary.fallback = final.brain == "offline-fallback"
            if final.star is not None:
                summary.score = f"{final.star.overall}/5"
                summary.star = {p: final.star.part(p).score for p in STAR_PARTS}
            elif final.coding is not None:
                coding = final.coding
                summary.score = f"{coding.overall}/5"
                summary.coding = {name: part.score for name, part in coding.parts.items()}
                summary.coding_detail = [
                    f"{coding.tests_passed}/{coding.tests_total} tests passed",
                    f"measured {coding.measured or 'not measured'}, expected {coding.expected}",
                    f"stated {coding.claimed or 'no complexity'}",
                ]
                summary.covered = [n for n, p in coding.parts.items() if p.score == 2]
                summary.missed = [p.tip for p in coding.parts.values() if p.score < 2 and p.tip]
                summary.model_answer = f"Expected {coding.expected}."
            elif final.project is not None:
                project = final.project
                summary.score = f"{project.overall}/5"
                summary.project = {name: part.score for name, part in project.parts.items()}
                summary.project_name = project.project
                summary.missed = [p.tip for p in project.parts.values() if p.score < 2 and p.tip]
                if final.technical is not None and question is not None:
                    summary.covered = [
                        question.key_points[i - 1].text for i in final.technical.covered
                    ]
                    summary.missed += [
                        question.key_points[i - 1].text for i in final.technical.missed
                    ]
            elif final.technical is not None and question is not None:
                summary.score = f"{final.technical.score}/5"
                summary.covered = [question.key_points[i - 1].text for i in final.technical.covered]
                summary.missed = [question.key_points[i - 1].text for i in final.technical.missed]
            delivery.extend(final.delivery.notes)
            finals.append((summary, final))
        summaries.append(summary)

    per_area_values: dict[str, list[float]] = defaultdict(list)
    for summary in summaries:
        # An unanswered or skipped question counts as zero for its area.
        per_area_values[summary.area].append(summary.normalised or 0.0)
    per_area = {a: round(100 * sum(v) / len(v), 1) for a, v in per_area_values.items()}
    all_values = [s.normalised or 0.0 for s in summaries]
    overall = round(100 * sum(all_values) / len(all_values), 1) if all_values else None

    star_scores = [f.star for _, f in finals if f.star is not None]
    star_breakdown = (
        {
            p: round(sum(s.part(p).score for s in star_scores) / len(star_scores), 2)
            for p in STAR_PARTS
        }
        if star_scores
        else {}
    )

    return Report(
        session_id=session.id,
        candidate=session.candidate,
        plan=plan_text,
        brain=session.brain,
        questions=summaries,
        per_area=per_area,
        overall=overall,
        star_breakdown=star_breakdown,
        strengths=_strengths(finals, per_area, star_breakdown),
        improvements=_improvements(summaries, finals, star_breakdown, delivery),
        model_answers=[
            {"question": s.question, "outline": s.model_answer, "score": s.score or s.status}
            for s in sorted(summaries, key=lambda s: s.normalised or 0.0)[:3]
            if s.model_answer
        ],
        delivery_notes=sorted(set(delivery)),
        fallback_scores=sum(1 for s in summaries if s.fallback),
        llm=llm,
    )


def _strengths(
    finals: list[tuple[QuestionSummary, ScoreRecord]],
    per_area: dict[str, float],
    star: dict[str, float],
) -> list[str]:
    out = [
        f"Strong in {area} ({value:.0f}%)."
        for area, value in sorted(per_area.items(), key=lambda kv: -kv[1])
        if value >= 70
    ][:2]
    for summary, _ in finals:
        if summary.covered and summary.normalised is not None and summary.normalised >= 0.8:
            out.append(f'Clear on "{summary.covered[0]}" ({summary.question_id}).')
    out += [f"STAR {part}: consistently specific." for part, v in star.items() if v >= 1.75]
    return out[:5] or ["Completed the interview: every answer is a data point to improve on."]


def _improvements(
    summaries: list[QuestionSummary],
    finals: list[tuple[QuestionSummary, ScoreRecord]],
    star: dict[str, float],
    delivery: list[str],
) -> list[str]:
    ranked: list[tuple[float, str]] = []
    for summary in summaries:
        if summary.status != "answered":
            ranked.append(
                (0.05, f'Revisit "{summary.question}" ({summary.status}); study the outline below.')
            )
    for summary, _ in finals:
        if summary.missed:
            ranked.append(
                (summary.normalised or 0.0, f"In {summary.area}, cover: {summary.missed[0]}.")
            )
    tips = {
        "situation": "Set the scene in one concrete sentence before the story.",
        "task": "Say what you personally were responsible for.",
        "action": 'Describe your own steps in the first person, not what "we" did.',
        "result": "End every story with a measured result and a lesson.",
    }
    ranked += [(value / 2, tips[part]) for part, value in star.items() if value < 1.5]
    ranked += [(0.6, note) for note in dict.fromkeys(delivery)]
    ranked.sort(key=lambda item: item[0])
    return list(dict.fromkeys(text for _, text in ranked))[:3]
