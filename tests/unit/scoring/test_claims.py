"""The correctness check reads who is said to have which property, clause by clause."""

from pathlib import Path

import pytest

from interviewer.config import PROJECT_ROOT
from interviewer.knowledge.loader import load_knowledge
from interviewer.scoring.claims import checker_for, clauses, cost_class
from interviewer.scoring.text import split_sentences

KB = load_knowledge(Path(PROJECT_ROOT) / "knowledge")


def verdicts(question_id: str, answer: str) -> list[tuple[str, int | None, str]]:
    checker = checker_for(KB.question(question_id))
    return [(f.verdict, f.key_point, f.quote) for f in checker.check(split_sentences(answer))]


def test_swapped_subjects_contradict() -> None:
    found = verdicts("py.list-vs-tuple", "A tuple is mutable and a list is immutable.")
    assert {v for v, _, _ in found} == {"contradicts"}
    assert any(q == "A tuple is mutable" for _, _, q in found)


def test_the_right_way_round_supports() -> None:
    found = verdicts("py.list-vs-tuple", "A list is mutable, while a tuple is immutable.")
    assert found and all(v == "supports" for v, _, _ in found)


def test_a_negated_property_contradicts() -> None:
    found = verdicts("py.list-vs-tuple", "Tuples are not immutable.")
    assert [v for v, _, _ in found] == ["contradicts"]


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        ("Binary search is O(log n).", "supports"),
        ("Binary search is O(n log n).", "contradicts"),
        ("Checking x in a list is O(1).", "contradicts"),
        ("A dict lookup is O(n) on average.", "contradicts"),  # O(n) is only its worst case
    ],
)
def test_costs_are_compared_as_classes(answer: str, verdict: str) -> None:
    assert [v for v, _, _ in verdicts("dsa.big-o-basics", answer)] == [verdict]


def test_a_memory_cost_is_not_read_as_running_time() -> None:
    assert verdicts("dsa.big-o-basics", "Binary search needs O(1) extra space.") == []


def test_a_cost_without_its_subject_in_the_sentence_is_not_guessed() -> None:
    assert verdicts("dsa.two-sum", "This uses O(n) time.") == []


def test_clauses_keep_calls_and_complexities_whole() -> None:
    sentence = split_sentences(
        "Sorting with sorted() is O(n log n) (Timsort), and bisect is fast."
    )[0]
    texts = [c.text for c in clauses(sentence)]
    assert "Sorting with sorted() is O(n log n)" in texts
    assert "Timsort" in texts


@pytest.mark.parametrize(
    ("expression", "kind"),
    [
        ("O(n log n)", "nlogn"),
        ("O(m + n)", "n"),
        ("O(n^2)", "n2"),
        ("O(1)", "1"),
        ("O(log n)", "log"),
    ],
)
def test_cost_class(expression: str, kind: str) -> None:
    assert cost_class(expression) == kind


def contradicted(question_id: str, answer: str) -> list[str]:
    return [q for v, _, q in verdicts(question_id, answer) if v == "contradicts"]


def test_subjects_the_question_sets_against_each_other_swap_across_key_points() -> None:
    # git fetch and git pull are stated in separate key points; the question names both.
    wrong = "git fetch downloads the commits and merges them into your current branch."
    assert contradicted("git.fetch-vs-pull", wrong) == ["and merges them into your current branch."]
    right = "git pull downloads the commits and merges them into your current branch."
    assert contradicted("git.fetch-vs-pull", right) == []


def test_another_subjects_property_is_not_a_swap_when_the_subject_is_not_in_the_sentence() -> None:
    answer = "git fetch downloads new commits. And then it merges them into your branch."
    assert contradicted("git.fetch-vs-pull", answer) == []


def test_a_subject_named_after_a_copula_is_an_object_not_the_subject() -> None:
    answer = "git pull is a fetch followed by a merge into your current branch."
    assert contradicted("git.fetch-vs-pull", answer) == []
    assert contradicted("git.fetch-vs-pull", "pull = fetch + merge") == []


def test_a_name_inside_a_verb_phrase_is_its_object() -> None:
    answer = "migrate inspects the models and generates new migration files."
    assert contradicted("fw.django-migrations", answer) == ["and generates new migration files."]


def test_a_phrase_is_read_with_another_article_or_a_word_in_its_place() -> None:
    answer = "A generator expression builds the whole list in memory at once."
    assert contradicted("py.comprehensions", answer) == [answer]
    # ... but a preposition's article is not a gap: "to a dict" is not "to convert the dict"
    fine = "We use json.dumps to convert the dict or list into a JSON string."
    assert contradicted("api.json-serialisation", fine) == []


def test_once_the_speaker_takes_over_the_last_subject_is_not_carried_to_claims() -> None:
    answer = (
        "PDF generation is CPU-bound, so threads would contend for the GIL; I would move it "
        "to separate processes, ideally a background task queue such as Celery."
    )
    assert contradicted("py.threads-processes-asyncio", answer) == []


def test_a_worst_case_cost_is_checked_when_the_worst_case_is_the_subject() -> None:
    wrong = "Colliding keys go in a balanced tree, so even the worst case stays O(log n)."
    assert contradicted("py.dict-internals", wrong)
    assert contradicted("py.dict-internals", "With many collisions the worst case is O(n).") == []


def test_extra_space_is_checked_against_what_the_key_point_states() -> None:
    # "keeping only two variables gives O(1) space": the key point's own space class
    wrong = "Bottom-up tabulation gives O(n) time but still requires O(n) space."
    assert contradicted("dsa.memoisation-dp", wrong) == ["but still requires O(n) space."]
    right = "Bottom-up tabulation gives O(n) time and needs only O(1) space."
    assert contradicted("dsa.memoisation-dp", right) == []


def test_a_comparison_made_the_wrong_way_round_contradicts() -> None:
    wrong = "Containers isolate workloads more strongly than VMs."
    assert contradicted("docker.containers-vs-vms", wrong) == [
        "Containers isolate workloads more strongly"
    ]
    right = "VMs isolate workloads more strongly than containers."
    assert contradicted("docker.containers-vs-vms", right) == []


def test_a_negator_inside_a_phrase_denies_it() -> None:
    # "is not mutable" is read by the phrase "is mutable" with a word in between
    found = verdicts("py.list-vs-tuple", "A tuple is not mutable.")
    assert [v for v, _, _ in found] == ["supports"]


def test_nothing_negates() -> None:
    assert contradicted("git.fetch-vs-pull", "git fetch changes nothing in your files.") == []


def test_a_clause_that_forbids_denies_what_it_goes_on_to_say() -> None:
    assert contradicted("py.list-vs-tuple", "Never say that tuples are mutable.") == []


def test_a_denied_right_cost_contradicts() -> None:
    assert [v for v, _, _ in verdicts("dsa.big-o-basics", "Binary search is not O(log n).")] == [
        "contradicts"
    ]


@pytest.mark.parametrize("word", ["need", "speed", "guarantee"])
def test_words_ending_in_ee_match_themselves(word: str) -> None:
    from interviewer.scoring.claims import _pattern

    assert _pattern(word).search(word)
    assert _pattern(word).search(word + "s")


def test_every_claim_and_belief_phrase_in_the_knowledge_matches_its_own_words() -> None:
    from interviewer.scoring.claims import _norm, _pattern

    broken = [
        phrase
        for question in KB.questions
        for phrase in [
            *(p for kp in question.key_points for c in kp.claims for p in c.holds + c.contradicts),
            *(p for m in question.misconceptions for p in m.says),
        ]
        if not _pattern(phrase).search(_norm(phrase))
    ]
    assert broken == []
