"""Protected tables: exact counts in, cells as a reader may see them out (see `suppression`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pycountry

from rightsgate.reports.schema import Cell, Row, Table
from rightsgate.reports.suppression import Shown, protect

TOTAL = "total"


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


def cell(shown: Shown) -> Cell:
    return Cell(text=shown.text, low=shown.low, high=shown.high)


def single(value: int, k: int) -> Cell:
    """A lone figure: banded when small, with no line to protect it in."""
    return cell(protect({0: value}, [], k)[0])


def one_way_cells(counts: Counter[str], keys: Sequence[str], k: int) -> dict[str, Cell]:
    """Counts whose sum is treated as published, protected along that one line."""
    values = {key: counts[key] for key in keys}
    return {key: cell(found) for key, found in protect(values, [list(keys)], k).items()}


def one_way(
    name: str,
    title: str,
    counts: Counter[str],
    keys: Sequence[str],
    k: int,
    *,
    note: str = "",
    labels: dict[str, str] | None = None,
    column: str = "requests",
) -> Table:
    """A one-way table of requests (or another count, named by `column`) by code."""
    cells = one_way_cells(counts, keys, k)
    named = labels or {}
    rows = tuple(Row(key=key, label=named.get(key, label(key)), cells=(cells[key],)) for key in keys)
    return Table(name=name, title=title, columns=(column,), rows=rows, note=note or None)


def _interior(
    counts: Counter[tuple[str, str]], rows: Sequence[str], columns: Sequence[str], k: int
) -> dict[tuple[str, str], Shown]:
    values = {(r, c): counts[(r, c)] for r in rows for c in columns}
    lines = [[(r, c) for c in columns] for r in rows] + [[(r, c) for r in rows] for c in columns]
    return protect(values, lines, k)


def two_way(
    name: str,
    title: str,
    counts: Counter[tuple[str, str]],
    keys: tuple[Sequence[str], Sequence[str]],
    k: int,
    labels: dict[str, str] | None = None,
) -> Table:
    """Rows by columns with a total column and a total row, each protected along rows and columns."""
    rows, columns = keys
    inner = _interior(counts, rows, columns, k)
    row_totals = one_way_cells(Counter({r: sum(counts[(r, c)] for c in columns) for r in rows}), rows, k)
    column_totals = one_way_cells(
        Counter({c: sum(counts[(r, c)] for r in rows) for c in columns}), columns, k
    )
    grand = single(sum(counts[(r, c)] for r in rows for c in columns), k)
    body = tuple(
        Row(
            key=r,
            label=(labels or {}).get(r, label(r)),
            cells=(*(cell(inner[(r, c)]) for c in columns), row_totals[r]),
        )
        for r in rows
    )
    total = Row(key=TOTAL, label="Total", cells=(*(column_totals[c] for c in columns), grand))
    return Table(name=name, title=title, columns=(*columns, TOTAL), rows=(*body, total))
