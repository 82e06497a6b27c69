"""`rightsgate users add/list/disable/token`: manage who may use the system."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click
from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session

from rightsgate.auth.permissions import Role
from rightsgate.auth.service import UserError, add_user, disable_user, issue_token, list_users, revoke_tokens
from rightsgate.cli.storage import engine_from_env
from rightsgate.db import session_scope

BAD_INPUT = 2


def operator() -> str:
    """The audit actor for commands run by whoever has direct access to the database host."""
    return f"cli:{getpass.getuser()}"


@click.group("users")
def users_group() -> None:
    """Add, list and disable users; issue API tokens."""


@contextmanager
def transaction() -> Iterator[Session]:
    """One transaction; a bad field exits with code 2 and the message, and nothing is stored."""
    try:
        with session_scope(engine_from_env()) as session:
            yield session
    except UserError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(BAD_INPUT)


@users_group.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.password_option(help="At least 12 characters (prompted if not given).")
def users_add(username: str, role: str, password: str) -> None:
    """Add a user with a role; the password is stored as an argon2 hash."""
    with transaction() as session:
        add_user(session, username=username, role=role, password=password, actor=operator())
    click.echo(f"added {username} ({role})")


@users_group.command("list")
def users_list() -> None:
    """List users, their roles and whether they are active."""
    table = Table("username", "role", "active", "created")
    with session_scope(engine_from_env()) as session:
        for user in list_users(session):
            table.add_row(
                user.username, user.role, "yes" if user.active else "no", f"{user.created_at:%Y-%m-%d}"
            )
    Console(width=100).print(table)


@users_group.command("disable")
@click.argument("username")
def users_disable(username: str) -> None:
    """Disable a user: no logins, no token use; the record stays."""
    with transaction() as session:
        disable_user(session, username=username, actor=operator())
    click.echo(f"disabled {username}")


@users_group.command("revoke")
@click.argument("username")
def users_revoke(username: str) -> None:
    """Revoke every API token of a user; each is refused from its next use."""
    with transaction() as session:
        count = revoke_tokens(session, username=username, actor=operator())
    click.echo(f"revoked {count} token(s) of {username}")


@users_group.command("token")
@click.argument("username")
def users_token(username: str) -> None:
    """Issue an API token for a user; it is shown once and only its hash is stored."""
    with transaction() as session:
        token = issue_token(session, username=username, actor=operator())
    click.echo(token)
