"""The counts made in the database equal a plain count of the same rows, on SQLite and PostgreSQL."""

from datetime import UTC, datetime

import pytest

from rightsgate.db import session_scope
from rightsgate.reports.counting import count
from rightsgate.reports.periods import parse_period
from tests.reports.generated import PlainCount, generate, store

AS_OF = [datetime(2026, 6, 30, 12, tzinfo=UTC), datetime(2027, 3, 1, tzinfo=UTC)]


@pytest.fixture
def history(engine):
    generated = generate(seed=6, count=160)
    with session_scope(engine) as session:
        store(session, generated)
    return generated


@pytest.mark.parametrize("period", ["2026", "2026-H1", "2026-Q2", "2025-Q4", "2027"])
def test_the_database_counts_what_a_plain_count_finds(engine, history, period) -> None:
    span = parse_period(period)
    for as_of in AS_OF:
        with session_scope(engine) as session:
            counted = count(session, span, as_of)
        assert counted == PlainCount(history, span, as_of).count(), f"{period} as of {as_of}"


def test_the_generated_rows_hold_the_awkward_cases(history) -> None:
    """The comparison above means something only if the rows reach every branch of the definition."""
    span, as_of = parse_period("2026"), AS_OF[1]
    plain = PlainCount(history, span, as_of).count()
    assert set(plain.outcomes) == {
        "executed",
        "executed_in_part",
        "refused",
        "withdrawn",
        "lapsed",
        "pending",
    }
    assert "not_coded" in plain.grounds and len(plain.grounds) > 1
    assert plain.dimensions["legal_basis"]["unknown"] > 0 and plain.dimensions["data_category"]["unknown"] > 0
    assert len(plain.departures) == 4
    cases = history.tables["cases"]
    assert any(c["received_on"].year == 2025 for c in cases) and any(
        c["received_on"].year == 2027 for c in cases
    )
    assert any(c["opened_at"] > AS_OF[0] and c["received_on"] <= parse_period("2026-H1").end for c in cases)
    decisions = history.tables["decisions"]
    assert any(d["needs_countersign"] and d["countersigned_at"] is None for d in decisions)
    assert len({d["case_id"] for d in decisions}) < len(decisions)
