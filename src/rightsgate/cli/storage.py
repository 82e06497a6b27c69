"""`rightsgate db upgrade` and `rightsgate audit verify`: the database schema and the audit chain."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from sqlalchemy import Engine

from rightsgate.audit.chain import Head
from rightsgate.audit.service import ChainError, anchor, verify_chain
from rightsgate.db import make_engine, session_scope
from rightsgate.files import write_atomically
from rightsgate.migrations import upgrade
from rightsgate.settings import Settings

TAMPERED, BAD_INPUT, BEHIND = 1, 2, 3


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


def _anchor(_ctx: click.Context, _param: click.Parameter, path: Path | None) -> Head | None:
    if path is None:
        return None
    try:
        return Head.parse(path.read_text(encoding="utf-8").strip())
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise click.BadParameter(f"{path}: {error}") from error


@audit_group.command("verify")
@click.option(
    "--expect-head",
    "heads",
    multiple=True,
    callback=_heads,
    metavar="SEQ:HASH",
    help="A published chain head that must still be in the chain (repeatable).",
)
@click.option(
    "--anchor",
    "anchored",
    type=click.Path(dir_okay=False, path_type=Path),
    callback=_anchor,
    help="A file written by `audit anchor`: the chain must hold that head.",
)
def audit_verify(heads: list[Head], anchored: Head | None) -> None:
    """Recompute every hash and link; name the first bad event. Exit 1 if the chain was altered or
    diverged from an expected head, 3 if it is behind one (an older copy, or its newest events removed)."""
    with session_scope(engine_from_env()) as session:
        result = verify_chain(session, expect=[*heads, *([anchored] if anchored else [])])
    if result.defect is not None:
        state = "BEHIND" if result.defect.behind else "BROKEN"
        click.echo(f"audit chain {state} at {result.defect}", err=True)
        sys.exit(BEHIND if result.defect.behind else TAMPERED)
    head = f"{result.head.seq}:{result.head.hash}" if result.head else "empty"
    click.echo(f"audit chain valid: {result.count} events, head {head}")


@audit_group.command("anchor")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the anchor here.")
def audit_anchor(out: Path | None) -> None:
    """Verify the chain and print its head as SEQ:HASH, to keep outside the database and check later
    with `audit verify --anchor FILE`."""
    try:
        with session_scope(engine_from_env()) as session:
            head = anchor(session)
    except ChainError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(BAD_INPUT)
    text = f"{head.seq}:{head.hash}\n"
    if out is None:
        click.echo(text, nl=False)
    else:
        write_atomically(out, lambda file: file.write(text.encode("ascii")))
        click.echo(f"anchor {head.seq}:{head.hash} written to {out}", err=True)
