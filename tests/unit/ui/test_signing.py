"""Signed tokens: valid, expired, forged, for another purpose."""

from interviewer.ui.signing import Signer


def test_tokens_verify_only_as_signed() -> None:
    key = b"k" * 32
    token = Signer(key, "download").sign({"s": "abc"}, 60)
    assert Signer(key, "download").verify(token)["s"] == "abc"  # type: ignore[index]
    assert Signer(key, "other-purpose").verify(token) is None
    assert Signer(b"x" * 32, "download").verify(token) is None
    assert Signer(key, "download").verify(token[:-2] + "AA") is None
    assert Signer(key, "download").verify(Signer(key, "download").sign({"s": "a"}, -1)) is None
    assert Signer(key, "download").verify("not-a-token") is None
