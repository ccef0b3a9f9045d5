"""The app over HTTP with gradio_client and httpx: a candidate's interview, the coach's gate,
the coach's override, and the downloads."""

import json

import httpx
import pytest
from gradio_client import Client

from tests.support.chat import plain
from tests.support.paths import COACH_PASSWORD

pytestmark = pytest.mark.server
STORY = (
    "During my final-year project our demo was moved up by a week. My task was to finish the "
    "payments API on my own. I split the remaining work into small tickets and I wrote tests "
    "for the payment flow. As a result we delivered on time with zero failed requests, and I "
    "learned to plan buffer time."
)
AFTER = "after each answer"


def coach_session(url: str) -> httpx.Client:
    browser = httpx.Client(base_url=url)
    response = browser.post("/coach/login", data={"username": "coach", "password": COACH_PASSWORD})
    assert response.status_code in (200, 303), response.text
    return browser


def test_candidate_interview_over_the_api(running_app) -> None:
    url, engine = running_app
    client = Client(url, verbose=False)
    out = client.predict("Asha", [], "mixed", 2, "", AFTER, "", api_name="/start")
    session_id, code = out[1], out[-1]
    assert session_id and len(code) >= 16
    for _ in range(8):
        out = client.predict(STORY, session_id, AFTER, api_name="/send")
        if "Here is your report" in plain(out[0][-1]):
            break
    assert "Interview report" in out[6]
    stored = engine.repo.get_session(session_id)
    assert stored.finished and stored.turns[0].answer == STORY
    history = client.predict(code, api_name="/history")[0]
    assert [row[0] for row in history["data"]] == [session_id]
    # Someone else's code sees nothing.
    assert client.predict("not-my-code", api_name="/history")[0]["data"] == []
    # The report downloads are links to our own route, rendered on request.
    links = [part.split('"')[0] for part in out[7].split('href="')[1:]]
    assert len(links) == 3
    pdf = httpx.get(f"{url}/{links[2]}")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf.headers["content-disposition"]
    forged = links[0][:-3] + ("AAA" if not links[0].endswith("AAA") else "BBB")
    assert httpx.get(f"{url}/{forged}").status_code == 404


def test_coach_area_needs_a_login(running_app) -> None:
    url, _ = running_app
    for path in ("/coach/gradio_api/info", "/coach/config", "/coach/files/labels-star.jsonl"):
        assert httpx.get(f"{url}{path}").status_code == 401, path
    assert httpx.get(f"{url}/coach/").status_code == 303  # to the login form
    assert httpx.get(f"{url}/coach/", follow_redirects=True).text.count("password") >= 1
    wrong = httpx.post(f"{url}/coach/login", data={"username": "coach", "password": "nope"})
    assert wrong.status_code == 401 and "Wrong user name or password" in wrong.text

    browser = coach_session(url)
    cookie = next(c for c in browser.cookies.jar if c.name == "interviewer_coach")
    assert cookie.path == "/coach" and not cookie.secure  # plain http here: Secure is https only
    assert browser.get("/coach/gradio_api/info").status_code == 200
    coach = Client(
        f"{url}/coach/",
        verbose=False,
        headers={"cookie": f"interviewer_coach={cookie.value or ''}"},
    )
    rows = coach.predict("", "", "", "(any area)", 0, 100, False, api_name="/search")
    assert "headers" in rows[0]

    # A candidate's own session opens nothing at /coach.
    with httpx.Client() as candidate_browser:
        assert candidate_browser.get(f"{url}/").status_code == 200
        Client(url, verbose=False).predict(
            "Mallory", [], "mixed", 1, "", AFTER, "", api_name="/start"
        )
        assert candidate_browser.get(f"{url}/coach/gradio_api/info").status_code == 401
        refused = candidate_browser.post(
            f"{url}/coach/gradio_api/call/search", json={"data": ["", "", "", None, 0, 100, False]}
        )
        assert refused.status_code == 401
    assert COACH_PASSWORD not in httpx.get(f"{url}/config").text
    # Logging out ends the login.
    browser.post("/coach/logout")
    assert (
        httpx.get(
            f"{url}/coach/gradio_api/info", cookies={"interviewer_coach": cookie.value or ""}
        ).status_code
        == 401
    )


def test_coach_override_is_stored_beside_the_machine_score(running_app) -> None:
    url, engine = running_app
    candidate = Client(url, verbose=False)
    out = candidate.predict("Ravi", ["behavioural"], "mixed", 1, "", AFTER, "", api_name="/start")
    session_id = out[1]
    candidate.predict(STORY, session_id, AFTER, api_name="/send")

    browser = coach_session(url)
    cookie = next(c.value for c in browser.cookies.jar if c.name == "interviewer_coach")
    coach = Client(
        f"{url}/coach/", verbose=False, headers={"cookie": f"interviewer_coach={cookie}"}
    )
    transcript, _turn, links = coach.predict(session_id, api_name="/open")
    assert "Hidden interviewer note" in transcript and "transcript (PDF)" in links
    transcript, status = coach.predict(
        session_id, 1, "star", 2, 2, 2, 2, 5, 3, "", "Clear, measured story", api_name="/override"
    )
    assert "Saved override" in status
    assert "Coach override** by coach" in transcript and "Machine score" in transcript
    rows = engine.repo.overrides()
    assert len(rows) == 1 and rows[0].coach == "coach" and rows[0].reason == "Clear, measured story"
    assert engine.repo.get_session(session_id).turns[0].scores, "the machine score is kept"
    labels = browser.get("/coach/files/labels-star.jsonl")
    line = json.loads(labels.text.splitlines()[0])
    assert line["overall"] == 5 and line["source"] == "coach-override"
    exported = browser.get(f"/coach/files/transcript/{session_id}.json")
    assert exported.status_code == 200 and json.loads(exported.text)["session_id"] == session_id
    with pytest.raises(Exception, match="reason"):
        coach.predict(session_id, 1, "star", 2, 2, 2, 2, 5, 3, "", "  ", api_name="/override")
