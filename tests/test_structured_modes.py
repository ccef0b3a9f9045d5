"""Each structured-output mode, through the real openai client and LangChain, against an
OpenAI-compatible server on 127.0.0.1 that records what it was sent.

The request must carry the provider-native constraint of its mode (strict JSON schema, a
JSON object with its schema, a forced tool call, or the schema in the prompt for plain
servers); a reply cut off at its token budget falls back to the offline engine, labelled,
without a re-ask; the judge model is its own model.
"""

import json

import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import Field, SecretStr

from interviewer.brains import prepare_answer
from interviewer.brains.llm import STAR_BUDGET, LLMBrain
from interviewer.evals.recording import Mode
from interviewer.knowledge.loader import load_knowledge
from interviewer.llm.models import ModelConfigError, evidence_form, structured_mode
from interviewer.wiring import make_brain
from tests.support.fakes import valid_star, valid_star_cited, valid_technical_cited
from tests.support.fault_server import fault_server
from tests.support.paths import FIXTURES

pytestmark = pytest.mark.server
ANSWER = (
    "During my internship our API was slow. My task was to speed it up. "
    "I profiled the endpoints and added an index. Latency fell by 60%."
)
QUESTION = "Tell me about a time you improved something."


def _brain(settings, url: str, mode: str, **extra) -> LLMBrain:
    llm = settings.model_copy(
        update={
            "model": "openai:interviewer-model",
            "base_url": url,
            "api_key": SecretStr("local-test-key"),
            "structured_output": mode,
            "llm_timeout_s": 5.0,
            "llm_max_retries": 0,
            **extra,
        }
    )
    brain = make_brain(llm)
    assert isinstance(brain, LLMBrain)
    return brain


def _score_star(settings, mode: str, content: str, server: str = "ok"):
    """One STAR score through the test server replying `content`: (record, server state, log)."""
    with fault_server() as (url, state):
        state.mode, state.content = server, content
        log: list = []
        record = _brain(settings, url, mode).score_star(QUESTION, prepare_answer(ANSWER), log)
    return record, state, log


def _system_text(body: dict) -> str:
    return "\n".join(m["content"] for m in body["messages"] if m["role"] == "system")


def test_json_schema_mode_sends_a_strict_schema(settings) -> None:
    record, state, _ = _score_star(settings, "json_schema", valid_star(ANSWER, overall=3))
    assert record.brain == "llm" and record.star is not None and record.star.overall == 3
    body = state.bodies[-1]
    fmt = body["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    schema = fmt["json_schema"]["schema"]
    # strict mode: every property required, nothing extra, at every level
    assert set(schema["required"]) == set(schema["properties"])
    part = schema["$defs"]["StarPart"]
    assert part["required"] == ["score", "evidence"] and part["additionalProperties"] is False
    assert "tools" not in body
    assert "$defs" not in _system_text(body)  # the prompt keeps the rubric, not the schema
    assert body["max_tokens"] == STAR_BUDGET


def test_json_object_mode_numbers_the_sentences_and_takes_sentence_numbers(settings) -> None:
    """Grammar servers get the answer as numbered sentences and a schema whose citations are
    an enum of those numbers: a small model cannot invent a quote (scoring.cited)."""
    question = load_knowledge(FIXTURES / "knowledge").question("py.dict-lookup")
    answer = "A dict is a hash table. Lookups are O(1) on average."
    with fault_server() as (url, state):
        state.content = valid_technical_cited(key_points=3, covered=1, score=2)
        record = _brain(settings, url, "json_object").score_technical(
            question, prepare_answer(answer), []
        )
    assert state.requests == 1
    assert record.brain == "llm" and record.technical is not None
    assert record.prompt_version == "score_technical_cited@1"
    assert [kp.covered for kp in record.technical.key_points] == [True, False, False]
    assert record.technical.key_points[0].evidence == ["A dict is a hash table."]
    body = state.bodies[-1]
    fmt = body["response_format"]
    assert fmt["type"] == "json_object"
    points = fmt["schema"]["properties"]["key_points"]
    assert points["required"] == ["point_1", "point_2", "point_3"]
    assert points["properties"]["point_1"]["items"]["enum"] == [1, 2]
    assert fmt["schema"]["properties"]["score"]["enum"] == [0, 1, 2, 3, 4, 5]
    user = body["messages"][-1]["content"]
    assert "[1] A dict is a hash table.\n[2] Lookups are O(1) on average." in user
    assert "$defs" not in _system_text(body)


def test_a_sentence_number_the_answer_lacks_is_reasked_with_the_error(settings) -> None:
    """Where no grammar enforces the enum (plain servers), a wrong number is caught and said."""
    with fault_server() as (url, state):
        state.content = valid_star_cited(sentence=9)
        log: list = []
        record = _brain(settings, url, "plain", structured_evidence="sentences").score_star(
            QUESTION, prepare_answer(ANSWER), log
        )
    assert state.requests == 3
    assert (
        "sentence 9 does not exist (the answer has sentences 1..4)"
        in (state.bodies[1]["messages"][-1]["content"])
    )
    assert record.brain == "offline-fallback"


def test_star_by_sentence_numbers_derives_missing_and_quotes_exact_sentences(settings) -> None:
    reply = json.loads(valid_star_cited(overall=3))
    reply["task"] = {"sentences": [], "score": 0}
    reply["action"] = {"sentences": [3, 3], "score": 2}
    with fault_server() as (url, state):
        state.content = json.dumps(reply)
        record = _brain(settings, url, "json_object").score_star(
            QUESTION, prepare_answer(ANSWER), []
        )
    assert record.brain == "llm" and record.star is not None
    assert record.star.missing == ["task"]
    assert record.star.action.evidence == ["I profiled the endpoints and added an index."]
    assert "missing" not in state.bodies[-1]["response_format"]["schema"]["properties"]


def test_tool_calling_mode_forces_the_score_tool_and_reads_its_arguments(settings) -> None:
    record, state, _ = _score_star(settings, "tool_calling", valid_star(ANSWER, overall=4))
    assert record.brain == "llm" and record.star is not None and record.star.overall == 4
    body = state.bodies[-1]
    assert [t["function"]["name"] for t in body["tools"]] == ["StarScore"]
    assert body["tool_choice"] == {"type": "function", "function": {"name": "StarScore"}}
    assert "response_format" not in body
    assert body["tools"][0]["function"]["parameters"]["additionalProperties"] is False


def test_plain_mode_puts_the_schema_in_the_prompt_and_nothing_in_the_request(settings) -> None:
    fenced = "Here you go:\n```json\n" + valid_star(ANSWER, overall=2) + "\n```"
    record, state, _ = _score_star(settings, "plain", fenced)
    assert record.brain == "llm" and record.star is not None and record.star.overall == 2
    body = state.bodies[-1]
    assert "response_format" not in body and "tools" not in body
    assert '"$defs"' in _system_text(body) and "StarPart" in _system_text(body)


@pytest.mark.parametrize("mode", ["json_schema", "json_object", "tool_calling", "plain"])
def test_a_cut_off_reply_falls_back_labelled_without_a_reask(settings, mode: str) -> None:
    cut = valid_star(ANSWER)[:60]  # what a budget-limited reply looks like
    record, state, log = _score_star(settings, mode, cut, server="cut-off")
    assert state.requests == 1  # the same budget would cut the re-ask off too
    assert record.brain == "offline-fallback"
    assert record.fallback_reason == "its reply was cut off at the token limit"
    assert record.star is not None  # the offline engine's real score, labelled
    assert [c.error for c in log] == ["TruncatedReply"]


def test_a_near_verbatim_quote_is_snapped_not_reasked(settings) -> None:
    reply = json.loads(valid_star(ANSWER, overall=3))
    reply["action"]["evidence"] = ["i profiled the endpoints and added an index..."]
    reply["result"]["evidence"] = ["Latency fell by 60 %"]
    record, state, log = _score_star(settings, "json_schema", json.dumps(reply))
    assert state.requests == 1
    assert record.brain == "llm" and record.star is not None
    assert record.star.action.evidence == ["I profiled the endpoints and added an index"]
    assert record.star.result.evidence == ["Latency fell by 60%"]
    assert sorted(log[0].quote_outcomes) == ["exact", "exact", "snapped", "snapped"]


def test_an_invented_quote_is_still_reasked(settings) -> None:
    reply = json.loads(valid_star(ANSWER, overall=3))
    reply["result"]["evidence"] = ["We won a national award for it"]
    record, state, log = _score_star(settings, "json_schema", json.dumps(reply))
    assert state.requests == 3  # first try and two re-asks with the error, then fallback
    assert "does not occur verbatim" in state.bodies[1]["messages"][-1]["content"]
    assert record.brain == "offline-fallback"
    assert "rejected" in log[0].quote_outcomes


def test_the_judge_model_scores_and_the_interviewer_model_words(settings) -> None:
    with fault_server() as (url, state):
        brain = _brain(settings, url, "json_schema", judge_model="openai:judge-model")
        state.content = valid_star(ANSWER, overall=3)
        record = brain.score_star(QUESTION, prepare_answer(ANSWER), [])
        state.content = "What did you measure before and after the index?"
        brain.ask("What did you measure?", "", "", [])
    assert record.model == "openai:judge-model" and record.brain == "llm"
    assert [b["model"] for b in state.bodies] == ["judge-model", "interviewer-model"]
    assert "response_format" in state.bodies[0] and "response_format" not in state.bodies[1]


def test_modes_resolve_from_the_provider_and_refuse_a_wire_format_it_lacks(settings) -> None:
    auto = settings.model_copy(update={"structured_output": "auto"})
    assert structured_mode(auto, "openai:gpt-4o-mini") == "json_schema"
    local = auto.model_copy(update={"base_url": "http://127.0.0.1:8080/v1"})
    assert structured_mode(local, "openai:qwen2.5-coder-1.5b") == "json_object"
    assert structured_mode(auto, "anthropic:claude-3-5-haiku-latest") == "tool_calling"
    assert structured_mode(auto, "scripted:mirror") == "json_object"
    assert evidence_form(auto, "json_object") == "sentences"  # a grammar enforces the numbers
    assert evidence_form(auto, "json_schema") == "quotes"
    assert evidence_form(auto, "tool_calling") == "quotes"
    quotes = auto.model_copy(update={"structured_evidence": "quotes"})
    assert evidence_form(quotes, "json_object") == "quotes"
    forced = settings.model_copy(update={"structured_output": "json_schema"})
    with pytest.raises(ModelConfigError, match="tool_calling or plain"):
        structured_mode(forced, "anthropic:claude-3-5-haiku-latest")


def _recording_brain(settings, url: str | None, mode: str, directory, record: Mode) -> LLMBrain:
    from interviewer.evals.recording import RecordingChat
    from interviewer.wiring import chat_model

    llm = settings.model_copy(
        update={
            "model": "openai:recorded-model",
            "base_url": url,
            "api_key": SecretStr("local-test-key"),
            "structured_output": mode,
            "llm_timeout_s": 2.0,
            "llm_max_retries": 0,
        }
    )
    inner = chat_model(llm, "openai:recorded-model") if url else None
    chat = RecordingChat(
        inner=inner, model_name="openai:recorded-model", directory=directory, mode=record
    )
    brain = make_brain(llm, "openai:recorded-model", chat=chat)
    assert isinstance(brain, LLMBrain)
    return brain


@pytest.mark.parametrize("mode", ["tool_calling", "json_object"])
def test_recordings_keep_the_whole_reply_and_replay_it_without_a_server(
    settings, tmp_path, mode: str
) -> None:
    with fault_server() as (url, state):
        state.content = valid_star_cited(4) if mode == "json_object" else valid_star(ANSWER, 4)
        recorded = _recording_brain(settings, url, mode, tmp_path, "record").score_star(
            QUESTION, prepare_answer(ANSWER), []
        )
    [file] = tmp_path.glob("*.json")
    stored = json.loads(file.read_text())
    form = "StarScoreCited" if mode == "json_object" else "StarScore"
    assert stored["response_format"].startswith(f"{mode}:{form}:")
    assert stored["message"]["usage"]["output_tokens"] == 5  # the server's own count
    if mode == "tool_calling":
        assert stored["message"]["tool_calls"][0]["name"] == "StarScore"
    replayed = _recording_brain(settings, None, mode, tmp_path, "replay").score_star(
        QUESTION, prepare_answer(ANSWER), []
    )
    assert replayed.brain == recorded.brain == "llm"
    assert replayed.star == recorded.star
    # Another mode asks for something else: no recording, and replay says so loudly.
    from interviewer.evals.recording import MissingRecording

    other = "json_object" if mode == "tool_calling" else "tool_calling"
    with pytest.raises(MissingRecording):
        _recording_brain(settings, None, other, tmp_path, "replay").score_star(
            QUESTION, prepare_answer(ANSWER), []
        )


def test_a_recorded_model_failure_replays_as_the_same_labelled_fallback(settings, tmp_path) -> None:
    with fault_server() as (url, state):
        state.mode = "timeout"
        live = _recording_brain(settings, url, "json_object", tmp_path, "record").score_star(
            QUESTION, prepare_answer(ANSWER), []
        )
    [file] = tmp_path.glob("*.json")
    assert "Timeout" in json.loads(file.read_text())["failure"]
    replayed = _recording_brain(settings, None, "json_object", tmp_path, "replay").score_star(
        QUESTION, prepare_answer(ANSWER), []
    )
    assert live.brain == replayed.brain == "offline-fallback"
    assert replayed.star == live.star


class ToolCallingChat(BaseChatModel):
    """A provider that is not OpenAI and answers with tool calls (Anthropic-style)."""

    reply_args: dict
    seen: list = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "tool-calling-fake"

    def bind_tools(self, tools, *, tool_choice=None, **kwargs):
        return self.bind(tools=[convert_to_openai_tool(t) for t in tools], tool_choice=tool_choice)

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
        self.seen.append(kwargs)
        name = kwargs["tools"][0]["function"]["name"]
        call = {"name": name, "args": self.reply_args, "id": "toolu_1"}
        return ChatResult(generations=[ChatGeneration(message=AIMessage("", tool_calls=[call]))])


def test_a_non_openai_provider_scores_through_its_tool_calling(settings) -> None:
    from interviewer.prompts import load_prompts
    from interviewer.wiring import offline_brain

    chat = ToolCallingChat(reply_args=json.loads(valid_star(ANSWER, overall=3)), seen=[])
    brain = LLMBrain(
        chat,
        "anthropic:claude-3-5-haiku-latest",
        load_prompts(settings.prompts_dir),
        offline_brain(settings),
        judge_mode=structured_mode(settings, "anthropic:claude-3-5-haiku-latest"),
    )
    record = brain.score_star(QUESTION, prepare_answer(ANSWER), [])
    assert record.brain == "llm" and record.star is not None and record.star.overall == 3
    assert chat.seen[0]["tool_choice"] == "StarScore"
    assert chat.seen[0]["tools"][0]["function"]["parameters"]["required"]


def test_a_provider_without_its_integration_package_is_one_clear_error(settings) -> None:
    from interviewer.llm.models import make_chat_model

    pytest.importorskip("langchain.chat_models")
    try:
        import langchain_anthropic  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("langchain-anthropic is installed here")
    with pytest.raises(ModelConfigError, match="integration package"):
        make_chat_model(settings, "anthropic:claude-3-5-haiku-latest")


CV = """Ravi Kumar

Hackathons
Won 2nd place at HackBLR with MediQueue, a clinic queue app.
Built with FastAPI and Redis; I wrote the websocket updates.

SKILLS
Python, FastAPI, Git
"""


def test_a_model_reads_a_cv_by_line_number_and_the_offline_reader_reads_each_project(
    settings,
) -> None:
    with fault_server() as (url, state):
        state.content = json.dumps(
            {"projects": [{"name": "MediQueue", "first_line": 3, "last_line": 4}]}
        )
        profile = _brain(settings, url, "json_object").read_profile(CV, [])
    assert state.requests == 1
    assert profile.extractor == "llm (openai:interviewer-model)"
    [project] = profile.projects
    assert project.name == "MediQueue" and project.stack == ["FastAPI", "Redis"]
    body = state.bodies[-1]
    assert "3| Won 2nd place at HackBLR" in body["messages"][-1]["content"]
    lines = body["response_format"]["schema"]["properties"]["projects"]["items"]
    assert lines["properties"]["last_line"]["enum"] == list(range(1, 7))


def test_a_cv_reading_naming_what_the_lines_do_not_say_falls_back_labelled(settings) -> None:
    with fault_server() as (url, state):
        state.content = json.dumps(
            {"projects": [{"name": "Invented App", "first_line": 3, "last_line": 4}]}
        )
        log: list = []
        profile = _brain(settings, url, "json_schema").read_profile(CV, log)
    assert state.requests == 3  # two re-asks with the error, then the offline reader
    assert (
        "'Invented App' is not written in lines 3..4"
        in (state.bodies[1]["messages"][-1]["content"])
    )
    assert profile.extractor == "offline-fallback"
    assert profile.notes[0].startswith("read by the offline reader: its reply was not a valid")
    assert [p.purpose for p in log] == ["read_profile", "read_profile:reask", "read_profile:reask"]


def test_an_offline_judge_scores_while_the_model_words(settings) -> None:
    """INTERVIEWER_JUDGE_MODEL=offline: for a small local model whose scores agree less with
    the gold sets than the engine's, the model words and the engine scores, labelled."""
    with fault_server() as (url, state):
        brain = _brain(settings, url, "json_object", judge_model="offline")
        record = brain.score_star(QUESTION, prepare_answer(ANSWER), [])
        profile = brain.read_profile(CV, [])
        assert state.requests == 0
        state.content = "What did you measure before and after the index?"
        asked = brain.ask("What did you measure?", "", "", [])
    assert record.brain == "offline" and record.label == "offline engine"
    assert profile.extractor == "offline"
    assert asked == "What did you measure before and after the index?"
    assert [b["model"] for b in state.bodies] == ["interviewer-model"]
