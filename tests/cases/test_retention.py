"""Retention purge: after the period, no identifier, name or fact of a closed case is left in any table;
statistics and the audit chain remain."""

from datetime import timedelta

import pytest
from sqlalchemy import text

from rightsgate.audit.service import events, verify_chain
from rightsgate.auth.permissions import PermissionDeniedError
from rightsgate.cases.models import Case
from rightsgate.cases.retention import purge_expired
from rightsgate.cases.workflow import Status, transition
from rightsgate.db import Base, session_scope
from tests.builders import ADMIN, NOW, REVIEWER
from tests.cases.test_decisions import consult, decide, under_review

SECRETS = ("purge-me@example.org", "Jane Roe", "Payments were diverted", "Hidden Name")


def every_stored_text(engine) -> str:
    """Every value in every table, as text."""
    with engine.connect() as connection:
        rows = [
            tuple(row) for table in Base.metadata.sorted_tables for row in connection.execute(table.select())
        ]
    return repr(rows)


def closed_case(session, law, settings, reference: str):
    targets = [{"kind": "email", "identifier": "purge-me@example.org"}]
    case = under_review(session, law, settings, reference=reference, targets=targets)
    consult(session, case, "postponement")
    decide(session, case, settings, action="postponed", rationale="Hidden Name is abroad.")
    transition(session, case, to=Status.withdrawn, actor=REVIEWER, reason="Hidden Name withdrew", now=NOW)
    return case


def test_a_purge_leaves_no_personal_data_in_any_table(engine, law, settings) -> None:
    with session_scope(engine) as session:
        case_id = closed_case(session, law, settings, "OLD-1").id
    assert [secret for secret in SECRETS if secret not in every_stored_text(engine)] == []
    later = NOW + timedelta(days=settings.retention_days + 1)
    with session_scope(engine) as session:
        assert purge_expired(session, actor=ADMIN, settings=settings, now=later) == [case_id]
    stored = every_stored_text(engine)
    assert [secret for secret in SECRETS if secret in stored] == []
    with session_scope(engine) as session:
        case = session.get(Case, case_id)
        assert (case.status, case.request_type, case.requesting_state) == (
            "withdrawn",
            "subscriber_info",
            "XA",
        )
        decision = session.execute(text("SELECT action, recommendation FROM decisions")).one()
        assert decision.action == "postponed" and decision.recommendation == "request_more_information"
        assert events(session)[-1].name == "case.purged" and verify_chain(session).ok
        assert purge_expired(session, actor=ADMIN, settings=settings, now=later) == []


def test_open_and_recently_closed_cases_are_kept(engine, law, settings) -> None:
    with session_scope(engine) as session:
        closed_case(session, law, settings, "RECENT-1")
        under_review(session, law, settings, reference="OPEN-1")
        soon = NOW + timedelta(days=settings.retention_days - 1)
        assert purge_expired(session, actor=ADMIN, settings=settings, now=soon) == []
        far = NOW + timedelta(days=settings.retention_days * 5)
        assert len(purge_expired(session, actor=ADMIN, settings=settings, now=far)) == 1


def test_only_an_admin_purges(engine, settings) -> None:
    with session_scope(engine) as session, pytest.raises(PermissionDeniedError):
        purge_expired(session, actor=REVIEWER, settings=settings)
