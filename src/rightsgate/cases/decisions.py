"""Decisions: the reviewer decides, separately from the engine's recommendation.

- Departing from the recommendation needs a written rationale.
- A refusal or a postponement needs a recorded consultation with the requesting State first.
- A refusal or a partial execution states its grounds, coded as rule ids (see `DecisionCreate`).
- Four eyes (when enabled): a refusal, and any execution involving the configured data categories
  (content) or request types (real-time traffic, interception), takes effect only when a second person
  with the supervisor role countersigns. The decider can never countersign their own decision.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rightsgate.audit import events
from rightsgate.audit.service import record
from rightsgate.auth.permissions import Actor, require
from rightsgate.cases.access import ensure_in_scope
from rightsgate.cases.advice import latest_assessment
from rightsgate.cases.models import Case, Consultation, Decision, DecisionGround
from rightsgate.cases.schemas import DecisionCreate
from rightsgate.cases.workflow import EXECUTING, DecisionAction, Status, WorkflowError, transition
from rightsgate.settings import Settings

AGREES_WITH = {
    "execute": DecisionAction.execute,
    "execute_in_part": DecisionAction.execute_in_part,
    "refuse": DecisionAction.refused,
}
CONSULT_BEFORE = {DecisionAction.refused: "refusal", DecisionAction.postponed: "postponement"}
GROUNDED = frozenset({DecisionAction.refused, DecisionAction.execute_in_part})


class FourEyesError(PermissionError):
    """A countersignature that would not be a second person's."""


def needs_countersign(case: Case, decision: DecisionCreate, settings: Settings) -> bool:
    """Four eyes apply to a refusal and to executing intrusive measures, when the setting is on."""
    if not settings.four_eyes:
        return False
    if decision.action is DecisionAction.refused:
        return True
    categories = decision.data_categories if decision.data_categories is not None else case.data_requested
    intrusive = (
        bool(set(categories) & settings.four_eyes_data) or case.request_type in settings.four_eyes_types
    )
    return decision.action in EXECUTING and intrusive


def _check_grounds(decision: DecisionCreate) -> None:
    """A refusal or a partial execution states its coded grounds; no other action has any."""
    if decision.action in GROUNDED and not decision.grounds:
        raise WorkflowError("grounds: a refusal or a partial execution needs at least one coded ground")
    if decision.action not in GROUNDED and decision.grounds:
        raise WorkflowError("grounds: only a refusal or a partial execution is coded with grounds")


def _check(session: Session, case: Case, decision: DecisionCreate, departs: bool) -> None:
    _check_grounds(decision)
    if case.status != Status.under_review:
        raise WorkflowError(f"case {case.id} is {case.status}: decide only a case under review")
    if departs and decision.rationale is None:
        raise WorkflowError("rationale: departing from the recommendation needs a written reason")
    about = CONSULT_BEFORE.get(decision.action)
    consulted = select(Consultation.id).where(Consultation.case_id == case.id, Consultation.about == about)
    if about and session.scalars(consulted).first() is None:
        raise WorkflowError(f"consultation: consult the requesting State before a {about}")
    if decision.action is DecisionAction.execute_in_part and not (
        decision.data_categories or decision.withheld
    ):
        raise WorkflowError("data_categories: a partial execution must say what is kept or withheld")
    if decision.data_categories and not set(decision.data_categories) <= set(case.data_requested):
        raise WorkflowError("data_categories: expected a subset of the data requested")


def _scope(case: Case, decision: DecisionCreate) -> dict[str, Any]:
    """What the decision lets go, what it withholds, the conditions of use, and why."""
    return {
        "rationale": decision.rationale,
        "data_categories": list(decision.data_categories or case.data_requested),
        "withheld": list(decision.withheld),
        "conditions": decision.conditions.model_dump(exclude_none=True),
    }


def _announce(session: Session, case: Case, row: Decision, *, actor: Actor, now: datetime) -> None:
    """Audit the decision and, if it needs no countersignature, let it take effect."""
    event = events.DecisionRecorded(
        actor=actor.username,
        case_id=case.id,
        decision_id=row.id,
        action=row.action,
        recommendation=row.recommendation,
        departs=row.departs,
        needs_countersign=row.needs_countersign,
        grounds=list(row.grounds),
    )
    record(session, event, now=now)
    if row.effective:
        reason = f"decision {row.id}: {row.action}"
        transition(session, case, to=Status.decided, actor=actor, reason=reason, now=now)


def record_decision(
    session: Session,
    case: Case,
    *,
    decision: DecisionCreate,
    actor: Actor,
    settings: Settings,
    now: datetime | None = None,
) -> Decision:
    """Record the decision; it takes effect (the case becomes decided) now or on countersignature."""
    require(actor, "decision:record")
    ensure_in_scope(actor, case)
    moment = now or datetime.now(UTC)
    advice = latest_assessment(session, case)
    if advice is None:
        raise WorkflowError(f"case {case.id} has no assessment to decide on")
    departs = AGREES_WITH.get(advice.recommendation) is not decision.action
    _check(session, case, decision, departs)
    row = Decision(
        case_id=case.id,
        assessment_id=advice.id,
        action=decision.action.value,
        recommendation=advice.recommendation,
        departs=departs,
        needs_countersign=needs_countersign(case, decision, settings),
        decided_by=actor.username,
        decided_at=moment,
        **_scope(case, decision),
    )
    session.add(row)
    session.flush()
    session.add_all(DecisionGround(decision_id=row.id, ground=ground) for ground in decision.grounds)
    session.flush()
    session.refresh(row, ["coded_grounds"])
    _announce(session, case, row, actor=actor, now=moment)
    return row


def countersign(
    session: Session, decision: Decision, *, actor: Actor, now: datetime | None = None
) -> Decision:
    """A second person with the supervisor role countersigns; the decision then takes effect."""
    require(actor, "decision:countersign")
    case = session.get_one(Case, decision.case_id)
    ensure_in_scope(actor, case)
    if decision.effective:
        raise WorkflowError(f"decision {decision.id} needs no (further) countersignature")
    if actor.username == decision.decided_by:
        raise FourEyesError("countersign: the decider cannot countersign their own decision")
    moment = now or datetime.now(UTC)
    decision.countersigned_by, decision.countersigned_at = actor.username, moment
    session.flush()
    event = events.DecisionCountersigned(
        actor=actor.username, case_id=decision.case_id, decision_id=decision.id
    )
    record(session, event, now=moment)
    transition(
        session,
        case,
        to=Status.decided,
        actor=actor,
        reason=f"decision {decision.id} countersigned",
        now=moment,
    )
    return decision
