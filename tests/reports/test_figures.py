"""Report figures against the hand-counted fixture (tests/reports/fixture.py), on both databases."""

from collections import Counter

import pytest

from rightsgate.audit.service import events
from rightsgate.db import session_scope
from rightsgate.reports import figures as raw
from rightsgate.reports.counting import count
from rightsgate.reports.periods import parse_period
from rightsgate.reports.transparency import build_report, head_of, report_at
from tests.reports import fixture


@pytest.fixture
def built(engine, law, settings):
    with session_scope(engine) as session:
        fixture.build(session, law, settings)
    return engine


def counted(engine, period: str = "2026") -> raw.Figures:
    with session_scope(engine) as session:
        return count(session, parse_period(period), fixture.at("2027-01-01"))


def test_the_year_counts_match_the_hand_count(built) -> None:
    figures = counted(built)
    assert figures.received == 7
    assert figures.outcomes == Counter(executed=2, executed_in_part=1, refused=2, withdrawn=1, pending=1)
    assert (figures.identifiers, figures.consultations) == (8, 2)
    assert figures.days_to_decision == Counter({5: 1, 10: 1, 20: 2, 30: 1})
    assert (raw.percentile(figures.days_to_decision, 50), raw.percentile(figures.days_to_decision, 90)) == (
        20,
        30,
    )
    assert figures.departures == Counter(followed=3, more_restrictive=2)


def test_refusals_count_under_every_ground_their_decider_coded(built) -> None:
    assert counted(built).grounds == Counter({"human_rights": 2, "dual_criminality": 1})


def test_the_breakdowns_match_the_hand_count(built) -> None:
    figures = counted(built)
    assert figures.dimensions["legal_basis"] == Counter(uncc=6, budapest=1)
    assert figures.dimensions["offence_category"] == Counter(convention_offence=6, expression_related=1)
    assert figures.dimensions["urgency"] == Counter(routine=6, emergency=1)
    assert figures.dimensions["data_category"] == Counter(subscriber=7)
    assert figures.by_state == Counter(
        {("XA", "executed"): 1, ("XA", "executed_in_part"): 1, ("XA", "refused"): 2}
        | {("XA", "withdrawn"): 1, ("XA", "pending"): 1, ("XC", "executed"): 1}
    )
    assert (
        figures.by_quarter[("2026-Q2", "refused")] == 2 and figures.by_quarter[("2026-Q4", "executed")] == 1
    )


def test_a_quarter_counts_only_its_own_requests(built) -> None:
    figures = counted(built, "2026-Q2")
    assert figures.received == 2 and figures.outcomes == Counter(refused=2)
    assert counted(built, "2026-H2").outcomes == Counter(withdrawn=1, pending=1, executed=1)


def test_a_report_as_of_an_earlier_head_ignores_everything_written_after_it(built) -> None:
    with session_scope(built) as session:
        head = head_of([e for e in events(session) if e.created_at < "2026-07"][-1])
        early = report_at(session, period=parse_period("2026"), head=head, threshold=5)
        later = build_report(session, period="2026", threshold=5)
    assert head.created_at is not None and head.created_at < "2026-07-01"
    assert early.figures.headline.requests_received.text == "1–4"
    assert later.figures.headline.requests_received.text == "7"


def test_small_counts_show_as_bands_and_totals_cannot_unmask_them(built) -> None:
    with session_scope(built) as session:
        report = build_report(session, period="2026", threshold=5)
    outcomes = {row.key: row.cells[0].text for row in report.figures.tables[0].rows}
    assert set(outcomes.values()) <= {"0", "withheld"}
    assert report.figures.headline.requests_received.text == "7"
    assert report.figures.timing.median_days == 20 and report.figures.timing.p90_days == 30
