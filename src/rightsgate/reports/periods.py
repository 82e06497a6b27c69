"""Reporting periods: a year (`2026`), a half (`2026-H1`) or a quarter (`2026-Q1`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[HQ])(?P<part>[1-4]))?$")
QUARTERS_PER = {None: 4, "H": 2, "Q": 1}


@dataclass(frozen=True, slots=True)
class Period:
    """A labelled span of whole quarters, with first and last day."""

    label: str
    start: date
    end: date

    @property
    def quarters(self) -> list[Period]:
        """The quarters the period is made of, in order."""
        first = (self.start.month - 1) // 3 + 1
        count = (self.end.month - self.start.month) // 3 + 1
        return [quarter(self.start.year, q) for q in range(first, first + count)]


def _span(year: int, first_quarter: int, count: int) -> tuple[date, date]:
    start = date(year, 3 * first_quarter - 2, 1)
    last_month = 3 * (first_quarter + count - 1)
    end = date(year + last_month // 12, last_month % 12 + 1, 1) - timedelta(days=1)
    return start, end


def quarter(year: int, number: int) -> Period:
    return Period(f"{year}-Q{number}", *_span(year, number, 1))


def parse_period(text: str) -> Period:
    """`2026`, `2026-H2` or `2026-Q3`; anything else is a ValueError naming the accepted forms."""
    found = PATTERN.match(text.strip())
    kind = found["kind"] if found else None
    part = int(found["part"]) if found and found["part"] else 1
    if found is None or (kind == "H" and part > 2):
        raise ValueError(f"expected a period such as 2026, 2026-H1 or 2026-Q1, got {text!r}")
    count = QUARTERS_PER[kind]
    first = 1 if kind is None else (part - 1) * count + 1
    return Period(text.strip(), *_span(int(found["year"]), first, count))
