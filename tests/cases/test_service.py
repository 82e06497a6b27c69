"""Case services: one case per request, advice kept on re-assessment, deadlines, links, audited views."""

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from rightsgate.audit.service import events, verify_chain
from rightsgate.cases.models import Assessment
from rightsgate.cases.opening import DuplicateCaseError, deadline_for
from rightsgate.cases.service import (
    get_case,
    overdue,
    reassess,
    view_case,
)
from rightsgate.cases.workflow import Status, WorkflowError, transition
from rightsgate.db import session_scope
from rightsgate.settings import Settings
from tests.builders import AUDITOR, INTAKE, NOW, REVIEWER, a_case, a_request

RECEIVED = datetime(2026, 9, 1, tzinfo=UTC)


def test_a_case_stores_the_advice_with_engine_version_and_law_digest(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case = a_case(session, law, settings)
        (advice,) = session.query(Assessment).all()
        assert advice.recommendation == "execute" and advice.law_digest == law.digest
        assert advice.explained()["assessment"]["recommendation"]["action"] == "execute"
        assert case.status == Status.received


def test_a_second_case_for_the_same_state_and_reference_is_refused(engine, law, settings) -> None:
    with session_scope(engine) as session:
        a_case(session, law, settings)
        with pytest.raises(DuplicateCaseError):
            a_case(session, law, settings)
        a_case(session, law, settings, requesting_state="XC")


def test_re_assessment_keeps_every_earlier_assessment(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case = a_case(session, law, settings, user_notification_delay_requested=None)
        transition(session, case, to=Status.under_review, actor=REVIEWER, reason="picked up", now=NOW)
        transition(session, case, to=Status.awaiting_information, actor=REVIEWER, reason="asked", now=NOW)
        reassess(session, case, request=a_request(), actor=REVIEWER, law=law, settings=settings, now=NOW)
        stored = session.query(Assessment).order_by(Assessment.ordinal).all()
        assert [(a.ordinal, a.recommendation) for a in stored] == [
            (1, "request_more_information"),
            (2, "execute"),
        ]
        assert case.status == Status.under_review


def test_re_assessment_must_be_for_the_same_request(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case = a_case(session, law, settings)
        with pytest.raises(WorkflowError, match="reference"):
            reassess(session, case, request=a_request("OTHER"), actor=REVIEWER, law=law, settings=settings)


@pytest.mark.parametrize(
    ("overrides", "due"),
    [
        ({"request_type": "preservation"}, timedelta(hours=24)),
        ({"request_type": "emergency_disclosure"}, timedelta(hours=24)),
        ({"urgency": "emergency"}, timedelta(hours=24)),
        ({}, timedelta(days=30)),
        ({"request_type": "interception_content"}, timedelta(days=30)),
    ],
)
def test_deadlines_are_hours_for_preservation_and_emergencies_days_otherwise(overrides, due) -> None:
    assert deadline_for(a_request(**overrides), Settings()) == RECEIVED + due


def test_deadlines_are_configurable() -> None:
    settings = Settings(deadline_hours={"preservation": 6}, deadline_days={"subscriber_info": 10})
    assert deadline_for(a_request(request_type="preservation"), settings) == RECEIVED + timedelta(hours=6)
    assert deadline_for(a_request(), settings) == RECEIVED + timedelta(days=10)


def test_deadlines_read_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("RIGHTSGATE_DEADLINE_DAYS", '{"subscriber_info": 5}')
    assert deadline_for(a_request(), Settings()) == RECEIVED + timedelta(days=5)


def test_the_overdue_list_holds_undecided_cases_past_their_deadline(engine, law, settings) -> None:
    with session_scope(engine) as session:
        urgent = a_case(session, law, settings, "P-1", request_type="preservation")
        routine = a_case(session, law, settings, "R-1")
        withdrawn = a_case(session, law, settings, "P-2", request_type="preservation")
        transition(session, withdrawn, to=Status.withdrawn, actor=REVIEWER, reason="withdrawn by XA")
        assert overdue(session, now=RECEIVED + timedelta(days=2)) == [urgent]
        assert overdue(session, now=RECEIVED + timedelta(days=31)) == [urgent, routine]


def test_viewing_a_case_is_an_audited_event(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case_id = a_case(session, law, settings).id
    with session_scope(engine) as session:
        seen = view_case(session, case_id=case_id, actor=AUDITOR)
        assert seen.recommendation == "execute" and seen.assessments == 1
    with session_scope(engine) as session:
        viewed = [e for e in events(session) if e.name == "case.viewed"]
        assert [(e.actor, e.case_id) for e in viewed] == [("aldo", case_id)]
        assert verify_chain(session).ok


def test_opening_a_case_audits_references_but_no_identifier_or_name(engine, law, settings) -> None:
    with session_scope(engine) as session:
        a_case(session, law, settings)
    with session_scope(engine) as session:
        stored = events(session)
        assert [e.name for e in stored] == ["case.created", "assessment.recorded"]
        text = str([e.payload for e in stored])
        assert "XA-2026-001" in text and "example.org" not in text and "Jane Roe" not in text


def test_cases_sharing_a_target_are_linked_and_flagged(engine, law, settings) -> None:
    shared = [{"kind": "email", "identifier": "Shared@Example.org"}]
    with session_scope(engine) as session:
        first = a_case(session, law, settings, "L-1", targets=shared)
        other = a_case(session, law, settings, "L-2")
        second = a_case(
            session, law, settings, "L-3", targets=[{"kind": "account", "identifier": " shared@example.org"}]
        )
        assert second.linked and first.linked and not other.linked
        assert view_case(session, case_id=second.id, actor=INTAKE).linked_case_ids == (first.id,)
        assert "case.linked" in [e.name for e in events(session, case_id=second.id)]


def test_a_long_closed_case_is_not_linked(engine, law, settings) -> None:
    shared = [{"kind": "email", "identifier": "old@example.org"}]
    with session_scope(engine) as session:
        first = a_case(session, law, settings, "O-1", targets=shared)
        transition(
            session,
            first,
            to=Status.withdrawn,
            actor=REVIEWER,
            reason="withdrawn",
            now=NOW - timedelta(days=400),
        )
        assert not a_case(session, law, settings, "O-2", targets=shared).linked


def test_a_missing_case_is_reported(engine) -> None:
    with session_scope(engine) as session, pytest.raises(LookupError, match="no case with id 42"):
        get_case(session, case_id=42, actor=REVIEWER)


def test_cases_opened_at_the_same_moment_with_a_shared_target_are_linked(engine, law, settings) -> None:
    """The second opening waits for the first to commit before it looks for cases to link to."""
    shared = [{"kind": "email", "identifier": "same@example.org"}]
    with ThreadPoolExecutor(max_workers=1) as pool:
        with session_scope(engine) as session:
            a_case(session, law, settings, "C-1", targets=shared)

            def second() -> bool:
                with session_scope(engine) as other:
                    return a_case(other, law, settings, "C-2", targets=shared).linked

            opened = pool.submit(second)
            time.sleep(0.5)  # the second opening is now waiting for the first transaction
        assert opened.result(timeout=30)
