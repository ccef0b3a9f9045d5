"""The offline project-answer rubric: ownership, depth, trade-offs, outcome, each from the
answer's own sentences.

- ownership: first-person actions ("I wrote the order endpoints") with something specific
  in them, against "we" and the passive; honest credit to others counts for, not against.
- depth: the mechanisms named and explained (transactions, indexes, tokens, caching, ...),
  the technologies named, minus what the correctness check found wrong.
- trade-offs: reasons ("because", "so that") and alternatives or downsides ("instead of",
  "the cost was", "next time I would").
- outcome: a result, a number, and how it was measured or tested.

It reads words, not understanding: a confident answer with the right vocabulary and a wrong
mechanism can pass the depth test unless the knowledge base's claims catch it. The UI and the
note say so. Tuned on evals/data/project_dev (never on the independent set).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from interviewer.scoring.schemas import ProjectPart, ProjectScore, TechnicalScore
from interviewer.scoring.text import split_sentences

_I_ACTION = re.compile(
    r"\b(?:i|i've|i have|i had)\s+(?:\w+ly\s+|also\s+|then\s+|first\s+|later\s+|just\s+|"
    r"myself\s+|alone\s+)?(?:built|wrote|write|designed|implemented|created|developed|added|"
    r"set up|setup|configured|deployed|chose|picked|decided|fixed|debugged|refactored|tested|"
    r"optimi[sz]ed|handled|integrated|migrated|moved|replaced|used|made|coded|owned|led|"
    r"profiled|measured|wrapped|split|containeri[sz]ed|dockeri[sz]ed|wired|switched|"
    r"introduced|rewrote|modelled|modeled|normali[sz]ed|indexed|cached|secured|hashed|"
    r"automated|scheduled|structured|documented|traced|found|noticed|solved|took|did|worked|"
    r"learned|learnt|spent|ran|put|kept|hooked|exposed|validated|stored)\b"
    r"|\bmy (?:part|job|task|role|code|contribution|module|piece|responsibility)\b"
    r"|\bi was (?:responsible|in charge)\b|\bon my own\b|\bby myself\b|\bi personally\b",
    re.IGNORECASE,
)
# First person with a past-tense or progressive verb ("I traced", "I was passing"), not a
# feeling or an opinion ("I loved", "I believe").
_I_DOING = re.compile(
    r"\b(?:i|i've|i'd)\s+(?:\w+ly\s+|also\s+|then\s+|had\s+|have\s+|was\s+|am\s+|"
    r"first\s+|later\s+)?(?!(?:loved|liked|believed|enjoyed|wanted|hoped|felt|guessed|"
    r"needed|think|thought|believe|love|like|feel|hope|want|guess|am|was)\b)"
    r"(?:\w+ed|\w+ing|set|put|ran|call|use|pass|prefer|split|cut|kept)\b",
    re.IGNORECASE,
)
_WE = re.compile(r"\b(?:we|our team|the team|us)\b", re.IGNORECASE)
_CREDIT = re.compile(
    r"\b(?:teammate|team ?mates?|my friend|classmate|partner|the team (?:did|built|wrote|"
    r"handled)|(?:he|she|they) (?:did|built|wrote|handled)|from a tutorial|tutorial)\b",
    re.IGNORECASE,
)
_SPECIFIC = re.compile(
    r"\b(?:endpoints?|api|apis|models?|query|queries|tables?|views?|serializers?|tests?|"
    r"schema|cache|caching|index(?:es)?|migrations?|functions?|modules?|auth\w*|login|jwt|"
    r"tokens?|deploy\w*|docker\w*|pipeline|routes?|middleware|database|db|orm|celery|tasks?|"
    r"workers?|webhooks?|forms?|templates?|frontend|backend|scraper|parser|websockets?|"
    r"payments?|checkout|cart|orders?|notifications?|upload\w*|search|pagination|logging|"
    r"permissions?|admin|dashboard|client|service|script|cron|queue|redis|sql\w*|flask|"
    r"django|fastapi|postgres\w*|mysql|mongo\w*|nginx|gunicorn|aws|s3|ec2|heroku|ci)\b",
    re.IGNORECASE,
)
_CONCEPTS: tuple[str, ...] = (
    r"transactions?",
    r"atomic\w*",
    r"row[- ]level|locks?|locking|select[_ ]for[_ ]update",
    r"race conditions?",
    r"isolation",
    r"index(?:es|ed|ing)?",
    r"foreign keys?",
    r"joins?",
    r"normali[sz]\w+",
    r"constraints?|unique",
    r"orm",
    r"n\s?\+\s?1",
    r"quer(?:y|ies) (?:plan|count)|explain analy[sz]e|explain",
    r"cach(?:e|ing|ed)",
    r"ttl|expir\w+|invalidat\w+",
    r"jwt|tokens?",
    r"hash(?:ed|ing)?|bcrypt|argon2|salt\w*",
    r"sessions?|cookies?",
    r"middleware",
    r"serializ\w+",
    r"migrations?",
    r"async\w*|await|event loop",
    r"workers?|queues?|celery|background (?:jobs?|tasks?)",
    r"retr(?:y|ies)|idempoten\w+|backoff",
    r"pagination|paginat\w+|cursor",
    r"rate[- ]limit\w*|throttl\w+",
    r"connection pool\w*|pool(?:ing)?",
    r"layers?|multi-stage|volumes?|environment variables?|\.env",
    r"ci|pipeline|github actions",
    r"unit tests?|integration tests?|fixtures?|mock\w*|pytest",
    r"websockets?",
    r"status codes?|4\d\d|5\d\d",
    r"schema",
    r"load balanc\w+|replicas?|horizontal\w*|scal\w+",
    r"permissions?|roles?|authori[sz]\w+|authenticat\w+",
    r"validation|validat\w+",
    r"logging|logs|monitoring|metrics",
    r"gunicorn|uvicorn|wsgi|asgi|nginx",
    r"endpoints?|routes?|rest",
)
_CONCEPTS += (
    r"signals?|signatures?|secret[_ ]key|settings(?:\.py)?|config(?:uration)? vars?|env vars?",
    r"save\(\)|update_fields|version (?:column|field|number)|optimistic|pessimistic",
    r"groupby|group by|dataframes?|to_datetime|parsing|parsed?",
    r"models?|views?(?:ets?)?|serializers?|forms?|querysets?|managers?",
    r"threads?|processes|gil|blocking|non-blocking",
    r"http|https|headers?|cors|csrf|xss|sql injection",
)
_CONCEPT = [re.compile(rf"\b(?:{c})\b", re.IGNORECASE) for c in _CONCEPTS]
# Code named in prose ("save(update_fields=...)", "send_email.delay", "dt.to_period") is a
# sign of a concrete explanation.
_CODE = re.compile(r"\b\w+(?:\.\w+)+\(?|\b\w+\(|\b[a-z]+_[a-z0-9_]+\b")
_MECHANISM = re.compile(
    r"\b(?:so that|which means|this way|that way|so the|so it|so when|when (?:a|the|two)|"
    r"because|otherwise|instead|which (?:lets|makes|keeps|stops|prevents|locks|checks)|"
    r"ensures?|prevents?|guarantees?|so only|before|after|then)\b",
    re.IGNORECASE,
)
_REASON = re.compile(
    r"\b(?:because|since|so that|the reason|that's why|that is why|which let|which made|"
    r"i prefer|i preferred|i wanted|so the (?:user|users|app|request|worker|page)|"
    r"it (?:lets|let) |which is why|the point (?:is|was)|"
    r"as it|as they|as the|due to|to avoid|to keep|to make|to stop|to prevent|in order to)\b",
    re.IGNORECASE,
)
_ALTERNATIVE = re.compile(
    r"\b(?:instead of|rather than|over (?:django|flask|fastapi|mysql|postgres\w*|sqlite|"
    r"mongo\w*|redis)|compared (?:to|with)|alternatives?|could have used|considered|"
    r"vs\.?|versus|trade-?offs?|downsides?|drawbacks?|limitations?|the cost (?:was|is)|"
    r"at the cost|at the expense|would (?:change|switch|use|do|add|move|rewrite|replace)|"
    r"next time|if i (?:did|built|were|had) (?:it|to)|in hindsight|looking back|weakness|"
    r"doesn't scale|does not scale|slower but|simpler but|but it|the catch|"
    r"i'd either|either \w+.{0,80}\bor\b|would be (?:clearer|better|simpler|faster|safer|"
    r"cleaner)|a bit (?:hidden|slow|hacky|messy)|not ideal|prefer \w+ (?:to|over))\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:ms|s|sec\w*|seconds?|minutes?|mins?|hours?|%|percent|x|times|"
    r"users?|requests?|rps|req/s|queries|mb|gb|kb|k|tests?|endpoints?|records?|rows?|"
    r"students?|customers?|orders?|visitors?|downloads?|stars?|bugs?|errors?|days?|weeks?)\b"
    r"|\bfrom \S+ (?:to|down to) \S+|\b\d{2,}\b",
    re.IGNORECASE,
)
_MEASURED = re.compile(
    r"\b(?:measur\w+|benchmark\w*|load[- ]?test\w*|locust|jmeter|wrk|\bab\b|timed|timing|"
    r"profil\w+|debug[- ]toolbar|explain|pytest|unit tests?|tests? pass\w*|coverage|"
    r"lighthouse|logs?|monitor\w*|grafana|prometheus|sentry|new relic|time\.perf_counter|"
    r"timeit|stopwatch|chrome devtools|devtools|network tab|postman|before and after|"
    r"checked|verified|compared|tracked|analytics|survey\w*|feedback|confirmed|matched|"
    r"by hand|manually|added a (?:py)?test|wrote (?:a )?tests?|test suite|ci)\b",
    re.IGNORECASE,
)
_OUTCOME = re.compile(
    r"\b(?:result\w*|reduc\w+|improv\w+|faster|slower|dropped|went (?:down|up)|increas\w+|"
    r"decreas\w+|shipped|deployed|live|launched|used by|in production|works?|worked|"
    r"finished|delivered|passed|won|got|saved|cut|fixed|stable|no (?:more|longer))\b",
    re.IGNORECASE,
)
_NOTHING = re.compile(
    r"\b(?:i (?:don't|do not|can't|cannot) (?:remember|recall|know)|not sure|no idea|"
    r"forgot|it was (?:a )?long (?:time )?ago)\b",
    re.IGNORECASE,
)


def _hits(sentences: Sequence[str], pattern: re.Pattern[str]) -> list[str]:
    return [s for s in sentences if pattern.search(s)]


def _part(score: int, evidence: list[str], tip: str) -> ProjectPart:
    return ProjectPart(
        score=score, evidence=[e[:200] for e in evidence[:2]], tip="" if score == 2 else tip
    )


def _ownership(sentences: list[str]) -> ProjectPart:
    mine = [s for s in sentences if _I_ACTION.search(s) or _I_DOING.search(s)]
    specific = [s for s in mine if _SPECIFIC.search(s)]
    credited = _hits(sentences, _CREDIT)
    ours = _hits(sentences, _WE)
    tip = "Say in the first person what you built yourself: the module, the endpoint, the query."
    if len(specific) >= 2 or (specific and (credited or len(mine) >= 3)):
        return _part(2, specific or mine, tip)
    if mine:
        return _part(1, mine, tip)
    return _part(0, ours[:1], tip)


def _depth(
    sentences: list[str], named: list[str], explanation: TechnicalScore | None
) -> ProjectPart:
    concepts: set[int] = set()
    codes: set[str] = set()
    concept_sentences: list[str] = []
    for sentence in sentences:
        found = {i for i, pattern in enumerate(_CONCEPT) if pattern.search(sentence)}
        code = set(_CODE.findall(sentence)[:2])
        if code and not found:
            concept_sentences.append(sentence)
        codes |= code
        if found:
            concept_sentences.append(sentence)
        concepts |= found
    mechanism = [s for s in concept_sentences if _MECHANISM.search(s)]
    wrong = bool(explanation and explanation.errors)
    tip = "Explain how it works underneath: which query, lock, index, token or cache, and why."
    if len(concepts) + len(codes) >= 3 and mechanism and not wrong:
        return _part(2, mechanism, tip)
    if concepts or codes or named:
        return _part(1, concept_sentences or sentences[:1], tip)
    return _part(0, [], tip)


def _trade_offs(sentences: list[str]) -> ProjectPart:
    reasons = _hits(sentences, _REASON)
    alternatives = _hits(sentences, _ALTERNATIVE)
    tip = "Say why you chose it and what you gave up: the alternative and its cost."
    if reasons and alternatives:
        return _part(2, [alternatives[0], *(r for r in reasons if r != alternatives[0])], tip)
    if reasons or alternatives:
        return _part(1, reasons or alternatives, tip)
    return _part(0, [], tip)


def _outcome(sentences: list[str]) -> ProjectPart:
    numbers = _hits(sentences, _NUMBER)
    measured = _hits(sentences, _MEASURED)
    outcomes = _hits(sentences, _OUTCOME)
    tip = "End with the result and how you know it: a number, and what measured it."
    if measured and (numbers or outcomes):
        return _part(
            2, [*(numbers or outcomes)[:1], *(m for m in measured if m not in numbers[:1])], tip
        )
    if numbers or outcomes:
        return _part(1, numbers or outcomes, tip)
    return _part(0, [], tip)


def _overall(parts: Sequence[ProjectPart], words: int, nothing: bool) -> int:
    total = sum(p.score for p in parts)
    if nothing and total <= 2:
        return 1
    if words < 12:
        return 1 if total <= 1 else 2
    if total <= 1:
        return 1
    if total == 2:
        return 2
    if total <= 4:
        return 3
    if total <= 6:
        return 4
    return 5


def score_project(
    answer: str,
    project: str,
    named: list[str],
    explanation: TechnicalScore | None = None,
) -> ProjectScore:
    """Score an answer about the candidate's own project. `named` are the technologies the
    answer mentions (canonical names); `explanation` the technical score of the same answer
    against the grounding question, whose contradictions cap the depth."""
    sentences = [s.text for s in split_sentences(answer)]
    ownership = _ownership(sentences)
    depth = _depth(sentences, named, explanation)
    trade_offs = _trade_offs(sentences)
    outcome = _outcome(sentences)
    parts = (ownership, depth, trade_offs, outcome)
    overall = _overall(parts, len(answer.split()), bool(_NOTHING.search(answer)))
    weak = [
        name
        for name, part in zip(("ownership", "depth", "trade-offs", "outcome"), parts, strict=True)
        if part.score < 2
    ]
    summary = (
        f"{overall}/5 on {project}: strong on every part."
        if not weak
        else f"{overall}/5 on {project}; to strengthen: {', '.join(weak)}."
    )
    return ProjectScore(
        project=project,
        ownership=ownership,
        depth=depth,
        trade_offs=trade_offs,
        outcome=outcome,
        overall=overall,
        technologies=named,
        summary=summary,
    )
