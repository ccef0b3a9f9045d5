"""Assemble and serve the application: the candidate's room at /, the coach's desk at /coach.

The two are separate Gradio apps in one server, so the coach app (its pages, API and files)
sits behind `CoachGate` while candidates need no login. Around both, outermost first:
`SecurityHeadersMiddleware` (Host check, CSP and friends), `ClientLimitsMiddleware` (floods,
body sizes, uploads), `CoachGate`. SECURITY.md describes the threat model.

Mounting a Gradio app does not mark it as launched, and Gradio skips its allowed-path check
for apps that were never launched: `_mount` marks them, so no input anywhere can name a
server file that Gradio's own upload route did not create.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import importlib.util
import logging
import sys
import time
from collections.abc import AsyncIterator, Callable
from typing import Any
from urllib.parse import urlsplit

import anyio
import gradio as gr
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from interviewer.coach.accounts import Accounts, DeskUser
from interviewer.coach.cohorts import CohortError, cohort_for, sessions_csv
from interviewer.config import Settings
from interviewer.interview.engine import InterviewEngine
from interviewer.storage.repository import SessionNotFound
from interviewer.ui import views
from interviewer.ui.candidate import AFTER_EACH, CandidateRoom, build_candidate_room
from interviewer.ui.coach import build_coach_app
from interviewer.ui.coach_auth import (
    MAX_FORM_BYTES,
    CoachAuth,
    LoginRefused,
    cookie_token,
    login_page,
    parse_form,
)
from interviewer.ui.downloads import Download, DownloadNotFound, Downloads
from interviewer.ui.headers import SecurityHeadersMiddleware
from interviewer.ui.limits import ClientLimits, ClientLimitsMiddleware, client_address
from interviewer.ui.signing import load_secret

COACH_PATH = "/coach"
OPEN_COACH_PATHS = (f"{COACH_PATH}/login", f"{COACH_PATH}/logout")
GATE_CACHE_S = 10.0
QUEUE_POLL_S = 0.005
PROGRESS_POLL_S = 0.1
ANALYTICS_EVENTS = 200
ANALYTICS_EVERY = 10_000
log = logging.getLogger(__name__)


def _relative(scope: dict[str, Any]) -> str:
    path: str = scope.get("path", "")
    root: str = scope.get("root_path", "")
    return path[len(root) :] if root and path.startswith(root) else path


class CoachGate:
    """Nothing under the coach path answers without a valid coach login."""

    def __init__(self, app: Callable[..., Any], auth: CoachAuth) -> None:
        self.app = app
        self.auth = auth
        self._seen: dict[str, tuple[str | None, float]] = {}

    def user(self, token: str | None) -> str | None:
        if not token:
            return None
        key = hashlib.sha256(token.encode()).hexdigest()
        cached = self._seen.get(key)
        if cached is not None and time.monotonic() - cached[1] < GATE_CACHE_S:
            return cached[0]
        user = self.auth.user_for(token)
        if len(self._seen) > 10_000:
            self._seen.clear()
        self._seen[key] = (user, time.monotonic())
        return user

    def forget(self, token: str | None) -> None:
        if token:
            self._seen.pop(hashlib.sha256(token.encode()).hexdigest(), None)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        path = _relative(scope)
        guarded = path == COACH_PATH or path.startswith(f"{COACH_PATH}/")
        if scope["type"] not in ("http", "websocket") or not guarded or path in OPEN_COACH_PATHS:
            await self.app(scope, receive, send)
            return
        if await anyio.to_thread.run_sync(self.user, cookie_token(scope)) is not None:
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        page = path in (COACH_PATH, f"{COACH_PATH}/") and scope.get("method") == "GET"
        response: Response = (
            RedirectResponse(f"{scope.get('root_path', '')}{COACH_PATH}/login", status_code=303)
            if page
            else JSONResponse({"detail": "Log in to the coach desk first."}, status_code=401)
        )
        await response(scope, receive, send)


def _file_response(download: Download) -> Response:
    return Response(
        download.content,
        media_type=download.media_type,
        headers={
            "content-disposition": f'attachment; filename="{download.filename}"',
            "cache-control": "no-store",
        },
    )


def _mount(server: FastAPI, blocks: gr.Blocks, path: str, **options: Any) -> None:
    gr.mount_gradio_app(server, blocks, path=path, **options)
    # A mounted app is never "launched", and Gradio checks file paths only for launched
    # apps: mark it, so inputs may only name files its own upload route created.
    blocks.has_launched = True
    blocks.is_running = True  # also turns on the event stream's heartbeats


def state_secret(key: bytes) -> str:
    """The key BrowserState encrypts with: stable across restarts and workers."""
    return hmac.new(key, b"browser-state", hashlib.sha256).hexdigest()[:32]


def build_candidate_app(
    room: CandidateRoom, settings: Settings, key: bytes, delete_cache: tuple[int, int]
) -> gr.Blocks:
    banner = views.brain_banner(room.engine.brain.label, settings.uses_llm)
    with gr.Blocks(
        title="Mock interview coach", analytics_enabled=False, delete_cache=delete_cache
    ) as demo:
        gr.Markdown(
            "# Mock interview coach\nPractise a Python backend interview: one question at a time, "
            "follow-ups on what you missed, and scores that show their evidence. "
            "Coaches: [review desk](coach/)."
        )
        parts, session_state, code_state, code_box = build_candidate_room(
            room, banner, settings.default_questions, state_secret(key)
        )

        def on_load(session_id: str, request: gr.Request) -> dict[Any, Any]:
            return parts.with_editor(room.resume(session_id, AFTER_EACH, request), "", "")

        # Reloading the page resumes the interview held in this browser (an open coding
        # exercise comes back with its starter code: the editor's text is not kept).
        demo.load(on_load, [session_state], [*parts.outputs(), parts.editor, parts.editor_problem])
        demo.load(lambda value: value, [code_state], [code_box])
    blocks: gr.Blocks = demo
    return blocks


def no_matplotlib_probe() -> None:
    """Gradio imports matplotlib around every event to switch its backend; where it is not
    installed, each failed import searches the whole path (~2 ms an event, twice). Marking
    it absent makes that import fail at once, as it would anyway."""
    if "matplotlib" not in sys.modules and importlib.util.find_spec("matplotlib") is None:
        sys.modules["matplotlib"] = None  # type: ignore[assignment]


def allow_parallel_handlers(blocks: gr.Blocks, settings: Settings) -> None:
    """Let `worker_threads` events run at once with a bounded queue. Gradio sizes its queue
    workers from max_threads when the queue is created, and launch() is not what serves a
    mounted app, so both are set here."""
    blocks.max_threads = settings.worker_threads
    blocks.queue(default_concurrency_limit=settings.worker_threads, max_size=settings.queue_size)
    blocks.create_limiter()  # type: ignore[no-untyped-call]
    # Gradio's queue looks for new events every 1 ms and for progress every 10 ms, even
    # with nothing queued: ~80 ms of CPU a second for the two apps of an idle process,
    # which a second worker on the same cores pays again. Every QUEUE_POLL_S is plenty
    # beside a model that answers in seconds (docs/decisions/014-scale-out.md).
    queue = blocks._queue
    queue.sleep_when_free = QUEUE_POLL_S
    queue.progress_update_sleep_when_free = PROGRESS_POLL_S
    # After every event Gradio also rebuilds a pandas summary of the last 10,000 events (for
    # its monitoring page, which this app does not serve): a cost per event that grows with
    # traffic. Keep a short history and summarise it rarely.
    queue.ANALYTICS_MAX_EVENTS = ANALYTICS_EVENTS
    queue.ANAYLTICS_CACHE_FREQUENCY = ANALYTICS_EVERY  # sic: Gradio's spelling


def build_server(engine: InterviewEngine, settings: Settings) -> FastAPI:
    """The ASGI app: both Gradio apps, the coach login, the download routes, the guards."""
    no_matplotlib_probe()
    key = load_secret(settings)
    limits = ClientLimits(settings)
    downloads = Downloads(engine, settings, key)
    accounts = Accounts(engine.repo, settings)
    auth = CoachAuth(engine.repo, accounts, settings)
    ttl = int(settings.file_ttl_hours * 3600)
    delete_cache = (min(ttl, 3600), ttl)  # sweep Gradio's cache hourly; files live `ttl`

    @contextlib.asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        # Handlers block on the engine in worker threads; the default pool of 40 would queue
        # the 41st concurrent candidate behind the others.
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
        yield

    server = FastAPI(lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    root = settings.root_path.rstrip("/")
    public = f"{settings.resolved_public_url}{root}"
    cookie_path = f"{urlsplit(public).path}{COACH_PATH}"
    gate = CoachGate(server, auth)

    @server.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @server.get(f"{COACH_PATH}/login", include_in_schema=False)
    def login_form(request: Request) -> Response:
        if gate.user(request.cookies.get("interviewer_coach")) is not None:
            return RedirectResponse("./", status_code=303)
        if not auth.accounts.enabled:
            return HTMLResponse(
                login_page(
                    "login",
                    "The coach desk is disabled: set INTERVIEWER_COACH_PASSWORD "
                    "(and optionally INTERVIEWER_COACH_USERNAME) and restart.",
                ),
                status_code=403,
            )
        return HTMLResponse(login_page("login"))

    @server.post(f"{COACH_PATH}/login", include_in_schema=False)
    async def login_submit(request: Request) -> Response:
        origin = request.headers.get("origin")
        foreign = origin not in (None, "null") and (
            (urlsplit(origin).hostname or "") not in settings.host_allowlist
        )
        if foreign:
            return HTMLResponse(login_page("login", "Log in from this site's own page."), 403)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_FORM_BYTES:
                return HTMLResponse(login_page("login", "That form is too large."), 413)
        form = parse_form(body)
        address = client_address(request.scope)
        try:
            token = await anyio.to_thread.run_sync(
                auth.login, form.get("username", ""), form.get("password", ""), address
            )
        except LoginRefused as exc:
            headers = (
                {"retry-after": str(max(1, round(exc.retry_after)))} if exc.retry_after else {}
            )
            return HTMLResponse(login_page("login", str(exc)), exc.status, headers=headers)
        response = RedirectResponse("./", status_code=303)
        response.headers.append("set-cookie", auth.cookie(token, cookie_path))
        return response

    @server.post(f"{COACH_PATH}/logout", include_in_schema=False)
    def logout(request: Request) -> Response:
        token = request.cookies.get("interviewer_coach")
        auth.logout(token)
        gate.forget(token)
        response = RedirectResponse("login", status_code=303)
        response.headers.append("set-cookie", auth.cleared_cookie(cookie_path))
        return response

    @server.get("/files/{token}", include_in_schema=False)
    def candidate_file(token: str) -> Response:
        try:
            return _file_response(downloads.candidate_file(token))
        except DownloadNotFound as exc:
            return JSONResponse({"detail": str(exc)}, status_code=404)

    def coach_user(request: Request) -> str | None:
        return gate.user(request.cookies.get("interviewer_coach"))

    def desk_user(request: Request) -> DeskUser | None:
        name = coach_user(request)
        return accounts.user(name) if name else None

    def who(request: gr.Request | None) -> DeskUser:
        """The desk's user from the login Gradio was given (`auth_dependency`)."""
        name = request.username if request is not None else None
        user = accounts.user(name) if name else None
        if user is None:
            raise gr.Error("Your login has ended or the account is disabled; log in again.")
        return user

    @server.get(f"{COACH_PATH}/files/transcript/{{session_id}}.{{fmt}}", include_in_schema=False)
    def coach_transcript(session_id: str, fmt: str, request: Request) -> Response:
        user = desk_user(request)
        try:
            if user is None or (
                not user.admin
                and not user.sees(engine.repo.get_session(session_id[:100]).cohort_id)
            ):
                raise DownloadNotFound("No such transcript among your sessions.")
            return _file_response(downloads.transcript_file(session_id, fmt))
        except (DownloadNotFound, SessionNotFound) as exc:
            return JSONResponse({"detail": str(exc)}, status_code=404)

    @server.get(f"{COACH_PATH}/files/labels-{{kind}}.jsonl", include_in_schema=False)
    def coach_labels(kind: str, request: Request) -> Response:
        user = desk_user(request)
        if user is None or not user.admin:
            return JSONResponse({"detail": "Only an admin exports every override."}, 403)
        try:
            return _file_response(downloads.labels_file(kind))
        except DownloadNotFound as exc:
            return JSONResponse({"detail": str(exc)}, status_code=404)

    @server.get(f"{COACH_PATH}/files/cohort/{{cohort_id}}.csv", include_in_schema=False)
    def cohort_csv(cohort_id: str, request: Request) -> Response:
        user = desk_user(request)
        try:
            if user is None:
                raise CohortError("Log in again.")
            cohort = cohort_for(engine.repo, user, cohort_id)
        except CohortError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=404)
        return Response(
            sessions_csv(engine.repo, cohort),
            media_type="text/csv",
            headers={"content-disposition": f'attachment; filename="cohort-{cohort.id}.csv"'},
        )

    coach = build_coach_app(
        engine, delete_cache=delete_cache, accounts=accounts, settings=settings, who=who
    )
    allow_parallel_handlers(coach, settings)
    _mount(
        server,
        coach,
        COACH_PATH,
        auth_dependency=coach_user,
        root_path=f"{root}{COACH_PATH}" if root else None,
        show_error=False,
        footer_links=[],
        run_history=False,
        max_file_size=int(settings.max_upload_mb * 1024 * 1024),
    )
    room = CandidateRoom(engine, downloads, limits)
    candidate = build_candidate_app(room, settings, key, delete_cache)
    allow_parallel_handlers(candidate, settings)
    _mount(
        server,
        candidate,
        "/",
        root_path=root or None,
        show_error=False,
        footer_links=["api"],
        run_history=False,
        max_file_size=int(settings.max_upload_mb * 1024 * 1024),
    )
    wrapped: FastAPI = _wrap(server, gate, limits, settings)
    return wrapped


def _wrap(server: FastAPI, gate: CoachGate, limits: ClientLimits, settings: Settings) -> Any:
    """The guards around the app, as plain ASGI middleware (outermost first)."""

    class Guarded:
        def __init__(self) -> None:
            self.server = server
            self.gate = gate
            limited = ClientLimitsMiddleware(
                gate,
                limits,
                max_body=settings.max_request_kb * 1024,
                # The candidate app takes a CV, the desk a question bank (behind the coach
                # login, which the gate inside checks); each is read once and deleted.
                upload_paths=("/gradio_api/upload", f"{COACH_PATH}/gradio_api/upload"),
                max_upload=int(settings.max_upload_mb * 1024 * 1024),
            )
            self.app = SecurityHeadersMiddleware(
                limited,
                allowed_hosts=settings.host_allowlist,
                public_url=settings.resolved_public_url,
                pin_public_url=settings.public_url is not None,
            )

        async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] == "lifespan":
                await self.server(scope, receive, send)
                return
            await self.app(scope, receive, send)

    return Guarded()


def serve(app: Any, settings: Settings) -> None:
    where = (
        f"worker {settings.worker_name} on port {settings.port}, for "
        if settings.worker_name
        else ""
    )
    print(
        f"Serving {where}{settings.resolved_public_url}{settings.root_path}/  "
        f"(coach desk at {COACH_PATH}/)",
        flush=True,
    )
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        root_path=settings.root_path or "",
        proxy_headers=bool(settings.forwarded_allow_ips),
        forwarded_allow_ips=settings.forwarded_allow_ips or None,
        # On SIGTERM, in-flight requests get 5 s; then open event streams (a browser or an
        # API client that stays connected) are closed instead of holding the exit forever.
        timeout_graceful_shutdown=5,
    )
