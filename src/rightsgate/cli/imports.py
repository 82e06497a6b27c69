"""`rightsgate import FILE.jsonl`: bulk import of requests, idempotent and resumable."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from sqlalchemy.orm import Session

from rightsgate.auth.permissions import Actor, PermissionDeniedError, require
from rightsgate.auth.service import UserError, actor_named
from rightsgate.cases.bulk import Importer, ImportSummary, default_workers, import_requests
from rightsgate.cases.teams import team_for_new_cases
from rightsgate.cases.workflow import WorkflowError
from rightsgate.db import make_engine, session_scope
from rightsgate.law.loader import law_path_from_env, load_law
from rightsgate.settings import Settings

BAD_INPUT, SOME_REJECTED, SHOWN = 2, 1, 20


def numbered(path: Path) -> Iterator[tuple[int, bytes]]:
    """The file's lines as bytes: each is decoded on its own, so one bad byte rejects only its line."""
    with path.open("rb") as lines:
        yield from enumerate(lines, start=1)


def _report(summary: ImportSummary, source: Path, rejects: Path) -> None:
    for number, errors in summary.rejected[:SHOWN]:
        for error in errors:
            click.echo(f"{source}:{number}: {error}", err=True)
    if len(summary.rejected) > SHOWN:
        click.echo(f"... and {len(summary.rejected) - SHOWN} more rejected lines", err=True)
    click.echo(
        f"created {summary.created}, already present {summary.skipped}, rejected {len(summary.rejected)}"
        + (f" (see {rejects})" if summary.rejected else "")
    )


def _check_team(session: Session, who: Actor, team: str | None) -> None:
    """Fail before reading the file if the new cases would have no team to go to; a bad `--team`
    is named as such."""
    try:
        team_for_new_cases(session, actor=who, team=team)
    except (UserError, PermissionDeniedError) as error:
        if team is None:
            raise
        raise UserError("--team: " + str(error).removeprefix("team: ")) from error


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--actor", required=True, help="Username of an active user allowed to create cases.")
@click.option(
    "--rejects", type=click.Path(dir_okay=False, path_type=Path), help="Default: FILE.rejects.jsonl"
)
@click.option("--team", help="Team the new cases go to (one of the user's). Default: the user's only team.")
@click.option("--batch", default=100, show_default=True, type=click.IntRange(1), help="Cases per commit.")
@click.option(
    "--workers",
    type=click.IntRange(0),
    help="Processes validating and assessing (0: this one). Default: one per core.",
)
def import_command(
    file: Path, actor: str, rejects: Path | None, team: str | None, batch: int, workers: int | None
) -> None:
    """Import requests from JSON Lines: validate, assess and store each; re-running resumes."""
    settings = Settings()
    engine = make_engine(settings)
    try:
        with session_scope(engine) as session:
            who = actor_named(session, username=actor, settings=settings)
            _check_team(session, who, team)
        require(who, "case:create")
    except (UserError, PermissionDeniedError, WorkflowError) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(BAD_INPUT)
    rejects = rejects or file.with_suffix(".rejects.jsonl")
    total = sum(1 for _ in numbered(file))
    columns = (TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with rejects.open("w", encoding="utf-8") as out, Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task("import", total=total)
        run = Importer(
            engine=engine,
            actor=who,
            law=load_law(law_path_from_env()),
            settings=settings,
            rejects=out,
            batch=batch,
            workers=default_workers() if workers is None else workers,
            team=team,
            progress=lambda done: bar.advance(task, done),
        )
        summary = import_requests(numbered(file), run)
    _report(summary, file, rejects)
    if summary.rejected:
        sys.exit(SOME_REJECTED)
