"""The case workflow: one status enum and one transition function, with actor and reason every time.

received → under_review → awaiting_information ⇄ under_review → decided → executed → closed; a refused
case closes from decided, a postponed one goes back to review; any open case may be withdrawn or lapse.
A move to `decided` needs an effective decision (countersigned where four eyes apply); execution needs a
decision to execute and, for an emergency, a confirmed out-of-band verification; closing an executed
emergency needs its re-validation.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from rightsgate.audit import events
from rightsgate.audit.service import record
from rightsgate.auth.permissions import Actor, require
from rightsgate.cases.access import ensure_in_scope
from rightsgate.cases.models import Case, Decision, EmergencyCheck, Transition
from rightsgate.cases.report_rows import refresh_report_rows


class Status(StrEnum):
    received = "received"
    under_review = "under_review"
    awaiting_information = "awaiting_information"
    decided = "decided"
    executed = "executed"
    closed = "closed"
    withdrawn = "withdrawn"
    lapsed = "lapsed"


class DecisionAction(StrEnum):
    execute = "execute"
    execute_in_part = "execute_in_part"
    postponed = "postponed"
    refused = "refused"


OPEN = frozenset({Status.received, Status.under_review, Status.awaiting_information})
TERMINAL = frozenset({Status.closed, Status.withdrawn, Status.lapsed})
ALLOWED: dict[Status, frozenset[Status]] = {
    Status.received: frozenset({Status.under_review, Status.withdrawn, Status.lapsed}),
    Status.under_review: frozenset(
        {Status.awaiting_information, Status.decided, Status.withdrawn, Status.lapsed}
    ),
    Status.awaiting_information: frozenset({Status.under_review, Status.withdrawn, Status.lapsed}),
    Status.decided: frozenset({Status.executed, Status.closed, Status.under_review, Status.withdrawn}),
    Status.executed: frozenset({Status.closed}),
    Status.closed: frozenset(),
    Status.withdrawn: frozenset(),
    Status.lapsed: frozenset(),
}
EXECUTING = frozenset({DecisionAction.execute, DecisionAction.execute_in_part})


class WorkflowError(ValueError):
    """A move the workflow does not allow, with the reason in plain words."""


def latest_decision(session: Session, case: Case) -> Decision | None:
    query = select(Decision).where(Decision.case_id == case.id).order_by(Decision.id.desc()).limit(1)
    return session.scalars(query).first()


def emergency_check(session: Session, case: Case) -> EmergencyCheck | None:
    query = select(EmergencyCheck).where(EmergencyCheck.case_id == case.id)
    return session.scalars(query.order_by(EmergencyCheck.id.desc()).limit(1)).first()


def _decided_as(session: Session, case: Case, actions: frozenset[DecisionAction], move: str) -> None:
    decision = latest_decision(session, case)
    if decision is None or not decision.effective or decision.action not in actions:
        wanted = " or ".join(sorted(actions))
        raise WorkflowError(f"case {case.id} cannot {move}: it needs an effective decision to {wanted}")


def _emergency_guard(session: Session, case: Case, to: Status) -> None:
    """An emergency is executed only once verified out of band, and closed only once re-validated."""
    check = emergency_check(session, case)
    if to is Status.executed and (check is None or not check.confirmed):
        raise WorkflowError(f"case {case.id}: verify the emergency request out of band before executing it")
    if to is Status.closed and (check is None or check.revalidated is None):
        raise WorkflowError(f"case {case.id}: re-validate the emergency before closing the case")


def _guard(session: Session, case: Case, current: Status, to: Status) -> None:
    """The conditions a move needs beyond being in the table."""
    match (current, to):
        case (_, Status.decided):
            _decided_as(session, case, frozenset(DecisionAction), "be decided")
        case (Status.decided, Status.executed):
            _decided_as(session, case, EXECUTING, "be executed")
        case (Status.decided, Status.closed):
            _decided_as(session, case, frozenset({DecisionAction.refused}), "close from decided")
        case (Status.decided, Status.under_review):
            _decided_as(session, case, frozenset({DecisionAction.postponed}), "resume review")
    if case.emergency and (to is Status.executed or current is Status.executed):
        _emergency_guard(session, case, to)


def transition(
    session: Session, case: Case, *, to: Status, actor: Actor, reason: str, now: datetime | None = None
) -> Transition:
    """Move the case to `to` if the table and the guards allow it; record who, why and when."""
    require(actor, "case:transition")
    ensure_in_scope(actor, case)
    if not reason.strip():
        raise WorkflowError("reason: every transition needs a reason")
    current = Status(case.status)
    if to not in ALLOWED[current]:
        raise WorkflowError(f"case {case.id} cannot move from {current} to {to}")
    _guard(session, case, current, to)
    moment = now or datetime.now(UTC)
    row = Transition(case_id=case.id, from_status=current, to_status=to, actor=actor.username)
    row.reason, row.at = reason.strip(), moment
    session.add(row)
    case.status = to
    if to in TERMINAL:
        case.closed_at = moment
    session.flush()
    refresh_report_rows(session, [case.id])
    event = events.StatusChanged(
        actor=actor.username, case_id=case.id, transition_id=row.id, from_status=current, to_status=to
    )
    record(session, event, now=moment)
    return row
