"""Request dependencies: database transactions, the acting user, and permission checks.

API routes run their work through `Transactions`: the work and its commit (or rollback) run in one
worker thread, so a transaction never waits on the event loop while it holds a connection or a lock.
Work that only reads (the token lookup, the inbox) runs through `Reads`, which on SQLite takes no
write lock. The reviewer pages use `SessionDep`, which commits when the route has returned. Services
never commit. API clients authenticate with `Authorization: Bearer <token>`.

Dependencies that only pick an object from the app's state are `async`: FastAPI runs a plain
function in a worker thread, a hand-off that costs more than the lookup itself.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated, TypeVar

import anyio
from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker

from rightsgate.auth.permissions import Actor, PermissionDeniedError, can
from rightsgate.auth.service import actor_for_token
from rightsgate.law.loader import Law
from rightsgate.settings import Settings

COMMIT_THREADS = 8
T = TypeVar("T")


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


class Transactions:
    """Runs a unit of work and its commit in one worker thread, at most `limit` at a time.

    The limit is the connection pool's size (one on SQLite), so work waits for its turn in the event
    loop rather than in a thread holding nothing; and a transaction holding the audit chain's lock
    never needs another thread or the event loop to finish (when the response was serialised between
    the work and the commit on the shared thread pool, threads waiting for that lock could hold every
    slot).
    """

    def __init__(self, sessions: sessionmaker[Session], limit: int) -> None:
        self.sessions, self.limit = sessions, limit
        self.limiter: anyio.CapacityLimiter | None = None

    async def __call__(self, work: Callable[[Session], T]) -> T:
        if self.limiter is None:  # made inside the event loop, on first use
            self.limiter = anyio.CapacityLimiter(self.limit)
        return await anyio.to_thread.run_sync(self._run, work, limiter=self.limiter)

    def _run(self, work: Callable[[Session], T]) -> T:
        with self.sessions.begin() as session:
            return work(session)


async def get_transactions(request: Request) -> Transactions:
    transactions: Transactions = request.app.state.transactions
    return transactions


async def get_reads(request: Request) -> Transactions:
    reads: Transactions = request.app.state.reads
    return reads


Transaction = Annotated[Transactions, Depends(get_transactions)]
Reads = Annotated[Transactions, Depends(get_reads)]


async def get_law(request: Request) -> Law:
    law: Law = request.app.state.law
    return law


async def get_settings(request: Request) -> Settings:
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


async def current_actor(reads: Reads, settings: SettingsDep, credentials: Credentials) -> Actor:
    """The user behind the Bearer token, read afresh for every request; 401 without a valid one."""
    if credentials is None:
        raise HTTPException(401, "send an API token as 'Authorization: Bearer <token>'", headers=BEARER)
    token = credentials.credentials.strip()
    actor = await reads(lambda session: actor_for_token(session, token=token, settings=settings))
    if actor is None:
        raise HTTPException(401, "the API token is unknown, revoked, or its user disabled", headers=BEARER)
    return actor


CurrentUser = Annotated[Actor, Depends(current_actor)]


def require(action: str) -> Callable[[Actor], Awaitable[Actor]]:
    """A dependency that lets the request through only if the user's role allows `action`."""

    async def check(actor: CurrentUser) -> Actor:
        if not can(actor.role, action):
            raise PermissionDeniedError(f"{actor.username} ({actor.role}) may not {action}")
        return actor

    check.action = action  # type: ignore[attr-defined]
    return check
