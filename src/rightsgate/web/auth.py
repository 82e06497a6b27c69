"""Signing in and out, the signed-in user, and the CSRF token on every form.

The signed cookie carries the server-side session id (`sid`), the CSRF token and display details; who
is signed in is decided on the server at every request (`auth.sessions`).
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from rightsgate.api.deps import SessionDep, SettingsDep, short_read
from rightsgate.auth import sessions
from rightsgate.auth.permissions import Actor
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
    """The user of a live server-side session, still active; otherwise the sign-in page."""
    sid = request.session.get("sid")
    actor = None
    if sid:
        with short_read(request) as session:
            actor = sessions.actor_for_session(session, sid=sid, settings=request.app.state.settings)
    if actor is None:
        request.session.clear()
        raise SignInRequiredError
    return actor


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
    settings: SettingsDep,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
) -> Response:
    """Check the password (rate limited); on success start a fresh session with a new CSRF token."""
    address = request.client.host if request.client else "unknown"
    try:
        found = sessions.sign_in(
            session, username=username.strip(), password=password, address=address, settings=settings
        )
    except sessions.SignInThrottledError as error:
        response = page(request, "signin.html", status=429, failed=False, retry_after=error.retry_after)
        response.headers["retry-after"] = str(error.retry_after)
        return response
    if found is None:
        return page(request, "signin.html", status=401, failed=True)
    actor, sid = found
    request.session.clear()
    request.session.update({"sid": sid, "user": actor.username, "role": actor.role.value})
    csrf_token(request)
    return RedirectResponse("/cases", status_code=303)


@router.post("/signout", dependencies=[Csrf])
def sign_out(request: Request, session: SessionDep) -> RedirectResponse:
    """End the session on the server, then forget the cookie."""
    if sid := request.session.get("sid"):
        sessions.sign_out(session, sid=sid)
    request.session.clear()
    return RedirectResponse("/signin", status_code=303)
