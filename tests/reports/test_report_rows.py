"""The report rows count exactly what the exact count from the case tables finds, or are not used.

The current report is counted from the report rows when they hold at the chain head's time; these tests
compare that count with the exact one (six joins as of the head's time) on histories lived through the
case services and on rows written straight into the tables, and check that the rows stand aside when
they are missing or were built from later records, and that verifying never trusts them.
"""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, func, select, update

from rightsgate.audit.service import latest_event
from rightsgate.cases.report_rows import ReportRow, fill_report_rows
from rightsgate.db import session_scope
from rightsgate.reports.backfill import backfill_codes
from rightsgate.reports.counting import count
from rightsgate.reports.current import current_count, rows_hold
from rightsgate.reports.periods import parse_period
from rightsgate.reports.service import verify_report
from rightsgate.reports.transparency import build_report, head_of, report_at
from tests.builders import SUPERVISOR
from tests.reports import fixture
from tests.reports.generated import PlainCount, generate, store
from tests.reports.lived import live

PERIODS = ["2026", "2026-H1", "2026-H2", "2026-Q3", "2025-Q4", "2027"]


def head_time(session) -> datetime:
    created = head_of(latest_event(session)).created_at
    return datetime.strptime(created, "%Y-%m-%dT%H:%M:%S.%f%z")


@pytest.mark.parametrize("seed", [1, 2])
def test_rows_kept_by_the_services_count_what_the_exact_count_finds(engine, law, settings, seed) -> None:
    with session_scope(engine) as session:
        live(session, law, settings, seed=seed, count=70)
    with session_scope(engine) as session:
        as_of = head_time(session)
        assert rows_hold(session, as_of)
        for period in PERIODS:
            span = parse_period(period)
            assert current_count(session, span, as_of) == count(session, span, as_of), period
        year = count(session, parse_period("2026"), as_of)
        current = build_report(session, period="2026", threshold=3)
        exact = report_at(session, period=parse_period("2026"), head=current.audit_head, threshold=3)
    assert current.figures == exact.figures
    assert set(year.outcomes) == {"executed", "executed_in_part", "refused", "withdrawn", "lapsed", "pending"}
    assert set(year.grounds) == {"human_rights", "dual_criminality"} and year.consultations > 0
    assert len(year.departures) >= 2 and year.dimensions["legal_basis"]["unknown"] > 0


def test_rows_built_for_stored_cases_count_what_a_plain_count_finds(engine) -> None:
    """Rows built afterwards (`fill_report_rows`) for awkward histories: several assessments, decisions
    awaiting or given a late countersignature, records written in any order."""
    history = generate(seed=6, count=160)
    with session_scope(engine) as session:
        store(session, history)
        assert fill_report_rows(session) == 160
    late = datetime(2028, 1, 1, tzinfo=UTC)
    with session_scope(engine) as session:
        for period in PERIODS:
            span = parse_period(period)
            assert current_count(session, span, late) == PlainCount(history, span, late).count(), period


def test_rows_built_from_records_after_the_head_stand_aside(engine) -> None:
    history = generate(seed=6, count=160)
    with session_scope(engine) as session:
        store(session, history)
        fill_report_rows(session)
    early = datetime(2026, 6, 30, 12, tzinfo=UTC)
    with session_scope(engine) as session:
        assert current_count(session, parse_period("2026"), early) is None
        newest = session.scalar(select(func.max(ReportRow.as_of)))
        assert rows_hold(session, newest) and not rows_hold(session, newest - timedelta(microseconds=1))


@pytest.fixture
def built(engine, law, settings):
    with session_scope(engine) as session:
        fixture.build(session, law, settings)


def test_a_case_without_its_row_sends_the_report_to_the_exact_count(engine, built) -> None:
    with session_scope(engine) as session:
        expected = build_report(session, period="2026", threshold=3)
        session.execute(
            delete(ReportRow).where(ReportRow.case_id == session.scalar(select(ReportRow.case_id)))
        )
        assert not rows_hold(session, head_time(session))
        assert build_report(session, period="2026", threshold=3) == expected


def test_the_backfill_builds_the_rows_of_cases_stored_before_them(engine, law, built) -> None:
    with session_scope(engine) as session:
        before = count(session, parse_period("2026"), head_time(session))
        session.execute(delete(ReportRow))
    with session_scope(engine) as session:
        done = backfill_codes(session, law=law, actor=SUPERVISOR)
        as_of = head_time(session)
        assert (done.coded, done.rows) == (0, 8) and rows_hold(session, as_of)
        assert current_count(session, parse_period("2026"), as_of) == before
        assert backfill_codes(session, law=law, actor=SUPERVISOR).rows == 0


def test_verifying_recounts_from_the_case_tables_not_the_rows(engine, built) -> None:
    """A report counted from altered rows does not verify: the rows are never the reference."""
    with session_scope(engine) as session:
        session.execute(update(ReportRow).where(ReportRow.outcome == "withdrawn").values(outcome="refused"))
    with session_scope(engine) as session:
        altered = build_report(session, period="2026", threshold=3)
        check = verify_report(session, report=altered)
    assert not check.matches
    assert any(p.startswith("outcomes/withdrawn/requests") for p in check.problems), check.problems
