"""Counting in the database: the report query grouped in SQL, so only counts come back.

The report query (`cases.report_query`) becomes one materialised CTE, `requests`, with each request's
outcome, departure from the advice, quarter and days to decision worked out in SQL. A few grouped
queries then count it (by State, quarter, outcome and departure; by days to decision; by the coded
breakdowns; by coded refusal ground; and the consultations held), all in a single statement (UNION ALL)
that runs the same on SQLite and PostgreSQL. What comes back is at most a few thousand rows of counts
however many requests there are, folded into the figures here. These exact counts never leave the
process: `transparency` protects them first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import (
    CTE,
    CompoundSelect,
    Integer,
    Select,
    String,
    case,
    cast,
    func,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from rightsgate.cases.report_codes import days_to_decision, request_codes
from rightsgate.cases.report_query import coded_grounds, consultations_held, report_query
from rightsgate.reports.figures import NOT_CODED, Figures
from rightsgate.reports.periods import Period

# the one-way breakdowns, by the column of `requests` that holds their code
DIMENSIONS = ("legal_basis", "request_type", "data_category", "offence_category", "urgency")

# grouping -> the columns of `requests` it is grouped by; few groupings, so `requests` is scanned few times
GROUPINGS: dict[str, tuple[str, ...]] = {
    "outcomes": ("state", "quarter", "outcome", "departure"),
    "days": ("days",),
    "codes": DIMENSIONS,
}
KEYS = len(DIMENSIONS)


def requests_cte(period: Period, as_of: datetime) -> CTE:
    """One row per request of the period, with every code a figure is grouped by, materialised once."""
    row = report_query(start=period.start, end=period.end, as_of=as_of).subquery("coded")
    codes = request_codes(row.c)
    quarter = case(*((row.c.received_on >= q.start, q.label) for q in reversed(period.quarters)))
    derived = select(
        row.c.case_id,
        row.c.decision_id,
        codes["state"].label("state"),
        quarter.label("quarter"),
        *(codes[name].label(name) for name in ("outcome", "departure")),
        cast(days_to_decision(row.c), String).label("days"),
        *(codes[name].label(name) for name in (*DIMENSIONS, "identifiers")),
    )
    return derived.cte("requests").prefix_with("MATERIALIZED")


def _tag(figure: str) -> Any:
    return cast(literal(figure), String)


def _grouped(requests: CTE, figure: str, keys: tuple[str, ...]) -> Select[*tuple[Any, ...]]:
    """How many requests, and identifiers, per combination of `keys`, tagged with the figure's name."""
    columns = [requests.c[key] for key in keys]
    padded = [*columns, *([null()] * (KEYS - len(columns)))]
    counts = (func.count(), func.sum(requests.c.identifiers))
    return select(_tag(figure), *padded, *counts).group_by(*columns)


def counts_statement(period: Period, as_of: datetime) -> CompoundSelect[*tuple[Any, ...]]:
    """Every count a report needs, as rows of (grouping, its keys padded with NULLs, requests,
    identifiers)."""
    requests = requests_cte(period, as_of)
    grounds = coded_grounds(requests, requests.c.outcome == "refused").subquery()
    held = consultations_held(requests, as_of=as_of).subquery()
    none = cast(literal(0), Integer)
    by_ground = select(_tag("grounds"), grounds.c.ground, *[null()] * (KEYS - 1), grounds.c.count, none)
    consulted = select(_tag("consultations"), *[null()] * KEYS, held.c[0], none)
    branches = [_grouped(requests, figure, keys) for figure, keys in GROUPINGS.items()]
    return union_all(*branches, by_ground, consulted)


def _add_outcomes(figures: Figures, keys: tuple[Any, ...], requests: int, identifiers: int) -> None:
    state, quarter, outcome, departure = keys[:4]
    figures.received += requests
    figures.identifiers += identifiers
    figures.outcomes[outcome] += requests
    figures.by_quarter[(quarter, outcome)] += requests
    figures.by_state[(state, outcome)] += requests
    figures.identifiers_by_state[state] += identifiers
    if departure is not None:
        figures.departures[departure] += requests


def _add_codes(figures: Figures, keys: tuple[Any, ...], requests: int) -> None:
    """A request asking for several data categories counts under each."""
    for name, code in zip(DIMENSIONS, keys, strict=True):
        for each in code.split():
            figures.dimensions.setdefault(name, Counter())[each] += requests


def _add(figures: Figures, grouping: str, keys: tuple[Any, ...], requests: int, identifiers: int) -> None:
    """Fold one row of counts into the figures."""
    if grouping == "outcomes":
        _add_outcomes(figures, keys, requests, identifiers)
    elif grouping == "codes":
        _add_codes(figures, keys, requests)
    elif grouping == "days" and keys[0] is not None:
        figures.days_to_decision[int(keys[0])] += requests
    elif grouping == "grounds":
        figures.grounds[keys[0] or NOT_CODED] += requests
    elif grouping == "consultations":
        figures.consultations += requests


def figures_from(rows: Iterable[tuple[Any, ...]]) -> Figures:
    """The figures from rows of counts (see `counts_statement`)."""
    figures = Figures()
    for figure, *keys, requests, identifiers in rows:
        _add(figures, figure, tuple(keys), int(requests), int(identifiers or 0))
    return figures


def count(session: Session, period: Period, as_of: datetime) -> Figures:
    """Every figure of the report of `period` as the database stood at `as_of`, exact, counted in SQL."""
    return figures_from(session.execute(counts_statement(period, as_of)))
