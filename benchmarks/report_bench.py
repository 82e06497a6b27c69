"""Benchmark: a full-year transparency report over many generated cases, on SQLite and PostgreSQL.

Generates N cases (default 1,000,000) with their assessments, codes, status changes, decisions, coded
grounds and consultations (`benchmarks.report_rows`), loaded straight into the tables in bulk: SQLite by
`executemany` in one transaction with journalling and syncing off for the load only, PostgreSQL by
`COPY`. Builds the report rows of the loaded cases (`cases.report_rows`, as the backfill does), then
times the exact count from the case tables, the count from the report rows (checked equal), the
figures (the current report: counted from the rows, then protected) and each output format, and runs
both counting statements in DuckDB over Parquet exports of the same rows, as a columnar engine's floor.
PostgreSQL is used when reachable at `RIGHTSGATE_BENCH_PG` (default
postgresql+psycopg://postgres@127.0.0.1:5432); its database is named `RIGHTSGATE_BENCH_DB` plus a random
suffix and dropped afterwards. Figures go into the README by hand, never into the test suite.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from benchmarks.report_duckdb import duckdb_floor
from benchmarks.report_rows import COLUMNS, HEAD_AT, generated
from rightsgate.cases.report_rows import fill_report_rows
from rightsgate.db import make_engine, session_scope
from rightsgate.migrations import upgrade
from rightsgate.reports.counting import count
from rightsgate.reports.current import current_count
from rightsgate.reports.html import render_html
from rightsgate.reports.periods import parse_period
from rightsgate.reports.render import to_csv, to_google_csv, to_json
from rightsgate.reports.transparency import build_report
from rightsgate.settings import Settings

PG_SERVER = os.environ.get("RIGHTSGATE_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
PG_NAME = os.environ.get("RIGHTSGATE_BENCH_DB", "rg_bench")
PERIOD = "2026"
AS_OF = HEAD_AT
RENDERERS = {"json": to_json, "csv": to_csv, "google-csv": to_google_csv, "html": render_html}
T = TypeVar("T")


def timed(label: str, action: Callable[[], T], server: Callable[[], float] | None = None) -> T:
    """Run and print the wall time, and this process's CPU time (steadier on a shared machine; it
    includes SQLite's and DuckDB's work, not PostgreSQL's, which runs in the server), and the server's
    CPU time when `server` reads it."""
    started, cpu, served = time.perf_counter(), time.process_time(), server() if server else 0.0
    result = action()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    line = f"  {label:<40} {wall:7.2f} s   cpu {cpu:7.2f} s"
    line += f"   server cpu {server() - served:7.2f} s" if server else ""
    print(line, flush=True)
    return result


def backend_cpu(session: Session) -> Callable[[], float] | None:
    """On PostgreSQL running on this machine, a reader of the CPU time of the session's server process
    (parallel workers not included); None elsewhere."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    stat = Path(f"/proc/{session.scalar(text('SELECT pg_backend_pid()'))}/stat")
    if not stat.exists():
        return None
    tick = os.sysconf("SC_CLK_TCK")
    return lambda: sum(int(field) for field in stat.read_text().split()[13:15]) / tick


def _insert(table: str) -> str:
    columns = COLUMNS[table]
    quoted = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(columns))})"


def load_sqlite(path: Path, count: int) -> None:
    """All rows in one transaction, with journalling and syncing off for the load only."""
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=OFF", "synchronous=OFF", "foreign_keys=OFF", "cache_size=-400000"):
        connection.execute(f"PRAGMA {pragma}")
    connection.execute("BEGIN")
    for table, rows in generated(count):
        connection.executemany(_insert(table), rows)
    connection.execute("COMMIT")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.close()


def load_postgres(engine: Engine, count: int) -> None:
    """All rows by COPY, in one transaction, then ANALYZE as autovacuum would."""
    raw = engine.raw_connection()
    try:
        with raw.driver_connection.cursor() as cursor:  # type: ignore[union-attr]
            for table, rows in generated(count):
                columns = ", ".join(f'"{c}"' for c in COLUMNS[table])
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
        raw.commit()
        raw.driver_connection.autocommit = True  # type: ignore[union-attr]
        raw.driver_connection.execute("ANALYZE")  # type: ignore[union-attr]
    finally:
        raw.close()


def build_rows(engine: Engine) -> None:
    """Build the report rows of the loaded cases, as `rightsgate report backfill` does after an upgrade."""
    with session_scope(engine) as session:
        built = timed("report rows built (backfill)", lambda: fill_report_rows(session))
    print(f"  {built:,} report rows")


def measure(engine: Engine) -> Any:
    """Time the counting (exact, then from the report rows), the figures (the whole report, from the
    rows) and each format; returns the report."""
    period = parse_period(PERIOD)
    with session_scope(engine) as session:
        server = backend_cpu(session)
        exact = "exact counting from the case tables"
        counted = timed(exact, lambda: count(session, period, AS_OF), server)
        print(f"  {counted.received:,} requests counted")
        rows = "counting from the report rows"
        quick = timed(rows, lambda: current_count(session, period, AS_OF), server)
        assert quick == counted, "the report rows must count what the exact count finds"
        figures = "figures: count and protect (full report)"
        report = timed(figures, lambda: build_report(session, period=PERIOD, threshold=5), server)
    for name, render in RENDERERS.items():
        timed(f"render {name}", lambda render=render: render(report))  # type: ignore[misc]
    return report


def sqlite_run(folder: Path, count: int) -> Path:
    path = folder / "bench.db"
    engine = make_engine(Settings(database_url=f"sqlite:///{path}"))
    upgrade(engine)
    engine.dispose()
    print(f"sqlite: {count:,} cases")
    timed("bulk load (executemany)", lambda: load_sqlite(path, count))
    engine = make_engine(Settings(database_url=f"sqlite:///{path}"))
    build_rows(engine)
    measure(engine)
    engine.dispose()
    return path


def vacuum(engine: Engine) -> None:
    """VACUUM ANALYZE the report rows, as autovacuum would after so many inserts."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE report_rows"))


def postgres_engine() -> Iterator[Engine]:
    name = f"{PG_NAME}_{uuid.uuid4().hex[:8]}"
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
        path = sqlite_run(Path(folder), count)
        for engine in postgres_engine():
            print(f"postgresql: {count:,} cases")
            timed("bulk load (COPY)", lambda engine=engine: load_postgres(engine, count))  # type: ignore[misc]
            build_rows(engine)
            vacuum(engine)
            measure(engine)
        print("duckdb: the same counting statement over Parquet exports of the SQLite rows")
        duckdb_floor(path, Path(folder), parse_period(PERIOD), AS_OF, timed)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
