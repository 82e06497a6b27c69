"""SIGKILL report publication at random points, three times; on both databases.

A driver runs the `rightsgate report publish --out FILE` command over and over in one process, so that
the kills land inside publications rather than in interpreter start-up. After every kill: each
published report is stored whole (its JSON parses and matches its digest and audit head, it has exactly
one `report.published` event, and `report verify` passes); every publication the command completed has
its row and its file; no report file is half-written; the audit chain verifies.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

from click.testing import CliRunner
from sqlalchemy import select

from rightsgate.audit.models import AuditEvent
from rightsgate.auth.permissions import Role
from rightsgate.cases.opening import open_cases
from rightsgate.cli import main
from rightsgate.db import session_scope
from rightsgate.reports.models import PublishedReport
from rightsgate.reports.schema import Report
from rightsgate.reports.transparency import digest
from tests.api.conftest import add_users
from tests.builders import INTAKE, NOW, a_request
from tests.reliability.server import child_env

KILLS = 3
PUBLISH_AGAIN_AND_AGAIN = """
import sys
from pathlib import Path
from rightsgate.cli import main

folder, first = Path(sys.argv[1]), int(sys.argv[2])
for n in range(first, first + 1000):
    command = ["report", "publish", "--period", "2026", "--actor", "sara", "--out", str(folder / f"{n}.json")]
    main(command, standalone_mode=False)
    print(n, flush=True)
"""


def _publish_until_killed(url: str, folder, first: int, completed: int) -> list[int]:
    """Run the driver; SIGKILL it at a random instant after `completed` publications; return those."""
    process = subprocess.Popen(
        [sys.executable, "-c", PUBLISH_AGAIN_AND_AGAIN, str(folder), str(first)],
        env=child_env(url),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    done = [int(process.stdout.readline()) for _ in range(completed)]
    time.sleep(random.uniform(0, 0.03))
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stdout.close()
    return done


def _cli(url: str, *args: str) -> None:
    result = CliRunner().invoke(main, list(args), env={"RIGHTSGATE_DATABASE_URL": url})
    assert result.exit_code == 0, result.output


def assert_whole(engine, url: str, folder, completed: list[int]) -> int:
    """Every stored report whole and verifiable, every completed one stored and written; returns the
    number of publications."""
    with session_scope(engine) as session:
        rows = list(session.scalars(select(PublishedReport).order_by(PublishedReport.id)))
        announced = sorted(
            event.payload["report_id"]
            for event in session.scalars(select(AuditEvent).where(AuditEvent.name == "report.published"))
        )
    assert announced == [row.id for row in rows], "a report without its event, or an event without it"
    by_head = {}
    for row in rows:
        report = Report.model_validate_json(row.content)
        assert digest(report.figures) == report.digest == row.digest
        assert (report.audit_head.seq, report.audit_head.hash) == (row.head_seq, row.head_hash)
        by_head[row.head_seq] = report
        _cli(url, "report", "verify", str(row.id))
    for path in folder.glob("*.json"):
        written = Report.model_validate_json(path.read_text(encoding="utf-8"))
        assert by_head[written.audit_head.seq] == written, f"{path.name} is not a stored report"
    assert all((folder / f"{n}.json").exists() for n in completed), "a completed publication's file is gone"
    _cli(url, "audit", "verify")
    return len(rows)


def test_report_publication_survives_sigkill(engine, law, settings, tmp_path) -> None:
    add_users(engine, {Role.supervisor: "sara"})
    requests = [a_request(f"REPORT-{n}") for n in range(20)]
    with session_scope(engine) as session:
        open_cases(session, requests, actor=INTAKE, law=law, settings=settings, now=NOW)
    completed: list[int] = []
    published = 0
    for _ in range(KILLS):
        first = max(completed, default=-1) + 2  # a file name the killed run may not have used
        completed += _publish_until_killed(settings.database_url, tmp_path, first, random.randint(1, 4))
        published = assert_whole(engine, settings.database_url, tmp_path, completed)
    assert published >= len(completed)
