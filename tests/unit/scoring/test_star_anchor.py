"""The schema's anchor (5 needs every part specific) read jointly with the part models."""

from interviewer.scoring.star_units import SPECIFIC_ENOUGH, consistent

LIKELY = SPECIFIC_ENOUGH + 0.05
UNLIKELY = SPECIFIC_ENOUGH - 0.05


def test_a_five_with_every_part_specific_stands() -> None:
    assert consistent(5, [2, 2, 2, 2], [0.9] * 4) == (5, [2, 2, 2, 2])


def test_below_five_nothing_changes() -> None:
    assert consistent(4, [2, 1, 2, 2], [0.9, LIKELY, 0.9, 0.9]) == (4, [2, 1, 2, 2])


def test_a_vague_part_that_is_likely_specific_is_read_as_specific() -> None:
    assert consistent(5, [2, 1, 2, 2], [0.9, LIKELY, 0.9, 0.9]) == (5, [2, 2, 2, 2])


def test_a_vague_part_that_is_unlikely_specific_lowers_the_overall() -> None:
    assert consistent(5, [2, 1, 2, 2], [0.9, UNLIKELY, 0.9, 0.9]) == (4, [2, 1, 2, 2])


def test_every_weak_part_must_be_likely_specific() -> None:
    assert consistent(5, [1, 1, 2, 2], [LIKELY, UNLIKELY, 0.9, 0.9]) == (4, [1, 1, 2, 2])


def test_an_absent_part_is_never_raised() -> None:
    assert consistent(5, [2, 0, 2, 2], [0.9, 0.9, 0.9, 0.9]) == (4, [2, 0, 2, 2])
