"""`rightsgate schema`, `rightsgate rules list` and `rightsgate law check`."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime

import click
from rich.console import Console

from rightsgate.law.check import check_law
from rightsgate.law.files import LawFileError
from rightsgate.law.loader import law_path_from_env
from rightsgate.rules.catalogue import rules_markdown, rules_text
from rightsgate.rules.facts import Request


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the request format."""
    click.echo(json.dumps(Request.model_json_schema(), indent=2, ensure_ascii=False))


@click.group("rules")
def rules_group() -> None:
    """The rules the engine applies."""


@rules_group.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "md"]), default="text", show_default=True)
def rules_list(fmt: str) -> None:
    """List every rule with the provisions it encodes, its outcomes and its citations."""
    click.echo(rules_markdown() if fmt == "md" else rules_text(), nl=False)


@click.group("law")
def law_group() -> None:
    """The law data: treaty citations, taxonomy, policies and State profiles."""


@law_group.command("check")
@click.option(
    "--stale-after",
    type=click.IntRange(0, 36_500),
    default=None,
    help="Warn about profiles not reviewed for this many days (at most 36500).",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The date staleness is measured from (default: today).",
)
def law_check(stale_after: int | None, today: datetime | None) -> None:
    """Validate all law data and resolve every citation; exit 1 on any defect."""
    console = Console()
    try:
        report = check_law(
            law_path_from_env(), stale_after=stale_after, today=today.date() if today else date.today()
        )
    except LawFileError as error:
        console.print(f"error: {error}", markup=False, highlight=False)
        sys.exit(1)
    for warning in report.warnings:
        console.print(f"warning: {warning}", markup=False, highlight=False)
    for defect in report.defects:
        console.print(f"error: {defect}", markup=False, highlight=False)
    console.print(
        f"{report.checked} files checked, {len(report.defects)} defects, {len(report.warnings)} warnings"
    )
    sys.exit(1 if report.defects else 0)
