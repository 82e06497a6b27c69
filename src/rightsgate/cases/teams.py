"""Which team handles a case: chosen when the case is opened, and changed by a supervisor.

A new case goes to the team named for it, which must be one of the opener's teams when team isolation
limits them; otherwise to the opener's only team. An opener limited to several teams must name one,
and one limited to none may not open cases. Reassigning needs the `case:assign` permission and a case
the actor may see, and is audited.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from rightsgate.audit import events
from rightsgate.audit.service import record
from rightsgate.auth.permissions import Actor, PermissionDeniedError, require
from rightsgate.auth.teams import team_named
from rightsgate.cases.access import ensure_in_scope
from rightsgate.cases.models import Case
from rightsgate.cases.workflow import WorkflowError


def team_for_new_cases(session: Session, *, actor: Actor, team: str | None) -> int | None:
    """The id of the team new cases opened by the actor go to (None: no team)."""
    if team is not None:
        team_id = team_named(session, team).id
        if actor.teams is not None and team_id not in actor.teams:
            raise PermissionDeniedError(f"team: {actor.username} is not a member of team {team!r}")
        return team_id
    if actor.teams is None:
        return None
    if len(actor.teams) != 1:
        held = "belongs to no team" if not actor.teams else "belongs to several teams: name one"
        raise WorkflowError(f"team: {actor.username} {held}")
    return next(iter(actor.teams))


def assign_team(
    session: Session, case: Case, *, team: str, actor: Actor, now: datetime | None = None
) -> Case:
    """Give the case to another team; its members (and only they, under isolation) handle it then."""
    require(actor, "case:assign")
    ensure_in_scope(actor, case)
    team_id = team_named(session, team).id
    before, case.team_id = case.team_id, team_id
    session.flush()
    event = events.CaseAssigned(actor=actor.username, case_id=case.id, team_id=team_id, from_team_id=before)
    record(session, event, now=now or datetime.now(UTC))
    return case
