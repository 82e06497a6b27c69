"""Bar geometry for the HTML report's inline SVG charts, drawn from published cells only.

A protected cell is drawn at the least value it states (so a band "1–4" is drawn as 1) and hatched, with
its shown text as the tooltip: a chart never shows more than the table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rightsgate.reports.schema import Cell, Table

WIDTH = 460
COLOURS = ("#1b6b3a", "#6aa84f", "#b03a2e", "#7f7f7f", "#b7b7b7", "#2e5d8a")


@dataclass(frozen=True, slots=True)
class Segment:
    x: float
    width: float
    colour: str
    title: str
    hatched: bool


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    y: int
    segments: tuple[Segment, ...]
    text: str


def _segments(cells: list[tuple[str, Cell]], scale: float) -> tuple[Segment, ...]:
    x, found = 0.0, []
    for index, (column, cell) in enumerate(cells):
        width = round(cell.low * scale, 1)
        title = f"{column.replace('_', ' ')}: {cell.text}"
        if width:
            found.append(Segment(x, width, COLOURS[index % len(COLOURS)], title, cell.low != cell.high))
        x = round(x + width, 1)
    return tuple(found)


def stacked(table: Table, height: int = 26) -> list[Bar]:
    """One stacked bar per row (the total row left out), scaled to the widest."""
    columns = [c for c in table.columns if c != "total"]
    rows = [row for row in table.rows if row.key != "total"]
    sums = [sum(cell.low for cell in row.cells[: len(columns)]) for row in rows]
    scale = WIDTH / max([*sums, 1])
    return [
        Bar(
            row.label,
            index * height,
            _segments(list(zip(columns, row.cells, strict=False)), scale),
            row.cells[-1].text if "total" in table.columns else row.cells[0].text,
        )
        for index, row in enumerate(rows)
    ]
