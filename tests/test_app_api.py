"""The app over HTTP with gradio_client: a candidate's interview, and the coach's gate."""

import pytest
from gradio_client import Client

from tests.conftest import COACH_PASSWORD

pytestmark = pytest.mark.server
STORY = (
    "During my final-year project our demo was moved up by a week. My task was to finish the "
    "payments API on my own. I split the remaining work into small tickets and I wrote tests "
    "for the payment flow. As a result we delivered on time with zero failed requests, and I "
    "learned to plan buffer time."
)


def _text(message: dict) -> str:  # type: ignore[type-arg]
    content = message["content"]
    return (
        content if isinstance(content, str) else "".join(part.get("text", "") for part in content)
    )


def test_candidate_interview_over_the_api(running_app) -> None:  # type: ignore[no-untyped-def]
    url, engine = running_app
    client = Client(url, verbose=False)
    out = client.predict("Asha", [], "mixed", 2, "", "", api_name="/start")
    chat, session_id, code = out[0], out[1], out[-1]
    assert session_id and code
    for _ in range(8):
        out = client.predict(STORY, session_id, chat, "after each answer", api_name="/send")
        chat = out[0]
        if "Here is your report" in _text(chat[-1]):
            break
    assert "# Interview report" in out[6]
    stored = engine.repo.get_session(session_id)
    assert stored.status == "finished" and stored.turns[0].answer == STORY
    history = client.predict(code, api_name="/history")[0]
    assert [row[0] for row in history["data"]] == [session_id]
    # Someone else's code sees nothing.
    assert client.predict("not-my-code", api_name="/history")[0]["data"] == []


def test_coach_area_needs_credentials(running_app) -> None:  # type: ignore[no-untyped-def]
    url, _ = running_app
    import httpx

    assert httpx.get(f"{url}/coach/gradio_api/info").status_code in (401, 403)
    assert "Not authenticated" in httpx.get(f"{url}/coach/config").text
    with pytest.raises(Exception, match="credentials|login"):
        Client(f"{url}/coach/", verbose=False)
    with pytest.raises(ValueError, match="login"):
        Client(f"{url}/coach/", auth=("coach", "wrong-password"), verbose=False)
    coach = Client(f"{url}/coach/", auth=("coach", COACH_PASSWORD), verbose=False)
    assert "headers" in coach.predict("", "", "", "(any area)", 0, 100, False, api_name="/search")

    # A candidate's own session (cookies from using the candidate app) opens nothing at /coach.
    with httpx.Client() as browser:
        assert browser.get(f"{url}/").status_code == 200
        candidate = Client(url, verbose=False)
        candidate.predict("Mallory", [], "mixed", 1, "", "", api_name="/start")
        assert browser.get(f"{url}/coach/gradio_api/info").status_code in (401, 403)
        refused = browser.post(
            f"{url}/coach/gradio_api/call/search", json={"data": ["", "", "", None, 0, 100, False]}
        )
        assert refused.status_code in (401, 403)
    assert COACH_PASSWORD not in httpx.get(f"{url}/config").text


def test_coach_override_is_stored_beside_the_machine_score(running_app) -> None:  # type: ignore[no-untyped-def]
    url, engine = running_app
    candidate = Client(url, verbose=False)
    out = candidate.predict("Ravi", ["behavioural"], "mixed", 1, "", "", api_name="/start")
    session_id = out[1]
    candidate.predict(STORY, session_id, out[0], "after each answer", api_name="/send")

    coach = Client(f"{url}/coach/", auth=("coach", COACH_PASSWORD), verbose=False)
    transcript, _turn = coach.predict(session_id, api_name="/open")
    assert "Hidden interviewer note" in transcript
    transcript, status = coach.predict(
        session_id, 1, "star", 2, 2, 2, 2, 5, 3, "", "Clear, measured story", api_name="/override"
    )
    assert "Saved override" in status
    assert "Coach override** by coach" in transcript and "Machine score" in transcript
    rows = engine.repo.overrides()
    assert len(rows) == 1 and rows[0].coach == "coach" and rows[0].reason == "Clear, measured story"
    machine = engine.repo.get_session(session_id).turns[0].scores
    assert machine, "the machine score is kept"
    star_file, _ = coach.predict(api_name="/export_labels")
    with open(star_file, encoding="utf-8") as handle:
        line = handle.readline()
    assert '"overall": 5' in line and '"source": "coach-override"' in line
    with pytest.raises(Exception, match="reason"):
        coach.predict(session_id, 1, "star", 2, 2, 2, 2, 5, 3, "", "  ", api_name="/override")
