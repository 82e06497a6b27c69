"""Sessions, CSRF, sign-in rate limiting, refusal of disabled users and revoked tokens at once, and the
security headers of every kind of page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from rightsgate.api.app import create_app
from rightsgate.audit.models import AuditEvent
from rightsgate.auth.models import WebSession
from rightsgate.auth.permissions import Role
from rightsgate.auth.service import disable_user, revoke_tokens
from rightsgate.auth.throttle import retry_after
from rightsgate.db import Base, session_scope
from rightsgate.reports.service import publish
from rightsgate.reports.transparency import build_report
from tests.access.world import PASSWORD, World, build_world, csrf_of
from tests.api.test_authorisation_matrix import BODIES, EXPECTED, url_of
from tests.builders import SUPERVISOR

USERS = {"rita": Role.reviewer, "suzy": Role.supervisor, "ines": Role.intake}
WEB_FORMS = sorted(p for m, p in EXPECTED if m == "POST" and not p.startswith("/api/"))
WRONG = "not the password, canary-7f3a"
COOKIE = "rightsgate_session"


@pytest.fixture
def world(app, password_hash):
    built = build_world(app, password_hash, USERS, {})
    yield built
    built.close()


def _attempt(client: TestClient, username: str, password: str):
    token = csrf_of(client.get("/signin").text)
    return client.post("/signin", data={"username": username, "password": password, "csrf": token})


def test_the_session_id_changes_at_sign_in_and_the_pre_login_cookie_is_useless(world) -> None:
    client = world.client()
    client.get("/signin")
    before = client.cookies[COOKIE]
    assert _attempt(client, "rita", PASSWORD).status_code == 303
    after = client.cookies[COOKIE]
    assert after != before and client.get("/cases").status_code == 200
    planted = world.client()
    planted.cookies.set(COOKIE, before)
    assert planted.get("/cases").headers["location"] == "/signin"


def test_signing_out_ends_the_session_on_the_server(world) -> None:
    client, csrf = world.sign_in("rita")
    copy = world.client()
    copy.cookies.set(COOKIE, client.cookies[COOKIE])
    assert copy.get("/cases").status_code == 200
    assert client.post("/signout", data={"csrf": csrf}).headers["location"] == "/signin"
    assert copy.get("/cases").headers["location"] == "/signin"
    with session_scope(world.app.state.engine) as session:
        assert [s.ended_at is not None for s in session.scalars(select(WebSession))] == [True]


@pytest.mark.parametrize("path", WEB_FORMS)
def test_every_form_is_refused_without_the_sessions_own_csrf_token(world, path) -> None:
    client, _ = world.sign_in("suzy")
    _, other = world.sign_in("rita")
    form = BODIES.get(("POST", path), {}) | {"username": "rita", "password": PASSWORD}
    for token in (None, "", other):
        data = form | ({"csrf": token} if token is not None else {})
        response = client.post(url_of(path, world), data=data)
        assert response.status_code == 403 and "did not come from this site" in response.text, token


def test_the_csrf_token_of_before_sign_in_is_refused_after_it(world) -> None:
    client = world.client()
    old = csrf_of(client.get("/signin").text)
    client.post("/signin", data={"username": "rita", "password": PASSWORD, "csrf": old})
    assert client.post("/signout", data={"csrf": old}).status_code == 403


def test_five_failures_for_an_account_lock_it_with_retry_after(world) -> None:
    for number in range(5):
        attacker = TestClient(
            world.app, base_url="https://testserver", follow_redirects=False, client=(f"10.0.0.{number}", 1)
        )
        assert _attempt(attacker, "rita", WRONG).status_code == 401
    locked = _attempt(world.client(), "rita", PASSWORD)
    assert locked.status_code == 429 and 0 < int(locked.headers["retry-after"]) <= 900
    assert "Too many failed sign-ins" in locked.text
    assert _attempt(world.client(), "suzy", PASSWORD).status_code == 303


def test_five_failures_from_an_address_lock_that_address(world) -> None:
    for name in ("a1", "a2", "rita", "a4", "a5"):
        assert _attempt(world.client(), name, WRONG).status_code == 401
    assert _attempt(world.client(), "suzy", PASSWORD).status_code == 429
    elsewhere = TestClient(
        world.app, base_url="https://testserver", follow_redirects=False, client=("192.0.2.9", 1)
    )
    assert _attempt(elsewhere, "suzy", PASSWORD).status_code == 303


def test_the_lock_ends_when_the_window_has_passed_and_holds_across_processes(world, settings) -> None:
    for _ in range(5):
        _attempt(world.client(), "rita", WRONG)
    second = create_app(settings, law=world.app.state.law)
    try:
        other_process = TestClient(
            second, base_url="https://testserver", follow_redirects=False, client=("198.51.100.1", 1)
        )
        assert _attempt(other_process, "rita", PASSWORD).status_code == 429
    finally:
        second.state.engine.dispose()
    later = datetime.now(UTC) + timedelta(seconds=settings.sign_in_window_seconds + 1)
    with session_scope(world.app.state.engine) as session:
        assert (
            retry_after(session, username="rita", address="testclient", settings=settings, now=later) is None
        )


def test_refused_sign_ins_are_audited_without_the_password(world) -> None:
    _attempt(world.client(), "rita", WRONG)
    _attempt(world.client(), WRONG, WRONG)
    with session_scope(world.app.state.engine) as session:
        refused = session.scalars(select(AuditEvent).where(AuditEvent.name == "auth.sign_in_refused")).all()
        assert [(e.actor, e.payload["reason"]) for e in refused] == [
            ("rita", "wrong_password"),
            ("-", "unknown_or_disabled"),
        ]
        for table in Base.metadata.sorted_tables:
            rows = session.execute(select(table)).all()
            assert "canary-7f3a" not in repr(rows), table.name


def test_a_disabled_user_is_refused_at_the_next_request(world) -> None:
    browser, _ = world.sign_in("rita")
    api = world.client()
    assert api.get("/api/cases", headers=world.bearer("rita")).status_code == 200
    with session_scope(world.app.state.engine) as session:
        disable_user(session, username="rita", actor="test")
    assert api.get("/api/cases", headers=world.bearer("rita")).status_code == 401
    assert browser.get("/cases").headers["location"] == "/signin"
    assert _attempt(world.client(), "rita", PASSWORD).status_code == 401


def test_a_revoked_token_is_refused_at_the_next_request(world) -> None:
    api = world.client()
    assert api.get("/api/cases", headers=world.bearer("suzy")).status_code == 200
    with session_scope(world.app.state.engine) as session:
        assert revoke_tokens(session, username="suzy", actor="test") == 1
    assert api.get("/api/cases", headers=world.bearer("suzy")).status_code == 401
    with session_scope(world.app.state.engine) as session:
        names = session.scalars(select(AuditEvent.name)).all()
    assert "token.revoked" in names


def _page_kinds(world: World) -> dict[str, object]:
    """One response of each kind the app serves."""
    with session_scope(world.app.state.engine) as session:
        report_id = publish(
            session, report=build_report(session, period="2026", threshold=5), actor=SUPERVISOR
        ).id
    browser, csrf = world.sign_in("suzy")
    intake, intake_csrf = world.sign_in("ines")
    anonymous, letter = world.client(), {"kind": "more_information"}
    return {
        "sign-in page": anonymous.get("/signin"),
        "redirect": anonymous.get("/cases"),
        "inbox": browser.get("/cases"),
        "case page": browser.get(f"/cases/{world.case_id}"),
        "letter page": browser.post(f"/cases/{world.case_id}/letters", data=letter | {"csrf": csrf}),
        "forbidden page": intake.post(f"/cases/{world.case_id}/letters", data=letter | {"csrf": intake_csrf}),
        "not found page": browser.get("/cases/99999"),
        "law page": anonymous.get("/law"),
        "report list": anonymous.get("/reports"),
        "published report": anonymous.get(f"/reports/{report_id}"),
        "static file": anonymous.get("/static/app.css"),
        "api json": anonymous.get("/api/law/rules"),
        "api problem": anonymous.get("/api/cases"),
        "api docs": anonymous.get("/docs"),
        "openapi": anonymous.get("/openapi.json"),
        "rate limited": _locked(world),
    }


def _locked(world: World):
    for _ in range(5):
        _attempt(world.client(), "nobody", WRONG)
    return _attempt(world.client(), "nobody", WRONG)


def test_every_kind_of_page_carries_the_security_headers(world) -> None:
    for kind, response in _page_kinds(world).items():
        headers = response.headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"], kind
        assert headers["x-content-type-options"] == "nosniff", kind
        assert headers["x-frame-options"] == "DENY", kind
        assert headers["referrer-policy"] == "no-referrer", kind
        assert headers["strict-transport-security"].startswith("max-age="), kind
        assert headers["cache-control"] == "no-store", kind


def test_the_session_cookie_is_secure_http_only_and_strict(world) -> None:
    cookie = world.client().get("/signin").headers["set-cookie"].lower()
    assert "secure" in cookie and "httponly" in cookie and "samesite=strict" in cookie


def test_without_secure_cookies_there_is_no_hsts_nor_secure_flag(settings, law) -> None:
    plain = create_app(settings.model_copy(update={"secure_cookies": False}), law=law)
    try:
        response = TestClient(plain, base_url="http://testserver").get("/signin")
    finally:
        plain.state.engine.dispose()
    assert "strict-transport-security" not in response.headers
    assert "secure" not in response.headers["set-cookie"].lower()
