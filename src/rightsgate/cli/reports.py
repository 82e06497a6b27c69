"""`rightsgate report ...`: produce, publish, list and verify transparency reports."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from rightsgate.cli.cases import ACTOR, acting
from rightsgate.cli.storage import engine_from_env
from rightsgate.db import session_scope
from rightsgate.files import write_atomically
from rightsgate.law.loader import law_path_from_env, load_law
from rightsgate.reports.backfill import backfill_codes
from rightsgate.reports.html import render_html, report_from_html
from rightsgate.reports.render import json_schema, to_csv, to_google_csv, to_json
from rightsgate.reports.schema import Report
from rightsgate.reports.service import (
    ReportNotFoundError,
    publish,
    published_report,
    published_reports,
    verify_report,
)
from rightsgate.reports.transparency import build_report
from rightsgate.settings import Settings

MISMATCH = 1
BAD_INPUT = 2
RENDERERS: dict[str, Callable[[Report], str]] = {
    "html": render_html,
    "csv": to_csv,
    "google-csv": to_google_csv,
    "json": to_json,
}
PERIOD = click.option("--period", required=True, help="A year (2026), half (2026-H1) or quarter (2026-Q1).")
FORMAT = click.option(
    "--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="json", show_default=True
)
OUT = click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="Write here, not to stdout."
)


def _current(period: str) -> Report:
    settings = Settings()
    try:
        with session_scope(engine_from_env()) as session:
            return build_report(session, period=period, threshold=settings.min_report_cell)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--period") from error


def _emit(report: Report, fmt: str, out: Path | None) -> None:
    text = RENDERERS[fmt](report)
    if out is None:
        click.echo(text, nl=False)
    else:
        write_atomically(out, lambda file: file.write(text.encode("utf-8")))


@click.group("report", invoke_without_command=True)
@click.option("--period", help="A year (2026), half (2026-H1) or quarter (2026-Q1).")
@FORMAT
@OUT
@click.pass_context
def report_group(ctx: click.Context, period: str | None, fmt: str, out: Path | None) -> None:
    """Transparency reports: `rightsgate report --period 2026 --format html` writes one (read-only)."""
    if ctx.invoked_subcommand is not None:
        return
    if period is None:
        raise click.UsageError("give --period, or a command: publish, list, verify, backfill, schema")
    _emit(_current(period), fmt, out)


@report_group.command("publish")
@PERIOD
@FORMAT
@OUT
@ACTOR
def report_publish(period: str, fmt: str, out: Path | None, actor: str) -> None:
    """Publish the report of a period: keep it, and record `report.published` with its audit head."""
    report = _current(period)
    with acting(actor) as (session, who):
        row = publish(session, report=report, actor=who)
    _emit(report, fmt, out)
    head = report.audit_head
    click.echo(f"published report {row.id} for {period} at audit head {head.seq}:{head.hash}", err=True)


@report_group.command("list")
def report_list() -> None:
    """List the published reports with the audit head each was computed from."""
    table = Table("id", "period", "published", "by", "audit head", "digest")
    with session_scope(engine_from_env()) as session:
        for row in published_reports(session):
            published = f"{row.published_at:%Y-%m-%d %H:%M}"
            head = f"{row.head_seq}:{row.head_hash[:12]}…"
            table.add_row(str(row.id), row.period, published, row.published_by, head, row.digest[:12] + "…")
    Console(width=120).print(table)


def _load(source: str) -> Report:
    """A report from a JSON or HTML file, or a published report by its id."""
    if source.isdigit() and not Path(source).exists():
        with session_scope(engine_from_env()) as session:
            return published_report(session, report_id=int(source))
    text = Path(source).read_text(encoding="utf-8")
    return report_from_html(text) if text.lstrip().startswith("<") else Report.model_validate_json(text)


@report_group.command("verify")
@click.argument("report")
def report_verify(report: str) -> None:
    """Recompute REPORT (a JSON or HTML file, or a published id) from the database; exit 1 on any mismatch."""
    try:
        stated = _load(report)
    except (OSError, ValueError, ReportNotFoundError) as error:
        click.echo(f"error: cannot read {report}: {error}", err=True)
        sys.exit(BAD_INPUT)
    with session_scope(engine_from_env()) as session:
        check = verify_report(session, report=stated)
    for note in check.notes:
        click.echo(f"note: {note}")
    if not check.matches:
        click.echo(f"report {stated.period.label} does NOT match the database:", err=True)
        for problem in check.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(MISMATCH)
    head = stated.audit_head
    click.echo(f"report {stated.period.label} matches the database at audit head {head.seq}:{head.hash}")


@report_group.command("backfill")
@ACTOR
def report_backfill(actor: str) -> None:
    """Compute the report codes of stored cases that lack them (audited; running it again does nothing),
    and build the report rows of cases stored before they were kept."""
    law = load_law(law_path_from_env())
    with acting(actor) as (session, who):
        done = backfill_codes(session, law=law, actor=who)
    click.echo(f"coded {done.coded} assessment(s)")
    if done.purged:
        click.echo(f"{done.purged} case(s) left uncoded: their request was purged; they count as unknown")
    if done.rows:
        click.echo(f"built the report rows of {done.rows} case(s)")


@report_group.command("schema")
def report_schema() -> None:
    """Print the JSON Schema of the JSON report format."""
    click.echo(json_schema(), nl=False)
