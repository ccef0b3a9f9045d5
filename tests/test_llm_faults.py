"""The real openai client, through LangChain, against a server that misbehaves on purpose.

Each fault ends in bounded retries and then the labelled offline fallback; the answer the
candidate typed is in the database either way.
"""

import json

import pytest
from pydantic import SecretStr

from interviewer.brains.base import text_sink
from interviewer.interview.plan import build_plan
from interviewer.knowledge.ingest import ingest
from interviewer.wiring import build_engine
from tests.support.fault_server import fault_server
from tests.support.servers import free_port

pytestmark = pytest.mark.server
STORY = (
    "During my final-year project our demo was moved up by a week. My task was to finish the "
    "payments API. I split the work into tickets and wrote tests. We delivered on time."
)
PLANTED_KEY = "kq7PLANTEDxx9f8e7d6c5b4a"  # no sk- prefix: only the configured value can match


def _engine(settings, base_url: str, retries: int = 1):
    ingest(settings, progress=False)
    llm_settings = settings.model_copy(
        update={
            "model": "openai:fault-model",
            "base_url": base_url,
            "api_key": SecretStr(PLANTED_KEY),
            "llm_timeout_s": 1.0,
            "llm_max_retries": retries,
            "structured_max_attempts": 2,
        }
    )
    return build_engine(llm_settings)


@pytest.mark.parametrize("mode", ["timeout", "429", "500", "503", "malformed", "schema", "empty"])
def test_each_fault_ends_in_a_labelled_fallback_and_keeps_the_answer(settings, mode: str) -> None:
    with fault_server() as (url, state):
        state.mode = "ok"
        state.content = "Tell me about a time you had to deliver something under a tight deadline."
        engine = _engine(settings, url)
        reply = engine.start(
            "Asha", build_plan(engine.kb, areas=["behavioural"], questions=1), seed=1
        )
        state.mode, state.requests = mode, 0
        state.content = json.dumps({"overall": 9, "situation": "great"})  # breaks the schema
        reply = engine.submit_answer(reply.session_id, STORY)
        assert reply.score is not None
        assert reply.score.brain == "offline-fallback", mode
        assert reply.score.label.startswith("offline engine (LLM failed")
        assert PLANTED_KEY not in reply.score.model_dump_json()
        turn = engine.repo.get_session(reply.session_id).turns[0]
        assert turn.answer == STORY and turn.answer_status == "answered"
        # Bounded: at most (retries + 1) transport attempts per call, for at most 2 structured attempts
        # and the follow-up wording.
        assert 1 <= state.requests <= 2 * 2 + 2, (mode, state.requests)
        calls = engine.repo.llm_calls(reply.session_id)
        assert any(not c.ok or c.purpose.endswith(":reask") for c in calls)


def test_connection_refused_falls_back(settings) -> None:
    engine = _engine(settings, f"http://127.0.0.1:{free_port()}/v1", retries=1)
    reply = engine.start("Asha", build_plan(engine.kb, areas=["behavioural"], questions=1), seed=1)
    assert reply.current is not None  # the question text fell back to the knowledge base's
    reply = engine.submit_answer(reply.session_id, STORY)
    assert reply.score.brain == "offline-fallback"
    assert "could not be reached" in (reply.score.fallback_reason or "")
    assert "Connection" in (reply.score.fallback_detail or "")  # the detail is for the coach


def test_a_stream_cut_midway_keeps_the_knowledge_base_wording(settings) -> None:
    question = "Tell me about a time you had to deliver something under a tight deadline."
    with fault_server() as (url, state):
        state.mode, state.content = "stream-cut", "Thanks for that answer. " + question
        engine = _engine(settings, url, retries=0)
        seen: list[str] = []
        token = text_sink.set(seen.append)
        try:
            reply = engine.start(
                "Asha", build_plan(engine.kb, areas=["behavioural"], questions=1), seed=1
            )
        finally:
            text_sink.reset(token)
        assert reply.current.question_text == question  # never a half sentence
        state.mode = "ok"
        engine2 = _engine(settings, url, retries=0)
        seen.clear()
        token = text_sink.set(seen.append)
        try:
            whole = engine2.start(
                "Ravi", build_plan(engine2.kb, areas=["behavioural"], questions=1), seed=1
            )
        finally:
            text_sink.reset(token)
        assert len(seen) > 3 and whole.current.question_text == seen[-1]


@pytest.mark.parametrize("mode", ["500", "echo-key"])
def test_secrets_never_reach_logs_transcripts_or_exports(
    settings, room_factory, caplog, mode
) -> None:
    """Even a provider that quotes the configured key back in its error message (a key with
    no recognisable shape) leaks it nowhere: not to the candidate, the logs, the database,
    the coach's transcript or any export."""
    from interviewer.coach.review import transcript
    from interviewer.exports.report import report_markdown
    from interviewer.exports.transcript import transcript_json, transcript_markdown
    from interviewer.ui.candidate import AFTER_EACH

    with fault_server() as (url, state):
        state.mode = mode
        engine = _engine(settings, url)
        caplog.set_level("DEBUG")
        reply = engine.start(
            "Asha", build_plan(engine.kb, areas=["behavioural"], questions=1), seed=1
        )
        reply = engine.submit_answer(reply.session_id, STORY)
        ended = engine.end(reply.session_id)
        data = transcript(engine, reply.session_id)
        outputs = [
            caplog.text,
            transcript_json(data),
            transcript_markdown(data),
            report_markdown(ended.report),
            ended.report.model_dump_json(),
        ]
        outputs += [c.error for c in engine.repo.llm_calls(reply.session_id)]
        shown = room_factory(engine).view(reply.session_id, AFTER_EACH)
        outputs += [shown.score, str(shown.chat), shown.report]
        stored = engine.repo.get_session(reply.session_id).turns[0].score
        assert stored is not None and stored.brain == "offline-fallback"
        outputs.append(stored.model_dump_json())
        if mode == "echo-key":  # the coach sees what happened, redacted
            assert "Incorrect API key provided: [redacted]" in (stored.fallback_detail or "")
            assert "Incorrect API key" not in shown.score  # the candidate, a short reason
    assert all(PLANTED_KEY not in text for text in outputs)
