from pathlib import Path

import pytest

from interviewer import assets, tokens
from tests.support.paths import ASSETS_DIR


def test_verify_rejects_a_tampered_file(tmp_path: Path) -> None:
    fake = tmp_path / "tokenizer.json"
    fake.write_text("{}")
    with pytest.raises(assets.AssetError, match="interviewer setup"):
        assets.verify(fake, assets.TOKENIZER_SHA256, "MiniLM tokenizer.json")


def test_missing_tokenizer_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(assets.AssetError, match="missing.*interviewer setup"):
        assets.tokenizer_path(tmp_path)


def test_bundled_model_matches_its_pin() -> None:
    assert assets.sha256_of(assets.minilm_model_path()) == assets.MODEL_SHA256


def test_tiktoken_files_rebuild_offline_and_verify(tmp_path: Path) -> None:
    directory = assets.install_tiktoken_files(tmp_path)
    for spec in assets.TIKTOKEN_FILES:
        assert assets.sha256_of(directory / spec.cache_name) == spec.sha256


@pytest.mark.parametrize("encoding", ["o200k_base", "cl100k_base"])
def test_token_counting_needs_no_network(encoding: str) -> None:
    tokens.configure(ASSETS_DIR)
    assert tokens.count_tokens("Hello, interview!", encoding) == 4
    text = "Decorators wrap functions."
    assert tokens.decode(tokens.encode(text, encoding), encoding) == text


def test_encoding_choice_by_model_family() -> None:
    assert tokens.encoding_for("openai:gpt-4o-mini") == "o200k_base"
    assert tokens.encoding_for("gpt-3.5-turbo") == "cl100k_base"
