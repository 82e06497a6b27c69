"""Raw figures: counts from the report rows, before any protection. Pure functions, no database.

These exact counts never leave the process: `transparency.build_report` protects them first.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from rightsgate.cases.report_query import ReportRow
from rightsgate.reports.periods import Period

OUTCOMES = ("executed", "executed_in_part", "refused", "withdrawn", "lapsed", "pending")
FINAL = {"execute": "executed", "execute_in_part": "executed_in_part", "refused": "refused"}
STOPPED = frozenset({"withdrawn", "lapsed"})
PRODUCED = frozenset({"executed", "executed_in_part"})
# How far each advice or decision lets the request go: the higher, the more is disclosed.
REACH = {
    "execute": 3,
    "execute_in_part": 2,
    "request_more_information": 1,
    "postponed": 1,
    "refuse": 0,
    "refused": 0,
}
NO_ENGINE_GROUND = "no_engine_ground"
UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ReportData:
    """What one run of the report query returned, for one period."""

    period: Period
    rows: tuple[ReportRow, ...]


@dataclass
class Figures:
    """Exact counts per dimension; each `Counter` maps a code to a number of requests."""

    received: int = 0
    identifiers: int = 0
    consultations: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    by_quarter: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_state: Counter[tuple[str, str]] = field(default_factory=Counter)
    identifiers_by_state: Counter[str] = field(default_factory=Counter)
    grounds: Counter[str] = field(default_factory=Counter)
    dimensions: dict[str, Counter[str]] = field(default_factory=dict)
    departures: Counter[str] = field(default_factory=Counter)
    days_to_decision: list[int] = field(default_factory=list)


def outcome(row: ReportRow) -> str:
    """Withdrawn or lapsed if the case stopped so; else the decision in effect; else pending."""
    if row.status in STOPPED:
        return str(row.status)
    return FINAL.get(row.action or "", "pending")


def departure(row: ReportRow) -> str | None:
    """Whether the decision in effect let more or less through than the engine advised."""
    if row.action is None or row.recommendation is None:
        return None
    decided, advised = REACH[row.action], REACH[row.recommendation]
    if not row.departs:
        return "followed"
    if decided == advised:
        return "departed_same_reach"
    return "more_permissive" if decided > advised else "more_restrictive"


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _identifiers_by_state(rows: tuple[ReportRow, ...]) -> Counter[str]:
    totals: Counter[str] = Counter()
    for row in rows:
        totals[row.requesting_state] += row.identifiers or 0
    return totals


def _dimensions(rows: tuple[ReportRow, ...]) -> dict[str, Counter[str]]:
    """The one-way breakdowns; a request asking for several data categories counts under each."""
    return {
        "legal_basis": Counter(row.legal_basis or UNKNOWN for row in rows),
        "request_type": Counter(row.request_type for row in rows),
        "data_category": Counter(code for row in rows for code in (row.data_categories or UNKNOWN).split()),
        "offence_category": Counter(row.offence_category or UNKNOWN for row in rows),
        "urgency": Counter("emergency" if row.emergency else "routine" for row in rows),
    }


def _decisions(figures: Figures, rows: tuple[ReportRow, ...], results: list[str]) -> None:
    """Refusal grounds, departures from the advice and days to decision."""
    refused = [row for row, result in zip(rows, results, strict=True) if result == "refused"]
    figures.grounds = Counter(rule for row in refused for rule in (row.grounds or NO_ENGINE_GROUND).split())
    figures.departures = Counter(moved for row in rows if (moved := departure(row)) is not None)
    figures.days_to_decision = [
        (row.decided_at.date() - row.received_on).days
        for row, result in zip(rows, results, strict=True)
        if result in FINAL.values() and row.decided_at is not None
    ]


def count(data: ReportData) -> Figures:
    """Every figure of the report, exact."""
    rows = data.rows
    results = [outcome(row) for row in rows]
    figures = Figures(
        received=len(rows),
        identifiers=sum(row.identifiers or 0 for row in rows),
        consultations=sum(row.consultations or 0 for row in rows),
        outcomes=Counter(results),
        by_quarter=Counter(zip((quarter_of(row.received_on) for row in rows), results, strict=True)),
        by_state=Counter(zip((row.requesting_state for row in rows), results, strict=True)),
        identifiers_by_state=_identifiers_by_state(rows),
        dimensions=_dimensions(rows),
    )
    _decisions(figures, rows, results)
    return figures


def percentile(values: list[int], share: int) -> int | None:
    """The nearest-rank percentile: the smallest value with at least `share`% of values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share / 100 * len(ordered)), 1) - 1]
