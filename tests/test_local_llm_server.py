"""The LLM path against a real OpenAI-compatible server running a real (tiny) model.

llama-cpp-python's server with SmolLM2-135M, configured the way a user would (base URL and
model name). The model's judgement is poor; this checks the plumbing: structured output is
parsed or re-asked, a failure is a labelled fallback, streaming reaches the listener.
"""

import subprocess
import sys

import pytest

from interviewer.assets import tiny_model_path
from interviewer.brains import prepare_answer
from interviewer.brains.base import text_sink
from interviewer.interview.plan import build_plan
from interviewer.knowledge.ingest import ingest
from interviewer.wiring import build_engine
from tests.support.paths import ASSETS_DIR
from tests.support.servers import free_port, wait_for_port

pytestmark = pytest.mark.server
MODEL = tiny_model_path(ASSETS_DIR)
STORY = (
    "During my internship the checkout API was slow. My task was to speed it up. I profiled it "
    "and added an index. Latency fell by 60 percent and I learned to measure first."
)


@pytest.fixture(scope="module")
def llama_server():
    pytest.importorskip("llama_cpp.server", reason="llama-cpp-python[server] is not installed")
    if not MODEL.is_file():
        pytest.skip("the tiny test model is missing: interviewer setup --test-model")
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(MODEL),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "4096",
            "--model_alias",
            "smollm2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, timeout=120, process=process)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_a_real_local_model_through_the_user_configuration(settings, llama_server) -> None:
    ingest(settings, progress=False)
    configured = settings.model_copy(
        update={
            "base_url": llama_server,
            "model": "openai:smollm2",
            "llm_timeout_s": 120,
            "llm_max_retries": 0,
            "llm_max_tokens": 300,
            "structured_max_attempts": 2,
        }
    )
    engine = build_engine(configured)

    log: list = []
    record = engine.brain.score_star(
        "Tell me about a time you improved performance.", prepare_answer(STORY), log
    )
    assert record.star is not None
    assert record.brain in ("llm", "offline-fallback")
    if record.brain == "offline-fallback":
        reason = record.fallback_reason or ""
        assert "attempts" in reason or "cut off" in reason, record.fallback_detail
    assert log and all(call.model == "openai:smollm2" and call.prompt_tokens > 0 for call in log)
    assert any(call.ok and call.completion_tokens > 0 for call in log), "the server answered"
    print(f"tiny model: {record.brain}, {len(log)} call(s), purposes {[c.purpose for c in log]}")

    seen: list[str] = []
    token = text_sink.set(seen.append)
    try:
        reply = engine.start(
            "Asha", build_plan(engine.kb, areas=["behavioural"], questions=1), seed=1
        )
    finally:
        text_sink.reset(token)
    assert reply.current is not None and reply.current.question_text
    assert len(seen) >= 2, "the wording should arrive in pieces from the server's stream"
