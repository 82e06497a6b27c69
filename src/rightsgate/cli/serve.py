"""`rightsgate serve` runs the API and the reviewer pages; `rightsgate demo seed` fills a demo database."""

from __future__ import annotations

import gc
import os
import secrets
import sys

import click
import uvicorn
from fastapi import FastAPI

from rightsgate.api.app import create_app
from rightsgate.auth.service import UserError
from rightsgate.db import make_engine, session_scope
from rightsgate.demo.seed import USERS, add_demo_users, seed_cases
from rightsgate.law.loader import law_path_from_env, load_law
from rightsgate.migrations import upgrade
from rightsgate.settings import Settings


def app_from_environment() -> FastAPI:
    """The app for one worker process, configured from `RIGHTSGATE_*` variables.

    What is built here (the law, the routes, the modules) lives as long as the process, so it is moved
    out of the garbage collector's sight: a full collection then walks only what requests made."""
    app = create_app(Settings())
    gc.collect()
    gc.freeze()
    return app


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes (one per core on PostgreSQL; keep 1 on SQLite).",
)
def serve_command(host: str, port: int, workers: int) -> None:
    """Serve the API (/api, /docs) and the reviewer pages against the configured database."""
    if workers > 1 and not Settings().secret_key:  # every worker must sign sessions with one key
        os.environ["RIGHTSGATE_SECRET_KEY"] = secrets.token_urlsafe(32)
    click.echo(f"rightsgate is serving on http://{host}:{port} (API docs at /docs); Ctrl-C stops it")
    uvicorn.run(
        "rightsgate.cli.serve:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        loop="uvloop",  # libuv's event loop and a C HTTP parser: less time per request in the server
        http="httptools",
        timeout_worker_healthcheck=30,  # a worker busy under load is not hung: do not restart it
        log_level="warning",
        access_log=False,
    )


@click.group("demo")
def demo_group() -> None:
    """Demonstration data (fictional)."""


@demo_group.command("seed")
@click.option("--count", default=300, show_default=True, type=click.IntRange(1, 10_000))
def demo_seed(count: int) -> None:
    """Migrate the configured database, add demo users (passwords printed) and fictional cases."""
    settings = Settings()
    engine = make_engine(settings)
    upgrade(engine)
    try:
        with session_scope(engine) as session:
            passwords = add_demo_users(session)
            seed_cases(session, law=load_law(law_path_from_env()), settings=settings, count=count)
    except UserError as error:
        click.echo(f"error: {error} (seed an empty database)", err=True)
        sys.exit(2)
    click.echo(f"seeded {count} fictional cases. Demo users (username / password / role):")
    for name, role in USERS.items():
        click.echo(f"  {name:6} {passwords[name]:18} {role.value}")
