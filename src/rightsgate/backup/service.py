"""Backing up and restoring the whole database, on SQLite or PostgreSQL, in a portable format.

- A backup reads every table in one consistent snapshot (writers go on meanwhile) and records the
  schema revision, the row counts and the audit chain head in its manifest (`backup.archive`).
- A restore refuses a database that already holds rows unless told to replace them, and a backup
  whose schema revision differs from the database's. An empty database is first migrated to the
  backup's revision. Everything is then loaded in one transaction, which commits only if the
  checksum, every row count, the audit chain and its head all match the manifest: all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from tempfile import TemporaryFile
from typing import Any

from alembic.util import CommandError
from sqlalchemy import Connection, Engine, MetaData, Table, func, inspect, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from rightsgate import __version__
from rightsgate.audit.service import verify_chain
from rightsgate.backup.archive import BackupError, ChainHead, DataWriter, Manifest, pack, read_backup
from rightsgate.db import snapshot
from rightsgate.files import write_atomically
from rightsgate.migrations import upgrade

VERSIONS = "alembic_version"
BATCH = 1_000
PRIVATE = 0o600  # a backup holds personal data: readable by its owner only


def _tables(connection: Connection) -> list[Table]:
    """Every table of the database as it is, parents before children; the schema revision aside."""
    metadata = MetaData()
    metadata.reflect(bind=connection)
    return [table for table in metadata.sorted_tables if table.name != VERSIONS]


def _revision(connection: Connection) -> str:
    return ",".join(sorted(connection.scalars(text(f"SELECT version_num FROM {VERSIONS}"))))


def _head(connection: Connection) -> ChainHead | None:
    row = connection.execute(text("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1")).first()
    return ChainHead(seq=row[0], hash=row[1]) if row else None


def _dump(connection: Connection, writer: DataWriter) -> dict[str, int]:
    counts = {}
    for table in _tables(connection):
        writer.line({"table": table.name, "columns": [column.name for column in table.columns]})
        query = select(table).order_by(*table.primary_key.columns).execution_options(yield_per=BATCH)
        counts[table.name] = 0
        for row in connection.execute(query):
            writer.line(list(row))
            counts[table.name] += 1
    return counts


def backup(engine: Engine, path: Path) -> Manifest:
    """Write every table to `path` (replacing it whole, never partly, readable by its owner only) and
    return the manifest."""
    with TemporaryFile() as data:
        writer = DataWriter(data)
        with snapshot(engine) as connection:
            if VERSIONS not in inspect(connection).get_table_names():
                raise BackupError("the database has no schema: there is nothing to back up")
            counts = _dump(connection, writer)
            revision, head = _revision(connection), _head(connection)
        manifest = Manifest(
            created_at=datetime.now(UTC),
            software_version=__version__,
            database=engine.dialect.name,
            schema_revision=revision,
            tables=counts,
            audit_head=head,
            data_sha256=writer.close(),
        )
        write_atomically(path, lambda out: pack(out, manifest, data), mode=PRIVATE)
    return manifest


def _prepare_schema(engine: Engine, revision: str) -> None:
    """Migrate an empty database to the backup's revision; refuse any other revision."""
    names = set(inspect(engine).get_table_names())
    if VERSIONS not in names:
        if names:
            raise BackupError("the database has tables but no schema revision: restore into an empty one")
        try:
            upgrade(engine, revision)
        except CommandError as error:
            raise BackupError(
                f"the backup's schema revision {revision} is unknown to rightsgate {__version__}: "
                "restore it with the version that made it, then run `rightsgate db upgrade`"
            ) from error
    with engine.connect() as connection:
        current = _revision(connection)
    if current != revision:
        raise BackupError(
            f"the database is at schema revision {current} but the backup at {revision}: "
            "restore into an empty database, which is migrated to the backup's revision"
        )


def _make_room(connection: Connection, tables: list[Table], replace: bool) -> None:
    """Refuse a database holding rows, or with `replace` delete them (the append-only guard too)."""
    holding = [t.name for t in tables if connection.scalar(select(func.count()).select_from(t))]
    if holding and not replace:
        raise BackupError(
            f"the database is not empty (rows in {', '.join(holding)}): give --force to replace them"
        )
    postgres = connection.dialect.name == "postgresql"
    for table in reversed(tables):
        if postgres:
            connection.execute(text(f'ALTER TABLE "{table.name}" DISABLE TRIGGER USER'))
        connection.execute(table.delete())
        if postgres:
            connection.execute(text(f'ALTER TABLE "{table.name}" ENABLE TRIGGER USER'))


def _reader(table: Table, columns: list[str]) -> Callable[[list[Any]], dict[str, Any]]:
    """A function turning a data line of `table` into a row to insert."""
    if set(columns) != set(table.columns.keys()):
        raise BackupError(f"table {table.name}: the backup's columns differ from the database's")

    def convert(name: str) -> Callable[[Any], Any]:
        try:
            kind = table.columns[name].type.python_type
        except NotImplementedError:
            kind = object
        if kind is datetime:
            return lambda v: None if v is None else datetime.fromisoformat(v)
        if kind is date:
            return lambda v: None if v is None else date.fromisoformat(v)
        return lambda v: v

    converters = [(name, convert(name)) for name in columns]
    return lambda values: {name: read(value) for (name, read), value in zip(converters, values, strict=True)}


class _Loader:
    """Inserts the rows of one table after another, in batches, counting them."""

    def __init__(self, connection: Connection, tables: list[Table]) -> None:
        self.connection, self.tables = connection, {table.name: table for table in tables}
        self.counts: dict[str, int] = {}
        self.table: Table | None = None
        self.read: Callable[[list[Any]], dict[str, Any]] = lambda _values: {}
        self.batch: list[dict[str, Any]] = []

    def start(self, header: dict[str, Any]) -> None:
        self.flush()
        self.table = self.tables.get(header.get("table", ""))
        if self.table is None:
            raise BackupError(f"table {header.get('table')} of the backup is not in the database")
        self.read, self.counts[self.table.name] = _reader(self.table, header["columns"]), 0

    def add(self, values: list[Any]) -> None:
        if self.table is None:
            raise BackupError("the backup data is damaged: a row comes before any table")
        self.counts[self.table.name] += 1
        try:
            self.batch.append(self.read(values))
        except (TypeError, ValueError) as error:
            number = self.counts[self.table.name]
            raise BackupError(
                f"the backup data is damaged: {self.table.name} row {number}: {error}"
            ) from error
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.batch and self.table is not None:
            self.connection.execute(self.table.insert(), self.batch)
        self.batch = []


def _load(connection: Connection, tables: list[Table], lines: Iterator[Any]) -> dict[str, int]:
    """Insert every row; return the count per table."""
    loader = _Loader(connection, tables)
    for line in lines:
        if isinstance(line, dict):
            loader.start(line)
        else:
            loader.add(line)
    loader.flush()
    return loader.counts


def _reset_sequences(connection: Connection, tables: list[Table]) -> None:
    """On PostgreSQL, let each id sequence continue after the highest restored id."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        for column in table.primary_key.columns:
            sequence = connection.scalar(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": table.name, "column": column.name},
            )
            if sequence:
                highest = connection.scalar(select(func.max(column)))
                connection.execute(
                    text("SELECT setval(:sequence, :value, :called)"),
                    {"sequence": sequence, "value": highest or 1, "called": highest is not None},
                )


def _check(connection: Connection, manifest: Manifest, counts: dict[str, int]) -> None:
    """The rows loaded and the audit chain must be those the manifest describes."""
    if counts != manifest.tables:
        raise BackupError(f"the backup holds other tables or row counts than its manifest: {counts}")
    with Session(bind=connection) as session:
        result = verify_chain(session)
    if result.defect is not None:
        raise BackupError(f"the audit chain in the backup is broken at {result.defect}")
    head = ChainHead(seq=result.head.seq, hash=result.head.hash) if result.head else None
    if head != manifest.audit_head:
        raise BackupError("the audit chain head in the backup differs from its manifest's")


def restore(engine: Engine, path: Path, *, replace: bool = False) -> Manifest:
    """Load the backup at `path` into the database, all or nothing; return its manifest."""
    with read_backup(path) as (manifest, lines):
        _prepare_schema(engine, manifest.schema_revision)
        try:
            with engine.begin() as connection:
                tables = _tables(connection)
                _make_room(connection, tables, replace)
                counts = _load(connection, tables, lines)
                _check(connection, manifest, counts)
                _reset_sequences(connection, tables)
        except DBAPIError as error:
            raise BackupError(f"the database refused the backup's rows: {error.orig}") from error
    return manifest
