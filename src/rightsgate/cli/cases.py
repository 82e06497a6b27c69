"""`rightsgate cases ...`: look at cases, list overdue ones, write letters, purge expired data."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import click
from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session

from rightsgate.auth.permissions import Actor, PermissionDeniedError
from rightsgate.auth.service import UserError, actor_named
from rightsgate.cases.retention import purge_expired
from rightsgate.cases.service import CaseNotFoundError, get_case, overdue, view_case
from rightsgate.cases.teams import assign_team
from rightsgate.cases.workflow import WorkflowError
from rightsgate.cli.storage import engine_from_env
from rightsgate.db import session_scope
from rightsgate.letters.render import render_letter
from rightsgate.settings import Settings

BAD_INPUT = 2
ACTOR = click.option("--actor", required=True, help="Username of the active user acting.")


@contextmanager
def acting(username: str) -> Iterator[tuple[Session, Actor]]:
    """A transaction on behalf of a user; refusals print the reason and exit 2, storing nothing."""
    try:
        with session_scope(engine_from_env()) as session:
            yield session, actor_named(session, username=username, settings=Settings())
    except (UserError, PermissionDeniedError, WorkflowError, CaseNotFoundError) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(BAD_INPUT)


@click.group("cases")
def cases_group() -> None:
    """Cases: show one, list overdue ones, write letters, purge expired personal data."""


@cases_group.command("show")
@click.argument("case_id", type=int)
@ACTOR
def cases_show(case_id: int, actor: str) -> None:
    """Show a case as JSON (every view is recorded in the audit trail)."""
    with acting(actor) as (session, who):
        seen = view_case(session, case_id=case_id, actor=who)
    click.echo(seen.model_dump_json(indent=2))


@cases_group.command("overdue")
def cases_overdue() -> None:
    """List undecided cases past their deadline, the most overdue first."""
    table = Table("case", "state", "reference", "type", "status", "deadline")
    with session_scope(engine_from_env()) as session:
        for case in overdue(session, now=datetime.now(UTC)):
            row = (case.requesting_state, case.reference, case.request_type, case.status)
            table.add_row(str(case.id), *row, f"{case.deadline:%Y-%m-%d %H:%M}")
    Console(width=120).print(table)


@cases_group.command("letter")
@click.argument("case_id", type=int)
@click.argument("kind", type=click.Choice(["refusal", "more_information", "conditions", "partial"]))
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@ACTOR
def cases_letter(case_id: int, kind: str, fmt: str, actor: str) -> None:
    """Write a letter to the requesting State for a case (the issue is audited)."""
    with acting(actor) as (session, who):
        case = get_case(session, case_id=case_id, actor=who)
        click.echo(render_letter(session, case, kind=kind, fmt=fmt, actor=who), nl=False)  # type: ignore[arg-type]


@cases_group.command("assign")
@click.argument("case_id", type=int)
@click.argument("team")
@ACTOR
def cases_assign(case_id: int, team: str, actor: str) -> None:
    """Give a case to a team (supervisors; the change is audited)."""
    with acting(actor) as (session, who):
        assign_team(session, get_case(session, case_id=case_id, actor=who), team=team, actor=who)
    click.echo(f"case {case_id} is now handled by team {team}")


@cases_group.command("purge")
@ACTOR
def cases_purge(actor: str) -> None:
    """Purge personal data of cases closed longer ago than RIGHTSGATE_RETENTION_DAYS."""
    with acting(actor) as (session, who):
        purged = purge_expired(session, actor=who, settings=Settings())
    click.echo(f"purged {len(purged)} cases" + (f": {', '.join(map(str, purged))}" if purged else ""))
