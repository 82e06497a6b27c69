"""`rightsgate profiles list|show|diff` and `rightsgate status`: the State profiles, read-only."""

from __future__ import annotations

import sys
from datetime import date, datetime

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Column, Table

from rightsgate.law.loader import Law, law_path_from_env, load_law
from rightsgate.law.profile import Profile
from rightsgate.law.summary import TREATIES, diff, treaty_row, values_in_force

DAY = click.DateTime(formats=["%Y-%m-%d"])


def _law() -> Law:
    return load_law(law_path_from_env())


def _profile(law: Law, code: str) -> Profile:
    profile = law.profile(code)
    if profile is None:
        Console(stderr=True).print(
            f"error: no profile for {code.upper()}; known: {', '.join(sorted(law.profiles))}"
        )
        sys.exit(2)
    return profile


@click.group("profiles")
def profiles_group() -> None:
    """State profiles: the law of each State as dated, sourced values."""


@profiles_group.command("list")
def profiles_list() -> None:
    """List the profiles, with their review date and version."""
    table = Table("state", "name", "kind", "offences", "last reviewed", "version")
    for code, profile in sorted(_law().profiles.items()):
        kind = "fictional" if profile.fictional else "real"
        table.add_row(
            code,
            profile.state.name,
            kind,
            str(len(profile.offences)),
            str(profile.metadata.last_reviewed),
            profile.metadata.profile_version,
        )
    Console().print(table)


@profiles_group.command("show")
@click.argument("code")
@click.option("--on", type=DAY, default=None, help="The date whose law to show (default: today).")
def profiles_show(code: str, on: datetime | None) -> None:
    """Show every value of a State's law in force on a date, with its source."""
    day = on.date() if on else date.today()
    profile = _profile(_law(), code)
    table = Table(
        Column("key", overflow="fold"), "value", "since", "source", title=f"{profile.state.name} on {day}"
    )
    for value in values_in_force(profile, day):
        table.add_row(escape(value.key), escape(value.value), str(value.since or "—"), escape(value.source))
    Console().print(table)


@profiles_group.command("diff")
@click.argument("code")
@click.option("--from", "start", type=DAY, required=True, help="The earlier date.")
@click.option("--to", "end", type=DAY, required=True, help="The later date.")
def profiles_diff(code: str, start: datetime, end: datetime) -> None:
    """Show what changed in a State's law between two dates."""
    profile = _profile(_law(), code)
    table = Table(
        Column("key", overflow="fold"),
        str(start.date()),
        str(end.date()),
        title=f"{profile.state.name}: changes",
    )
    for key, before, after in diff(profile, start.date(), end.date()):
        table.add_row(escape(key), escape(before or "—"), escape(after or "—"))
    Console().print(table)


@click.command("status")
def status_command() -> None:
    """The implementation monitor: signature, ratification and declarations across the profiles."""
    table = Table(
        "state",
        *(f"{t} {step}" for t in TREATIES for step in ("signed", "ratified", "in force")),
        "declarations",
        title="The Convention and the Budapest instruments, by State",
    )
    for _, profile in sorted(_law().profiles.items()):
        row = treaty_row(profile)
        table.add_row(
            row["state"],
            *(row[f"{t}.{s}"] for t in TREATIES for s in ("signature", "ratification", "entry_into_force")),
            row["declarations"],
        )
    Console().print(table)
