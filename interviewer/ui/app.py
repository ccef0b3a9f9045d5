"""Assemble and serve the application: the candidate's room at /, the coach's desk at /coach.

The two are separate Gradio apps in one server, so the coach app (its pages and its HTTP
API) can sit behind authentication while candidates need none.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
import os
from collections.abc import AsyncIterator
from typing import Any

import anyio
import gradio as gr

from interviewer.config import Settings
from interviewer.interview.engine import InterviewEngine
from interviewer.ui import views
from interviewer.ui.candidate import build_candidate_tab
from interviewer.ui.coach import build_coach_app
from interviewer.ui.memory import keep_memory_flat

COACH_PATH = "/coach"
log = logging.getLogger(__name__)


def build_candidate_app(engine: InterviewEngine, settings: Settings) -> gr.Blocks:
    banner = views.brain_banner(engine.brain.label, settings.uses_llm)
    with gr.Blocks(title="Mock interview coach", analytics_enabled=False) as demo:
        gr.Markdown(
            "# Mock interview coach\nPractise a Python backend interview: one question at a time, "
            "follow-ups on what you missed, and scores that show their evidence. "
            f"Coaches: [review desk]({settings.root_path}{COACH_PATH}/)."
        )
        room, session_id, code, code_box, outputs = build_candidate_tab(
            engine, banner, settings.default_questions
        )
        # Reloading the page resumes the interview held in this browser.
        demo.load(room.resume, [session_id], outputs)
        demo.load(lambda value: value, [code], [code_box])
    allow_parallel_handlers(demo, settings.worker_threads)
    return demo


def allow_parallel_handlers(blocks: gr.Blocks, threads: int) -> None:
    """Let `threads` events run at once. Gradio sizes its queue workers from max_threads
    when the queue is created (40 by default), and launch() is not what serves a mounted app,
    so both are set here."""
    blocks.max_threads = threads
    blocks.queue(default_concurrency_limit=threads)
    blocks.create_limiter()


def coach_auth(settings: Settings) -> Any:
    """A checker for the configured coach credentials (constant-time comparison)."""
    assert settings.coach_password is not None
    username = settings.coach_username
    password = settings.coach_password.get_secret_value()

    def check(given_user: str, given_password: str) -> bool:
        return hmac.compare_digest(given_user.encode(), username.encode()) and hmac.compare_digest(
            given_password.encode(), password.encode()
        )

    return check


def disabled_coach_app() -> gr.Blocks:
    with gr.Blocks(title="Coach review desk", analytics_enabled=False) as blocks:
        gr.Markdown(
            "# Coach review desk is disabled\nSet `INTERVIEWER_COACH_PASSWORD` (and optionally "
            "`INTERVIEWER_COACH_USERNAME`) and restart to enable it. There is no default password."
        )
    return blocks


def build_server(engine: InterviewEngine, settings: Settings) -> Any:
    """The FastAPI app with both Gradio apps mounted."""
    from fastapi import FastAPI

    @contextlib.asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        # Handlers block on the engine in worker threads; the default pool of 40 would queue
        # the 41st concurrent candidate behind the others.
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
        yield

    server = FastAPI(lifespan=lifespan)
    root = settings.root_path or None
    if settings.coach_password and settings.coach_password.get_secret_value():
        gr.mount_gradio_app(
            server,
            build_coach_app(engine),
            path=COACH_PATH,
            auth=coach_auth(settings),
            auth_message="Coach login",
            root_path=f"{settings.root_path}{COACH_PATH}" if root else None,
            show_error=False,
            footer_links=[],
        )
    else:
        gr.mount_gradio_app(
            server, disabled_coach_app(), path=COACH_PATH, show_error=False, footer_links=[]
        )
    gr.mount_gradio_app(
        server,
        build_candidate_app(engine, settings),
        path="/",
        root_path=root,
        show_error=False,
        footer_links=["api"],
    )
    return server


def serve(settings: Settings) -> None:
    import uvicorn

    from interviewer.interview.factory import build_engine

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    keep_memory_flat(settings.memory_trim_s)  # before the engine and server start threads
    engine = build_engine(settings)
    server = build_server(engine, settings)
    print(
        f"Serving on http://{settings.host}:{settings.port}{settings.root_path}/  "
        f"(coach desk at {COACH_PATH}/)",
        flush=True,
    )
    uvicorn.run(
        server,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        root_path=settings.root_path or "",
    )
