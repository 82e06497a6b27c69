"""Request dependencies: one database session per request, the acting user, and permission checks.

The session commits when the route has returned and rolls back on any error: services never commit.
API clients authenticate with `Authorization: Bearer <token>`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Annotated

import anyio
from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from rightsgate.auth.permissions import Actor, PermissionDeniedError, can
from rightsgate.auth.service import actor_for_token
from rightsgate.law.loader import Law
from rightsgate.settings import Settings

COMMIT_THREADS = 8


def _commit_limiter(request: Request) -> anyio.CapacityLimiter:
    """Threads kept apart for ending transactions, made on first use inside the event loop."""
    state = request.app.state
    if getattr(state, "commit_limiter", None) is None:
        state.commit_limiter = anyio.CapacityLimiter(COMMIT_THREADS)
    limiter: anyio.CapacityLimiter = state.commit_limiter
    return limiter


async def get_session(request: Request) -> AsyncIterator[Session]:
    """A transaction for the request: commit after the route, roll back on error.

    Commit, rollback and close run on their own small thread pool: if they waited for the pool the
    routes use, routes blocked on a database lock could hold every thread while the transaction
    holding that lock waits for one to commit.
    """
    session: Session = request.app.state.sessions()
    limiter = _commit_limiter(request)
    try:
        yield session
        await anyio.to_thread.run_sync(session.commit, limiter=limiter)
    except BaseException:
        await anyio.to_thread.run_sync(session.rollback, limiter=limiter)
        raise
    finally:
        await anyio.to_thread.run_sync(session.close, limiter=limiter)


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def get_law(request: Request) -> Law:
    law: Law = request.app.state.law
    return law


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


LawDep = Annotated[Law, Depends(get_law)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
BEARER = {"WWW-Authenticate": "Bearer"}


def short_read(request: Request) -> Session:
    """A session for one quick read before the route runs, closed at once so that no connection is
    held while the route waits for a thread (which could starve the connection pool)."""
    session: Session = request.app.state.sessions()
    return session


BEARER_TOKEN = HTTPBearer(auto_error=False, description="An API token: `rightsgate users token NAME`.")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Security(BEARER_TOKEN)]


def current_actor(request: Request, credentials: Credentials) -> Actor:
    """The user behind the Bearer token; 401 without a valid one."""
    if credentials is None:
        raise HTTPException(401, "send an API token as 'Authorization: Bearer <token>'", headers=BEARER)
    with short_read(request) as session:
        actor = actor_for_token(session, token=credentials.credentials.strip())
    if actor is None:
        raise HTTPException(401, "the API token is unknown, revoked, or its user disabled", headers=BEARER)
    return actor


CurrentUser = Annotated[Actor, Depends(current_actor)]


def require(action: str) -> Callable[[Actor], Actor]:
    """A dependency that lets the request through only if the user's role allows `action`."""

    def check(actor: CurrentUser) -> Actor:
        if not can(actor.role, action):
            raise PermissionDeniedError(f"{actor.username} ({actor.role}) may not {action}")
        return actor

    check.action = action  # type: ignore[attr-defined]
    return check
