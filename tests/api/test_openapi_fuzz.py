"""Schemathesis against the app's own OpenAPI document, in process, on SQLite and PostgreSQL.

Every operation gets generated calls, valid (positive) and invalid (negative), signed in as a role the
route allows; case routes get some on a case that exists, and submissions get some valid requests drawn
from the project's request strategy. Every answer must be no server error, a documented status with a
documented content type, and a body matching its schema (problem documents included); an invalid input
must be refused, and each invalid field named with what was expected. Then each guarded operation is
called without a token (401) and by a role it refuses (403), and those answers are checked the same
way. All failures are collected and shown together.
"""

from __future__ import annotations

import json
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from itertools import count
from typing import Any

import schemathesis
from fastapi.routing import APIRoute
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from rightsgate.api.app import API_ROUTERS
from rightsgate.auth.permissions import Role, can
from rightsgate.rules.facts import Request
from tests.conftest import EXAMPLES
from tests.strategies import requests

MIN_CALLS = 1_000
PER_MODE = 40  # generated calls per operation and generation mode
ON_A_CASE = 15  # more per case route, on a case that exists
VALID_REQUESTS = 30
SECOND = {"reference": "XA-2026-0102", "requesting_state": "XA"}  # EXAMPLES[1], opened as case 2
REFUSED = 6  # calls per guarded operation without a token, and again by a role it refuses
CLEAR = ("expected", "a value is required", "unknown field")  # how every invalid field is explained
REFUSALS = [400, 401, 403, 404, 409, 413, 415, 422]  # the statuses that refuse an invalid input
CONFIG = schemathesis.Config.from_dict(
    {"checks": {"negative_data_rejection": {"expected-statuses": REFUSALS}}}
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
]


def _action(dependant: Any) -> str | None:
    """The action named by a route's `require(...)` dependency, searched at any depth."""
    for dependency in dependant.dependencies:
        found = getattr(dependency.call, "action", None) or _action(dependency)
        if found:
            return str(found)
    return None


ACTIONS = {
    f"{method} {route.path}": _action(route.dependant)
    for router in API_ROUTERS
    for route in router.routes
    if isinstance(route, APIRoute)
    for method in route.methods
}


def allowed_role(label: str) -> Role | None:
    action = ACTIONS.get(label)
    return None if action is None else next(role for role in Role if can(role, action))


def refused_role(label: str) -> Role | None:
    action = ACTIONS.get(label)
    return None if action is None else next((role for role in Role if not can(role, action)), None)


@dataclass
class Fuzz:
    """Calls made, statuses seen, and failures found, over one run."""

    tokens: dict[str, str]
    calls: int = 0
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    failures: dict[str, str] = field(default_factory=dict)

    def headers(self, role: Role | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role.value]}"} if role else {}

    def call(self, case: Any, headers: dict[str, str], expected: int | None = None) -> None:
        """Send one case with these headers, check the answer, and keep any failure."""
        self.calls += 1
        label = case.operation.label
        for name in ("Authorization", "authorization"):
            (case.headers or {}).pop(name, None)
        try:
            response = case.call(headers=headers)
            self.statuses[(label, response.status_code)] += 1
            case.validate_response(response, checks=CHECKS, headers=headers)
            assert expected is None or response.status_code == expected, (
                f"expected {expected}, got {response.status_code}: {response.text[:300]}"
            )
            if response.status_code == 422:
                for error in response.json()["errors"]:
                    assert error["field"] and error["message"].startswith(CLEAR), error
        except (AssertionError, BaseExceptionGroup) as failure:
            self.failures.setdefault(f"{label}: {str(failure).splitlines()[0]}", str(failure)[:3000])

    def run(self, strategy: st.SearchStrategy[Any], count: int, role: Role | None, **kw: Any) -> None:
        """Draw up to `count` cases from the strategy and send each."""

        @given(case=strategy)
        @settings(
            max_examples=count,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def each(case: Any) -> None:
            self.call(case, self.headers(role), **kw)

        with suppress(Unsatisfiable):  # every value of the operation's parameters is valid: none to negate
            each()


def seed_case(client, tokens) -> None:
    """Case 1, in review with a consultation and a refusal awaiting countersignature (decision 1); and
    case 2, just received, left for new information only (the calls on case 1 may close it)."""
    as_ = {role: {"Authorization": f"Bearer {token}"} for role, token in tokens.items()}
    steps = [
        ("/api/cases", as_["intake"], EXAMPLES[0].read_bytes()),
        ("/api/cases/1/status", as_["reviewer"], {"to": "under_review", "reason": "review"}),
        ("/api/cases/1/consultations", as_["reviewer"], {"about": "refusal", "summary": "asked"}),
        (
            "/api/cases/1/decisions",
            as_["reviewer"],
            {"action": "refused", "rationale": "grounds", "grounds": ["human_rights"]},
        ),
        ("/api/cases", as_["intake"], EXAMPLES[1].read_bytes()),
    ]
    for url, headers, payload in steps:
        content = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        response = client.post(url, content=content, headers={**headers, "Content-Type": "application/json"})
        assert response.status_code in (200, 201), response.text


def valid_requests(operation: Any, *, case: dict[str, str] | None = None) -> st.SearchStrategy[Any]:
    """Cases whose body is a valid request from the project's strategy: each with a new reference, or
    all with the reference and State of `case` (for new information on it)."""

    serial = count(1)

    def body(request: Request) -> dict[str, Any]:
        fixed = case or {"reference": f"FUZZ-{next(serial)}"}
        return request.model_copy(update=fixed).model_dump(mode="json", exclude_none=True)

    path = {"case_id": 2} if case else {}
    return requests().map(lambda request: operation.Case(body=body(request), path_parameters=path))


def fuzz_api(app, client, tokens) -> Fuzz:
    seed_case(client, tokens)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)
    fuzz = Fuzz(tokens)
    for result in schema.get_all_operations():
        operation = result.ok()
        role = allowed_role(operation.label)
        signed = fuzz.headers(role)
        fuzz.run(operation.as_strategy(headers=signed), PER_MODE, role)
        if operation.path_parameters or operation.query or operation.body:
            negative = operation.as_strategy(generation_mode=GenerationMode.NEGATIVE, headers=signed)
            fuzz.run(negative, PER_MODE, role)
        if "{case_id}" in operation.path:
            ids = {"case_id": 1} | ({"decision_id": 1} if "{decision_id}" in operation.path else {})
            fuzz.run(operation.as_strategy(path_parameters=ids, headers=signed), ON_A_CASE, role)
        if operation.label == "POST /api/cases":
            fuzz.run(valid_requests(operation), VALID_REQUESTS, role)
        if operation.label == "POST /api/cases/{case_id}/information":
            fuzz.run(valid_requests(operation, case=SECOND), VALID_REQUESTS, role)
        if role is not None:
            fuzz.run(operation.as_strategy(), REFUSED, None, expected=401)
            if (other := refused_role(operation.label)) is not None:
                fuzz.run(operation.as_strategy(), REFUSED, other, expected=403)
    return fuzz


def test_generated_calls_get_documented_answers_and_never_a_server_error(app, client, tokens) -> None:
    fuzz = fuzz_api(app, client, tokens)
    report = "\n\n".join(fuzz.failures.values())
    assert not fuzz.failures, f"{len(fuzz.failures)} distinct failures in {fuzz.calls} calls:\n{report}"
    assert fuzz.calls >= MIN_CALLS, fuzz.calls
    print(f"\n{fuzz.calls} generated calls; statuses: {sorted(fuzz.statuses.items())}")
    succeeded = {label for (label, status), _ in fuzz.statuses.items() if status < 300}
    assert {"POST /api/cases", "POST /api/cases/{case_id}/status"} <= succeeded
