"""The offline correctness check: does the answer say what the knowledge base says is true?

Each key point carries claims (`knowledge.schema.Claim`): a subject, what holds of it, what
would be wrong, or what it costs; each question lists common misconceptions. This module
reads an answer clause by clause and reports, with the exact quote:
- a claim *supported*: the subject with a `holds` phrase (not negated), a `contradicts`
  phrase negated, or the right cost;
- a claim *contradicted*: the subject with a `contradicts` phrase, a `holds` phrase negated
  ("a tuple is not immutable"), or another cost ("membership in a set is O(n)");
- a misconception stated: the subject with one of its `says` phrases, not negated.

What it can see: who is said to have which property inside one clause (so swapped
subjects, negations and wrong costs), with pronouns and bare clauses resolved to the last
subject named (not a name in object position: "git pull is a fetch followed by a merge"),
or to the question's own subject. Subjects the question sets against each other ("git
fetch" and "git pull") swap across key points too: what one does, said of the other in the
same sentence, is a contradiction. What it cannot see: claims the knowledge
base does not describe, wrong reasoning in correct words, or a property stated of the right
subject with a wording no claim lists. The UI says so next to every offline score.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

from interviewer.knowledge.schema import Claim, Question
from interviewer.scoring.text import Sentence

Verdict = Literal["supports", "contradicts", "misconception"]

# Clause boundaries: a claim is judged inside one clause.
_CLAUSE = re.compile(
    r"\s*[,;:]\s+|\s*[()]\s*|\s+(?:—|–|-{1,2})\s+|"
    r"\s+(?=(?:and|but|while|whereas|so|because|unlike|than|which|though|although|however|"
    r"whilst|yet|since|whereby)\b)",
    re.IGNORECASE,
)
_NEGATOR = re.compile(
    r"(?<![a-z0-9_])(not|no|never|cannot|can't|cant|isn't|aren't|doesn't|don't|didn't|won't|"
    r"wasn't|weren't|shouldn't|mustn't|without|neither|nor|hardly|nothing)(?![a-z0-9_])"
)
# A clause that opens by forbidding ("Never use runserver in production", "we never hardcode
# secrets", "don't use localhost") denies everything it goes on to say.
_FORBIDDING = re.compile(
    r"^(?:and |but |so |also )?(?:(?:i|we|you) )?(?:never|don't|do not|should never|must never|"
    r"should not|shouldn't|must not|mustn't|avoid)\b"
)
_CONTRAST = re.compile(
    r"(instead of|rather than|than|vs|versus|compared to|compared with|unlike|from)\s*$"
)
_QUALIFIED = re.compile(r"worst|degrad|collision|amorti[sz]|best case|in the limit|rehash|resiz")
_AVERAGE = re.compile(r"\b(on average|average[- ]case|typically|usually|normally|in practice)\b")
_SPACE = re.compile(r"\s*(extra |auxiliary |additional )?(space|memory)\b")
_SPACE_BEFORE = re.compile(r"\b(space|memory)( complexity)?( of| is| uses| needs)?\s*$")
_NON_SUBJECT_START = re.compile(r"^(unlike|than|compared|versus|vs)\b")
# A mention right after a copula and article or a preposition is an object, not what the
# clause is about ("is a fetch", "into a dict", "such as Celery").
_OBJECT_BEFORE = re.compile(
    r"(?:(?:=|\b(?:is|are|was|were|means|be|becomes|equals))(?:\s+(?:a|an|the|just|basically|simply|only|like))*|\b(?:of|with|by|from|into|to|than|"
    r"like|as|for|via|using|such as|over|onto|against)(?:\s+(?:a|an|the))?)\s*$"
)
_PERSON_START = re.compile(r"^(?:and |but |so |then )?(?:i|we|you)(?:'[a-z]+)?\b")
NEGATION_WINDOW = 4  # words before a phrase in which a negator negates it

# Complexity: O(...) forms and the words for them, normalised to a class.
_O_FORM = re.compile(r"\bo\s*\(\s*([^()]{1,20}?)\s*\)")
_COST_WORDS = [
    (re.compile(r"\bconstant[- ]time\b|\bconstant\b"), "1"),
    (re.compile(r"\bn\s*log\s*n\b|\blinearithmic\b"), "nlogn"),
    (re.compile(r"\blog(arithmic)?[- ]time\b|\blogarithmic\b"), "log"),
    (re.compile(r"\blinear[- ]time\b|\blinear\b"), "n"),
    (re.compile(r"\bquadratic\b"), "n2"),
    (re.compile(r"\bexponential\b"), "2n"),
]


def cost_class(expression: str) -> str | None:
    """'O(n log n)' -> 'nlogn'; the variables' names do not matter (O(m + n) is linear)."""
    inner = expression.lower().replace(" ", "")
    inner = re.sub(r"^o\(|\)$", "", inner)
    inner = inner.replace("²", "^2").replace("**", "^").replace("·", "*").replace("×", "*")
    if inner in ("1", "k1"):
        return "1"
    if re.fullmatch(r"(log|lg|ln)[a-z]?(\([a-z]\))?", inner):
        return "log"
    if re.fullmatch(r"[a-z]log[a-z]|[a-z]\*log[a-z]|[a-z]log\([a-z]\)", inner):
        return "nlogn"
    if re.fullmatch(r"[a-z]\^2|[a-z]\*[a-z]|[a-z][a-z]", inner) and inner not in ("mn", "nm"):
        return "n2"
    if inner in ("mn", "nm", "m*n", "n*m"):
        return "n2"
    if re.fullmatch(r"[a-z]\^3", inner):
        return "n3"
    if re.fullmatch(r"2\^[a-z]", inner):
        return "2n"
    if re.fullmatch(r"[a-z]!", inner):
        return "n!"
    if re.fullmatch(r"[a-z](\+[a-z])*", inner):
        return "n"
    return None


def _norm(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'").replace("`", "")
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)
    return " ".join(text.split())


_ARTICLES = frozenset({"a", "an", "the"})
GAP = 2  # words that may sit between a phrase's words ("descending [order] by default")


@functools.cache
def _pattern(phrase: str) -> re.Pattern[str]:
    """The phrase as whole words, allowing up to GAP words between its words."""
    words_ = _norm(phrase).split()
    gap = rf"(?:\s+\S+){{0,{GAP}}}?\s+"
    body = ""
    for before, token in zip(["", *words_], words_, strict=False):
        if token in _ARTICLES and len(words_) >= 3 and len(before) >= 4:
            continue  # "builds a list" also reads "builds the whole list"
        if token in _ARTICLES and len(words_) >= 3 and before:
            body += r"\s+(?:a|an|the)"  # "to a dict" is also "to the dict", no more
            continue
        body += (gap if body else "") + _inflected(token)
    return re.compile(rf"(?<![a-z0-9_]){body}(?![a-z0-9_])")


def _inflected(token: str) -> str:
    """A phrase word with its simple inflections: "requires" also matches "require" and
    "required", "cache" also "caches" and "cached" (words of four letters or more)."""
    if len(token) < 4 or not token.isalpha():
        return re.escape(token)
    if re.search(r"ee[ds]?$", token):  # "need", "speed", "guarantee", "frees"
        base = token[:-1] if token.endswith("ees") else token
        return re.escape(base) + r"(?:s|d|ed|ing)?"
    stem = (
        re.sub(r"(es|s|ed|d)$", "", token) if re.search(r"[^s](es|s|ed)$|[^e]d$", token) else token
    )
    stem = stem[:-1] if stem.endswith("e") else stem
    return re.escape(stem) + r"(?:e|es|s|ed|d|ing)?"


@functools.cache
def _exact(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9_]){re.escape(_norm(phrase))}(?![a-z0-9_])")


@dataclass(frozen=True)
class Finding:
    verdict: Verdict
    key_point: int | None  # 1-based; None for a misconception tied to no point
    quote: str  # the clause of the answer, verbatim
    said: str  # the phrase or cost that decided it
    misconception: int | None = None  # index in question.misconceptions


@dataclass(frozen=True)
class _Subject:
    aliases: frozenset[str]
    key: int  # index into the subject list


class _Checked(NamedTuple):
    """One claim as the checker reads it."""

    number: int  # its key point, 1-based
    claim: Claim  # with the contradictions borrowed from its key point's contrast pairs
    space: str | None  # the extra space its key point states beside its cost, if one
    asked_swaps: list[str]  # what another subject the question names does (_asked_swaps)


@dataclass
class _Clause:
    text: str  # verbatim
    low: str  # normalised


_CALL = re.compile(r"(?<=[A-Za-z0-9_\]])\(([^()]{0,40})\)")  # O(n log n), sorted(), d.get(k)


def clauses(sentence: Sentence) -> list[_Clause]:
    """The sentence cut at commas, semicolons, asides and conjunctions; parentheses that
    belong to a call or a complexity ("O(n log n)", "sorted()") are kept, not cut at."""
    masked = _CALL.sub(lambda m: "\x01" + m.group(1).replace(",", "\x03") + "\x02", sentence.text)
    pieces = [p for p in _CLAUSE.split(masked) if p and p.strip()]
    restored = [
        p.replace("\x01", "(").replace("\x02", ")").replace("\x03", ",").strip() for p in pieces
    ]
    return [_Clause(p, _norm(p)) for p in restored]


class ClaimChecker:
    """All claims and misconceptions of one question, ready to check answers against."""

    def __init__(self, question: Question) -> None:
        self.question = question
        asked = _norm(question.question)
        contrasted = _asked_about(question, asked)
        self.claims: list[_Checked] = [
            _Checked(
                number,
                _with_swaps(claim, point.claims),
                _stated_space(point.text) if claim.cost else None,
                _asked_swaps(claim, contrasted, point.text),
            )
            for number, point in enumerate(question.key_points, start=1)
            for claim in point.claims
        ]
        aliases: set[str] = set()
        for checked in self.claims:
            aliases.update(checked.claim.about)
        for misconception in question.misconceptions:
            aliases.update(misconception.about)
        self.aliases = sorted(aliases, key=len, reverse=True)
        self.implicit = {a for a in self.aliases if _exact(a).search(asked)}

    # ----- subjects -----------------------------------------------------------------------
    def _mentions(self, low: str) -> list[tuple[int, int, str]]:
        """(start, end, alias) of subject mentions, longest first, without overlaps."""
        found: list[tuple[int, int, str]] = []
        for alias in self.aliases:
            for match in _exact(alias).finditer(low):
                if all(match.end() <= s or match.start() >= e for s, e, _ in found):
                    found.append((match.start(), match.end(), alias))
        return sorted(found)

    @staticmethod
    def _subject_for(
        position: int,
        end: int,
        mentions: list[tuple[int, int, str]],
        carried: set[str],
        low: str,
    ) -> set[str] | None:
        """The subject a phrase is said of: the nearest mention before it that is not an
        object ("git pull is a fetch followed by..." is said of git pull), else the first
        one after it, else the clause's carried subject."""
        before = [m for m in mentions if m[1] <= position]
        subjects = [m for m in before if not _OBJECT_BEFORE.search(low[: m[0]])]
        if subjects or before:
            return {(subjects or before)[-1][2]}
        after = [m for m in mentions if m[0] >= end]
        if after:
            return {after[0][2]}
        return carried or None

    # ----- checking -----------------------------------------------------------------------
    def check(self, sentences: list[Sentence]) -> list[Finding]:
        findings: list[Finding] = []
        carried: set[str] = set(self.implicit) if len(self.implicit) == 1 else set()
        # Claims are said of a subject; once the speaker takes over ("I would move it to
        # separate processes, ideally a task queue"), the last subject is a guess for them,
        # while a belief the speaker states ("you must start a real server") still counts.
        carried_for_claims = carried
        for sentence in sentences:
            in_sentence: set[str] = set()
            parts = clauses(sentence)
            named = [self._mentions(part.low) for part in parts]
            for index, (clause, mentions) in enumerate(zip(parts, named, strict=True)):
                # "A isolates more strongly | than B": who the comparison is made against
                following = index + 1 < len(parts) and parts[index + 1].low.startswith("than ")
                against = {m[2] for m in named[index + 1]} if following else set()
                person = bool(_PERSON_START.match(clause.low))
                if person and not mentions:
                    carried_for_claims = set()
                objects: set[tuple[int, int, str]] = set()
                findings += self._check_clause(
                    clause, mentions, carried, carried_for_claims, in_sentence, objects, against
                )
                subjects = [
                    m
                    for m in mentions
                    if m not in objects and not _OBJECT_BEFORE.search(clause.low[: m[0]])
                ]
                if mentions and not _NON_SUBJECT_START.match(clause.low):
                    # what a pronoun next refers to: the clause's subject, else its object
                    carried = carried_for_claims = {(subjects or mentions)[-1][2]}
                    in_sentence = carried
        return findings

    def _negated(self, low: str, start: int, subject_end: int) -> bool:
        """A negator in the words before the phrase, back to the subject or the previous
        phrase. (Negators after a phrase were tried: "the proxy could not get a response"
        then read as "not the proxy", so they are not used.)"""
        window = low[max(subject_end, 0) : start].split()[-NEGATION_WINDOW:]
        return bool(_NEGATOR.search(" ".join(window)))

    def _check_clause(
        self,
        clause: _Clause,
        mentions: list[tuple[int, int, str]],
        carried: set[str],
        carried_for_claims: set[str],
        in_sentence: set[str],
        objects: set[tuple[int, int, str]],
        against: set[str],
    ) -> list[Finding]:
        """The clause's findings; `objects` gets the mentions that were objects of a phrase."""
        low = clause.low
        out: list[Finding] = []
        spans: list[tuple[int, int, str, int, Claim | None, int | None, str]] = []
        # (start, end, polarity, key point, claim, misconception index, phrase); "+" holds,
        # "-" contradicts, "~" contradicts as another asked subject's property, "m" a belief
        for number, claim, _, swaps in self.claims:
            for phrase in swaps:
                spans += [
                    (m.start(), m.end(), "~", number, claim, None, phrase)
                    for m in _pattern(phrase).finditer(low)
                ]
            for phrase in claim.holds:
                spans += [
                    (m.start(), m.end(), "+", number, claim, None, phrase)
                    for m in _pattern(phrase).finditer(low)
                ]
            for phrase in claim.contradicts:
                spans += [
                    (m.start(), m.end(), "-", number, claim, None, phrase)
                    for m in _pattern(phrase).finditer(low)
                ]
        for index, misconception in enumerate(self.question.misconceptions):
            for phrase in misconception.says:
                spans += [
                    (m.start(), m.end(), "m", misconception.key_point or 0, None, index, phrase)
                    for m in _pattern(phrase).finditer(low)
                ]
        # Within one claim, a phrase inside a longer match of it ("mutable" in "is mutable")
        # is the same statement, not a second one.
        spans = [
            s
            for s in spans
            if not any(
                o[0] <= s[0]
                and s[1] <= o[1]
                and (o[1] - o[0]) > (s[1] - s[0])
                and o[4] is s[4]
                and o[5] == s[5]
                for o in spans
            )
        ]
        for start, end, polarity, number, matched, belief, phrase in spans:
            # A subject's name inside a phrase that starts with a verb is its object
            # ("[migrate] generates new migration files"); otherwise a phrase inside or
            # across a name is part of the name ("real pooling").
            inside = [
                m for m in mentions if start < m[0] and m[1] <= end and _action(low[start:end])
            ]
            others = [m for m in mentions if m not in inside]
            if any(m[0] < end and start < m[1] for m in others):
                continue  # the phrase is (part of) a subject's name
            objects.update(inside)
            if _CONTRAST.search(low[:start].rstrip()):
                continue  # "immutable rather than mutable": the contrast is not a claim
            # Another subject's property is a swap only when the subject is named in this
            # sentence: carried further, "and joins are weak" would be a guess.
            fallback = {"m": carried, "~": in_sentence}.get(polarity, carried_for_claims)
            subject = self._subject_for(start, end, others, fallback, low)
            if subject is None:
                continue
            about = (
                matched.about
                if matched is not None
                else self.question.misconceptions[belief or 0].about
            )
            if not subject & set(about):
                if polarity == "+" and against & set(about) and not against & subject:
                    # "containers isolate more strongly than VMs": what holds of the
                    # subject compared against, said of another subject over it
                    edge = max((m[1] for m in others if m[1] <= start), default=0)
                    if not self._negated(low, start, edge):
                        out.append(Finding("contradicts", number, clause.text, low[start:end]))
                continue
            # Negation reaches back to the subject or to the previous phrase, whichever is
            # nearer: "has not authenticated or sent invalid credentials" negates only the first.
            edges = [m[1] for m in mentions if m[1] <= start]
            edges += [
                o[1]
                for o in spans
                if o[1] <= start and o[0] < start and not _NEGATOR.search(low[o[0] : o[1]])
            ]
            negated = self._negated(low, start, max(edges, default=0))
            # a negator in the gap between the phrase's words ("is not mutable" read by
            # "is mutable") or a clause that opens by forbidding denies it too
            if _NEGATOR.search(low[start:end]) and not _NEGATOR.search(phrase):
                negated = not negated
            elif _FORBIDDING.match(low) and not negated and not _NEGATOR.search(phrase):
                negated = True
            said = low[start:end]
            if polarity == "m":
                if not negated:
                    out.append(Finding("misconception", number or None, clause.text, said, belief))
                continue
            supports = (polarity == "+") != negated
            out.append(
                Finding("supports" if supports else "contradicts", number, clause.text, said)
            )
        out += self._check_costs(clause, mentions, in_sentence)
        return out

    def _check_costs(
        self, clause: _Clause, mentions: list[tuple[int, int, str]], in_sentence: set[str]
    ) -> list[Finding]:
        low = clause.low
        costs: list[tuple[int, int, str]] = []
        for match in _O_FORM.finditer(low):
            kind = cost_class(match.group(0))
            if kind is not None:
                costs.append((match.start(), match.end(), kind))
        for pattern, kind in _COST_WORDS:
            for match in pattern.finditer(low):
                if not any(s <= match.start() < e for s, e, _ in costs):
                    costs.append((match.start(), match.end(), kind))
        out: list[Finding] = []
        for start, end, kind in sorted(costs):
            if _CONTRAST.search(low[:start].rstrip()):
                continue
            memory = bool(_SPACE.match(low[end:]) or _SPACE_BEFORE.search(low[:start]))
            # A cost needs its subject in the clause or earlier in the same sentence: in a
            # list like "O(1), O(log n), O(n)", or "this uses O(n)", a subject from an
            # earlier sentence or the question would be a guess.
            subject = self._subject_for(start, end, mentions, in_sentence, low)
            if subject is None:
                continue
            for number, claim, space, _ in self.claims:
                if claim.cost is None or not subject & set(claim.about):
                    continue
                if memory and space is None:
                    continue  # a memory cost the key point does not state
                expected = space if memory else cost_class(claim.cost)
                allowed = set() if memory else {cost_class(c) for c in claim.also_cost}
                before = [m for m in mentions if m[1] <= start]
                denied = self._negated(low, start, before[-1][1] if before else 0)
                if kind == expected:
                    # "indexing is not O(1)" denies the right cost
                    verdict: Verdict = "contradicts" if denied else "supports"
                    out.append(Finding(verdict, number, clause.text, low[start:end]))
                elif (kind in allowed and not _AVERAGE.search(low)) or (
                    _QUALIFIED.search(low) and not any(_QUALIFIED.search(a) for a in subject)
                ):
                    continue  # a worst case or a qualified cost, not the claim's
                elif not denied:
                    out.append(Finding("contradicts", number, clause.text, low[start:end]))
        return out


def _asked_about(question: Question, asked: str) -> list[Claim]:
    """Claims about a subject the question itself names ("the difference between git fetch
    and git pull", "how do makemigrations and migrate differ"): subjects set against each
    other even when the guide states each in its own key point."""
    return [
        claim
        for point in question.key_points
        for claim in point.claims
        if any(_exact(alias).search(asked) for alias in claim.about)
    ]


_STATED_SPACE = re.compile(
    r"\bo\s*\(([^()]{1,20})\)\s*(?:extra |auxiliary |additional )?(?:space|memory)\b"
)


def _stated_space(text: str) -> str | None:
    """The one space class a key point's text states of its own subject (before any
    "versus" or "while"), if it states exactly one."""
    own = re.split(r"\b(?:versus|vs|compared|whereas|while|unlike)\b", _norm(text))[0]
    found = {cost_class(f"O({m.group(1)})") for m in _STATED_SPACE.finditer(own)}
    return found.pop() if len(found) == 1 and None not in found else None


def _with_swaps(claim: Claim, siblings: list[Claim]) -> Claim:
    """What holds of a sibling subject in the same key point (a list's "mutable" beside a
    tuple's "immutable", 401's "not authenticated" beside 403's "not permitted") contradicts
    this one, unless it holds here too: swapped subjects are the commonest backwards answer."""
    own = set(claim.holds) | set(claim.about)
    borrowed = [
        phrase
        for other in siblings
        if _contrast_pair(claim, other)
        for phrase in other.holds
        if phrase not in own and phrase not in claim.contradicts
    ]
    if not borrowed:
        return claim
    return claim.model_copy(update={"contradicts": [*claim.contradicts, *borrowed]})


def _asked_swaps(claim: Claim, contrasted: list[Claim], point_text: str) -> list[str]:
    """The same across key points, for the subjects the question itself sets against each
    other ("git fetch" and "git pull"), each stated in its own point: what the other subject
    does, less phrases that name a subject ("fetch then merge"). A subject defined through
    the other ("git pull is a fetch followed by a merge") borrows nothing from it: what
    fetch does, pull does too."""
    if claim not in contrasted:
        return []
    own = set(claim.holds) | set(claim.about) | set(claim.contradicts)
    names = {alias for other in contrasted for alias in other.about}
    defined_by = _norm(" ".join([point_text, *claim.holds]))
    return list(
        dict.fromkeys(
            phrase
            for other in contrasted
            if _contrast_pair(claim, other)
            and not any(_exact(alias).search(defined_by) for alias in other.about)
            for phrase in other.holds
            if phrase not in own
            and _action(phrase)
            and not any(_exact(n).search(_norm(phrase)) for n in names)
        )
    )


def _action(phrase: str) -> bool:
    """A phrase that starts with a verb in the third person ("merges", "generates migration
    files"): what a subject does is exclusive where a property ("every change", "joins")
    often holds of both."""
    first = _norm(phrase).split()[0]
    return (
        len(first) >= 5
        and first.isalpha()
        and first.endswith(("es", "ts", "ds", "ks", "ps", "ys", "ns", "ls", "rs"))
        and not first.endswith(("ss", "ions", "ments", "ness", "ers"))
    )


def _contrast_pair(claim: Claim, other: Claim) -> bool:
    """Two claims about different subjects that the writer set one against the other."""
    return (
        other is not claim
        and not set(other.about) & set(claim.about)
        and bool(
            set(other.contradicts) & set(claim.holds) or set(claim.contradicts) & set(other.holds)
        )
    )


_CHECKERS: dict[int, tuple[Question, ClaimChecker]] = {}


def checker_for(question: Question) -> ClaimChecker:
    """One checker per question object (questions are frozen; knowledge bases live long)."""
    cached = _CHECKERS.get(id(question))
    if cached is None or cached[0] is not question:
        if len(_CHECKERS) > 4096:
            _CHECKERS.clear()
        cached = (question, ClaimChecker(question))
        _CHECKERS[id(question)] = cached
    return cached[1]
