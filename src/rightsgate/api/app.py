"""The application factory: `create_app(settings)` builds the API and the reviewer pages.

Nothing connects at import time: the engine, the session factory and the law are made here, per app.
"""

from __future__ import annotations

import secrets

from fastapi import FastAPI
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker
from starlette.middleware.sessions import SessionMiddleware

from rightsgate import __version__
from rightsgate.api import audit, cases, openapi, problems
from rightsgate.api import law as law_routes
from rightsgate.api.deps import Transactions
from rightsgate.api.jsonbody import JsonBody
from rightsgate.api.middleware import BodyLimit, SecurityHeaders
from rightsgate.db import SNAPSHOT, make_engine
from rightsgate.law.loader import Law, law_path_from_env, load_law
from rightsgate.settings import Settings
from rightsgate.web import views

DESCRIPTION = (
    "Human-rights safeguards for cross-border requests for electronic evidence. "
    "Case routes need `Authorization: Bearer <token>` (issue one with `rightsgate users token NAME`); "
    "the law routes are public. Errors are `application/problem+json` documents naming the field."
)


API_ROUTERS = (cases.router, law_routes.router, audit.router)


def create_app(settings: Settings, *, law: Law | None = None) -> FastAPI:
    """The API under /api, the reviewer pages under /, OpenAPI at /docs and /openapi.json."""
    app = FastAPI(title="rightsgate", version=__version__, description=DESCRIPTION)
    engine = make_engine(settings)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = sessionmaker(engine, expire_on_commit=False)
    app.state.transactions = Transactions(app.state.sessions, _concurrent_transactions(engine, settings))
    app.state.reads = _reads(engine, settings, app.state.transactions)
    app.state.law = law or load_law(law_path_from_env())
    problems.install(app)
    for router in API_ROUTERS:
        app.include_router(router)
    app.add_api_route("/api/health", health, methods=["GET"], tags=["meta"])
    views.install(app)
    openapi.install(app)
    secret = settings.secret_key or secrets.token_urlsafe(32)
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret,
        session_cookie="rightsgate_session",
        max_age=settings.session_hours * 3600,
        same_site="strict",
        https_only=settings.secure_cookies,
    )
    app.add_middleware(JsonBody)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders, hsts=settings.secure_cookies)
    return app


def _concurrent_transactions(engine: Engine, settings: Settings) -> int:
    """As many as the connection pool holds; one on SQLite, where every transaction takes the file's
    write lock as it begins, so more would only wait on the lock in turn, polling."""
    return 1 if engine.dialect.name == "sqlite" else settings.db_connections


def _reads(engine: Engine, settings: Settings, transactions: Transactions) -> Transactions:
    """Read-only work. On SQLite it begins deferred, taking no write lock, so it reads a snapshot over
    the write-ahead log beside the one writer rather than waiting for its turn; on PostgreSQL, where
    transactions already run side by side, it shares the writers' pool and limit."""
    if engine.dialect.name != "sqlite":
        return transactions
    readers = sessionmaker(engine, expire_on_commit=False, execution_options={SNAPSHOT: True})
    return Transactions(readers, settings.db_connections)


async def health() -> dict[str, str]:
    """A trivial route: the service is up."""
    return {"status": "ok", "version": __version__}
