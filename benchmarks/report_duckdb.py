"""The columnar floor: the report's own counting statements run by DuckDB over Parquet files.

Each table the report reads is exported from the benchmark's SQLite file (CSV, then Parquet written by
DuckDB with the columns' types), exposed under its own name as a view, and the statements of
`reports.counting` (the exact count) and `reports.current` (from the report rows) are compiled as
PostgreSQL SQL and run unchanged, with the same values. The count of requests is printed beside
SQLite's, so the engines are seen to do the same work.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
from sqlalchemy import Boolean, Date, DateTime, Integer
from sqlalchemy.dialects import postgresql

from benchmarks.report_rows import COLUMNS
from rightsgate.db import Base
from rightsgate.reports import current
from rightsgate.reports.counting import counts_statement, figures_from
from rightsgate.reports.periods import Period

TABLES = (
    "cases",
    "assessments",
    "assessment_codes",
    "transitions",
    "decisions",
    "decision_grounds",
    "consultations",
    "report_rows",
)
TYPES = ((Boolean, "BOOLEAN"), (DateTime, "TIMESTAMP"), (Date, "DATE"), (Integer, "BIGINT"))


def _duck_type(column: Any) -> str:
    stored = getattr(column.type, "impl", column.type)
    return next((name for kind, name in TYPES if isinstance(stored, kind)), "VARCHAR")


def _naive(value: Any) -> Any:
    """A moment as stored: naive UTC."""
    return value.astimezone(UTC).replace(tzinfo=None) if isinstance(value, datetime) else value


def export(sqlite_path: Path, folder: Path, table: str) -> Path:
    """The table's report columns as Parquet, via a CSV written from SQLite."""
    stored = Base.metadata.tables[table].c
    columns = [c for c in (*COLUMNS.get(table, stored.keys()), "id") if c in stored]
    columns = list(dict.fromkeys(columns))
    source, target = folder / f"{table}.csv", folder / f"{table}.parquet"
    with sqlite3.connect(sqlite_path) as connection, source.open("w", newline="") as out:
        quoted = ", ".join(f'"{c}"' for c in columns)
        csv.writer(out).writerows(connection.execute(f"SELECT {quoted} FROM {table}"))
    types = {c: _duck_type(Base.metadata.tables[table].c[c]) for c in columns}
    duckdb.sql(
        f"COPY (SELECT * FROM read_csv('{source}', header=false, columns={types})) TO '{target}' "
        "(FORMAT parquet)"
    )
    source.unlink()
    return target


def duckdb_floor(
    sqlite_path: Path, folder: Path, period: Period, as_of: datetime, timed: Callable[..., Any]
) -> None:
    """Export, then time the counting statement in DuckDB and compare its counts with SQLite's."""
    files = timed("export to Parquet", lambda: {t: export(sqlite_path, folder, t) for t in TABLES})
    connection = duckdb.connect()
    for table, path in files.items():
        connection.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{path}')")
    rows = timed(
        "exact counting statement in DuckDB", lambda: run(connection, counts_statement(period, as_of))
    )
    print(f"  duckdb figures: {figures_from(rows).received:,} requests counted")
    timed("report rows statement in DuckDB", lambda: run(connection, current.counts_statement(period)))


def run(connection: Any, statement: Any) -> list[Any]:
    """The statement compiled as PostgreSQL SQL, run in DuckDB with the same values."""
    compiled = statement.compile(
        dialect=postgresql.dialect(paramstyle="qmark"), compile_kwargs={"render_postcompile": True}
    )
    params = [_naive(compiled.params[name]) for name in compiled.positiontup or ()]
    return connection.execute(str(compiled), params).fetchall()
