"""The transition table in full, on both databases, and the guards on each move."""

import itertools

import pytest

from rightsgate.auth.permissions import PermissionDeniedError
from rightsgate.cases.advice import latest_assessment
from rightsgate.cases.models import Decision, Transition
from rightsgate.cases.workflow import ALLOWED, DecisionAction, Status, WorkflowError, transition
from rightsgate.db import session_scope
from tests.builders import AUDITOR, INTAKE, NOW, REVIEWER, a_case

ALLOWED_MOVES = {
    (Status.received, Status.under_review),
    (Status.received, Status.withdrawn),
    (Status.received, Status.lapsed),
    (Status.under_review, Status.awaiting_information),
    (Status.under_review, Status.decided),
    (Status.under_review, Status.withdrawn),
    (Status.under_review, Status.lapsed),
    (Status.awaiting_information, Status.under_review),
    (Status.awaiting_information, Status.withdrawn),
    (Status.awaiting_information, Status.lapsed),
    (Status.decided, Status.executed),
    (Status.decided, Status.closed),
    (Status.decided, Status.under_review),
    (Status.decided, Status.withdrawn),
    (Status.executed, Status.closed),
}
DECISION_FOR = {
    Status.executed: DecisionAction.execute,
    Status.closed: DecisionAction.refused,
    Status.under_review: DecisionAction.postponed,
}


def _decide(session, case, action: DecisionAction) -> None:
    """An effective decision of the given kind, stored directly: the guards are tested separately."""
    session.add(
        Decision(
            case_id=case.id,
            assessment_id=latest_assessment(session, case).id,
            action=action,
            recommendation="execute",
            departs=False,
            rationale=None,
            data_categories=[],
            withheld=[],
            conditions={},
            decided_by="rui",
            decided_at=NOW,
            needs_countersign=False,
        )
    )
    session.flush()


def _try(session, law, settings, start: Status, to: Status) -> bool:
    case = a_case(session, law, settings, reference=f"T-{start}-{to}")
    case.status = start
    if start is Status.decided or to is Status.decided:
        _decide(session, case, DECISION_FOR.get(to, DecisionAction.execute))
    try:
        transition(session, case, to=to, actor=REVIEWER, reason="test move", now=NOW)
    except WorkflowError as error:
        assert "cannot move" in str(error), str(error)
        return False
    return True


def test_the_table_is_what_the_workflow_allows() -> None:
    assert {(a, b) for a, targets in ALLOWED.items() for b in targets} == ALLOWED_MOVES


def test_every_move_in_the_table_is_allowed_and_every_other_refused(engine, law, settings) -> None:
    with session_scope(engine) as session:
        outcomes = {(a, b): _try(session, law, settings, a, b) for a, b in itertools.product(Status, Status)}
    assert {move for move, ok in outcomes.items() if ok} == ALLOWED_MOVES


def test_a_transition_records_actor_and_reason(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case = a_case(session, law, settings)
        transition(session, case, to=Status.under_review, actor=REVIEWER, reason="picked up", now=NOW)
    with session_scope(engine) as session:
        (row,) = session.query(Transition).all()
        assert (row.from_status, row.to_status, row.actor, row.reason) == (
            "received",
            "under_review",
            "rui",
            "picked up",
        )


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_transition_without_a_reason_is_refused(engine, law, settings, reason) -> None:
    with session_scope(engine) as session:
        case = a_case(session, law, settings)
        with pytest.raises(WorkflowError, match="reason"):
            transition(session, case, to=Status.under_review, actor=REVIEWER, reason=reason)


@pytest.mark.parametrize("actor", [INTAKE, AUDITOR])
def test_roles_without_the_permission_cannot_move_a_case(engine, law, settings, actor) -> None:
    with session_scope(engine) as session:
        case = a_case(session, law, settings)
        with pytest.raises(PermissionDeniedError):
            transition(session, case, to=Status.withdrawn, actor=actor, reason="no")


@pytest.mark.parametrize(
    ("start", "to", "decision", "message"),
    [
        (Status.under_review, Status.decided, None, "needs an effective decision"),
        (Status.decided, Status.executed, DecisionAction.refused, "execute"),
        (Status.decided, Status.closed, DecisionAction.execute, "refused"),
        (Status.decided, Status.under_review, DecisionAction.execute, "postponed"),
    ],
)
def test_guards_need_the_matching_decision(engine, law, settings, start, to, decision, message) -> None:
    with session_scope(engine) as session:
        case = a_case(session, law, settings)
        case.status = start
        if decision:
            _decide(session, case, decision)
        with pytest.raises(WorkflowError, match=message):
            transition(session, case, to=to, actor=REVIEWER, reason="try")
