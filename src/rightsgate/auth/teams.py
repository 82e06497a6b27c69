"""Teams: units of the authority. A user may belong to several; with team isolation on, a case is
handled only by the members of its team (see `cases.access`). Every change is audited."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from rightsgate.audit import events
from rightsgate.audit.service import record
from rightsgate.auth.models import Team, TeamMember, User
from rightsgate.auth.service import UserError

TEAM_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


def team_named(session: Session, name: str) -> Team:
    """The team of that name, or UserError naming the field."""
    team = session.scalars(select(Team).where(Team.name == name)).first()
    if team is None:
        raise UserError(f"team: expected the name of an existing team, not {name!r}")
    return team


def add_team(session: Session, *, name: str, actor: str) -> Team:
    """Add a team; names are lower-case letters, digits, '.', '_' or '-'."""
    if not TEAM_NAME.match(name):
        raise UserError("team: expected 1-64 lower-case letters, digits, '.', '_' or '-'")
    if session.scalars(select(Team.id).where(Team.name == name)).first() is not None:
        raise UserError(f"team: {name!r} exists already")
    team = Team(name=name)
    session.add(team)
    session.flush()
    record(session, events.TeamAdded(actor=actor, team_id=team.id, team=name))
    return team


def join_team(session: Session, *, team: str, username: str, actor: str) -> None:
    """Make the user a member of the team (once)."""
    found = team_named(session, team)
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None:
        raise UserError(f"username: no user named {username!r}")
    member = select(TeamMember.id).where(TeamMember.team_id == found.id, TeamMember.user_id == user.id)
    if session.scalars(member).first() is not None:
        return
    session.add(TeamMember(team_id=found.id, user_id=user.id))
    session.flush()
    record(session, events.TeamJoined(actor=actor, team_id=found.id, username=username))


def teams_of(session: Session) -> list[tuple[str, list[str]]]:
    """Every team with its members' usernames."""
    query = (
        select(Team.name, User.username)
        .outerjoin(TeamMember, TeamMember.team_id == Team.id)
        .outerjoin(User, User.id == TeamMember.user_id)
        .order_by(Team.name, User.username)
    )
    found: dict[str, list[str]] = {}
    for team, username in session.execute(query):
        found.setdefault(team, []).extend([username] if username else [])
    return list(found.items())


def team_names(session: Session) -> dict[int, str]:
    """Every team's name by its id, for showing which team handles a case."""
    return {team_id: name for team_id, name in session.execute(select(Team.id, Team.name))}
