"""Database access: an engine factory and a transaction scope. Nothing connects at import time.

SQLite (the default) runs in WAL mode with foreign keys enforced, and every transaction starts with
`BEGIN IMMEDIATE`, so writers are serialised and the audit chain head cannot be read stale; only a
`snapshot` (a long read, such as a backup) begins deferred, so writers are not held up meanwhile.
`synchronous=NORMAL` keeps every commit through a crash of the process (`kill -9`, tested); a power
loss may undo the last commits before a checkpoint. PostgreSQL is chosen by `RIGHTSGATE_DATABASE_URL`
(`postgresql+psycopg://...`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    DateTime,
    Dialect,
    Engine,
    Insert,
    MetaData,
    and_,
    create_engine,
    event,
    insert,
    select,
)
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from rightsgate.settings import Settings

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A moment stored as naive UTC and read back as aware UTC, the same on SQLite and PostgreSQL."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("expected an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None) if value else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value else None


class Base(DeclarativeBase):
    """Declarative base of every table; constraint names are fixed so migrations stay stable."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UtcDateTime}


def core_insert(model: type[Base]) -> Insert:
    """An INSERT into the model's table as plain SQL: executed with many rows, one executemany without
    the ORM's bookkeeping per row."""
    return insert(model.metadata.tables[str(model.__tablename__)])


def insert_keyed(
    session: Session, model: type[Base], rows: list[dict[str, Any]], key: Sequence[str]
) -> list[int]:
    """Insert the rows in one statement and return their ids in order, read back by the columns of a
    unique key. (Reading back keeps the insert a plain executemany on SQLite, where RETURNING in order
    goes row by row.) Every key column is constrained, so the key's unique index is searched."""
    session.execute(core_insert(model), rows)
    table = model.metadata.tables[str(model.__tablename__)]
    columns = [table.c[name] for name in key]
    chosen = and_(*(column.in_({row[column.name] for row in rows}) for column in columns))
    found = {
        tuple(stored[:-1]): stored[-1]
        for stored in session.execute(select(*columns, table.c.id).where(chosen))
    }
    return [found[tuple(row[name] for name in key)] for row in rows]


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL", "busy_timeout=30000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


SNAPSHOT = "rightsgate_snapshot"


def _sqlite_begin(connection: Any) -> None:
    deferred = connection.get_execution_options().get(SNAPSHOT)
    connection.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")


class HideRows(logging.Filter):
    """Drop SQLAlchemy's DEBUG lines that print each fetched row: rows hold personal data."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.msg != "Row %r"


def _keep_data_out_of_logs() -> None:
    """However logging is configured, SQL logs carry no row; `hide_parameters` hides the bound values."""
    logger = logging.getLogger("sqlalchemy.engine.Engine")
    if not any(isinstance(f, HideRows) for f in logger.filters):
        logger.addFilter(HideRows())


def make_engine(settings: Settings) -> Engine:
    """An engine for the configured database, keeping `db_connections` connections open (more may be
    opened for a moment under load); SQLite gets WAL, foreign keys and immediate transactions.
    Logged SQL never shows the values bound to it or the rows it returns (they hold personal data)."""
    _keep_data_out_of_logs()
    engine = create_engine(settings.database_url, hide_parameters=True, pool_size=settings.db_connections)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: commit when the block ends, roll back on any error. Services never commit."""
    session = sessionmaker(engine, expire_on_commit=False)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A read-only transaction that sees the whole database as of one moment while writers go on:
    REPEATABLE READ on PostgreSQL, a deferred transaction over the write-ahead log on SQLite."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        else:
            connection.execution_options(**{SNAPSHOT: True})
        with connection.begin():
            yield connection
