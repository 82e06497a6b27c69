"""Helpers for the backup tests: a database with some of everything, a second empty database, and
every table read back for comparison."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any

from click.testing import CliRunner, Result
from sqlalchemy import MetaData, create_engine, select

from rightsgate.auth.permissions import Role
from rightsgate.cases.schemas import ConsultationCreate
from rightsgate.cases.service import record_consultation
from rightsgate.cli import main
from rightsgate.db import session_scope
from rightsgate.reports.service import publish
from rightsgate.reports.transparency import build_report
from tests.api.conftest import add_users
from tests.builders import NOW, REVIEWER, SUPERVISOR, request_data
from tests.cases.test_decisions import decide, under_review
from tests.databases import create_pg_database, drop_pg_database


def cli(url: str, *args: str) -> Result:
    """`rightsgate ARGS` against the database at `url`."""
    return CliRunner().invoke(main, list(args), env={"RIGHTSGATE_DATABASE_URL": url})


def fill(engine, law, settings, *, cases: int = 6, prefix: str = "BACKUP") -> None:
    """Users and tokens, cases with assessments and targets, a consultation, decisions (one awaiting
    a countersignature) and a published report."""
    add_users(engine, {Role.reviewer: f"{prefix.lower()}-rui", Role.supervisor: f"{prefix.lower()}-sara"})
    with session_scope(engine) as session:
        opened = [under_review(session, law, settings, reference=f"{prefix}-{n}") for n in range(cases)]
        decide(session, opened[0], settings, action="execute")
        consultation = ConsultationCreate(about="refusal", summary="Discussed with the central authority.")
        record_consultation(session, opened[1], consultation=consultation, actor=REVIEWER, now=NOW)
        decide(
            session,
            opened[1],
            settings,
            action="refused",
            rationale="Grounds exist.",
            grounds=["human_rights"],
        )
    with session_scope(engine) as session:
        report = build_report(session, period="2026", threshold=settings.min_report_cell)
        publish(session, report=report, actor=SUPERVISOR, now=NOW)


def more_cases(engine, law, settings, prefix: str, count: int = 2) -> None:
    with session_scope(engine) as session:
        for n in range(count):
            under_review(session, law, settings, reference=f"{prefix}-{n}", **_extra(n))


def _extra(n: int) -> dict[str, Any]:
    return {} if n % 2 else {"facts": request_data()["facts"] + " A second account was used."}


def every_table(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order, as the database returns them."""
    engine = create_engine(url)
    metadata = MetaData()
    with engine.connect() as connection:
        metadata.reflect(bind=connection)
        tables = {
            table.name: [tuple(row) for row in connection.execute(select(table).order_by(*table.primary_key))]
            for table in metadata.sorted_tables
        }
    engine.dispose()
    return tables


@contextmanager
def empty_database(backend: str, folder):
    """The URL of a database with nothing in it, not even a schema."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'restored.db'}"
        return
    url = create_pg_database(migrated=False)
    try:
        yield url
    finally:
        drop_pg_database(url)
