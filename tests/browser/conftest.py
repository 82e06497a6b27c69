"""A real server on a free loopback port, and Debian's chromium driven by Playwright.

The server runs the same app as `rightsgate serve` in a background thread, on a migrated SQLite
database seeded with demo users (known passwords) and a few fictional cases.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from rightsgate.api.app import create_app
from rightsgate.auth.permissions import Role
from rightsgate.auth.service import HASHER
from rightsgate.db import make_engine, session_scope
from rightsgate.demo.seed import seed_cases
from rightsgate.migrations import upgrade
from rightsgate.reports.service import publish
from rightsgate.reports.transparency import build_report
from rightsgate.settings import Settings
from tests.api.conftest import add_users
from tests.builders import INTAKE, SUPERVISOR, a_case

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "browser-test-password"
ARTIFACTS = Path(__file__).parent.parent.parent / "test-artifacts"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _seed(settings: Settings, law) -> None:
    """A reviewer and a supervisor, a dozen demo cases, one flagged case showing protected activity, and
    the published report of 2026."""
    engine = make_engine(settings)
    upgrade(engine)
    add_users(engine, {Role.reviewer: "rui", Role.supervisor: "sara"}, HASHER.hash(PASSWORD))
    with session_scope(engine) as session:
        seed_cases(session, law=law, settings=settings, count=12)
        facts = "The suspect, a journalist, reported on the protest and the march in the capital."
        a_case(session, law, settings, "XA-FLAGGED-1", facts=facts, data_requested=["subscriber", "content"])
    with session_scope(engine) as session:
        report = build_report(session, period="2026", threshold=settings.min_report_cell)
        publish(session, report=report, actor=SUPERVISOR)
    engine.dispose()
    assert INTAKE.username == "ines"


@pytest.fixture(scope="session")
def server(tmp_path_factory, law):
    """The base URL of a running server; stopped at the end of the session."""
    settings = Settings(database_url=f"sqlite:///{tmp_path_factory.mktemp('browser') / 'app.db'}")
    _seed(settings, law)
    port = free_port()
    config = uvicorn.Config(create_app(settings, law=law), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(200):
        if running.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs it")
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    yield tab
    context.close()


def shot(page, name: str, *, full_page: bool = True) -> None:
    """Save a screenshot of the current page under test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)
