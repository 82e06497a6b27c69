"""The OpenAPI document, completed with what the routes' signatures cannot say.

- The request format (`Request` and its parts) is the body schema of the routes that take a request.
- Every error a route can give is documented as an `application/problem+json` Problem: 400, 413 and
  415 for a body the middlewares refuse, 422 for invalid input, 404 for a path naming nothing, 401 and
  403 for a route that needs a token, and 409 for a case route that changes a case (a conflict with the
  case's state, or a request already received).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel

from rightsgate.api.problems import PROBLEM, TITLES, Problem
from rightsgate.rules.facts import Request

REQUEST_BODY = {
    "requestBody": {
        "required": True,
        "description": "A request in the request format.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Request"}}},
    }
}
UNUSED = ("HTTPValidationError", "ValidationError")


def add_schema(schemas: dict[str, Any], model: type[BaseModel]) -> None:
    """Add a model's JSON Schema and those of its parts to the document's components."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, part in {**schema.pop("$defs", {}), model.__name__: schema}.items():
        if schemas.setdefault(name, part) != part:
            raise ValueError(f"two different schemas are named {name}")


def problem_statuses(path: str, method: str, operation: dict[str, Any]) -> set[int]:
    """The error statuses an operation can answer with (see the module docstring)."""
    statuses = set()
    if "requestBody" in operation:
        statuses |= {400, 413, 415, 422}
    if operation.get("parameters"):
        statuses.add(422)
    if "{" in path:
        statuses.add(404)
    if operation.get("security"):
        statuses |= {401, 403}
        if method == "post":
            statuses.add(409)
    return statuses


def document_problems(spec: dict[str, Any]) -> dict[str, Any]:
    """Replace FastAPI's validation error by the Problem document, and add every other error status."""
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    for name in UNUSED:
        schemas.pop(name, None)
    add_schema(schemas, Problem)
    add_schema(schemas, Request)
    problem_ref = {"$ref": "#/components/schemas/Problem"}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for status in sorted(problem_statuses(path, method, operation)):
                responses[str(status)] = {
                    "description": TITLES[status],
                    "content": {PROBLEM: {"schema": problem_ref}},
                }
    return spec


def install(app: FastAPI) -> None:
    """Serve the completed document at /openapi.json (made once, on first use)."""
    plain: Callable[[], dict[str, Any]] = app.openapi

    def documented() -> dict[str, Any]:
        if getattr(app.state, "openapi", None) is None:
            app.state.openapi = document_problems(plain())
        spec: dict[str, Any] = app.state.openapi
        return spec

    app.openapi = documented  # type: ignore[method-assign]
