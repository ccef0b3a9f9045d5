"""Key points from a reference answer, in the form the guide's own questions use.

A coach's bank gives a question and a model answer; the scorer and the follow-up policy need
key points: each one thing a good answer says, the words that show it, the claims that must
hold (so an answer that states the facts backwards is caught), and a probe. This module
derives them without a model:

- a key point per sentence of the reference answer (a long sentence is cut at its
  semicolons; more than six are merged, shortest neighbours first), or per key point the
  file gives;
- keywords: the sentence's own content words that the question does not already use;
- claims: in each clause, a property with a known opposite ("immutable" / "mutable",
  "synchronous" / "asynchronous", "in place" / "a new") or a cost ("O(log n)") stated of a
  subject (the words before the verb), so the claim checker can tell "tuples are mutable"
  from "tuples are immutable";
- a probe that names the subject without giving the point away (none when no subject).

What it cannot do: see a claim whose opposite is not in `OPPOSITES`, or split one sentence
that makes two unrelated points. A model reading (the LLM brain) fills the same schema; a
coach reviews either before publishing.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError
from pydantic import Field as PydField

from interviewer.knowledge.schema import Claim, FollowUp, KeyPoint
from interviewer.scoring.claims import cost_class
from interviewer.scoring.text import split_sentences

MAX_POINTS = 6
MAX_KEYWORDS = 8
MAX_POINT_CHARS = 300
MIN_POINT_WORDS = 3
GENERAL_PROBE = "Can you make that concrete: where would this matter in a backend you have built?"

# Properties with a known opposite: saying the opposite of the subject is a wrong claim.
# Kept to words that are rarely used loosely (not "more"/"less", "before"/"after").
OPPOSITE_PAIRS: tuple[tuple[str, str], ...] = (
    ("mutable", "immutable"),
    ("hashable", "unhashable"),
    ("ordered", "unordered"),
    ("sorted", "unsorted"),
    ("synchronous", "asynchronous"),
    ("synchronously", "asynchronously"),
    ("blocking", "non-blocking"),
    ("stateless", "stateful"),
    ("lazily", "eagerly"),
    ("lazy", "eager"),
    ("shallow", "deep"),
    ("faster", "slower"),
    ("true", "false"),
    ("in place", "a new"),
    ("thread-safe", "not thread-safe"),
    ("compiled", "interpreted"),
    ("cpu-bound", "i/o-bound"),
    ("horizontal", "vertical"),
    ("optimistic", "pessimistic"),
    ("inner", "outer"),
    ("encrypted", "plain text"),
    ("hashed", "encrypted"),
    ("idempotent", "not idempotent"),
    ("safe", "unsafe"),
    ("stable", "unstable"),
    ("persistent", "ephemeral"),
    ("private", "public"),
    ("local", "remote"),
    ("required", "optional"),
    ("unique", "duplicated"),
    ("atomic", "non-atomic"),
    ("fifo", "lifo"),
    ("first in first out", "last in first out"),
    ("client side", "server side"),
)
OPPOSITES: dict[str, str] = {a: b for a, b in OPPOSITE_PAIRS} | {b: a for a, b in OPPOSITE_PAIRS}
# Other ways of saying a property: "LIFO" is "last in first out".
SAME_AS: dict[str, tuple[str, ...]] = {
    "first in first out": ("fifo",),
    "last in first out": ("lifo",),
    "fifo": ("first in first out",),
    "lifo": ("last in first out",),
    "asynchronous": ("async",),
    "synchronous": ("sync",),
}

_VERB = re.compile(
    r"\b(is|are|was|were|stays|stay|remains|remain|runs|run|returns|return|takes|take|costs|"
    r"cost|becomes|become|gets|get|happens|executes|execute|works|work|grows|scales|scale|"
    r"needs|need|must be|should be|can be|will be|would be|means|mean|signals|indicates|"
    r"stands for|does|do|lets|makes|make|has|have|keeps|uses|stores|holds|creates|writes|"
    r"reads|downloads|applies|sends|copies|shares|allows|gives|blocks|releases|locks|"
    r"caches|loads|checks|replaces|rewrites|merges|deletes|updates|adds|removes)\b"
)
_NEGATOR = re.compile(r"\b(not|never|no|isn't|aren't|doesn't|don't|cannot|can't|without)\b")
_O_FORM = re.compile(r"\bO\s*\(\s*[^()]{1,20}?\s*\)", re.IGNORECASE)
_CLAUSE = re.compile(r"\s*[,;:]\s+|\s+(?=(?:and|but|while|whereas|so|because|which)\b)")
_TOKEN = re.compile(r"[a-z0-9][a-z0-9_./+#'()-]*")
_CANONICAL_COST = {
    "1": "O(1)",
    "log": "O(log n)",
    "n": "O(n)",
    "nlogn": "O(n log n)",
    "n2": "O(n^2)",
    "n3": "O(n^3)",
    "2n": "O(2^n)",
    "n!": "O(n!)",
}

STOP = frozenset(
    """a an the and or but if then so of to in on at by for with from into onto over under
    about as is are was were be been being it its it's this that these those there here
    their they them he she we you your our i me my mine his her which who whom whose what
    when where why how than too very can could will would should must may might do does did
    done has have had having not no nor only also just each every any all some more most
    less few many much such other another same both either neither one two three first
    second use uses used using make makes made get gets got like instead rather while whereas
    because since though although however therefore thus e.g i.e etc via per up down out
    off again further once way ways thing things something anything everything lot lots
    really actually basically usually often always never sometimes example examples say
    says said mean means meaning answer strong good candidate explains explain mentions
    mention names name describes describe gives give shows show talk talks well
    new run runs change changes changed data default lets let keeps keep see top own
    happen happens remember adds add asks ask stays stay supports support easy times
    need needs needed want wants work works working part parts case cases point points
    better best simple simply quick quickly fine still even already usual common
    important right wrong yes okay kind sort look looks
    """.split()
)
_DETERMINERS = frozenset("a an the this that these those each every any its their our your".split())
_PRONOUNS = frozenset("it they this that these those which who he she we you i one".split())


_PAIR = [
    re.compile(
        r"difference(?:s)? between (?P<a>.+?) and (?P<b>.+?)(?:[?.,;:]|\s+(?:in|when|for|and why)\b|$)"
    ),
    re.compile(
        r"compare (?P<a>.+?) (?:with|and|to|versus|vs\.?) (?P<b>.+?)(?:[?.,;:]|\s+(?:in|when|for)\b|$)"
    ),
    re.compile(r"how (?:do|does) (?P<a>.+?) and (?P<b>.+?) differ"),
    re.compile(
        r"(?P<a>[\w./`()-]+(?: [\w./`()-]+)?) (?:vs\.?|versus) (?P<b>[\w./`()-]+(?: [\w./`()-]+)?)"
    ),
]


def contrasted(question: str) -> tuple[list[str], list[str]] | None:
    """The two subjects a "difference between A and B" / "compare A with B" / "A vs B"
    question sets against each other, each as its names (the phrase and its last word)."""
    low = " ".join(question.lower().replace("`", "").split())
    for pattern in _PAIR:
        match = pattern.search(low)
        if match is None:
            continue
        if any("," in match.group(g) or len(match.group(g).split()) > 4 for g in ("a", "b")):
            continue
        a, b = _names(match.group("a")), _names(match.group("b"))
        if a and b and not set(a) & set(b):
            return a, b
    return None


def _names(phrase: str) -> list[str]:
    tokens = [t for t in _tokens(phrase) if t]
    while tokens and tokens[0] in _DETERMINERS:
        tokens = tokens[1:]
    tokens = tokens[:4]
    if not tokens:
        return []
    names = [" ".join(tokens)]
    if len(tokens) > 1 and tokens[-1] not in STOP and len(tokens[-1]) >= 3:
        names.append(tokens[-1])
    return names


def _swap_claims(question: str, texts: list[str]) -> dict[int, list[Claim]]:
    """For a question contrasting A with B: what the reference says A does (the verb after
    A's name in each clause about A) holds of A and contradicts B, and the other way round:
    "fetch merges into your working copy" states B's verb of A."""
    pair = contrasted(question)
    if pair is None:
        return {}
    verbs: list[dict[str, int]] = [{}, {}]  # verb -> the point it came from
    for number, text in enumerate(texts):
        for clause in (c for c in _CLAUSE.split(text) if c and c.strip()):
            tokens = _tokens(clause)
            side, end = _first_mention(tokens, pair)
            if side is None:
                continue
            verb = next((t for t in tokens[end:] if t not in _VERB_SKIP and len(t) >= 3), None)
            if verb is None or not _present_verb(verb):
                continue  # "A is B" has no verb of its own; the opposites table covers it
            if not any(verb in n.split() for n in pair[0] + pair[1]):
                verbs[side].setdefault(verb, number)
    shared = set(verbs[0]) & set(verbs[1])
    out: dict[int, list[Claim]] = {}
    for side in (0, 1):
        own = [v for v in verbs[side] if v not in shared]
        other = [v for v in verbs[1 - side] if v not in shared]
        if not own or not other:
            continue
        number = verbs[side][own[0]]
        out.setdefault(number, []).append(
            Claim(about=pair[side], holds=own[:4], contradicts=other[:4])
        )
    return out


# Words between a subject and its verb ("PATCH only changes", "it then merges").
_VERB_SKIP = frozenset(
    "a an the only also just then first simply usually always never still really actually "
    "and or but it its".split()
)


def _present_verb(token: str) -> bool:
    """A verb as a subject's action is written: "downloads", "applies", "integrates"."""
    return len(token) >= 5 and token.isalpha() and token.endswith("s") and not token.endswith("ss")


def _first_mention(tokens: list[str], pair: tuple[list[str], list[str]]) -> tuple[int | None, int]:
    """Which subject the clause names first (0 or 1), and the token after its name."""
    best: tuple[int, int | None, int] = (len(tokens), None, 0)
    for side, names in enumerate(pair):
        for name in names:
            words = name.split()
            for at in range(len(tokens) - len(words) + 1):
                if tokens[at : at + len(words)] == words and at < best[0]:
                    best = (at, side, at + len(words))
    return best[1], best[2]


@dataclass(frozen=True)
class WordRarity:
    """How many documents of a corpus (the guide's outlines and notes, the bank's reference
    answers) use each word: a word most answers use ("request", "code") shows nothing."""

    documents: int
    counts: dict[str, int]

    @classmethod
    def of(cls, texts: list[str]) -> WordRarity:
        counts: dict[str, int] = {}
        for text in texts:
            for token in set(_tokens(text)):
                counts[token] = counts.get(token, 0) + 1
        return cls(len(texts), counts)

    def share(self, token: str) -> float:
        return self.counts.get(token, 0) / self.documents if self.documents else 0.0


COMMON_SHARE = (
    0.05  # used by more than this share of the corpus: not a keyword (tuned on the dev sets)
)


@dataclass(frozen=True)
class DerivedPoints:
    key_points: list[KeyPoint]
    follow_ups: list[FollowUp]
    notes: list[str]  # what the coach should know about the derivation


def derive(
    question: str,
    reference_answer: str,
    given_points: tuple[str, ...] = (),
    given_follow_ups: tuple[str, ...] = (),
    rarity: WordRarity | None = None,
) -> DerivedPoints:
    """Key points (with keywords, claims and probes) and follow-ups for one question."""
    notes: list[str] = []
    if given_points:
        texts = [_clip(" ".join(p.split())) for p in given_points[:MAX_POINTS]]
        if len(given_points) > MAX_POINTS:
            notes.append(f"kept the first {MAX_POINTS} of {len(given_points)} key points")
    else:
        texts = point_texts(reference_answer)
        notes.append(f"{len(texts)} key point(s) derived from the reference answer")
    asked = set(_tokens(question))
    texts = [t for t in texts if len(t) >= 8]
    swaps = _swap_claims(question, texts)
    points = [_key_point(t, asked, question, swaps.get(i, []), rarity) for i, t in enumerate(texts)]
    if not points:
        whole = _clip(" ".join(reference_answer.split()))
        points = [_key_point(whole, asked, question, [], rarity)]
    follow_ups = [FollowUp(question=f) for f in given_follow_ups[:3] if len(f) >= 10]
    if not follow_ups:
        follow_ups = [FollowUp(question=GENERAL_PROBE)]
    return DerivedPoints(points, follow_ups, notes)


def point_texts(reference_answer: str) -> list[str]:
    """The reference answer as at most six statements: its sentences, long ones cut at
    semicolons, fragments joined to the sentence before, then the shortest neighbours merged."""
    pieces: list[str] = []
    for sentence in split_sentences(_plain(reference_answer)):
        parts = [sentence.text] if len(sentence.words) <= 30 else sentence.text.split("; ")
        for part in parts:
            part = part.strip().rstrip(";")
            if not part:
                continue
            if pieces and len(_tokens(part)) < MIN_POINT_WORDS:
                pieces[-1] = f"{pieces[-1]} {part}"
            else:
                pieces.append(part)
    while len(pieces) > MAX_POINTS:
        sizes = [len(_tokens(a)) + len(_tokens(b)) for a, b in itertools.pairwise(pieces)]
        at = sizes.index(min(sizes))
        pieces[at : at + 2] = [f"{pieces[at]} {pieces[at + 1]}"]
    return [_clip(p) for p in pieces]


def _plain(text: str) -> str:
    """Markdown emphasis, bullets and inline code marks removed; code blocks kept as text."""
    text = re.sub(r"```[a-zA-Z0-9]*\n?|~~~", "", text)
    text = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", text, flags=re.MULTILINE)
    text = re.sub(r"(\*\*|__|`)", "", text)
    return text


def _clip(text: str) -> str:
    if len(text) <= MAX_POINT_CHARS:
        return text
    cut = text[:MAX_POINT_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " ..."


def _tokens(text: str) -> list[str]:
    low = text.lower().replace("’", "'").replace("`", "")
    return [t.strip(".'()") for t in _TOKEN.findall(low) if t.strip(".'()")]


def _content(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in STOP and (len(t) >= 3 or _technical(t))]


def _technical(token: str) -> bool:
    return bool(re.search(r"[0-9_./+#()]", token)) or token in {"io", "id", "db", "os", "ui"}


def keywords_for(text: str, asked: set[str], rarity: WordRarity | None = None) -> list[str]:
    """The point's own words that show it was made: cost forms first, then the rarest
    content words the question does not already use (an echo of the question proves
    nothing, and a word most answers use shows nothing)."""
    found: list[str] = []
    for match in _O_FORM.finditer(text):
        found.append(" ".join(match.group(0).lower().split()))
    words: list[str] = []
    for token in _content(_tokens(text)):
        if token in asked or token in found or token in words or _O_FORM.fullmatch(token):
            continue
        if rarity is not None and rarity.share(token) > COMMON_SHARE:
            continue
        words.append(token)
    if rarity is not None:
        words.sort(key=rarity.share)
    return (found + words)[:MAX_KEYWORDS]


def _key_point(
    text: str, asked: set[str], question: str, swaps: list[Claim], rarity: WordRarity | None
) -> KeyPoint:
    keywords = keywords_for(text, asked, rarity)
    claims = _distinct(claims_for(text, question) + swaps)
    subject = next((c.about[0] for c in claims), None)
    probe = _probe(subject, keywords, claims, question)
    if probe is not None:
        probe_words = set(_tokens(probe))
        keywords = [k for k in keywords if not set(k.split()) <= probe_words] or keywords
        if any(set(k.split()) <= probe_words for k in keywords):
            probe = None
    text = text if len(text) >= 8 else f"{text} (as the reference answer says)"
    return KeyPoint(text=text, keywords=keywords, claims=claims, probe=probe)


def _probe(
    subject: str | None, keywords: list[str], claims: list[Claim], question: str
) -> str | None:
    if subject is None:
        return None
    probe = f"Tell me more about the {subject} part: how does it behave here, and why?"
    low = f" {' '.join(probe.lower().split())} "
    asked = question.lower()
    answers = [k for k in keywords if k not in asked] + [
        h for c in claims for h in c.holds if h not in asked
    ]
    if any(re.search(rf"(?<![a-z0-9]){re.escape(a)}(?![a-z0-9])", low) for a in answers):
        return None
    return probe


_TOPIC = re.compile(
    r"^(?:what (?:is|are|does)|explain|describe|define|why (?:is|are|does|do)|how (?:does|do|is))"
    r" (?:an? |the )?(?P<topic>[\w./()-]+(?: [\w./()-]+)?)"
)


def question_topic(question: str) -> list[str] | None:
    """What the question asks about ("What is the GIL, ..." -> the GIL): the subject of a
    clause that names none ("It does not make code thread-safe")."""
    low = " ".join(question.lower().replace("`", "").split())
    match = _TOPIC.match(low)
    if match is None or match.group("topic").startswith(("difference", "differences")):
        return None
    names = _names(re.split(r"[,?;:]| and | in | for | with ", match.group("topic"))[0])
    return names or None


def claims_for(text: str, question: str) -> list[Claim]:
    """The checkable claims in a statement: a known-opposite property or a cost stated in
    the predicate of a clause whose subject the clause names (a pronoun subject - "it",
    "they" - is the statement's last subject, or the question's topic)."""
    claims: list[Claim] = []
    asked = " ".join(question.lower().split())  # a property the question asks about is its premise
    last_subject: list[str] | None = question_topic(question)
    pieces = [c for c in _CLAUSE.split(text) if c and c.strip()]
    for index, clause in enumerate(pieces):
        low = " ".join(clause.lower().replace("`", "").split())
        listed = index + 1 < len(pieces) and _O_FORM.match(pieces[index + 1].strip()) is not None
        found = _subject(low)
        if found is None:
            continue
        names, predicate = found
        if names is None:
            names = last_subject
        if names is None:
            continue
        last_subject = names
        costs = list(_O_FORM.finditer(predicate))
        if len(costs) == 1 and not listed:  # a list of costs says nothing of one subject
            cost = _CANONICAL_COST.get(cost_class(costs[0].group(0)) or "")
            if cost is not None:
                claims.append(Claim(about=names, cost=cost))
        prop = _property(predicate)
        if prop is not None:
            holds, contradicts = prop
            premise = any(_whole_word(p, asked) for p in holds + contradicts)
            if not premise and not set(holds + contradicts) & set(names):
                claims.append(Claim(about=names, holds=holds, contradicts=contradicts))
    return _distinct(claims)[:4]


_PREPOSITION = frozenset("of in on for with from to by at".split())


def _subject(low: str) -> tuple[list[str] | None, str] | None:
    """The clause's subject (the words before its verb: the phrase and its head word) and
    its predicate (the words from the verb on). None for a clause with no verb; no names
    for a pronoun subject."""
    verb = _VERB.search(low)
    if verb is None or verb.start() == 0:
        return None
    predicate = low[verb.start() :]
    before = [t for t in _tokens(low[: verb.start()]) if t]
    if before and all(t in _PRONOUNS for t in before[-2:]):
        return None, predicate
    while before and (before[0] in _DETERMINERS or before[0] in STOP):
        before = before[1:]
    before = before[-4:]
    while before and before[0] in STOP:
        before = before[1:]
    if not before or all(t in _PRONOUNS or t in STOP for t in before):
        return None
    phrase = " ".join(before)
    head_part = before[: next((i for i, t in enumerate(before) if t in _PREPOSITION), len(before))]
    heads = [t for t in head_part if t not in STOP and len(t) >= 3]
    aliases = [phrase]
    if heads and not heads[-1].endswith("ed"):  # "sorted", "cached": said of anything
        head = heads[-1]
        aliases.append(head)
        aliases.append(_other_number(head))
    return [a for i, a in enumerate(aliases) if a not in aliases[:i]], predicate


def _whole_word(phrase: str, text: str) -> bool:
    return re.search(rf"(?<![a-z0-9-]){re.escape(phrase)}(?![a-z0-9-])", text) is not None


def _other_number(word: str) -> str:
    """'queue' -> 'queues', 'lists' -> 'list', 'classes' -> 'class' (near enough for names)."""
    if re.search(r"(ss|ch|sh|x)es$", word):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word + ("es" if re.search(r"(ss|ch|sh|x)$", word) else "s")


def _property(low: str) -> tuple[list[str], list[str]] | None:
    """(holds, contradicts) for the first known-opposite property in the clause; a negated
    property ("not ordered") holds its opposite."""
    for word in sorted(OPPOSITES, key=len, reverse=True):
        match = re.search(rf"(?<![a-z0-9-]){re.escape(word)}(?![a-z0-9-])", low)
        if match is None:
            continue
        opposite = OPPOSITES[word]
        if _NEGATOR.search(low[: match.start()]):  # a clause is short: its negator negates
            word, opposite = opposite, word
        return [word, *SAME_AS.get(word, ())], [opposite, *SAME_AS.get(opposite, ())]
    return None


def _distinct(claims: list[Claim]) -> list[Claim]:
    seen: set[str] = set()
    out = []
    for claim in claims:
        key = claim.model_dump_json()
        if key not in seen:
            seen.add(key)
            out.append(claim)
    return out


# ----- a model's reading, into the same schema ----------------------------------------------
class ModelClaim(BaseModel):
    about: list[str] = PydField(default_factory=list, description="The subject's names.")
    holds: list[str] = PydField(default_factory=list, description="What is true of it.")
    contradicts: list[str] = PydField(
        default_factory=list, description="What would be wrong to say of it."
    )


class ModelPoint(BaseModel):
    text: str = PydField(description="One claim the reference answer makes, in a sentence.")
    keywords: list[str] = PydField(
        default_factory=list, description="Words or short phrases that show it was made."
    )
    claims: list[ModelClaim] = PydField(default_factory=list)
    probe: str | None = PydField(
        default=None, description="A follow-up that asks about it without giving it away."
    )


class ModelDerivation(BaseModel):
    """What a model returns for one question: its reading of the reference answer."""

    key_points: list[ModelPoint] = PydField(description="1-6 claims, in the answer's order.")
    follow_ups: list[str] = PydField(default_factory=list, description="Up to 3 follow-ups.")


def from_model(
    question: str,
    reply: ModelDerivation,
    given_follow_ups: tuple[str, ...] = (),
    rarity: WordRarity | None = None,
) -> DerivedPoints:
    """A model's key points made valid: phrases lower-cased, claims and probes that would not
    pass the knowledge schema dropped (said in the notes), words found when it gave none."""
    notes: list[str] = []
    asked = set(_tokens(question))
    points: list[KeyPoint] = []
    for number, point in enumerate(reply.key_points[:MAX_POINTS], start=1):
        text = _clip(" ".join(point.text.split()))
        if len(text) < 8:
            notes.append(f"key point {number} from the model was too short and is left out")
            continue
        keywords = [k for k in _phrases_of(point.keywords) if k not in asked][:MAX_KEYWORDS]
        claims: list[Claim] = []
        for claim in point.claims:
            try:
                claims.append(
                    Claim(
                        about=_phrases_of(claim.about),
                        holds=_phrases_of(claim.holds),
                        contradicts=[
                            c for c in _phrases_of(claim.contradicts) if c not in claim.holds
                        ],
                    )
                )
            except ValidationError:
                notes.append(f"a claim of key point {number} was incomplete and is left out")
        probe = point.probe if point.probe and len(point.probe) >= 10 else None
        if probe is not None and _gives_away(probe, keywords, claims, question):
            notes.append(f"key point {number}'s probe gave the point away and is left out")
            probe = None
        points.append(
            KeyPoint(
                text=text,
                keywords=keywords or keywords_for(text, asked, rarity),
                claims=claims[:4],
                probe=probe,
            )
        )
    if not points:
        raise ValueError("the model gave no usable key point")
    follow_ups = [FollowUp(question=f) for f in (given_follow_ups or tuple(reply.follow_ups))[:3]
                  if len(f) >= 10]  # fmt: skip
    notes.insert(0, f"{len(points)} key point(s) read from the reference answer by the model")
    return DerivedPoints(points, follow_ups or [FollowUp(question=GENERAL_PROBE)], notes)


def _phrases_of(values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        phrase = " ".join(str(value).lower().split())[:80]
        if phrase and phrase not in out:
            out.append(phrase)
    return out[:10]


def _gives_away(probe: str, keywords: list[str], claims: list[Claim], question: str) -> bool:
    low = f" {' '.join(probe.lower().split())} "
    asked = question.lower()
    answers = [k for k in keywords if k not in asked]
    answers += [h for c in claims for h in c.holds if h not in asked]
    return any(re.search(rf"(?<![a-z0-9]){re.escape(a)}(?![a-z0-9])", low) for a in answers)


def as_model_reply(derived: DerivedPoints) -> ModelDerivation:
    """The offline derivation in the model's form (the scripted stand-in answers with it)."""
    return ModelDerivation(
        key_points=[
            ModelPoint(
                text=p.text,
                keywords=p.keywords,
                claims=[
                    ModelClaim(about=c.about, holds=c.holds, contradicts=c.contradicts)
                    for c in p.claims
                    if c.holds or c.contradicts
                ],
                probe=p.probe,
            )
            for p in derived.key_points
        ],
        follow_ups=[f.question for f in derived.follow_ups],
    )
