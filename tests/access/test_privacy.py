"""Privacy: a whole workflow, with every logger at DEBUG, leaves no target identifier, person name or
facts text in any log line; published and exported reports hold none; the retention purge leaves none
in any table; and the audit trail never held any.

Distinctive canary strings stand for the personal data. The app is served by uvicorn (over a Unix
socket, so no port is taken) and driven with httpx, so the server's, the client's, SQLAlchemy's and the
app's own loggers all run; the report, export, import and purge run through the command line.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from click.testing import CliRunner
from sqlalchemy import select

from rightsgate.audit.models import AuditEvent
from rightsgate.auth.permissions import Role
from rightsgate.cli import main
from rightsgate.db import Base, session_scope
from rightsgate.settings import Settings
from tests.access.world import PASSWORD, build_world, csrf_of
from tests.builders import request_data

CASE = {
    "target": "canary-target-q7x1@example.org",
    "name": "Canaryname Vexholt",
    "facts": "canaryfacts zorblat",
}
IMPORTED = {"target": "canary-import-k2m9", "name": "Canaryname Importa", "facts": "canaryfacts importzz"}
FREE_TEXT = "canaryreason plumvex"
USERS = {"ines": Role.intake, "rita": Role.reviewer, "suzy": Role.supervisor, "ada": Role.admin}
LOGGERS = ("sqlalchemy", "uvicorn", "uvicorn.access", "uvicorn.error", "httpx", "httpcore", "rightsgate")
LOGGERS += ("fastapi", "starlette", "multipart", "python_multipart", "alembic", "asyncio", "argon2")


def canary_request(reference: str, canary: dict[str, str]) -> dict:
    return request_data(
        reference,
        facts=f"The suspect {canary['name']} did this: {canary['facts']}.",
        purpose=f"Identify {canary['name']}.",
        link_to_offence=f"{canary['facts']} link",
        persons=[{"role": "suspect", "name": canary["name"]}, {"role": "victim", "name": canary["name"]}],
        targets=[{"kind": "email", "identifier": canary["target"], "provider": "Mailhost"}],
        data_requested=["subscriber", "content"],
    )


class Lines(logging.Handler):
    """Every log record, fully formatted (exception text included)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def settings(database_url):
    return Settings(database_url=database_url, secure_cookies=False, retention_days=0)


@pytest.fixture
def debug_logs() -> Iterator[Lines]:
    """Every logger, known now or made later, at DEBUG, into one list."""
    handler, root = Lines(), logging.getLogger()
    names = set(LOGGERS) | set(logging.root.manager.loggerDict)
    levels = {name: logging.getLogger(name).level for name in names} | {"": root.level}
    for name in names:
        logging.getLogger(name).setLevel(logging.DEBUG)
    root.setLevel(logging.DEBUG)
    root.addHandler(handler)
    yield handler
    root.removeHandler(handler)
    for name, level in levels.items():
        logging.getLogger(name or None).setLevel(level)


@pytest.fixture
def served(app, tmp_path) -> Iterator[httpx.Client]:
    """The app served by uvicorn on a Unix socket, at DEBUG with the access log, and a client for it."""
    socket = tmp_path / "rg.sock"
    config = uvicorn.Config(app, uds=str(socket), log_level="debug", access_log=True, log_config=None)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    transport = httpx.HTTPTransport(uds=str(socket))
    with httpx.Client(
        transport=transport, base_url="http://rightsgate.local", follow_redirects=True
    ) as client:
        yield client
    server.should_exit = True
    thread.join(10)


def _cli(args: list[str], settings: Settings, monkeypatch) -> str:
    monkeypatch.setenv("RIGHTSGATE_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("RIGHTSGATE_RETENTION_DAYS", "0")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result.output


def _review_and_decide(client: httpx.Client, world, case_id: int) -> None:
    """The reviewer reads, re-assesses and decides on the pages; the supervisor approves by API."""
    rita = world.bearer("rita")
    moved = client.post(
        f"/api/cases/{case_id}/status", json={"to": "under_review", "reason": FREE_TEXT}, headers=rita
    )
    assert moved.status_code == 200, moved.text
    again = client.post(
        f"/api/cases/{case_id}/information", json=canary_request("XA-PRIV-1", CASE), headers=rita
    )
    assert again.status_code == 200, again.text
    csrf = csrf_of(client.get("/signin").text)
    client.post("/signin", data={"username": "rita", "password": PASSWORD, "csrf": csrf})
    csrf = csrf_of(client.get(f"/cases/{case_id}").text)
    decided = client.post(
        f"/cases/{case_id}/decisions", data={"action": "execute", "rationale": FREE_TEXT, "csrf": csrf}
    )
    assert decided.status_code == 200 and "supervisor" in decided.text, decided.text
    decision_id = client.get(f"/api/cases/{case_id}", headers=rita).json()["decisions"][0]["id"]
    approved = client.post(
        f"/api/cases/{case_id}/decisions/{decision_id}/countersign", headers=world.bearer("suzy")
    )
    assert approved.status_code == 200, approved.text


def _letters_and_close(client: httpx.Client, world, case_id: int) -> None:
    """A letter with the conditions of use, then the case is executed and closed."""
    rita = world.bearer("rita")
    letter = client.post(f"/api/cases/{case_id}/letters", json={"kind": "conditions"}, headers=rita)
    assert letter.status_code == 200, letter.text
    for to in ("executed", "closed"):
        moved = client.post(
            f"/api/cases/{case_id}/status", json={"to": to, "reason": FREE_TEXT}, headers=rita
        )
        assert moved.status_code == 200, moved.text


def _reports(client: httpx.Client, settings: Settings, monkeypatch, folder: Path) -> list[str]:
    """Publish the year's report, export it in every format, and read it on the public page."""
    published = _cli(["report", "publish", "--period", "2026", "--actor", "suzy"], settings, monkeypatch)
    outputs = [published, client.get("/reports").text, client.get("/reports/1").text]
    for fmt in ("json", "csv", "google-csv", "html"):
        out = folder / f"report.{fmt}"
        _cli(["report", "--period", "2026", "--format", fmt, "--out", str(out)], settings, monkeypatch)
        outputs.append(out.read_text(encoding="utf-8"))
    return outputs


def _leaks(texts: list[str], canaries: list[str]) -> list[str]:
    return [f"{c!r} in {t[:200]!r}" for t in texts for c in canaries if c.lower() in t.lower()]


def _table_rows(engine) -> dict[str, str]:
    with session_scope(engine) as session:
        return {t.name: repr(session.execute(select(t)).all()) for t in Base.metadata.sorted_tables}


def test_a_whole_workflow_leaves_no_personal_data_in_logs_reports_or_purged_tables(
    app, password_hash, settings, served, debug_logs, tmp_path, monkeypatch
) -> None:
    world = build_world(app, password_hash, USERS, {})
    opened = served.post("/api/cases", json=canary_request("XA-PRIV-1", CASE), headers=world.bearer("ines"))
    assert opened.status_code == 201, opened.text
    case_id = opened.json()["id"]
    _review_and_decide(served, world, case_id)
    _letters_and_close(served, world, case_id)
    assert CASE["name"] in served.get(f"/api/cases/{case_id}", headers=world.bearer("rita")).text
    reports = _reports(served, settings, monkeypatch, tmp_path)
    lines = tmp_path / "requests.jsonl"
    lines.write_text(json.dumps(canary_request("XA-PRIV-2", IMPORTED)) + "\n", encoding="utf-8")
    _cli(["import", str(lines), "--actor", "ines"], settings, monkeypatch)
    all_canaries = [*CASE.values(), *IMPORTED.values(), FREE_TEXT]
    with session_scope(app.state.engine) as session:
        trail = repr([(e.name, e.actor, e.payload) for e in session.scalars(select(AuditEvent))])
    assert _leaks([trail], all_canaries) == []
    assert CASE["target"] in _table_rows(app.state.engine)["case_targets"]
    _cli(["cases", "purge", "--actor", "ada"], settings, monkeypatch)
    world.close()
    assert len(debug_logs.lines) > 100 and any(line.startswith("sqlalchemy") for line in debug_logs.lines)
    assert any(line.startswith("uvicorn") for line in debug_logs.lines)
    assert _leaks(debug_logs.lines, all_canaries) == []
    assert _leaks(reports, all_canaries) == []
    assert {
        name: _leaks([rows], [*CASE.values(), FREE_TEXT])
        for name, rows in _table_rows(app.state.engine).items()
    } == {name: [] for name in Base.metadata.tables}
