"""Assemble and serve the Gradio application."""

from __future__ import annotations

import os

import gradio as gr

from interviewer.config import Settings
from interviewer.interview.engine import InterviewEngine
from interviewer.ui import views
from interviewer.ui.candidate import build_candidate_tab

CONCURRENCY = 64  # handlers block on the engine; let many candidates run at once


def build_app(engine: InterviewEngine, settings: Settings) -> gr.Blocks:
    banner = views.brain_banner(engine.brain.label, settings.uses_llm)
    with gr.Blocks(title="Mock interview coach", analytics_enabled=False) as demo:
        gr.Markdown(
            "# Mock interview coach\nPractise a Python backend interview: one question at a time, "
            "follow-ups on what you missed, and scores that show their evidence."
        )
        with gr.Tab("Interview"):
            room, session_id, outputs = build_candidate_tab(
                engine, banner, settings.default_questions
            )
        # Reloading the page resumes the interview held in this browser.
        demo.load(room.resume, [session_id], outputs)
    demo.queue(default_concurrency_limit=CONCURRENCY)
    return demo


def serve(settings: Settings) -> None:
    from interviewer.interview.factory import build_engine

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    engine = build_engine(settings)
    demo = build_app(engine, settings)
    demo.launch(
        server_name=settings.host,
        server_port=settings.port,
        root_path=settings.root_path or None,
        show_error=False,
        footer_links=["api"],
    )
