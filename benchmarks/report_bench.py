"""Benchmark: a full-year transparency report over many generated cases, on SQLite and PostgreSQL.

Generates N cases (default 1,000,000) with their assessment, codes, grounds, status changes, decisions and
consultations, inserted in bulk straight into the tables (the services would take hours at this size and
are not what is measured), plus one audit event as the chain head. Then times the report query, the
counting and protection, and each output format. PostgreSQL is used when reachable at
`RIGHTSGATE_BENCH_PG` (default postgresql+psycopg://postgres@127.0.0.1:5432). Figures are written into
the README by hand from this output, never asserted in the test suite.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from benchmarks.report_rows import generated
from rightsgate.cases.report_query import report_rows
from rightsgate.db import Base, make_engine, session_scope
from rightsgate.migrations import upgrade
from rightsgate.reports import figures as raw
from rightsgate.reports.html import render_html
from rightsgate.reports.periods import parse_period
from rightsgate.reports.render import to_csv, to_google_csv, to_json
from rightsgate.reports.transparency import build_report, protected_figures
from rightsgate.settings import Settings

PG_SERVER = os.environ.get("RIGHTSGATE_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")


def timed(label: str, action: Callable[[], object]) -> object:
    started = time.perf_counter()
    result = action()
    print(f"  {label:<34} {time.perf_counter() - started:7.2f} s")
    return result


def fill(engine: Engine, count: int) -> None:
    """Insert the generated rows table by table, in batches."""
    tables = Base.metadata.tables
    with engine.begin() as connection:
        for name, rows in generated(count):
            connection.execute(tables[name].insert(), rows)


def measure(engine: Engine, count: int) -> None:
    print(f"{engine.dialect.name}: {count:,} cases")
    timed("bulk insert", lambda: fill(engine, count))
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
    period = parse_period("2026")
    as_of = datetime(2027, 1, 1, tzinfo=UTC)
    with session_scope(engine) as session:
        rows = timed(
            "report query (rows)",
            lambda: report_rows(session, start=period.start, end=period.end, as_of=as_of),
        )
        data = raw.ReportData(period=period, rows=tuple(rows))  # type: ignore[arg-type]
        timed("count and protect", lambda: protected_figures(data, 5))
        report = timed(
            "full report (query to figures)", lambda: build_report(session, period="2026", threshold=5)
        )
    for name, render in (
        ("json", to_json),
        ("csv", to_csv),
        ("google-csv", to_google_csv),
        ("html", render_html),
    ):
        timed(f"render {name}", lambda render=render: render(report))  # type: ignore[misc]


def sqlite_engine(folder: Path) -> Engine:
    engine = make_engine(Settings(database_url=f"sqlite:///{folder / 'bench.db'}"))
    upgrade(engine)
    return engine


def postgres_engine() -> Iterator[Engine]:
    name = f"rg_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError:
        print(f"postgresql: unreachable at {PG_SERVER}, skipped")
        return
    engine = make_engine(Settings(database_url=f"{PG_SERVER}/{name}"))
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def main(count: int = 1_000_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = sqlite_engine(Path(folder))
        measure(engine, count)
        engine.dispose()
    for engine in postgres_engine():
        measure(engine, count)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
