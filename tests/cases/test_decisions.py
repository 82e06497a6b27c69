"""Decisions: separate from the advice, reasons when departing, consultation first, four eyes."""

import pytest

from rightsgate.audit.service import events, verify_chain
from rightsgate.auth.permissions import Actor, PermissionDeniedError, Role
from rightsgate.cases.decisions import FourEyesError, countersign, record_decision
from rightsgate.cases.schemas import ConsultationCreate, DecisionCreate
from rightsgate.cases.service import record_consultation
from rightsgate.cases.workflow import Status, WorkflowError, transition
from rightsgate.db import session_scope
from rightsgate.settings import Settings
from tests.builders import NOW, REVIEWER, SECOND_SUPERVISOR, SUPERVISOR, a_case


def under_review(session, law, settings, **overrides):
    case = a_case(session, law, settings, **overrides)
    transition(session, case, to=Status.under_review, actor=REVIEWER, reason="picked up", now=NOW)
    return case


def consult(session, case, about="refusal"):
    consultation = ConsultationCreate(about=about, summary="Discussed by phone with the central authority.")
    record_consultation(session, case, consultation=consultation, actor=REVIEWER, now=NOW)


def decide(session, case, settings, actor=REVIEWER, **fields):
    return record_decision(
        session, case, decision=DecisionCreate(**fields), actor=actor, settings=settings, now=NOW
    )


def test_agreeing_with_the_advice_needs_no_rationale_and_takes_effect(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case = under_review(session, law, settings)
        decision = decide(session, case, settings, action="execute")
        assert not decision.departs and decision.effective and case.status == Status.decided
        assert decision.recommendation == "execute"


def test_departing_from_the_advice_needs_a_written_reason(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case = under_review(session, law, settings)
        consult(session, case, "postponement")
        with pytest.raises(WorkflowError, match="rationale: departing"):
            decide(session, case, settings, action="postponed")
        decision = decide(
            session, case, settings, action="postponed", rationale="Parallel proceedings in XB."
        )
        assert decision.departs and case.status == Status.decided


@pytest.mark.parametrize(
    ("action", "about", "grounds"),
    [("refused", "refusal", ["human_rights"]), ("postponed", "postponement", [])],
)
def test_refusal_and_postponement_need_consultation_first(
    engine, law, settings, action, about, grounds
) -> None:
    with session_scope(engine) as session:
        case = under_review(session, law, settings)
        fields = {"action": action, "rationale": "Grounds exist.", "grounds": grounds}
        with pytest.raises(WorkflowError, match=f"consult the requesting State before a {about}"):
            decide(session, case, settings, **fields)
        consult(session, case, about)
        decide(session, case, settings, **fields)


def test_a_refusal_waits_for_a_second_person_with_the_supervisor_role(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case = under_review(session, law, settings)
        consult(session, case)
        decision = decide(
            session,
            case,
            settings,
            action="refused",
            rationale="Political offence.",
            grounds=["human_rights"],
        )
        assert decision.needs_countersign and not decision.effective and case.status == Status.under_review
        with pytest.raises(WorkflowError, match="effective decision"):
            transition(session, case, to=Status.decided, actor=REVIEWER, reason="force it")
        with pytest.raises(PermissionDeniedError):
            countersign(session, decision, actor=Actor("rita", Role.reviewer))
        countersign(session, decision, actor=SUPERVISOR, now=NOW)
        assert decision.effective and case.status == Status.decided


def test_the_decider_cannot_countersign_even_as_supervisor(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case = under_review(
            session, law, settings, data_requested=["content"], request_type="mla_stored_data"
        )
        decision = decide(
            session, case, settings, actor=SUPERVISOR, action="execute", rationale="Judge signed."
        )
        assert decision.needs_countersign
        with pytest.raises(FourEyesError, match="cannot countersign their own"):
            countersign(session, decision, actor=SUPERVISOR)
        countersign(session, decision, actor=SECOND_SUPERVISOR)
        with pytest.raises(WorkflowError, match="no \\(further\\) countersignature"):
            countersign(session, decision, actor=SUPERVISOR)


@pytest.mark.parametrize(
    ("overrides", "fields", "needed"),
    [
        ({}, {"action": "execute"}, False),
        ({"data_requested": ["subscriber", "content"]}, {"action": "execute", "rationale": "r"}, True),
        (
            {"data_requested": ["subscriber", "content"]},
            {
                "action": "execute_in_part",
                "data_categories": ["subscriber"],
                "rationale": "r",
                "grounds": ["proportionality"],
            },
            False,
        ),
        (
            {"request_type": "real_time_traffic", "data_requested": ["traffic"]},
            {"action": "execute", "rationale": "r"},
            True,
        ),
        ({"request_type": "interception_content"}, {"action": "execute", "rationale": "r"}, True),
    ],
)
def test_four_eyes_covers_content_real_time_and_interception(
    engine, law, settings, overrides, fields, needed
) -> None:
    with session_scope(engine) as session:
        case = under_review(session, law, settings, **overrides)
        assert decide(session, case, settings, **fields).needs_countersign is needed


def test_four_eyes_can_be_switched_off(engine, law, settings) -> None:
    relaxed = Settings(database_url=settings.database_url, four_eyes=False)
    with session_scope(engine) as session:
        case = under_review(session, law, relaxed, data_requested=["content"])
        assert not decide(session, case, relaxed, action="execute", rationale="r").needs_countersign


def test_partial_execution_must_stay_within_the_request(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case = under_review(session, law, settings)
        with pytest.raises(WorkflowError, match="data_categories: expected a subset"):
            decide(
                session,
                case,
                settings,
                action="execute_in_part",
                data_categories=["content"],
                rationale="r",
                grounds=["proportionality"],
            )


def test_a_decision_is_audited_with_codes_only(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case = under_review(session, law, settings)
        consult(session, case, "postponement")
        decide(session, case, settings, action="postponed", rationale="Jane Roe is abroad.")
    with session_scope(engine) as session:
        names = [e.name for e in events(session)]
        assert names[-3:] == ["consultation.recorded", "decision.recorded", "case.status_changed"]
        assert "Jane Roe" not in str([e.payload for e in events(session)])
        assert verify_chain(session).ok


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"action": "refused", "rationale": "r"}, "grounds: a refusal or a partial execution needs"),
        (
            {"action": "execute_in_part", "data_categories": ["subscriber"], "rationale": "r"},
            "grounds: a refusal or a partial execution needs",
        ),
        ({"action": "execute", "grounds": ["human_rights"]}, "grounds: only a refusal or a partial"),
    ],
)
def test_grounds_are_coded_for_a_refusal_or_a_partial_execution_only(
    engine, law, settings, fields, message
) -> None:
    with session_scope(engine) as session:
        case = under_review(session, law, settings, data_requested=["subscriber", "traffic"])
        consult(session, case)
        with pytest.raises(WorkflowError, match=message):
            decide(session, case, settings, **fields)


def test_a_ground_must_be_a_rule_id() -> None:
    with pytest.raises(ValueError, match="expected rule ids among completeness, scope") as raised:
        DecisionCreate(action="refused", grounds=["human_rights", "politics"])
    assert raised.value.errors()[0]["loc"] == ("grounds",)  # type: ignore[attr-defined]
    assert "politics" in str(raised.value)


def test_the_coded_grounds_are_kept_and_audited(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case = under_review(session, law, settings)
        consult(session, case)
        grounds = ["human_rights", "dual_criminality", "human_rights"]
        decision = decide(session, case, settings, action="refused", rationale="r", grounds=grounds)
        assert decision.grounds == ("dual_criminality", "human_rights")
    with session_scope(engine) as session:
        recorded = [e for e in events(session) if e.name == "decision.recorded"][-1]
        assert recorded.payload["grounds"] == ["dual_criminality", "human_rights"]
