"""Counting the current report from the report rows (`cases.report_rows`), when they say what the exact
count would.

The exact count (`counting`) rebuilds each request's row through six joins as of the audit head's time.
The report rows hold the same codes built from everything recorded so far, so they give the same figures
exactly when every case has its row and no row was built from a record written after the head's time:
then the case tables as of that time and as they stand now describe the same requests. That is checked
after counting (a row only ever moves to a later moment), and the exact count is used otherwise.

The rows are read with one grouped scan per grouping, each served in order by its covering index for the
year of receipt; quarters outside the period are dropped here.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import CompoundSelect, Integer, String, cast, exists, func, literal, null, select, union_all
from sqlalchemy.orm import Session

from rightsgate.cases.models import Case
from rightsgate.cases.report_rows import ReportRow
from rightsgate.reports.counting import DIMENSIONS, figures_from
from rightsgate.reports.figures import Figures
from rightsgate.reports.periods import Period

# grouping -> the columns of the report rows it is grouped by, besides the quarter
GROUPINGS: dict[str, tuple[str, ...]] = {
    "outcomes": ("state", "outcome", "departure"),
    "days": ("days",),
    "codes": DIMENSIONS,
    "grounds": ("refusal_grounds",),
}
SET_ONLY = {"days", "grounds"}  # these count only the requests that have their key: decided, refused
WIDTH = len(DIMENSIONS)


def _grouped(year: int, figure: str, keys: tuple[str, ...]) -> Any:
    """Requests per combination of `keys` and quarter in `year`, and for the outcomes the identifiers and
    consultations too (only their index holds those, so each grouping reads its index alone)."""
    columns = [ReportRow.__table__.c[key] for key in keys]
    padded = [*(cast(column, String) for column in columns), *([null()] * (WIDTH - len(columns)))]
    none = cast(literal(0), Integer)
    sums = (func.sum(ReportRow.identifiers), func.sum(ReportRow.consultations))
    sums = (func.count(), *(sums if figure == "outcomes" else (none, none)))
    query = select(cast(literal(figure), String), *padded, ReportRow.quarter, *sums)
    query = query.where(ReportRow.year == year)
    if figure in SET_ONLY:
        query = query.where(columns[0].is_not(None))
    return query.group_by(*columns, ReportRow.quarter)


def counts_statement(period: Period) -> CompoundSelect[*tuple[Any, ...]]:
    """Every count of the year of `period`, as rows of (grouping, keys padded with NULLs, quarter,
    requests, identifiers, consultations)."""
    year = period.start.year
    return union_all(*(_grouped(year, figure, keys) for figure, keys in GROUPINGS.items()))


def _as_exact(row: tuple[Any, ...], labels: dict[int, str]) -> Iterator[tuple[Any, ...]]:
    """One row of `counts_statement` as the rows of the exact count's statement it stands for."""
    figure, *keys, number, requests, identifiers, consultations = row
    if number not in labels:
        return
    if figure == "outcomes":
        state, outcome, departure = keys[:3]
        yield figure, state, labels[number], outcome, departure, None, requests, identifiers
        yield "consultations", *([None] * WIDTH), consultations, 0
    elif figure == "grounds":
        for ground in keys[0].split() or [None]:
            yield figure, ground, *([None] * (WIDTH - 1)), requests, 0
    else:
        yield figure, *keys, requests, identifiers


def rows_hold(session: Session, as_of: datetime) -> bool:
    """Whether every case has its report row and none was built from a record written after `as_of`."""
    late = exists().where(ReportRow.as_of > as_of)
    rows = select(func.count()).select_from(ReportRow).scalar_subquery()
    cases = select(func.count()).select_from(Case).scalar_subquery()
    held = session.execute(select(rows == cases, ~late)).one()
    return bool(held[0]) and bool(held[1])


def current_count(session: Session, period: Period, as_of: datetime) -> Figures | None:
    """The figures of `period` from the report rows, exact as of `as_of` (the time of the newest audit
    event) if the rows still hold then; None if not."""
    labels = {(q.start.month - 1) // 3 + 1: q.label for q in period.quarters}
    counted = session.execute(counts_statement(period)).all()
    if not rows_hold(session, as_of):
        return None
    return figures_from(exact for row in counted for exact in _as_exact(tuple(row), labels))
