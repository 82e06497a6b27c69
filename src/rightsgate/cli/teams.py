"""`rightsgate teams add/join/list`: the units whose members handle a case under team isolation."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from rightsgate.auth.teams import add_team, join_team, teams_of
from rightsgate.cli.storage import engine_from_env
from rightsgate.cli.users import operator, transaction
from rightsgate.db import session_scope


@click.group("teams")
def teams_group() -> None:
    """Add teams and their members (used when RIGHTSGATE_TEAM_ISOLATION is on)."""


@teams_group.command("add")
@click.argument("name")
def teams_add(name: str) -> None:
    """Add a team."""
    with transaction() as session:
        add_team(session, name=name, actor=operator())
    click.echo(f"added team {name}")


@teams_group.command("join")
@click.argument("team")
@click.argument("username")
def teams_join(team: str, username: str) -> None:
    """Make a user a member of a team."""
    with transaction() as session:
        join_team(session, team=team, username=username, actor=operator())
    click.echo(f"{username} is a member of {team}")


@teams_group.command("list")
def teams_list() -> None:
    """List teams and their members."""
    table = Table("team", "members")
    with session_scope(engine_from_env()) as session:
        for team, members in teams_of(session):
            table.add_row(team, ", ".join(members))
    Console(width=100).print(table)
