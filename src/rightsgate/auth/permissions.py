"""Who may do what: a pure table from role to actions, and `can(role, action)`.

Object checks (the countersigner is not the decider) live in the service functions; this table only
says which role may attempt an action at all. The auditor reads and verifies, and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    intake = "intake"
    reviewer = "reviewer"
    supervisor = "supervisor"
    auditor = "auditor"
    admin = "admin"


ACTIONS = frozenset(
    {
        "case:create",
        "case:view",
        "case:transition",
        "case:assign",
        "assessment:run",
        "consultation:record",
        "decision:record",
        "decision:countersign",
        "emergency:verify",
        "letter:issue",
        "authority:manage",
        "retention:purge",
        "report:publish",
        "audit:view",
        "audit:verify",
        "user:manage",
    }
)
_REVIEW = frozenset(
    {
        "case:view",
        "case:transition",
        "assessment:run",
        "consultation:record",
        "decision:record",
        "emergency:verify",
        "letter:issue",
    }
)
ROLE_ACTIONS: dict[Role, frozenset[str]] = {
    Role.intake: frozenset({"case:create", "case:view", "assessment:run"}),
    Role.reviewer: _REVIEW,
    Role.supervisor: _REVIEW | {"decision:countersign", "report:publish", "case:assign"},
    Role.auditor: frozenset({"case:view", "audit:view", "audit:verify"}),
    Role.admin: frozenset({"user:manage", "authority:manage", "retention:purge", "audit:verify"}),
}


def can(role: Role | str, action: str) -> bool:
    """True when the role may perform the action; unknown roles and actions may do nothing."""
    if action not in ACTIONS or role not in Role.__members__:
        return False
    return action in ROLE_ACTIONS[Role(role)]


@dataclass(frozen=True, slots=True)
class Actor:
    """The person acting: a username, a role and, where team isolation limits them, their teams."""

    username: str
    role: Role
    teams: frozenset[int] | None = None
    """The ids of the teams whose cases this person may handle; None where no team limit applies
    (team isolation is off, or the role is configured to see every team)."""


class PermissionDeniedError(PermissionError):
    """The actor's role does not allow the action."""


def require(actor: Actor, action: str) -> None:
    """Raise PermissionDeniedError unless the actor's role allows the action."""
    if not can(actor.role, action):
        raise PermissionDeniedError(f"{actor.username} ({actor.role}) may not {action}")
