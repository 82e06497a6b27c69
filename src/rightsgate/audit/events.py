"""Typed audit events, one small dataclass each, with a fixed dotted name.

Payloads carry references, ids and codes only: never target identifiers, names, facts or free-text
reasons, so a retention purge never has to touch the log and the log leaks nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

COMMON = frozenset({"actor", "case_id", "engine_version", "law_digest"})


@dataclass(frozen=True, kw_only=True)
class Event:
    """Base of every event: who acted and on which case, if any."""

    name: ClassVar[str]
    actor: str
    case_id: int | None = None
    engine_version: str | None = field(default=None, repr=False)
    law_digest: str | None = field(default=None, repr=False)

    def payload(self) -> dict[str, Any]:
        """The event's own fields, without the columns stored separately."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in COMMON}


@dataclass(frozen=True, kw_only=True)
class CaseCreated(Event):
    name = "case.created"
    reference: str
    requesting_state: str
    request_type: str
    deadline: str


@dataclass(frozen=True, kw_only=True)
class CaseViewed(Event):
    name = "case.viewed"


@dataclass(frozen=True, kw_only=True)
class CaseLinked(Event):
    name = "case.linked"
    linked_case_ids: list[int]


@dataclass(frozen=True, kw_only=True)
class AssessmentRecorded(Event):
    """`ordinal` counts the case's assessments: a re-assessment never replaces an earlier one."""

    name = "assessment.recorded"
    assessment_id: int
    ordinal: int
    recommendation: str
    human_review_required: bool


@dataclass(frozen=True, kw_only=True)
class StatusChanged(Event):
    """The reason itself stays in the case record; the event points at the transition row."""

    name = "case.status_changed"
    transition_id: int
    from_status: str
    to_status: str


@dataclass(frozen=True, kw_only=True)
class ConsultationRecorded(Event):
    name = "consultation.recorded"
    consultation_id: int
    about: str


@dataclass(frozen=True, kw_only=True)
class DecisionRecorded(Event):
    """`grounds` are the rule ids the decider coded for a refusal or a partial execution."""

    name = "decision.recorded"
    decision_id: int
    action: str
    recommendation: str
    departs: bool
    needs_countersign: bool
    grounds: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class DecisionCountersigned(Event):
    name = "decision.countersigned"
    decision_id: int


@dataclass(frozen=True, kw_only=True)
class EmergencyVerified(Event):
    name = "emergency.verified"
    check_id: int
    authority_id: int
    method: str
    confirmed: bool


@dataclass(frozen=True, kw_only=True)
class EmergencyRevalidated(Event):
    name = "emergency.revalidated"
    check_id: int
    confirmed: bool


@dataclass(frozen=True, kw_only=True)
class LetterIssued(Event):
    name = "letter.issued"
    kind: str
    format: str


@dataclass(frozen=True, kw_only=True)
class CasePurged(Event):
    name = "case.purged"
    retention_days: int


@dataclass(frozen=True, kw_only=True)
class UserAdded(Event):
    name = "user.added"
    username: str
    role: str


@dataclass(frozen=True, kw_only=True)
class UserDisabled(Event):
    name = "user.disabled"
    username: str


@dataclass(frozen=True, kw_only=True)
class TokenIssued(Event):
    name = "token.issued"
    username: str
    token_id: int


@dataclass(frozen=True, kw_only=True)
class TokenRevoked(Event):
    name = "token.revoked"
    username: str
    token_id: int


@dataclass(frozen=True, kw_only=True)
class SignedIn(Event):
    """A web sign-in; `session_id` is the server-side session row, never the cookie's value."""

    name = "auth.signed_in"
    session_id: int


@dataclass(frozen=True, kw_only=True)
class SignedOut(Event):
    name = "auth.signed_out"
    session_id: int


@dataclass(frozen=True, kw_only=True)
class SignInRefused(Event):
    """A refused sign-in. `actor` is the account tried when it exists, else "-" (a mistyped name may be
    a password); `reason` is `wrong_password` or `unknown_or_disabled`; `address` is a SHA-256 digest of
    the client address. The password is never recorded. Attempts refused by the rate limit are not
    recorded one by one, so a flood cannot flood the trail."""

    name = "auth.sign_in_refused"
    reason: str
    address: str


@dataclass(frozen=True, kw_only=True)
class TeamAdded(Event):
    name = "team.added"
    team_id: int
    team: str


@dataclass(frozen=True, kw_only=True)
class TeamJoined(Event):
    name = "team.joined"
    team_id: int
    username: str


@dataclass(frozen=True, kw_only=True)
class CaseAssigned(Event):
    """The case was given to a team (`team_id`), from `from_team_id` (None when it had none)."""

    name = "case.assigned"
    team_id: int
    from_team_id: int | None


@dataclass(frozen=True, kw_only=True)
class AuthorityRegistered(Event):
    name = "authority.registered"
    authority_id: int
    state: str


@dataclass(frozen=True, kw_only=True)
class ReportPublished(Event):
    """A transparency report was published, computed as of the chain head (`head_seq`, `head_hash`)."""

    name = "report.published"
    report_id: int
    period: str
    head_seq: int
    head_hash: str
    digest: str


@dataclass(frozen=True, kw_only=True)
class ReportCodesBackfilled(Event):
    """Report codes were computed for stored assessments that lacked them (`coded`); `purged` counts the
    cases whose request was already purged, so their newest assessment stays without codes."""

    name = "report.codes_backfilled"
    coded: int
    purged: int
