"""Every API route × every role, generated from the route table: a role is let through exactly when the
permission table allows the route's action, and public routes answer everyone."""

from __future__ import annotations

import pytest
from fastapi.routing import APIRoute

from rightsgate.api.app import API_ROUTERS
from rightsgate.auth.permissions import Role, can

SAMPLE_PATH = {
    "case_id": "1",
    "decision_id": "1",
    "citation_id": "uncc.40",
    "code": "XA",
    "name": "rights-respecting",
}


def action_of(route: APIRoute) -> str | None:
    """The action named by the route's `require(...)` dependency, or None for a public route."""
    found = [getattr(d.call, "action", None) for d in route.dependant.dependencies]
    found += [getattr(d.call, "action", None) for d in route.dependant.dependencies for d in d.dependencies]
    actions = {a for a in found if a}
    assert len(actions) <= 1, route.path
    return actions.pop() if actions else None


ROUTES = [
    (method, route.path, action_of(route))
    for router in API_ROUTERS
    for route in router.routes
    if isinstance(route, APIRoute)
    for method in sorted(route.methods)
]


def test_the_route_table_is_not_empty_and_guards_every_case_route() -> None:
    assert len(ROUTES) > 10
    assert all(action for _, path, action in ROUTES if path.startswith(("/api/cases", "/api/audit")))


@pytest.mark.parametrize(("method", "path", "action"), ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_every_role_gets_exactly_what_the_permission_table_allows(
    client, as_role, method, path, action
) -> None:
    url = path.format(**SAMPLE_PATH)
    for role in Role:
        response = client.request(method, url, headers=as_role(role.value), json={})
        allowed = action is None or can(role, action)
        if allowed:
            assert response.status_code != 403, (role, response.text)
        else:
            assert response.status_code == 403, (role, response.status_code)
    if action is not None:
        assert client.request(method, url, json={}).status_code == 401
