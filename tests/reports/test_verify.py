"""Publishing is audited; `verify_report` recomputes a report and catches changed figures and data."""

import pytest
from sqlalchemy import text

from rightsgate.audit.service import events, verify_chain
from rightsgate.auth.permissions import PermissionDeniedError
from rightsgate.db import session_scope
from rightsgate.reports.schema import Cell
from rightsgate.reports.service import publish, published_report, published_reports, verify_report
from rightsgate.reports.transparency import build_report
from tests.builders import REVIEWER, SUPERVISOR
from tests.reports import fixture


@pytest.fixture
def published(engine, law, settings):
    """The 2026 report, published by a supervisor; returns it as stored."""
    with session_scope(engine) as session:
        fixture.build(session, law, settings)
    with session_scope(engine) as session:
        report = build_report(session, period="2026", threshold=3)
        row = publish(session, report=report, actor=SUPERVISOR, now=fixture.at("2027-01-05"))
    with session_scope(engine) as session:
        return published_report(session, report_id=row.id)


def check(engine, report):
    with session_scope(engine) as session:
        return verify_report(session, report=report)


def test_publishing_is_an_audited_event_carrying_the_head(engine, published) -> None:
    with session_scope(engine) as session:
        last = events(session)[-1]
        assert [r.period for r in published_reports(session)] == ["2026"]
        assert verify_chain(session).ok
    assert last.name == "report.published"
    assert last.payload["head_seq"] == published.audit_head.seq == last.seq - 1
    assert (
        last.payload["head_hash"] == published.audit_head.hash and last.payload["digest"] == published.digest
    )


def test_only_a_role_allowed_to_publish_may(engine, law, settings) -> None:
    with session_scope(engine) as session, pytest.raises(PermissionDeniedError):
        publish(session, report=build_report(session, period="2026", threshold=3), actor=REVIEWER)


def test_a_published_report_matches_even_after_later_activity(engine, law, settings, published) -> None:
    with session_scope(engine) as session:
        fixture.opened(session, law, settings, "LATE", "2026-12-30")
    result = check(engine, published)
    assert result.matches, result.problems


def test_a_changed_figure_is_detected(engine, published) -> None:
    table = published.figures.tables[0]
    row = table.rows[0].model_copy(update={"cells": (Cell(text="99", low=99, high=99),)})
    tables = (table.model_copy(update={"rows": (row, *table.rows[1:])}), *published.figures.tables[1:])
    edited = published.model_copy(update={"figures": published.figures.model_copy(update={"tables": tables})})
    problems = check(engine, edited).problems
    assert "the report was altered" in problems[0]
    assert any(p.startswith("outcomes/executed/requests: the report says 99") for p in problems)


def test_a_changed_database_is_detected(engine, published) -> None:
    with engine.begin() as connection:
        connection.execute(text("UPDATE decisions SET action = 'execute' WHERE action = 'refused'"))
    problems = check(engine, published).problems
    assert problems and all("the database gives" in p for p in problems)
    assert any(p.startswith("refusals_by_ground/human_rights/requests") for p in problems)


def test_a_head_no_longer_in_the_chain_is_reported(engine, published) -> None:
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        connection.execute(
            text("DELETE FROM audit_events WHERE seq >= :seq"), {"seq": published.audit_head.seq}
        )
    head = published.audit_head
    assert check(engine, published).problems == [
        f"the stated audit head {head.seq}:{head.hash} is no longer in the audit chain"
    ]
