"""Team isolation: with `RIGHTSGATE_TEAM_ISOLATION` on, a person reads and acts only on the cases of
their own teams, except for the roles configured to see every team (`RIGHTSGATE_ALL_TEAMS_ROLES`, by
default the auditor). The actor carries the teams they are limited to (`Actor.teams`, None for no
limit), set when they sign in or present a token.

Every service that reads or changes a case checks this, whichever interface calls it; a case outside
the actor's teams is answered exactly like a case that does not exist, so its existence is not
revealed either. A case with no team is seen only by those without a team limit, who assign it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, false
from sqlalchemy.orm import Session

from rightsgate.auth.permissions import Actor
from rightsgate.cases.models import Case


class CaseNotFoundError(LookupError):
    """No such case, or none the actor may see."""


def in_scope(actor: Actor, team_id: int | None) -> bool:
    """May this actor see a case of this team?"""
    return actor.teams is None or (team_id is not None and team_id in actor.teams)


def ensure_in_scope(actor: Actor, case: Case) -> None:
    """Raise CaseNotFoundError unless the actor may see the case."""
    if not in_scope(actor, case.team_id):
        raise CaseNotFoundError(f"no case with id {case.id}")


def scoped(query: Select[Any], actor: Actor) -> Select[Any]:
    """The query limited to the cases the actor may see."""
    if actor.teams is None:
        return query
    return query.where(Case.team_id.in_(actor.teams) if actor.teams else false())


def visible_case(session: Session, *, case_id: int, actor: Actor) -> Case:
    """The case with that id, if the actor may see it; else CaseNotFoundError."""
    case = session.get(Case, case_id)
    if case is None:
        raise CaseNotFoundError(f"no case with id {case_id}")
    ensure_in_scope(actor, case)
    return case
