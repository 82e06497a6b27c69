"""Benchmark: import and assess generated requests into SQLite and PostgreSQL, then verify the chain.

Reports seconds and cases per second for `import_requests` (the function behind `rightsgate import`)
and the time of `audit verify` over the resulting chain. Target: 100,000 requests in under 60 s on
SQLite. PostgreSQL is measured when reachable at RIGHTSGATE_BENCH_PG (default: the local server).
RIGHTSGATE_BENCH_DATABASES chooses the databases ("sqlite", "postgresql"; default both), so each can
be measured on a machine doing nothing else. Figures go into the README by hand; nothing is asserted.

Usage: `python -m benchmarks.import_bench [COUNT [WORKERS]]` (default 100,000 requests, and the
import's default number of worker processes).
"""

from __future__ import annotations

import io
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from benchmarks.assess_bench import generated_request
from rightsgate.audit.service import verify_chain
from rightsgate.auth.permissions import Actor, Role
from rightsgate.cases.bulk import Importer, default_workers, import_requests
from rightsgate.db import make_engine, session_scope
from rightsgate.law.loader import load_law
from rightsgate.migrations import upgrade
from rightsgate.settings import Settings

PG_SERVER = os.environ.get("RIGHTSGATE_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
BATCH = 500


def run(url: str, lines: list[bytes], label: str, workers: int) -> None:
    """Import every line into an empty database at `url` and verify the chain; print the figures."""
    settings = Settings(database_url=url)
    engine = make_engine(settings)
    upgrade(engine)
    importer = Importer(
        engine=engine,
        actor=Actor("bench", Role.intake),
        law=load_law(),
        settings=settings,
        rejects=io.StringIO(),
        batch=BATCH,
        workers=workers,
    )
    print(f"{label}: started {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC, load average {_load()}")
    started, processor = time.perf_counter(), time.process_time()
    summary = import_requests(enumerate(lines, start=1), importer)
    elapsed, processor = time.perf_counter() - started, time.process_time() - processor
    started = time.perf_counter()
    with session_scope(engine) as session:
        result = verify_chain(session)
    verified = time.perf_counter() - started
    engine.dispose()
    print(
        f"{label}: imported {summary.created:,} cases ({len(summary.rejected)} rejected) in {elapsed:.1f} s"
        f" = {summary.created / elapsed:,.0f} cases/s"
    )
    print(f"{label}: processor time of the storing process {processor:.1f} s (workers not included)")
    print(f"{label}: audit verify over {result.count:,} events: {verified:.1f} s, valid={result.ok}")
    print(f"{label}: finished {datetime.now(UTC):%H:%M:%S} UTC, load average {_load()}")


def _load() -> str:
    """The load averages over 1, 5 and 15 minutes."""
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def on_postgresql(lines: list[bytes], workers: int) -> None:
    admin = create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    name = f"rg_bench_{os.getpid()}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError:
        print(f"PostgreSQL: not reachable at {PG_SERVER}, skipped")
        return
    try:
        run(f"{PG_SERVER}/{name}", lines, "PostgreSQL", workers)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def main(count: int = 100_000, workers: int | None = None) -> None:
    rng = random.Random(2026)
    lines = [generated_request(rng, i).encode() for i in range(count)]
    workers = default_workers() if workers is None else workers
    print(f"{count:,} requests, {workers} worker processes, batches of {BATCH}")
    databases = os.environ.get("RIGHTSGATE_BENCH_DATABASES", "sqlite,postgresql").split(",")
    if "sqlite" in databases:
        with tempfile.TemporaryDirectory() as folder:
            run(f"sqlite:///{Path(folder) / 'bench.db'}", lines, "SQLite", workers)
    if "postgresql" in databases:
        on_postgresql(lines, workers)


if __name__ == "__main__":
    arguments = [int(argument) for argument in sys.argv[1:3]]
    main(*arguments)
