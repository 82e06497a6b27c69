"""SIGKILL `rightsgate import` at random points, three times, then let it finish; on both databases.

After every kill: the stored cases are exactly the first valid lines of the file (no gap, nothing
twice), each stored whole (its row, assessment, codes, target, and `case.created` and
`assessment.recorded` events); the audit chain verifies. Running the same file again resumes: the
committed cases are skipped, the rest imported, and duplicate or invalid lines never stored.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import time
from collections import Counter

from click.testing import CliRunner
from sqlalchemy import create_engine, func, select

from rightsgate.audit.models import AuditEvent
from rightsgate.auth.service import add_user
from rightsgate.cases.models import Assessment, Case, CaseTarget
from rightsgate.cases.statistics import AssessmentCodes
from rightsgate.cli import main
from rightsgate.db import session_scope
from tests.builders import request_data
from tests.reliability.server import child_env, rightsgate

LINES = 150
INVALID = {17: '{"reference": "cut', 90: json.dumps(request_data("BAD", requested_state="XA"))}
DUPLICATES = {41: 3, 130: 120}  # line -> the earlier line it repeats
KILLS = 3


def _write(path) -> list[str]:
    """The import file; returns the references of its valid lines, in order, each once."""
    lines = [json.dumps(request_data(f"BULK-{n}")) for n in range(1, LINES + 1)]
    for number, earlier in DUPLICATES.items():
        lines[number - 1] = lines[earlier - 1]
    for number, line in INVALID.items():
        lines[number - 1] = line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    valid = [f"BULK-{n}" for n in range(1, LINES + 1) if n not in INVALID and n not in DUPLICATES]
    return valid


def _count(url: str) -> int:
    """Read without taking the SQLite write lock, so the watched import is not slowed down."""
    engine = create_engine(url)
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(Case)).scalar_one()
    engine.dispose()
    return count


def _import(url: str, path) -> subprocess.Popen[str]:
    command = rightsgate("import", str(path), "--actor", "ines", "--batch", "5")
    return subprocess.Popen(
        command, env=child_env(url), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )


def _kill_after(process: subprocess.Popen[str], url: str, cases: int) -> None:
    """SIGKILL the import at a random instant once `cases` cases are stored."""
    while _count(url) < cases and process.poll() is None:
        time.sleep(0.01)
    time.sleep(random.uniform(0, 0.05))
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.stdout is not None
    process.stdout.close()
    assert process.returncode == -signal.SIGKILL, "the import finished before it could be killed"


def assert_whole_prefix(engine, url: str, valid: list[str]) -> int:
    """The stored cases are the first valid lines, each stored whole; the chain verifies."""
    with session_scope(engine) as session:
        references = list(session.scalars(select(Case.reference).order_by(Case.id)))
        per_case = Counter(session.scalars(select(Assessment.case_id)))
        coded = session.scalar(select(func.count()).select_from(AssessmentCodes))
        targets = Counter(session.scalars(select(CaseTarget.case_id)))
        names = Counter(session.scalars(select(AuditEvent.name)))
    stored = len(references)
    assert references == valid[:stored], "a gap or a duplicate among the stored cases"
    assert set(per_case.values()) <= {1} and len(per_case) == stored == coded
    assert set(targets.values()) <= {1} and len(targets) == stored
    assert names["case.created"] == names["assessment.recorded"] == stored
    verify = CliRunner().invoke(main, ["audit", "verify"], env={"RIGHTSGATE_DATABASE_URL": url})
    assert verify.exit_code == 0, verify.output
    return stored


def test_an_import_killed_again_and_again_resumes_without_gaps_or_duplicates(engine, settings, tmp_path):
    url, path = settings.database_url, tmp_path / "in.jsonl"
    with session_scope(engine) as session:
        add_user(session, username="ines", role="intake", password="import password", actor="test")
    valid = _write(path)
    stored = 0
    for _ in range(KILLS):
        _kill_after(_import(url, path), url, stored + random.randint(1, 30))
        stored = assert_whole_prefix(engine, url, valid)
    finish = _import(url, path)
    out, _ = finish.communicate(timeout=300)
    assert finish.returncode == 1, "the invalid lines are reported"
    expected = f"created {len(valid) - stored}, already present {stored + len(DUPLICATES)}, rejected 2"
    assert expected in out
    assert assert_whole_prefix(engine, url, valid) == len(valid)
