"""Settings live in one place, and `.env.example` is generated from them."""

from interviewer.config import PROJECT_ROOT, Settings
from interviewer.settings_doc import env_example, env_names


def test_env_example_is_current() -> None:
    assert (PROJECT_ROOT / ".env.example").read_text(encoding="utf-8") == env_example(), (
        "run `python -m interviewer.settings_doc`"
    )


def test_every_setting_is_documented() -> None:
    text = env_example()
    for name, field in Settings.model_fields.items():
        assert field.description, f"{name} has no description"
        assert env_names(name, field)[0] in text
