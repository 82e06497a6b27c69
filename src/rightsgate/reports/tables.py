"""The layout of a report: every count it publishes, the tables that show them, and how they add up.

A count shown in several places is one cell: the outcomes table's "refused" is also the total of the
"refused" column in the tables by quarter and by State, and the requests received are the grand total of
each. The lines (cells whose total is published somewhere) and the equations they give are what
`suppression.protect` protects together, across every table at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pycountry

from rightsgate.reports.recovery import Equation
from rightsgate.reports.schema import Cell, Row, Table
from rightsgate.reports.suppression import Shown

Key = tuple[str, ...]
TOTAL = "total"
RECEIVED: Key = ("headline", "requests_received")
IDENTIFIERS: Key = ("headline", "identifiers_specified")
CONSULTATIONS: Key = ("headline", "consultations_held")
DECISIONS: Key = ("timing", "decisions")

LABELS = {
    "uncc": "UN Convention against Cybercrime",
    "budapest": "Budapest Convention",
    "budapest_2ap": "Budapest Convention, Second Additional Protocol",
    "mla_stored_data": "Mutual legal assistance: stored data",
    "not_coded": "Grounds not coded (decided before grounds were coded)",
    "departed_same_reach": "Departed, same reach",
}


def label(code: str) -> str:
    """A code in plain words: `executed_in_part` → "Executed in part"; a period stays as it is."""
    if code in LABELS or code[:1].isdigit():
        return LABELS.get(code, code)
    return code.replace("_", " ").replace(".", ": ").capitalize()


def state_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return str(country.name) if country else f"{code} (fictional State)"


@dataclass(frozen=True)
class Spec:
    """A table as laid out: per row, its key, label and the cells of its columns."""

    name: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, str, tuple[Key, ...]], ...]
    note: str | None = None

    def table(self, shown: Mapping[Key, Shown]) -> Table:
        rows = tuple(
            Row(key=key, label=text, cells=tuple(cell(shown[c]) for c in cells))
            for key, text, cells in self.rows
        )
        return Table(name=self.name, title=self.title, columns=self.columns, rows=rows, note=self.note)


def cell(shown: Shown) -> Cell:
    return Cell(text=shown.text, low=shown.low, high=shown.high)


@dataclass
class Layout:
    """Exact counts by cell, the tables showing them, and the lines they form (total cell, or None
    where a line's total is not published but is protected as if it were)."""

    values: dict[Key, int] = field(default_factory=dict)
    specs: list[Spec] = field(default_factory=list)
    lines: list[tuple[tuple[Key, ...], Key | None]] = field(default_factory=list)

    def equations(self) -> list[Equation[Key]]:
        """The lines whose total is published and that hold as equations of the exact counts."""
        return [
            Equation(cells, total)
            for cells, total in self.lines
            if total is not None and sum(self.values[c] for c in cells) == self.values[total]
        ]

    def one_way(
        self,
        spec: tuple[str, str, str | None],
        counts: Counter[str],
        keys: Sequence[str],
        total: Key | None,
        *,
        labels: Mapping[str, str] | None = None,
        column: str = "requests",
    ) -> None:
        """A table of one column; its cells form one line."""
        name, title, note = spec
        cells = tuple((name, key) for key in keys)
        self.values.update({c: counts[c[1]] for c in cells})
        rows = tuple(
            (key, (labels or {}).get(key, label(key)), (c,)) for key, c in zip(keys, cells, strict=True)
        )
        self.specs.append(Spec(name, title, (column,), rows, note))
        self.lines.append((cells, total))

    def two_way(
        self,
        spec: tuple[str, str, str],
        counts: Counter[tuple[str, str]],
        keys: tuple[Sequence[str], Sequence[str]],
        column_cells: Mapping[str, Key],
        labels: Mapping[str, str] | None = None,
    ) -> None:
        """Rows by columns, with a total column and a total row whose cells are `column_cells` and the
        requests received; every row and every column is a line."""
        name, prefix, title = spec
        rows, columns = keys
        inner = {(r, c): (prefix, r, c) for r in rows for c in columns}
        self.values.update({inner[(r, c)]: counts[(r, c)] for r in rows for c in columns})
        totals = {r: (prefix, r, TOTAL) for r in rows}
        self.values.update({totals[r]: sum(counts[(r, c)] for c in columns) for r in rows})
        self.lines += [(tuple(inner[(r, c)] for c in columns), totals[r]) for r in rows]
        self.lines += [(tuple(inner[(r, c)] for r in rows), column_cells[c]) for c in columns]
        self.lines.append((tuple(totals.values()), RECEIVED))
        body = tuple(
            (r, (labels or {}).get(r, label(r)), (*(inner[(r, c)] for c in columns), totals[r])) for r in rows
        )
        total_row = (TOTAL, "Total", (*(column_cells[c] for c in columns), RECEIVED))
        self.specs.append(Spec(name, title, (*columns, TOTAL), (*body, total_row)))
