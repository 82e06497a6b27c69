"""Errors as `application/problem+json` (RFC 9457), each naming the field at fault where there is one.

Service exceptions map to statuses here, once, so routes stay free of error handling.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rightsgate.auth.permissions import PermissionDeniedError
from rightsgate.auth.service import UserError
from rightsgate.cases.decisions import FourEyesError
from rightsgate.cases.opening import DuplicateCaseError
from rightsgate.cases.service import CaseNotFoundError
from rightsgate.cases.workflow import WorkflowError
from rightsgate.intake import FieldError, RequestError, field_errors

LOG = logging.getLogger(__name__)
PROBLEM = "application/problem+json"
FIELD_PREFIX = re.compile(r"^([a-z_][a-z0-9_.\[\]]*): (.+)$")
TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict with the case",
    413: "Payload too large",
    415: "Unsupported media type",
    422: "Invalid input",
    500: "Internal error",
}


class ProblemField(BaseModel):
    field: str
    message: str


class Problem(BaseModel):
    """An error as RFC 9457 describes it (`application/problem+json`), naming each field at fault."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[ProblemField] | None = None


class LookupFailedError(LookupError):
    """Something named in the path does not exist (a profile, a policy, a citation, a decision)."""


def problem(status: int, detail: str, errors: list[FieldError] | None = None, **extra: Any) -> JSONResponse:
    """A problem document; `errors` lists each field and what was expected."""
    body: dict[str, Any] = {"type": "about:blank", "title": TITLES.get(status, "Error"), "status": status}
    body["detail"] = detail
    if errors:
        body["errors"] = [{"field": e.field, "message": e.message} for e in errors]
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=extra.get("headers"))


def _named(error: Exception) -> list[FieldError]:
    """A service message written as `field: what was wrong` names its field."""
    match = FIELD_PREFIX.match(str(error))
    return [FieldError(field=match.group(1), message=match.group(2))] if match else []


def status_of(error: Exception) -> int:
    """The HTTP status for a service exception."""
    if isinstance(error, PermissionDeniedError | FourEyesError):
        return 403
    if isinstance(error, CaseNotFoundError | LookupFailedError):
        return 404
    if isinstance(error, RequestError | UserError):
        return 422
    return 409


def _respond(request: Request, status: int, detail: str, errors: list[FieldError], **extra: Any) -> Response:
    """A problem document for the API; the web pages render their own error page."""
    page = getattr(request.app.state, "error_page", None)
    if page is not None and not request.url.path.startswith("/api/"):
        response: Response = page(request, status, TITLES.get(status, "Error"), detail, errors)
        return response
    return problem(status, detail, errors, **extra)


async def _service_error(request: Request, error: Exception) -> Response:
    errors = error.errors if isinstance(error, RequestError) else _named(error)
    return _respond(request, status_of(error), str(error), errors)


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    errors = field_errors(list(error.errors()), skip=1)
    return _respond(request, 422, "; ".join(str(e) for e in errors), errors)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    return _respond(request, error.status_code, str(error.detail), [], headers=error.headers)


class CatchAll:
    """Answer anything unforeseen with a plain 500 and log only the error's type and the path.

    Starlette's own last-resort handler re-raises, so the server would log the whole traceback, whose
    SQL parameters can hold request data; catching here keeps sensitive data out of the logs.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as error:
            LOG.error("unexpected %s on %s %s", type(error).__name__, scope["method"], scope["path"])
            if not started:
                request = Request(scope, receive)
                response = _respond(request, 500, "The server could not complete the request.", [])
                await response(scope, receive, send)


SERVICE_ERRORS = (
    PermissionDeniedError,
    FourEyesError,
    CaseNotFoundError,
    LookupFailedError,
    DuplicateCaseError,
    WorkflowError,
    RequestError,
    UserError,
)


def install(app: FastAPI) -> None:
    """Answer every known error as a problem document."""
    for kind in SERVICE_ERRORS:
        app.add_exception_handler(kind, _service_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_middleware(CatchAll)
