"""Raw figures: the exact counts of a report before any protection, and the codes they are counted by.

`counting` fills them from grouped queries; these exact counts never leave the process:
`transparency.build_report` protects them first.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from rightsgate.cases.report_codes import FINAL, OUTCOMES, REACH, STOPPED, UNKNOWN

NOT_CODED = "not_coded"
__all__ = ["FINAL", "NOT_CODED", "OUTCOMES", "REACH", "STOPPED", "UNKNOWN", "Figures", "percentile"]


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
    days_to_decision: Counter[int] = field(default_factory=Counter)
    """How many decisions took each number of days."""


def percentile(days: Counter[int], share: int) -> int | None:
    """The nearest-rank percentile of counted values: the smallest value with at least `share`% of all
    values at or below it."""
    total = sum(days.values())
    if not total:
        return None
    rank, seen = max(math.ceil(share / 100 * total), 1), 0
    for value in sorted(days):
        seen += days[value]
        if seen >= rank:
            return value
    raise AssertionError("unreachable: the ranks add up to the total")
