"""Raw figures: counts from the report rows, before any protection. Pure functions, no database.

These exact counts never leave the process: `transparency.build_report` protects them first.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from rightsgate.cases.report_query import ReportRow
from rightsgate.reports.periods import Period, quarter

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
    return quarter(day.year, (day.month - 1) // 3 + 1).label


def _dimensions(row: ReportRow) -> dict[str, Iterable[str]]:
    """The one-way breakdowns a request counts in; data categories may count it more than once."""
    return {
        "legal_basis": [row.legal_basis or UNKNOWN],
        "request_type": [row.request_type],
        "data_category": (row.data_categories or UNKNOWN).split(),
        "offence_category": [row.offence_category or UNKNOWN],
        "urgency": ["emergency" if row.emergency else "routine"],
    }


def _count(figures: Figures, row: ReportRow) -> None:
    result = outcome(row)
    figures.outcomes[result] += 1
    figures.by_quarter[(quarter_of(row.received_on), result)] += 1
    figures.by_state[(row.requesting_state, result)] += 1
    figures.identifiers_by_state[row.requesting_state] += row.identifiers or 0
    figures.identifiers += row.identifiers or 0
    figures.consultations += row.consultations or 0
    for name, codes in _dimensions(row).items():
        figures.dimensions.setdefault(name, Counter()).update(codes)
    if result == "refused":
        figures.grounds.update((row.grounds or NO_ENGINE_GROUND).split())
    if (moved := departure(row)) is not None:
        figures.departures[moved] += 1
    if result in FINAL.values() and row.decided_at is not None:
        figures.days_to_decision.append((row.decided_at.date() - row.received_on).days)


def count(data: ReportData) -> Figures:
    """Every figure of the report, exact."""
    figures = Figures(received=len(data.rows))
    for row in data.rows:
        _count(figures, row)
    return figures


def percentile(values: list[int], share: int) -> int | None:
    """The nearest-rank percentile: the smallest value with at least `share`% of values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share / 100 * len(ordered)), 1) - 1]
