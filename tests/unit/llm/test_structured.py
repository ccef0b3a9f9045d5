"""The JSON in a reply, with fences and prose around it."""

import pytest

from interviewer.llm.structured import extract_json


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ('{"a": 1}', '{"a": 1}'),
        ('```json\n{"a": 1}\n```', '{"a": 1}'),
        ('Here you go: {"a": {"b": 2}} hope it helps', '{"a": {"b": 2}}'),
    ],
)
def test_extract_json(reply: str, expected: str) -> None:
    assert extract_json(reply) == expected


def test_no_json_is_an_error() -> None:
    with pytest.raises(ValueError, match="no JSON object"):
        extract_json("I cannot score this.")
