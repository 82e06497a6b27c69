"""`rightsgate db upgrade` and `rightsgate audit verify`: the database schema and the audit chain."""

from __future__ import annotations

import sys

import click
from sqlalchemy import Engine

from rightsgate.audit.chain import Head
from rightsgate.audit.service import verify_chain
from rightsgate.db import make_engine, session_scope
from rightsgate.migrations import upgrade
from rightsgate.settings import Settings

TAMPERED = 1


def engine_from_env() -> Engine:
    """The engine of the database named by `RIGHTSGATE_DATABASE_URL` (default: ./rightsgate.db)."""
    return make_engine(Settings())


@click.group("db")
def db_group() -> None:
    """Manage the database schema."""


@db_group.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the database to the newest schema."""
    upgrade(engine_from_env())
    click.echo("database is at the newest schema")


@click.group("audit")
def audit_group() -> None:
    """Check the audit trail."""


def _heads(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> list[Head]:
    try:
        return [Head.parse(value) for value in values]
    except ValueError as error:
        raise click.BadParameter(str(error)) from error


@audit_group.command("verify")
@click.option(
    "--expect-head",
    "heads",
    multiple=True,
    callback=_heads,
    metavar="SEQ:HASH",
    help="A published chain head that must still be in the chain (repeatable).",
)
def audit_verify(heads: list[Head]) -> None:
    """Recompute every hash and link; name the first bad event and exit 1 if the chain was altered."""
    with session_scope(engine_from_env()) as session:
        result = verify_chain(session, expect=heads)
    if result.defect is not None:
        click.echo(f"audit chain BROKEN at {result.defect}", err=True)
        sys.exit(TAMPERED)
    head = f"{result.head.seq}:{result.head.hash}" if result.head else "empty"
    click.echo(f"audit chain valid: {result.count} events, head {head}")
