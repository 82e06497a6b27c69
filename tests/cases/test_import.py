"""Bulk import: validated lines stored, invalid ones rejected by line and field, idempotent, and
resumable after the process is killed with SIGKILL, on both databases."""

import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime

from benchmarks.assess_bench import generated_request
from click.testing import CliRunner
from sqlalchemy import create_engine, func, select, text

from rightsgate.audit.service import verify_chain
from rightsgate.auth.service import add_user
from rightsgate.cases import opening
from rightsgate.cases.bulk import Importer, import_requests
from rightsgate.cases.models import Assessment, Case, CaseTarget
from rightsgate.cli import main
from rightsgate.db import Base, make_engine, session_scope
from rightsgate.migrations import upgrade
from rightsgate.settings import Settings
from tests.builders import INTAKE, request_data

PASSWORD = "import password"


def write_lines(path, count: int, bad: dict[int, str] | None = None) -> None:
    lines = [json.dumps(request_data(f"BULK-{n}")) for n in range(1, count + 1)]
    for number, line in (bad or {}).items():
        lines[number - 1] = line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def with_user(engine, role: str = "intake") -> None:
    with session_scope(engine) as session:
        add_user(session, username="ines", role=role, password=PASSWORD, actor="test")


def invoke(settings, monkeypatch, *args):
    monkeypatch.setenv("RIGHTSGATE_DATABASE_URL", settings.database_url)
    return CliRunner().invoke(main, ["import", *args])


def assert_whole(engine, expected: int | None = None) -> int:
    """Every stored case is complete: one assessment, its targets and its two events; the chain is valid."""
    with session_scope(engine) as session:
        cases = session.scalar(select(func.count()).select_from(Case))
        assessments = session.scalar(select(func.count()).select_from(Assessment))
        targets = session.scalar(select(func.count()).select_from(CaseTarget))
        created = session.execute(
            text("SELECT count(*) FROM audit_events WHERE name = 'case.created'")
        ).scalar()
        assert cases == assessments == targets == created
        assert verify_chain(session).ok
    if expected is not None:
        assert cases == expected
    return cases


def test_valid_lines_are_stored_and_invalid_ones_rejected_by_line_and_field(
    engine, settings, monkeypatch, tmp_path
) -> None:
    with_user(engine)
    bad = {2: '{"reference": "X"', 4: json.dumps(request_data("BAD", requested_state="XA"))}
    bad[5] = json.dumps(request_data("BAD2", offences=[{"name": "x", "max_penalty_years": -1}]))
    write_lines(tmp_path / "in.jsonl", 6, bad)
    result = invoke(settings, monkeypatch, str(tmp_path / "in.jsonl"), "--actor", "ines")
    assert result.exit_code == 1
    assert "created 3, already present 0, rejected 3" in result.output
    assert "in.jsonl:5: offences[0].max_penalty_years: expected a number ≥ 0" in result.output
    rejects = [json.loads(line) for line in (tmp_path / "in.rejects.jsonl").read_text().splitlines()]
    assert [r["line"] for r in rejects] == [2, 4, 5]
    assert rejects[1]["errors"][0]["message"] == "expected requesting_state and requested_state to differ"
    assert_whole(engine, expected=3)


def test_running_the_same_file_again_stores_nothing_twice(engine, settings, monkeypatch, tmp_path) -> None:
    with_user(engine)
    write_lines(tmp_path / "in.jsonl", 5)
    assert "created 5" in invoke(settings, monkeypatch, str(tmp_path / "in.jsonl"), "--actor", "ines").output
    again = invoke(settings, monkeypatch, str(tmp_path / "in.jsonl"), "--actor", "ines", "--batch", "2")
    assert again.exit_code == 0 and "created 0, already present 5, rejected 0" in again.output
    assert_whole(engine, expected=5)


def test_only_an_active_user_allowed_to_create_cases_may_import(
    engine, settings, monkeypatch, tmp_path
) -> None:
    with_user(engine, role="auditor")
    write_lines(tmp_path / "in.jsonl", 1)
    unknown = invoke(settings, monkeypatch, str(tmp_path / "in.jsonl"), "--actor", "nobody")
    assert unknown.exit_code == 2 and "no user named 'nobody'" in unknown.output
    auditor = invoke(settings, monkeypatch, str(tmp_path / "in.jsonl"), "--actor", "ines")
    assert auditor.exit_code == 2 and "may not case:create" in auditor.output


def _start_import(settings, path):
    env = os.environ | {"RIGHTSGATE_DATABASE_URL": settings.database_url}
    command = [sys.executable, "-c", "from rightsgate.cli import main; main()", "import", str(path)]
    return subprocess.Popen(
        [*command, "--actor", "ines", "--batch", "5"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _count(url: str) -> int:
    """Read without taking the SQLite write lock, so the watched import is not slowed down."""
    engine = create_engine(url)
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(Case)).scalar_one()
    engine.dispose()
    return count


def test_an_import_killed_with_sigkill_leaves_no_half_case_and_resumes(engine, settings, tmp_path) -> None:
    total = 200
    with_user(engine)
    write_lines(tmp_path / "in.jsonl", total)
    process = _start_import(settings, tmp_path / "in.jsonl")
    deadline = time.monotonic() + 60
    while _count(settings.database_url) < 10 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the import finished before it could be killed"
    stored = assert_whole(engine)
    assert 0 < stored < total
    resumed = _start_import(settings, tmp_path / "in.jsonl")
    out, _ = resumed.communicate(timeout=120)
    assert resumed.returncode == 0 and f"created {total - stored}, already present {stored}" in out.decode()
    assert_whole(engine, expected=total)


def test_requests_in_one_batch_sharing_a_target_are_linked(engine, settings, monkeypatch, tmp_path) -> None:
    with_user(engine)
    shared = [{"kind": "phone", "identifier": "+00 555 0100"}]
    lines = [request_data("S-1", targets=shared), request_data("S-2"), request_data("S-3", targets=shared)]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    assert invoke(settings, monkeypatch, str(tmp_path / "in.jsonl"), "--actor", "ines").exit_code == 0
    with session_scope(engine) as session:
        flagged = session.execute(
            select(Case.reference).where(Case.linked).order_by(Case.reference)
        ).scalars()
        assert list(flagged) == ["S-1", "S-3"]
        links = session.execute(text("SELECT case_id, linked_case_id FROM case_links")).all()
        assert [tuple(link) for link in links] == [(1, 3)]


class Frozen(datetime):
    """The clock of the cases opened, fixed, so two imports can be compared hash for hash."""

    @classmethod
    def now(cls, tz=None):
        return datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


def _import_into(folder, lines: list[bytes], law, workers: int) -> dict[str, list[tuple]]:
    """Import the lines into a fresh SQLite file; every stored row of every table, in key order."""
    url = f"sqlite:///{folder / f'workers-{workers}.db'}"
    settings = Settings(database_url=url)
    engine = make_engine(settings)
    upgrade(engine)
    run = Importer(
        engine=engine,
        actor=INTAKE,
        law=law,
        settings=settings,
        rejects=io.StringIO(),
        batch=7,
        workers=workers,
    )
    summary = import_requests(enumerate(lines, start=1), run)
    assert (summary.created, summary.skipped, len(summary.rejected)) == (len(lines) - 3, 1, 1)
    with engine.connect() as connection:
        tables = {
            table.name: [
                tuple(row) for row in connection.execute(table.select().order_by(*table.primary_key))
            ]
            for table in Base.metadata.sorted_tables
        }
    engine.dispose()
    return tables


def test_workers_store_exactly_what_one_process_stores(law, tmp_path, monkeypatch) -> None:
    """Requests assessed in worker processes are stored in the file's order: the same cases, ids,
    explanations, links, report rows and audit chain, hash for hash, as an import in one process."""
    monkeypatch.setattr(opening, "datetime", Frozen)
    rng = random.Random(5)
    lines = [generated_request(rng, i).encode() for i in range(120)]
    shared = [{"kind": "phone", "identifier": "+00 555 0199"}]
    lines[10] = lines[90] = json.dumps(request_data("SHARED-1", targets=shared)).encode()  # a duplicate
    lines[40] = json.dumps(request_data("SHARED-2", targets=shared)).encode()
    lines[60], lines[61] = b'{"reference": "cut', b"\n"  # rejected, and blank
    alone, pooled = (_import_into(tmp_path, lines, law, workers) for workers in (0, 2))
    assert len(alone["cases"]) == 117 and len(alone["audit_events"]) > 2 * 117
    assert len(alone["case_links"]) == 1
    assert alone == pooled
