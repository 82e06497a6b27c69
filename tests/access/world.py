"""A small world for access-control tests: the app's every route, users with passwords, tokens and
teams, and a case under review whose decision awaits a supervisor."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from rightsgate.auth.permissions import Actor, Role
from rightsgate.auth.teams import add_team, join_team
from rightsgate.cases.decisions import record_decision
from rightsgate.cases.opening import open_case
from rightsgate.cases.schemas import DecisionCreate
from rightsgate.cases.workflow import Status, transition
from rightsgate.db import session_scope
from tests.api.conftest import add_users
from tests.builders import a_request

PASSWORD = "correct horse battery"


def cheap_password_hash() -> str:
    """An argon2 hash of PASSWORD made with the cheapest parameters: verifying it (which reads the
    parameters from the hash) then takes microseconds, not the deliberate half second."""
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)


def _leaves(routes: list[Any], prefix: str = "") -> list[tuple[str, Any]]:
    """(full path, route) of every route, looking inside included routers."""
    found = []
    for route in routes:
        if hasattr(route, "original_router"):
            found += _leaves(route.original_router.routes, prefix + route.include_context.prefix)
        else:
            found.append((prefix + route.path, route))
    return found


def every_route(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path) of every route the app serves, included routers and mounts too."""
    leaves = _leaves(app.routes)
    return [(m, path) for path, route in leaves for m in sorted(getattr(route, "methods", None) or ["GET"])]


def api_routes(app: FastAPI) -> dict[tuple[str, str], APIRoute]:
    """The routes under /api, by (method, path)."""
    leaves = [(path, r) for path, r in _leaves(app.routes) if isinstance(r, APIRoute)]
    return {(m, path): r for path, r in leaves if path.startswith("/api/") for m in r.methods}


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


@dataclass
class World:
    app: FastAPI
    tokens: dict[str, str]
    case_id: int = 0
    decision_id: int = 0
    clients: list[TestClient] = field(default_factory=list)
    signed_in: dict[str, tuple[TestClient, str]] = field(default_factory=dict)

    def bearer(self, username: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[username]}"}

    def client(self) -> TestClient:
        client = TestClient(self.app, base_url="https://testserver", follow_redirects=False)
        self.clients.append(client)
        return client

    def browser(self, username: str) -> tuple[TestClient, str]:
        """A client signed in as the user (the same one each time), and its session's CSRF token."""
        if username not in self.signed_in:
            self.signed_in[username] = self.sign_in(username)
        return self.signed_in[username]

    def sign_in(self, username: str) -> tuple[TestClient, str]:
        """A new client, signed in as the user, and its session's CSRF token."""
        client = self.client()
        token = csrf_of(client.get("/signin").text)
        response = client.post("/signin", data={"username": username, "password": PASSWORD, "csrf": token})
        assert response.status_code == 303, response.text
        return client, csrf_of(client.get("/cases").text)

    def close(self) -> None:
        for client in self.clients:
            client.close()


def build_world(
    app: FastAPI, password_hash: str, users: dict[str, Role], teams: dict[str, list[str]]
) -> World:
    """Users with a password and a token each, teams with members, and one case in the first team
    (if any), under review, with a decision to execute content data awaiting countersignature."""
    tokens: dict[str, str] = {}
    for username, role in users.items():
        tokens |= {username: add_users(app.state.engine, {role: username}, password_hash)[role.value]}
    with session_scope(app.state.engine) as session:
        for team, members in teams.items():
            add_team(session, name=team, actor="test")
            for member in members:
                join_team(session, team=team, username=member, actor="test")
        world = World(app, tokens)
        _open_pending_case(session, app, world, team=next(iter(teams), None))
    return world


def _open_pending_case(session: Any, app: FastAPI, world: World, team: str | None) -> None:
    settings, law = app.state.settings, app.state.law
    opener, reviewer = Actor("opener", Role.intake), Actor("decider", Role.reviewer)
    request = a_request("XA-WORLD-1", data_requested=["subscriber", "content"])
    case = open_case(session, request=request, actor=opener, law=law, settings=settings, team=team)
    transition(session, case, to=Status.under_review, actor=reviewer, reason="review started")
    decision = DecisionCreate(action="execute", rationale="Content is needed for the proceedings.")
    row = record_decision(session, case, decision=decision, actor=reviewer, settings=settings)
    assert row.needs_countersign
    world.case_id, world.decision_id = case.id, row.id
