"""Emergency requests: out-of-band verification against the registry before execution, re-validation after."""

import pytest

from rightsgate.cases.decisions import record_decision
from rightsgate.cases.emergency import register_authority, revalidate_emergency, verify_emergency
from rightsgate.cases.schemas import DecisionCreate
from rightsgate.cases.workflow import Status, WorkflowError, transition
from rightsgate.db import session_scope
from tests.builders import ADMIN, NOW, REVIEWER, a_case

EMERGENCY = {
    "request_type": "emergency_disclosure",
    "urgency": "emergency",
    "emergency_justification": "A child is missing and the account holder was the last contact.",
}


def decided_emergency(session, law, settings):
    case = a_case(session, law, settings, **EMERGENCY)
    transition(session, case, to=Status.under_review, actor=REVIEWER, reason="urgent", now=NOW)
    decision = DecisionCreate(action="execute", rationale="Threat to life confirmed.")
    record_decision(session, case, decision=decision, actor=REVIEWER, settings=settings, now=NOW)
    assert case.status == Status.decided
    return case


def test_an_emergency_is_executed_only_after_out_of_band_verification(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case = decided_emergency(session, law, settings)
        with pytest.raises(WorkflowError, match="verify the emergency request out of band"):
            transition(session, case, to=Status.executed, actor=REVIEWER, reason="disclose")
        authority = register_authority(
            session, state="XA", name="XA Police HQ", contact="+00 1 duty desk", actor=ADMIN
        )
        verify_emergency(
            session, case, authority_id=authority.id, method="callback", confirmed=False, actor=REVIEWER
        )
        with pytest.raises(WorkflowError, match="out of band"):
            transition(session, case, to=Status.executed, actor=REVIEWER, reason="disclose")
        verify_emergency(
            session, case, authority_id=authority.id, method="callback", confirmed=True, actor=REVIEWER
        )
        transition(session, case, to=Status.executed, actor=REVIEWER, reason="disclosed")
        with pytest.raises(WorkflowError, match="re-validate the emergency"):
            transition(session, case, to=Status.closed, actor=REVIEWER, reason="done")
        revalidate_emergency(session, case, confirmed=True, actor=REVIEWER)
        transition(session, case, to=Status.closed, actor=REVIEWER, reason="done")


def test_only_a_registered_authority_of_the_requesting_state_counts(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case = decided_emergency(session, law, settings)
        foreign = register_authority(session, state="XC", name="XC Police", contact="desk", actor=ADMIN)
        with pytest.raises(
            WorkflowError, match="authority_id: expected an active registered authority of XA"
        ):
            verify_emergency(
                session, case, authority_id=foreign.id, method="callback", confirmed=True, actor=REVIEWER
            )
        with pytest.raises(WorkflowError, match="authority_id"):
            verify_emergency(
                session, case, authority_id=999, method="callback", confirmed=True, actor=REVIEWER
            )


def test_re_validation_comes_after_execution(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case = decided_emergency(session, law, settings)
        with pytest.raises(WorkflowError, match="executed, verified emergency"):
            revalidate_emergency(session, case, confirmed=True, actor=REVIEWER)
