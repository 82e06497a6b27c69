"""Every route of the app (API, reviewer pages, docs, static files) × every role, and no one signed in.

Each route has a declared expectation here: public, or the action of the permission table that guards
it. A route added to the app without one fails the first test, so no route escapes the matrix. A role
is let through exactly when the permission table allows the action: an API route answers 403 to the
others and 401 without a token; a page answers 403 to the others and sends the anonymous to sign in.
"""

from __future__ import annotations

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from rightsgate.auth.permissions import Role, can
from tests.access.world import PASSWORD, World, api_routes, build_world, csrf_of, every_route
from tests.builders import request_data

PUBLIC = "public"
CASE = "/api/cases/{case_id}"
PAGE = "/cases/{case_id}"
EXPECTED: dict[tuple[str, str], str] = {
    **{(m, p): PUBLIC for m in ("GET", "HEAD") for p in ("/openapi.json", "/docs", "/docs/oauth2-redirect")},
    **{(m, "/redoc"): PUBLIC for m in ("GET", "HEAD")},
    ("GET", "/api/health"): PUBLIC,
    ("POST", "/api/cases"): "case:create",
    ("GET", "/api/cases"): "case:view",
    ("GET", CASE): "case:view",
    ("POST", f"{CASE}/status"): "case:transition",
    ("POST", f"{CASE}/team"): "case:assign",
    ("POST", f"{CASE}/information"): "assessment:run",
    ("POST", f"{CASE}/consultations"): "consultation:record",
    ("POST", f"{CASE}/decisions"): "decision:record",
    ("POST", f"{CASE}/decisions/{{decision_id}}/countersign"): "decision:countersign",
    ("POST", f"{CASE}/letters"): "letter:issue",
    ("GET", "/api/audit/verify"): "audit:verify",
    **{("GET", f"/api/law/{p}"): PUBLIC for p in ("citations", "profiles", "policies", "rules", "status")},
    ("GET", "/api/law/schema"): PUBLIC,
    ("GET", "/api/law/citations/{citation_id}"): PUBLIC,
    ("GET", "/api/law/profiles/{code}"): PUBLIC,
    ("GET", "/api/law/policies/{name}"): PUBLIC,
    ("GET", "/static"): PUBLIC,
    ("GET", "/signin"): PUBLIC,
    ("POST", "/signin"): PUBLIC,
    ("POST", "/signout"): PUBLIC,
    ("GET", "/"): PUBLIC,
    ("GET", "/cases"): "case:view",
    ("GET", PAGE): "case:view",
    ("GET", f"{PAGE}/compare"): "case:view",
    ("POST", f"{PAGE}/status"): "case:transition",
    ("POST", f"{PAGE}/team"): "case:assign",
    ("POST", f"{PAGE}/decisions"): "decision:record",
    ("POST", f"{PAGE}/decisions/{{decision_id}}/countersign"): "decision:countersign",
    ("POST", f"{PAGE}/consultations"): "consultation:record",
    ("POST", f"{PAGE}/letters"): "letter:issue",
    ("GET", "/law"): PUBLIC,
    ("GET", "/law/profiles/{code}"): PUBLIC,
    ("GET", "/law/status"): PUBLIC,
    ("GET", "/reports"): PUBLIC,
    ("GET", "/reports/{report_id}"): PUBLIC,
}
BODIES: dict[tuple[str, str], dict] = {
    ("POST", "/api/cases"): request_data("XA-MATRIX-1"),
    ("POST", f"{CASE}/status"): {"to": "awaiting_information", "reason": "ask for more"},
    ("POST", f"{CASE}/team"): {"team": "north"},
    ("POST", f"{CASE}/information"): request_data("XA-WORLD-1"),
    ("POST", f"{CASE}/consultations"): {"about": "refusal", "summary": "Consulted by telephone."},
    ("POST", f"{CASE}/decisions"): {"action": "postponed", "rationale": "Pending a court ruling."},
    ("POST", f"{CASE}/letters"): {"kind": "more_information"},
    ("POST", f"{PAGE}/status"): {"to": "awaiting_information", "reason": "ask for more"},
    ("POST", f"{PAGE}/team"): {"team": "north"},
    ("POST", f"{PAGE}/decisions"): {"action": "postponed", "rationale": "Pending a court ruling."},
    ("POST", f"{PAGE}/consultations"): {"about": "refusal", "summary": "Consulted by telephone."},
    ("POST", f"{PAGE}/letters"): {"kind": "more_information"},
}
ROLES = {f"{role.value}1": role for role in Role}


def url_of(path: str, world: World) -> str:
    """The path with real ids and names in place of its parameters."""
    if path == "/static":
        return "/static/app.css"
    values = {"case_id": world.case_id, "decision_id": world.decision_id, "report_id": 1}
    values |= {"citation_id": "uncc.40", "code": "XA", "name": "rights-respecting"}
    return path.format(**values)


@pytest.fixture
def world(app, password_hash):
    built = build_world(app, password_hash, ROLES, {"north": []})
    yield built
    built.close()


def test_every_route_of_the_app_has_a_declared_expectation(app) -> None:
    served = set(every_route(app))
    assert served - set(EXPECTED) == set(), "declare who may use each new route"
    assert set(EXPECTED) - served == set(), "a declared route is no longer served"


def _guarding_action(route: APIRoute) -> str | None:
    """The action named by a route's `require(...)` dependency, or None."""
    found = {getattr(d.call, "action", None) for d in route.dependant.dependencies}
    found |= {getattr(s.call, "action", None) for d in route.dependant.dependencies for s in d.dependencies}
    found.discard(None)
    assert len(found) <= 1, route.path
    return found.pop() if found else None


def test_each_api_route_is_guarded_by_the_declared_action(app) -> None:
    for (method, path), route in api_routes(app).items():
        expected = EXPECTED[(method, path)]
        assert _guarding_action(route) == (None if expected == PUBLIC else expected), path


def call_route(world: World, method: str, path: str, username: str | None) -> tuple[int, str]:
    """Call the route as the user (a token for the API, a signed-in session for pages)."""
    url, body = url_of(path, world), BODIES.get((method, path))
    if path.startswith("/api/"):
        headers = world.bearer(username) if username else {}
        response = world.client().request(method, url, headers=headers, json=body if body is not None else {})
        return response.status_code, response.headers.get("location", "")
    signs_in_or_out = method == "POST" and path in ("/signin", "/signout")
    client, csrf = world.browser(username) if username and not signs_in_or_out else _anonymous(world)
    if path == "/signin" and method == "POST":
        body = {"username": "reviewer1", "password": PASSWORD}
    data = (body or {}) | {"csrf": csrf} if method == "POST" else None
    response = client.request(method, url, data=data)
    return response.status_code, response.headers.get("location", "")


def _anonymous(world: World) -> tuple[TestClient, str]:
    client = world.client()
    return client, csrf_of(client.get("/signin").text)


def _mismatches(world: World, method: str, path: str) -> list[str]:
    """How the route's answers to each role and to no one differ from the declared expectation."""
    action, wrong = EXPECTED[(method, path)], []
    for username, role in ROLES.items():
        status, location = call_route(world, method, path, username)
        if action == PUBLIC or can(role, action):
            let_through = status not in (401, 403) and (action == PUBLIC or location != "/signin")
        else:
            let_through = status != 403
        if let_through != (action == PUBLIC or can(role, action)):
            wrong.append(f"{method} {path} as {role.value}: {status} {location}")
    status, location = call_route(world, method, path, None)
    if action == PUBLIC:
        refused = status in (401, 403)
    else:
        refused = status == 401 if path.startswith("/api/") else (status, location) == (303, "/signin")
    if refused != (action != PUBLIC):
        wrong.append(f"{method} {path} signed out: {status} {location}")
    return wrong


def test_every_role_gets_exactly_what_the_permission_table_allows(world) -> None:
    wrong = [line for method, path in sorted(EXPECTED) for line in _mismatches(world, method, path)]
    assert wrong == []
