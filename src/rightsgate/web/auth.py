"""Signing in and out with a session cookie, the signed-in user, and the CSRF token on every form."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from rightsgate.api.deps import SessionDep, short_read
from rightsgate.auth.permissions import Actor
from rightsgate.auth.service import UserError, actor_named, authenticate
from rightsgate.web.render import page

router = APIRouter(include_in_schema=False)


class SignInRequiredError(Exception):
    """The page needs a signed-in user."""


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    if "csrf" not in request.session:
        request.session["csrf"] = secrets.token_urlsafe(32)
    token: str = request.session["csrf"]
    return token


def check_csrf(request: Request, csrf: Annotated[str, Form()] = "") -> None:
    """Every form posts the session's token; anything else is refused."""
    expected = request.session.get("csrf", "")
    if not expected or not secrets.compare_digest(expected, csrf):
        raise HTTPException(403, "The form has expired or did not come from this site. Reload and try again.")


def web_actor(request: Request) -> Actor:
    """The signed-in user, still active; otherwise the sign-in page."""
    username = request.session.get("user")
    if not username:
        raise SignInRequiredError
    try:
        with short_read(request) as session:
            return actor_named(session, username=username)
    except UserError as error:
        request.session.clear()
        raise SignInRequiredError from error


WebUser = Annotated[Actor, Depends(web_actor)]
Csrf = Depends(check_csrf)


@router.get("/signin")
def sign_in_form(request: Request) -> HTMLResponse:
    csrf_token(request)
    return page(request, "signin.html", failed=False)


@router.post("/signin", dependencies=[Csrf], response_model=None)
def sign_in(
    request: Request,
    session: SessionDep,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
) -> Response:
    """Check the password; on success start a fresh session with a new CSRF token."""
    actor = authenticate(session, username=username.strip(), password=password)
    if actor is None:
        return page(request, "signin.html", status=401, failed=True)
    request.session.clear()
    request.session.update({"user": actor.username, "role": actor.role.value})
    csrf_token(request)
    return RedirectResponse("/cases", status_code=303)


@router.post("/signout", dependencies=[Csrf])
def sign_out(request: Request) -> RedirectResponse:
    request.session.clear()
    return RedirectResponse("/signin", status_code=303)
