"""The `interviewer` command: one entry point, one subcommand per job."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewer.config import Settings, load_settings
from interviewer.errors import UserError

if TYPE_CHECKING:
    from interviewer.knowledge.loader import KnowledgeBase


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", type=Path, help="where local state lives (INTERVIEWER_DATA_DIR)"
    )
    parser.add_argument(
        "--knowledge-dir", type=Path, help="knowledge folder (INTERVIEWER_KNOWLEDGE_DIR)"
    )
    parser.add_argument(
        "--chroma-host", help="use a Chroma server at this host (INTERVIEWER_CHROMA_HOST)"
    )
    parser.add_argument(
        "--chroma-port", type=int, help="Chroma server port (INTERVIEWER_CHROMA_PORT)"
    )


def _settings(args: argparse.Namespace) -> Settings:
    from interviewer.redaction import install_log_redaction, register_secret

    settings = load_settings(
        data_dir=getattr(args, "data_dir", None),
        knowledge_dir=getattr(args, "knowledge_dir", None),
        chroma_host=getattr(args, "chroma_host", None),
        chroma_port=getattr(args, "chroma_port", None),
        model=getattr(args, "model", None),
    )
    for secret in (settings.api_key, settings.coach_password, settings.secret_key):
        register_secret(secret.get_secret_value() if secret else None)
    install_log_redaction()
    return settings


def cmd_setup(args: argparse.Namespace) -> int:
    from interviewer.assets import install_all

    settings = _settings(args)
    for line in install_all(settings.resolved_assets_dir):
        print(f"verified  {line}")
    if args.test_model:
        from interviewer.assets import install_tiny_model

        print(f"verified  test model {install_tiny_model(settings.resolved_assets_dir)}")
    if args.local_model:
        from interviewer.assets import install_local_model

        print(f"verified  local model {install_local_model(settings.resolved_assets_dir)}")
    return 0


def cmd_local_server(args: argparse.Namespace) -> int:
    """Serve the pinned local model with llama-cpp-python's OpenAI-compatible server."""
    import importlib.util
    import os

    from interviewer.assets import LOCAL_MODEL_ALIAS, install_local_model

    if importlib.util.find_spec("llama_cpp") is None:
        raise UserError("llama-cpp-python[server] is not installed: run `make install-dev`")
    settings = _settings(args)
    model = install_local_model(settings.resolved_assets_dir)
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(model),
        "--model_alias",
        LOCAL_MODEL_ALIAS,
        "--n_ctx",
        "4096",
        "--n_threads",
        str(args.threads),
        "--host",
        "127.0.0.1",
        "--port",
        str(args.port),
    ]
    print(f"serving {model.name} as {LOCAL_MODEL_ALIAS} on http://127.0.0.1:{args.port}/v1")
    os.execv(sys.executable, command)
    return 0  # pragma: no cover (execv does not return)


def cmd_profile(args: argparse.Namespace) -> int:
    """The profile extracted from a CV or README, and the project questions it leads to."""
    from interviewer.knowledge.loader import load_knowledge
    from interviewer.profile.questions import project_questions
    from interviewer.profile.reader import read_document

    settings = _settings(args)
    path: Path = args.file
    if not path.is_file():
        raise UserError(f"{path}: no such file")
    document = read_document(path.read_bytes(), path.name)
    kb = load_knowledge(settings.knowledge_dir)
    from interviewer.wiring import make_brain  # heavy: only once the file is readable

    # With a model, it finds the projects by line number; offline (or when it fails,
    # labelled in `extractor` and the notes) the offline reader does.
    profile = make_brain(settings, kb=kb).read_profile(document.text, [])
    profile.notes = document.notes + profile.notes
    questions = project_questions(profile, kb, job=args.job)
    if args.json:
        print(
            json.dumps(
                {
                    "file": path.name,
                    "read_as": document.kind,
                    "profile": profile.model_dump(),
                    "questions": [q.__dict__ for q in questions],
                },
                indent=2,
                default=list,
            )
        )
        return 0
    print(
        f"{path.name} ({document.kind}, read by {profile.extractor}): {len(profile.projects)} project(s)"
    )
    for project in profile.projects:
        print(
            f"- {project.name} [{', '.join(project.stack) or 'no stack found'}] role={project.role}"
        )
    for note in profile.notes:
        print(f"note: {note}")
    print("questions:")
    for question in questions:
        print(f"- ({question.kind}, {question.knowledge_id}) {question.text}")
    return 0


def cmd_code(args: argparse.Namespace) -> int:
    """List the coding problems, or judge a solution file in the sandbox."""
    from interviewer.wiring import code_runner

    settings = _settings(args)
    runner = code_runner(settings)
    try:
        if args.action == "list":
            rows = [
                {
                    "id": p.id,
                    "title": p.title,
                    "topic": p.topic.value,
                    "difficulty": p.difficulty,
                    "function": p.function,
                    "complexity": p.complexity.value,
                }
                for p in runner.problems.values()
            ]
            if args.json:
                print(json.dumps(rows, indent=2))
            else:
                for row in rows:
                    print(
                        f"{row['id']:32} {row['topic']:20} {row['difficulty']:7} "
                        f"{row['complexity']:11} {row['function']}()"
                    )
            return 0
        if args.problem is None or args.file is None:
            raise UserError("code run needs --problem ID and --file solution.py")
        problem = runner.problem(args.problem)
        if args.show:
            print(problem.statement.strip())
            print()
            print(problem.starter_code())
            return 0
        path: Path = args.file
        if not path.is_file():
            raise UserError(f"{path}: no such file")
        try:
            code = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise UserError(f"{path}: not UTF-8 text") from None
        verdict = runner.judge(problem.id, code, "run" if args.examples_only else "submit")
    finally:
        runner.close()
    if args.json:
        print(verdict.model_dump_json(indent=2))
    else:
        print(f"{problem.id}: {verdict.status}: {verdict.summary()}")
        if verdict.first_failure:
            failure = verdict.first_failure
            print(f"  first failing case: {failure.name}")
            print(f"    input:    {failure.input}")
            print(f"    expected: {failure.expected}")
            print(f"    got:      {failure.got or failure.error}")
        for finding in verdict.findings:
            print(f"  ruff {finding.code} line {finding.line}: {finding.message}")
        if verdict.output.strip():
            print("  output:")
            for line in verdict.output.strip().splitlines()[:20]:
                print(f"    {line}")
    return 0 if verdict.status == "passed" else 1


def _knowledge(settings: Settings) -> KnowledgeBase:
    """The guide plus the coaches' published banks (a broken guide file: one line)."""
    from interviewer.coach.banks import with_published_banks
    from interviewer.knowledge.loader import load_knowledge
    from interviewer.storage.repository import Repository

    guide = load_knowledge(settings.knowledge_dir)
    return with_published_banks(guide, Repository(settings.resolved_database_url))


def cmd_bank(args: argparse.Namespace) -> int:
    from interviewer.coach import banks
    from interviewer.knowledge.loader import load_knowledge
    from interviewer.storage.repository import Repository

    settings = _settings(args)
    if args.action == "import" and args.file is None:
        raise UserError("bank import needs the file: interviewer bank import FILE")
    if args.action in ("export", "publish", "show") and not args.bank:
        raise UserError(f"bank {args.action} needs --bank NAME")
    if args.action == "import" and not args.file.is_file():
        raise UserError(f"{args.file}: no such file")
    guide = load_knowledge(settings.knowledge_dir)
    repo = Repository(settings.resolved_database_url)
    actor = args.actor
    if args.action == "list":
        for version in repo.bank_versions():
            live = "published" if version.published else "draft"
            print(
                f"{version.bank}@{version.version}  {live:9}  {version.question_count:4} questions  "
                f"{version.source_name}  by {version.created_by} {version.created_at:%Y-%m-%d %H:%M}"
            )
        return 0
    if args.action == "export":
        print(banks.export_yaml(banks.find_version(repo, args.bank, args.version)), end="")
        return 0
    if args.action == "publish":
        found = banks.find_version(repo, args.bank, args.version)
        repo.publish_bank(found.bank, found.version, actor=actor)
        print(f"published {found.bank}@{found.version} ({found.question_count} questions)")
        return 0
    if args.action == "show":
        found = banks.find_version(repo, args.bank, args.version)
        for question in banks.stored_questions(found):
            print(f"{question.id}  [{question.difficulty.value}, {question.type.value}]")
            print(f"  {question.question}")
            for number, point in enumerate(question.key_points, start=1):
                print(f"    {number}. {point.text}")
        return 0
    deriver = None
    if args.derive_with_model:
        from interviewer.llm.usage import LLMCall
        from interviewer.wiring import make_brain

        if not settings.uses_llm:
            raise UserError("--derive-with-model needs a model: set INTERVIEWER_MODEL or a key")
        brain = make_brain(settings, kb=guide)
        calls: list[LLMCall] = []

        def deriver(question: str, reference: str) -> Any:
            return brain.derive_points(question, reference, calls)

    result = banks.import_bank(
        repo,
        guide,
        args.file.read_bytes(),
        args.file.name,
        bank=args.bank,
        title=args.title,
        actor=actor,
        publish=not args.draft,
        dry_run=args.dry_run,
        deriver=deriver,
    )
    embedded = ""
    if result.published:
        from interviewer.knowledge.ingest import ingest

        kb = banks.with_published_banks(guide, repo)
        embedded = ingest(settings, progress=False, kb=kb).line()
    if args.json:
        for line in result.question_lines():
            print(json.dumps({"question": line}))
        for problem in result.problem_lines():
            print(json.dumps({"problem": problem}))
        print(json.dumps({"summary": result.summary() | {"embedded": embedded}}))
    else:
        for problem in result.problem_lines():
            print(f"problem: {problem['text']}", file=sys.stderr)
        state = (
            "dry run, nothing stored"
            if args.dry_run
            else ("published" if result.published else "stored as a draft")
        )
        where = f"{result.built.name}@{result.version}" if result.version else result.built.name
        print(
            f"{where}: {len(result.built.questions)} questions imported, "
            f"{len(result.built.problems)} problems ({state}) in {result.seconds:.2f}s"
        )
        if embedded:
            print(embedded)
    if not result.built.questions:
        raise UserError(f"{args.file.name}: no question could be imported; see the problems above")
    return 0


def cmd_coach(args: argparse.Namespace) -> int:
    from interviewer.coach.accounts import Accounts
    from interviewer.storage.repository import Repository

    settings = _settings(args)
    if args.action == "add" and not args.username:
        raise UserError("coach add needs the user name: interviewer coach add NAME [--role coach]")
    password = ""
    if args.action == "add":
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            import getpass

            password = getpass.getpass(f"Password for {args.username}: ")
    accounts = Accounts(Repository(settings.resolved_database_url), settings)
    if args.action == "add":
        created = accounts.add(args.username, password, args.role, actor="cli")
        print(f"{'created' if created else 'updated'} {args.role} {args.username.strip().lower()}")
        return 0
    if args.action == "disable":
        accounts.disable(args.username or "", actor="cli")
        print(f"disabled {args.username}")
        return 0
    for account in accounts.repo.accounts():
        state = "disabled" if account.disabled else "active"
        print(f"{account.username:30} {account.role:6} {state:8} added by {account.created_by}")
    return 0


def cmd_cohort(args: argparse.Namespace) -> int:
    from datetime import date

    from interviewer.coach import cohorts
    from interviewer.coach.accounts import Accounts, DeskUser
    from interviewer.storage.repository import Repository

    settings = _settings(args)
    kb = _knowledge(settings)
    repo = Repository(settings.resolved_database_url)
    admin = Accounts(repo, settings).user(args.as_user) if args.as_user else None
    user = admin or DeskUser("cli", "admin", None)
    if args.action == "create":
        settings_of = cohorts.parse_settings(
            {"questions": args.questions, "difficulty": args.difficulty, "coding": args.coding}
        )
        cohort = cohorts.create_cohort(
            repo,
            kb,
            user,
            name=args.name or "",
            bank=args.bank,
            settings=settings_of,
            starts_on=args.starts or "",
            ends_on=args.ends or "",
            owner=args.owner,
        )
        print(
            f"cohort {cohort.id} {cohort.name!r} for {cohort.owner}: join code {cohort.join_code}"
        )
        return 0
    if args.action == "dashboard":
        cohort = cohorts.cohort_for(repo, user, args.id or "")
        if args.csv:
            print(cohorts.sessions_csv(repo, cohort), end="")
            return 0
        board = cohorts.dashboard(repo, kb, cohort)
        print(board.summary().replace("**", "").replace("`", ""))
        for area, answers, mean, low in board.areas:
            print(f"  {area:40} {answers:5} answers  mean {mean:5.1f}%  below 50%: {low:5.1f}%")
        for question, point, seen, missed in board.key_points[:10]:
            print(f"  missed {missed:5.1f}% of {seen:4}: {question}: {point[:70]}")
        return 0
    today = date.today().isoformat()
    for cohort in cohorts.visible_cohorts(repo, user):
        state = "closed" if cohort.ends_on and cohort.ends_on < today else "open"
        print(f"{cohort.id}  {cohort.join_code}  {state:6} {cohort.owner:20} {cohort.name}")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    settings = _settings(args)
    kb = _knowledge(settings)  # a broken file: one line, before Chroma loads
    from interviewer.knowledge.ingest import ingest

    summary = ingest(
        settings,
        args.paths,
        prune_extras=args.prune_extras,
        notes_area=args.area,
        progress=not args.quiet,
        kb=kb,
    )
    for problem in summary.skipped:
        print(f"skipped: {problem}", file=sys.stderr)
    print(summary.line())
    return 0


def _brain_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model", help="'offline' (default without a key) or e.g. openai:gpt-4o-mini"
    )


def cmd_score(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.batch is not None:
        if args.answer is not None or _single_question(args) is not None:
            raise UserError("--batch reads the questions and answers from the file: drop --answer")
        if not args.json:
            raise UserError("--batch prints one JSON line per answer: add --json")
        if str(args.batch) != "-" and not args.batch.is_file():
            raise UserError(f"{args.batch}: no such file")
    elif args.answer is None or _single_question(args) is None:
        wanted = "--question-id" if args.kind == "technical" else "--question"
        raise UserError(f"give {wanted} and --answer, or --batch FILE")
    # The question first: a wrong id is a one-line error before anything heavy loads.
    kb = _knowledge(settings)
    question = (
        kb.question(args.question_id) if args.kind == "technical" and args.batch is None else None
    )

    from interviewer import tokens
    from interviewer.brains import prepare_answer
    from interviewer.exports.score import score_text
    from interviewer.llm.usage import LLMCall
    from interviewer.wiring import make_brain

    tokens.configure(settings.resolved_assets_dir)
    brain = make_brain(settings, kb=kb)
    if args.batch is not None:
        from interviewer.evals.batch import score_batch

        lines = sys.stdin if str(args.batch) == "-" else args.batch.open(encoding="utf-8")
        with lines:
            for out in score_batch(brain, kb, args.kind, lines):
                print(out, flush=True)
        return 0
    answer = prepare_answer(str(args.answer))
    log: list[LLMCall] = []
    if question is None:
        record = brain.score_star(args.question, answer, log)
    else:
        record = brain.score_technical(question, answer, log)
    if args.json:
        print(record.model_dump_json(indent=2))
    else:
        print(score_text(record))
    return 0


def _single_question(args: argparse.Namespace) -> str | None:
    return getattr(args, "question_id", None) or getattr(args, "question", None)


def cmd_simulate(args: argparse.Namespace) -> int:
    from interviewer.evals.scripts import ScriptError, load_script
    from interviewer.knowledge.loader import load_knowledge

    settings = _settings(args)
    if not args.script.is_file():
        raise ScriptError(f"{args.script}: no such script file")
    kb = load_knowledge(settings.knowledge_dir)
    script = load_script(args.script, kb)  # a bad line is a one-line error, before models load

    from interviewer import tokens
    from interviewer.evals.simulate import render, simulate
    from interviewer.wiring import make_brain

    tokens.configure(settings.resolved_assets_dir)
    turns = simulate(
        kb, make_brain(settings, kb=kb), script, max_follow_ups=settings.max_follow_ups
    )
    if args.json:
        print(render(turns))
    else:
        for turn in turns:
            for line in turn.get("said", []):
                print(f"interviewer: {line}")
            if turn["kind"] != "end":
                print(f"  [{turn['kind']}; {turn['note'] or 'main question'}]")
                print(f"candidate: {turn['answer']}  ->  {turn['status']} {turn['score'] or ''}")
    return 0


def cmd_interview(args: argparse.Namespace) -> int:
    from interviewer.interview.plan import build_plan

    settings = _settings(args)
    kb = _knowledge(settings)
    areas = args.areas
    if args.bank:
        if areas:
            raise UserError("--bank asks from that bank's areas; drop --areas")
        areas = kb.bank_areas(args.bank)
        if not areas:
            raise UserError(
                f"no published bank named {args.bank[:60]!r}; `interviewer bank list` shows them"
            )
    # The plan first: a wrong area or length is a one-line error before the engine loads.
    plan = None
    if args.resume and args.cv:
        raise UserError("--cv starts a new interview; --resume continues one: use one of them")
    brain = None  # built for reading the CV, then the interview's own
    if not args.resume:
        profile = None
        if args.cv is not None:
            from interviewer.profile.reader import read_document
            from interviewer.wiring import make_brain

            if not args.cv.is_file():
                raise UserError(f"{args.cv}: no such file")
            document = read_document(args.cv.read_bytes(), args.cv.name)
            brain = make_brain(settings, kb=kb)
            profile = brain.read_profile(document.text, [])
            profile.notes = document.notes + profile.notes
            found = ", ".join(p.name for p in profile.projects) or "no projects (bank questions)"
            print(f"CV {args.cv.name}: {found}")
        plan = build_plan(
            kb,
            areas=areas,
            difficulty=args.difficulty,
            questions=args.questions,
            minutes=args.minutes,
            job_description=args.job,
            default_questions=settings.default_questions,
            coding=args.coding,
            profile=profile,
            project_slots=args.project_questions,
        )
    from interviewer.ui.terminal import run_terminal_interview
    from interviewer.wiring import build_engine

    engine = build_engine(settings, kb=kb, brain=brain)
    if plan is None:
        return run_terminal_interview(engine, engine.resume(args.resume))
    return run_terminal_interview(engine, engine.start(args.name, plan))


def _with_address(settings: Settings, args: argparse.Namespace) -> Settings:
    """--host and --port over the configured ones."""
    if not (args.host or args.port):
        return settings
    return load_settings(
        **{**settings.model_dump(exclude_unset=True), "host": args.host, "port": args.port}
    )


def cmd_app(args: argparse.Namespace) -> int:
    settings = _with_address(_settings(args), args)
    from interviewer.ui.memory import keep_memory_flat
    from interviewer.ui.server import serve
    from interviewer.wiring import build_web_app

    keep_memory_flat(settings.memory_trim_s)  # before the engine and server start threads
    serve(build_web_app(settings), settings)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    settings = _with_address(_settings(args), args)
    if not 1 <= args.workers <= 32:
        raise UserError("--workers takes 1 to 32 (one or two per core is what pays)")
    from interviewer.serving.topology import serve_topology

    return serve_topology(settings, args.workers)


def cmd_migrate(args: argparse.Namespace) -> int:
    from interviewer.storage.migrate import head_revision
    from interviewer.storage.repository import Repository

    settings = _settings(args)
    repo = Repository(settings.resolved_database_url)  # migrates, under the database's lock
    print(f"database schema: {repo.migrated_from} -> {head_revision()}")
    return 0


def cmd_deploy_config(args: argparse.Namespace) -> int:
    from interviewer.serving.proxy import compose_plan, haproxy_config

    print(haproxy_config(compose_plan(args.replicas)), end="")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    # Bad inputs are one-line errors before the eval machinery (seconds of imports) loads.
    if args.prompts is not None:
        from interviewer.prompts import check_prompts_dir

        check_prompts_dir(args.prompts)
    from interviewer.evals.datasets import DatasetError

    if args.dataset is not None and args.suite == "profile":
        if not (args.dataset / "labels.jsonl").is_file():
            raise DatasetError(f"{args.dataset}: not a folder of CVs with a labels.jsonl")
    elif args.dataset is not None and not args.dataset.is_file():
        raise DatasetError(f"{args.dataset}: no such dataset file")
    if args.every < 1:
        raise DatasetError("--every needs a whole number of at least 1")
    if args.thresholds is not None and not args.thresholds.is_file():
        raise DatasetError(f"{args.thresholds}: no such thresholds file")
    from interviewer.evals.recording import Mode
    from interviewer.evals.report import write_reports
    from interviewer.evals.runner import EvalOptions, run_eval, summary_lines

    settings = _settings(args)
    mode: Mode = "record" if args.record else "cache" if args.cache else "replay"
    options = EvalOptions(
        suite=args.suite,
        brain=args.brain,
        dataset=args.dataset,
        prompts=args.prompts,
        baseline_prompts=args.baseline_prompts,
        baseline_brain=args.baseline_brain,
        mode=mode,
        samples=args.samples,
        every=args.every,
        progress=not args.json,
    )
    if args.thresholds:
        options.thresholds = args.thresholds
    if args.recordings:
        options.recordings = args.recordings
    results = run_eval(settings, options)
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    else:
        print("\n".join(summary_lines(results)))
    if args.report:
        for path in write_reports(results, args.report):
            print(f"wrote {path}", file=sys.stderr)
    return 0 if results["passed"] else 1


def cmd_bench(args: argparse.Namespace) -> int:
    import runpy

    from interviewer.config import PROJECT_ROOT

    script = PROJECT_ROOT / "bench" / "run.py"
    if not script.is_file():
        print("error: bench/run.py is not here; run from a source checkout", file=sys.stderr)
        return 2
    runpy.run_path(str(script), run_name="__main__")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="interviewer", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    setup = sub.add_parser("setup", help="fetch and verify the offline model files")
    _common(setup)
    setup.add_argument(
        "--test-model",
        action="store_true",
        help="also fetch the tiny GGUF model the local-server tests use (98 MB)",
    )
    setup.add_argument(
        "--local-model",
        action="store_true",
        help="also fetch Qwen2.5-Coder-1.5B-Instruct (1.1 GB), the model recordings come from",
    )
    setup.set_defaults(func=cmd_setup)

    profile = sub.add_parser(
        "profile", help="extract the projects of a CV or README and the questions about them"
    )
    _common(profile)
    profile.add_argument("file", type=Path, help="PDF, DOCX, Markdown or text")
    profile.add_argument("--job", help="a job description: its stack decides which projects lead")
    profile.add_argument("--json", action="store_true", help="print profile and questions as JSON")
    _brain_option(profile)
    profile.set_defaults(func=cmd_profile)

    local = sub.add_parser(
        "local-server", help="serve the pinned local model (OpenAI-compatible, 127.0.0.1)"
    )
    _common(local)
    local.add_argument("--port", type=int, default=8765)
    local.add_argument("--threads", type=int, default=2, help="CPU threads for generation")
    local.set_defaults(func=cmd_local_server)

    code = sub.add_parser("code", help="coding problems: list them, or judge a solution file")
    _common(code)
    code.add_argument("action", choices=["list", "run"])
    code.add_argument("--problem", help="the problem id (see `interviewer code list`)")
    code.add_argument("--file", type=Path, help="the solution, a Python file")
    code.add_argument(
        "--examples-only", action="store_true", help="run the visible examples only (Run)"
    )
    code.add_argument("--show", action="store_true", help="print the statement and starter code")
    code.add_argument("--json", action="store_true", help="print the verdict as JSON")
    code.set_defaults(func=cmd_code)

    bank = sub.add_parser(
        "bank", help="a coach's question bank: import (CSV, JSONL, YAML, Markdown), list, export"
    )
    _common(bank)
    bank.add_argument("action", choices=["import", "list", "show", "export", "publish"])
    bank.add_argument("file", nargs="?", type=Path, help="import: the bank file")
    bank.add_argument("--bank", help="the bank's name (import: default the file's name)")
    bank.add_argument("--title", help="import: the bank's title as candidates see it")
    bank.add_argument("--version", type=int, help="export/show/publish: a version (default live)")
    bank.add_argument("--draft", action="store_true", help="import: store, do not publish")
    bank.add_argument("--dry-run", action="store_true", help="import: check only, store nothing")
    bank.add_argument("--actor", default="cli", help="who is importing (for the audit log)")
    bank.add_argument(
        "--derive-with-model",
        action="store_true",
        help="import: the configured model reads each reference answer into key points "
        "(one call per question without key points; the offline rules when it fails)",
    )
    bank.add_argument(
        "--json", action="store_true", help="import: one JSON line per question and problem"
    )
    bank.set_defaults(func=cmd_bank)

    coach = sub.add_parser("coach", help="desk accounts: add (admin or coach), list, disable")
    _common(coach)
    coach.add_argument("action", choices=["add", "list", "disable"])
    coach.add_argument("username", nargs="?")
    coach.add_argument("--role", choices=["admin", "coach"], default="coach")
    coach.add_argument(
        "--password-stdin", action="store_true", help="read the password from stdin (else asked)"
    )
    coach.set_defaults(func=cmd_coach)

    cohort = sub.add_parser(
        "cohort", help="cohorts: create (prints the join code), list, dashboard"
    )
    _common(cohort)
    cohort.add_argument("action", choices=["create", "list", "dashboard"])
    cohort.add_argument("id", nargs="?", help="dashboard: the cohort id")
    cohort.add_argument("--name")
    cohort.add_argument("--owner", help="the coach who runs it (default: the admin)")
    cohort.add_argument("--bank", help="its question bank (published)")
    cohort.add_argument("--questions", type=int, default=6)
    cohort.add_argument(
        "--difficulty", choices=["easy", "medium", "hard", "mixed"], default="mixed"
    )
    cohort.add_argument("--coding", type=int, default=0)
    cohort.add_argument("--starts", help="opens on (YYYY-MM-DD)")
    cohort.add_argument("--ends", help="closes after (YYYY-MM-DD)")
    cohort.add_argument("--as-user", help="act as this desk account (default: an admin)")
    cohort.add_argument("--csv", action="store_true", help="dashboard: every session as CSV")
    cohort.set_defaults(func=cmd_cohort)

    ingest = sub.add_parser("ingest", help="embed the knowledge base (and extra files) into Chroma")
    _common(ingest)
    ingest.add_argument(
        "paths", nargs="*", type=Path, help="extra Markdown, text or PDF files/folders"
    )
    ingest.add_argument(
        "--prune-extras",
        action="store_true",
        help="remove previously ingested extra files not named this time",
    )
    ingest.add_argument(
        "--area",
        help="the area the extra files' notes ground (a Markdown note's own front matter "
        "'area:' wins; default: any area)",
    )
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.set_defaults(func=cmd_ingest)

    score = sub.add_parser("score", help="score one answer (STAR or technical) and print it")
    score_sub = score.add_subparsers(dest="kind", required=True)
    star = score_sub.add_parser("star", help="score a behavioural answer with STAR")
    star.add_argument("--question")
    technical = score_sub.add_parser(
        "technical", help="score a technical answer against a question's key points"
    )
    technical.add_argument("--question-id")
    for sub_parser in (star, technical):
        _common(sub_parser)
        _brain_option(sub_parser)
        sub_parser.add_argument("--answer")
        sub_parser.add_argument(
            "--batch",
            type=Path,
            help="a JSONL file (or - for stdin): one answer per line in, one score per line out "
            '(technical: {"question_id", "answer"}; star: {"question", "answer"}; "id" optional)',
        )
        sub_parser.add_argument(
            "--json", action="store_true", help="print the score object as JSON"
        )
        sub_parser.set_defaults(func=cmd_score)

    interview = sub.add_parser("interview", help="hold a whole interview in the terminal")
    _common(interview)
    _brain_option(interview)
    interview.add_argument("--name", default="candidate")
    interview.add_argument("--areas", nargs="*", help="areas to cover (default: a balanced mix)")
    interview.add_argument("--bank", help="ask from this coach's bank (its published version)")
    interview.add_argument(
        "--difficulty", choices=["easy", "medium", "hard", "mixed"], default="mixed"
    )
    interview.add_argument("--questions", type=int, help="number of main questions")
    interview.add_argument("--minutes", type=int, help="time budget instead of a question count")
    interview.add_argument("--job", help="a job description to steer the plan")
    interview.add_argument("--resume", help="resume the session with this id")
    interview.add_argument(
        "--cv", type=Path, help="your CV or a project README (PDF, DOCX, Markdown, text)"
    )
    interview.add_argument(
        "--project-questions",
        type=int,
        default=2,
        help="questions about your CV's projects (with --cv; default 2)",
    )
    interview.add_argument(
        "--coding", type=int, default=0, help="coding exercises (0-3; /run and /submit a file)"
    )
    interview.set_defaults(func=cmd_interview)

    evaluate = sub.add_parser("eval", help="run eval suites: agreement, follow-ups, personas, A/B")
    _common(evaluate)
    evaluate.add_argument(
        "suite",
        choices=[
            "star",
            "technical",
            "followup",
            "personas",
            "profile",
            "project",
            "derived",
            "all",
        ],
    )
    evaluate.add_argument("--dataset", type=Path, help="a dataset file in the suite's JSONL format")
    evaluate.add_argument(
        "--brain", default="offline", help="offline, or a model such as openai:gpt-4o-mini"
    )
    evaluate.add_argument(
        "--prompts", type=Path, help="prompts folder to evaluate (default: prompts/)"
    )
    evaluate.add_argument("--baseline-prompts", help="prompts folder or git ref to compare against")
    evaluate.add_argument("--baseline-brain", help="a second brain to compare against (A/B)")
    evaluate.add_argument(
        "--recordings", type=Path, help="where LLM recordings live (default evals/recordings)"
    )
    evaluate.add_argument(
        "--record", action="store_true", help="call the model and (re)write recordings"
    )
    evaluate.add_argument(
        "--cache", action="store_true", help="use recordings, call the model for missing ones"
    )
    evaluate.add_argument("--samples", type=int, default=1000, help="bootstrap resamples")
    evaluate.add_argument(
        "--every",
        type=int,
        default=1,
        help="every Nth item only (a slow local model records a fixed, documented subset)",
    )
    evaluate.add_argument(
        "--thresholds", type=Path, help="floors to check (default evals/thresholds.yaml)"
    )
    evaluate.add_argument("--json", action="store_true", help="print the full results as JSON")
    evaluate.add_argument(
        "--report", type=Path, help="write report.md, report.html and report.json here"
    )
    evaluate.set_defaults(func=cmd_eval)

    simulate = sub.add_parser(
        "simulate", help="run a scripted candidate (JSONL) through the interviewer, no UI"
    )
    _common(simulate)
    _brain_option(simulate)
    simulate.add_argument(
        "--script",
        type=Path,
        required=True,
        help='JSONL: {"question_id": ID, "answers": [first answer, reply to follow-up, ...]}',
    )
    simulate.add_argument("--json", action="store_true", help="every interviewer turn as JSON")
    simulate.set_defaults(func=cmd_simulate)

    bench = sub.add_parser("bench", help="run the benchmarks and print them against the targets")
    bench.set_defaults(func=cmd_bench)

    app = sub.add_parser("app", help="serve the web app (candidates and coaches)")
    _common(app)
    _brain_option(app)
    app.add_argument("--host", help="bind address (INTERVIEWER_HOST, default 127.0.0.1)")
    app.add_argument("--port", type=int, help="port (INTERVIEWER_PORT, default 7860)")
    app.set_defaults(func=cmd_app)

    serve = sub.add_parser(
        "serve", help="several app processes behind HAProxy (sticky), sharing one database"
    )
    _common(serve)
    _brain_option(serve)
    serve.add_argument("--workers", type=int, default=2, help="app processes (default 2)")
    serve.add_argument("--host", help="the proxy's bind address (INTERVIEWER_HOST)")
    serve.add_argument("--port", type=int, help="the proxy's port (INTERVIEWER_PORT, 7860)")
    serve.set_defaults(func=cmd_serve)

    migrate = sub.add_parser(
        "migrate", help="bring the database to the current schema (once, before the workers)"
    )
    _common(migrate)
    migrate.set_defaults(func=cmd_migrate)

    deploy = sub.add_parser(
        "deploy-config", help="print the HAProxy configuration of deploy/compose.yaml"
    )
    deploy.add_argument("--replicas", type=int, default=2, help="app replicas (default 2)")
    deploy.set_defaults(func=cmd_deploy_config)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except UserError as exc:  # one clear line for what the user can fix; tracebacks for bugs
        print(
            f"error: {'; '.join(line.strip() for line in str(exc).splitlines())}", file=sys.stderr
        )
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
