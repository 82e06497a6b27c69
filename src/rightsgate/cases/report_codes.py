"""What each request counts as in a transparency report, written as SQL over a row of the report query.

Both ways of counting use these expressions: the exact count as of an audit head (`reports.counting`)
and the report rows kept up to date as cases change (`cases.report_rows`), so the two cannot drift
apart in what an outcome, a departure or a day to decision is.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, case, func, not_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

OUTCOMES = ("executed", "executed_in_part", "refused", "withdrawn", "lapsed", "pending")
FINAL = {"execute": "executed", "execute_in_part": "executed_in_part", "refused": "refused"}
STOPPED = ("withdrawn", "lapsed")
# How far each advice or decision lets the request go: the higher, the more is disclosed.
REACH = {
    "execute": 3,
    "execute_in_part": 2,
    "request_more_information": 1,
    "postponed": 1,
    "refuse": 0,
    "refused": 0,
}
UNKNOWN = "unknown"


class DaysBetween(FunctionElement[int]):
    """Whole days from a date to the UTC date of a stored moment."""

    type = Integer()
    inherit_cache = True


@compiles(DaysBetween)
def _days_between(element: DaysBetween, compiler: SQLCompiler, **kw: Any) -> str:
    day, moment = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"(CAST({moment} AS DATE) - {day})"


@compiles(DaysBetween, "sqlite")
def _days_between_sqlite(element: DaysBetween, compiler: SQLCompiler, **kw: Any) -> str:
    day, moment = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"CAST(julianday(date({moment})) - julianday({day}) AS INTEGER)"


def outcome(row: Any) -> Any:
    """Withdrawn or lapsed if the case stopped so; else the decision in effect; else pending."""
    decided = ((row.action == action, result) for action, result in FINAL.items())
    return case((row.status.in_(STOPPED), row.status), *decided, else_="pending")


def departure(row: Any) -> Any:
    """Whether the decision in effect let more or less through than the engine advised; None if none."""
    decided, advised = case(REACH, value=row.action), case(REACH, value=row.recommendation)
    return case(
        (row.action.is_(None), None),
        (not_(row.departs), "followed"),
        (decided == advised, "departed_same_reach"),
        (decided > advised, "more_permissive"),
        else_="more_restrictive",
    )


def days_to_decision(row: Any) -> Any:
    """Days from receipt to the decision to execute, execute in part or refuse taking effect; else None."""
    final = outcome(row).in_(FINAL.values()) & row.effective_at.is_not(None)
    return case((final, DaysBetween(row.received_on, row.effective_at)))


def request_codes(row: Any) -> dict[str, Any]:
    """Every code a figure groups a request by, with `unknown` for what the advice did not record."""
    return {
        "state": row.state,
        "outcome": outcome(row),
        "departure": departure(row),
        "legal_basis": func.coalesce(row.legal_basis, UNKNOWN),
        "request_type": row.request_type,
        "data_category": func.coalesce(func.nullif(row.data_categories, ""), UNKNOWN),
        "offence_category": func.coalesce(row.offence_category, UNKNOWN),
        "urgency": case((row.emergency, "emergency"), else_="routine"),
        "identifiers": func.coalesce(row.identifiers, 0),
    }
