"""API fixtures: the app on each test database, and a signed-in API client per role."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from rightsgate.api.app import create_app
from rightsgate.auth.models import User
from rightsgate.auth.permissions import Role
from rightsgate.auth.service import issue_token
from rightsgate.db import session_scope

NAMES = {Role.intake: "ines", Role.reviewer: "rui", Role.supervisor: "sara", Role.auditor: "aldo"}
NAMES |= {Role.admin: "ada"}


def add_users(engine, names: dict[Role, str], password_hash: str = "-") -> dict[str, str]:
    """One active user per role and an API token each; the password hash is made once by the caller,
    since argon2 is slow on purpose."""
    tokens = {}
    with session_scope(engine) as session:
        for role, name in names.items():
            user = User(username=name, role=role.value, password_hash=password_hash, active=True)
            session.add(user)
            user.created_at = NOW
            session.flush()
            tokens[role.value] = issue_token(session, username=name, actor="test")
    return tokens


@pytest.fixture
def app(settings, law):
    application = create_app(settings, law=law)
    yield application
    application.state.engine.dispose()


@pytest.fixture
def tokens(app):
    return add_users(app.state.engine, NAMES) | {"second_supervisor": _second(app.state.engine)}


def _second(engine) -> str:
    return add_users(engine, {Role.supervisor: "sven"})["supervisor"]


@pytest.fixture
def client(app):
    with TestClient(app, base_url="https://testserver") as test_client:
        yield test_client


@pytest.fixture
def as_role(client, tokens):
    """`as_role("reviewer")` -> headers for that role's token."""

    def headers(role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {tokens[role]}"}

    return headers


NOW = datetime(2026, 9, 2, tzinfo=UTC)
