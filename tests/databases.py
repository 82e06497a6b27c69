"""Test databases: every storage test runs on SQLite and on PostgreSQL.

Each pytest worker gets its own PostgreSQL database (dropped at the end) and its own migrated SQLite
template; each test starts from empty tables. If PostgreSQL is unreachable the PostgreSQL tests skip,
except under `CI`, where they fail.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

import rightsgate.cases.statistics
import rightsgate.reports.models  # noqa: F401  (their tables are wiped too)
from rightsgate.db import Base, make_engine
from rightsgate.migrations import upgrade
from rightsgate.settings import Settings

PG_SERVER = os.environ.get("RIGHTSGATE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")


def _admin() -> Engine:
    return create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")


def create_pg_database(*, migrated: bool = True) -> str:
    """A fresh, uniquely named database on the server, migrated unless told not to; returns its URL."""
    name = f"rg_test_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{uuid.uuid4().hex[:10]}"
    try:
        with _admin().connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is unreachable at {PG_SERVER}: {error}")
        pytest.skip(f"PostgreSQL is unreachable at {PG_SERVER}")
    url = f"{PG_SERVER}/{name}"
    if migrated:
        engine = make_engine(Settings(database_url=url))
        upgrade(engine)
        engine.dispose()
    return url


def drop_pg_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with _admin().connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def create_sqlite_template(folder: Path) -> Path:
    path = folder / "template.db"
    engine = make_engine(Settings(database_url=f"sqlite:///{path}"))
    upgrade(engine)
    engine.dispose()
    return path


def wipe_pg(url: str) -> None:
    """Empty every table, the append-only audit table included (its trigger is bypassed here only)."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("SET LOCAL session_replication_role = replica"))
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
            if "id" in table.columns:
                connection.execute(text(f"ALTER SEQUENCE {table.name}_id_seq RESTART"))
    engine.dispose()


def fresh_url(backend: str, template: Path | str, folder: Path) -> str:
    """An empty, migrated database of the backend: a copy of the SQLite template, or the wiped PG one."""
    if backend == "sqlite":
        target = folder / "rightsgate.db"
        shutil.copyfile(template, target)
        return f"sqlite:///{target}"
    wipe_pg(str(template))
    return str(template)
