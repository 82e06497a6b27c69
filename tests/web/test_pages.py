"""The reviewer pages: sign-in, inbox, case page, decision with four eyes, law browser, errors."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from rightsgate.auth.permissions import Role
from rightsgate.auth.service import HASHER
from tests.api.conftest import add_users
from tests.builders import request_data

PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def password_hash():
    return HASHER.hash(PASSWORD)


@pytest.fixture
def web(app, tokens, password_hash):
    add_users(app.state.engine, {Role.reviewer: "rita", Role.supervisor: "suzy"}, password_hash)
    with TestClient(app, base_url="https://testserver") as client:
        yield client


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def sign_in(client, username: str) -> str:
    token = csrf_of(client.get("/signin").text)
    response = client.post("/signin", data={"username": username, "password": PASSWORD, "csrf": token})
    assert response.status_code == 200 and "Inbox" in response.text, response.text
    return csrf_of(response.text)


def open_case(client, tokens, **overrides) -> int:
    headers = {"Authorization": f"Bearer {tokens['intake']}"}
    response = client.post("/api/cases", json=request_data(**overrides), headers=headers)
    return response.json()["id"]


def test_pages_need_a_signed_in_user(web) -> None:
    response = web.get("/cases", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/signin"


def test_a_wrong_password_is_refused_without_saying_which_part(web) -> None:
    token = csrf_of(web.get("/signin").text)
    response = web.post("/signin", data={"username": "rita", "password": "wrong password!", "csrf": token})
    assert response.status_code == 401 and "not right" in response.text


def test_a_form_without_the_csrf_token_is_refused(web) -> None:
    web.get("/signin")
    response = web.post("/signin", data={"username": "rita", "password": PASSWORD, "csrf": "forged"})
    assert response.status_code == 403 and "did not come from this site" in response.text


def test_the_session_cookie_is_secure_http_only_and_strict(web) -> None:
    response = web.get("/signin")
    cookie = response.headers["set-cookie"].lower()
    assert "secure" in cookie and "httponly" in cookie and "samesite=strict" in cookie


def test_the_inbox_filters_cases(web, tokens) -> None:
    open_case(web, tokens)
    open_case(web, tokens, reference="XC-9", requesting_state="XC")
    sign_in(web, "rita")
    page = web.get("/cases", params={"state": "XC"}).text
    assert "XC-9" in page and "XA-2026-001" not in page
    assert web.get("/cases", params={"per_page": "0"}).status_code == 422


def test_a_decision_needing_four_eyes_is_approved_by_a_supervisor(web, tokens) -> None:
    case_id = open_case(
        web, tokens, data_requested=["subscriber", "content"], facts="The suspect ran a protest blog."
    )
    csrf = sign_in(web, "rita")
    page = web.get(f"/cases/{case_id}").text
    assert "Findings by rule" in page and "unverified" in page and "Timeline and audit events" in page
    web.post(
        f"/cases/{case_id}/status", data={"to": "under_review", "reason": "review started", "csrf": csrf}
    )
    response = web.post(
        f"/cases/{case_id}/decisions",
        data={
            "action": "execute_in_part",
            "rationale": "Only subscriber data.",
            "data_categories": ["content"],
            "grounds": ["proportionality"],
            "csrf": csrf,
        },
    )
    assert "awaiting supervisor approval" in response.text, response.text
    assert "<code>proportionality</code>" in response.text
    web.post("/signout", data={"csrf": csrf})
    csrf = sign_in(web, "suzy")
    page = web.get(f"/cases/{case_id}").text
    decision_id = re.search(rf"/cases/{case_id}/decisions/(\d+)/countersign", page).group(1)
    approved = web.post(f"/cases/{case_id}/decisions/{decision_id}/countersign", data={"csrf": csrf})
    assert "approved by suzy" in approved.text and "decision.countersigned" in approved.text


def test_a_workflow_refusal_is_shown_as_a_clear_page(web, tokens) -> None:
    case_id = open_case(web, tokens)
    csrf = sign_in(web, "rita")
    response = web.post(f"/cases/{case_id}/decisions", data={"action": "execute", "csrf": csrf})
    assert response.status_code == 409 and "decide only a case under review" in response.text
    assert "<!doctype html>" in response.text.lower()


def test_a_missing_case_and_an_unknown_page_get_error_pages(web) -> None:
    sign_in(web, "rita")
    assert web.get("/cases/999").status_code == 404
    missing = web.get("/nowhere")
    assert missing.status_code == 404 and "Not found" in missing.text


def test_policies_compare_side_by_side(web, tokens) -> None:
    case_id = open_case(web, tokens)
    sign_in(web, "rita")
    page = web.get(f"/cases/{case_id}/compare").text
    assert "convention-minimum" in page and "rights-respecting" in page


def test_the_law_browser_is_public(web) -> None:
    assert "Provisions cited" in web.get("/law").text
    profile = web.get("/law/profiles/XB", params={"on": "2026-09-01"})
    assert profile.status_code == 200 and "Source" in profile.text
    assert "Convention status by State" in web.get("/law/status").text
    assert web.get("/law/profiles/QQ").status_code == 404


def test_pages_carry_security_headers(web) -> None:
    headers = web.get("/signin").headers
    assert "default-src 'self'" in headers["content-security-policy"] and headers["x-frame-options"] == "DENY"


def test_an_unexpected_error_gets_a_plain_error_page(web, monkeypatch) -> None:
    sign_in(web, "rita")

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("rightsgate.web.views.list_cases", broken)
    response = web.get("/cases")
    assert response.status_code == 500 and "could not complete the request" in response.text
    assert "boom" not in response.text
