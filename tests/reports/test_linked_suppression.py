"""No banded cell of a report can be narrowed by a reader combining every published figure at once.

The reader here works only from the report as published: each cell's stated range, and the sums any
reader can see (a table's rows add up to its totals, the same outcome counts appear in three tables,
the one-way breakdowns add up to the requests received, the decisions timed are the executed, executed
in part and refused requests). They solve for the least and greatest value of every banded cell with a
linear program of their own; it must find the whole band every time.
"""

from collections import Counter
from collections.abc import Iterable

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from rightsgate.reports import figures as raw
from rightsgate.reports.periods import parse_period
from rightsgate.reports.recovery import Equation, ranges
from rightsgate.reports.schema import Cell, Figures, Table
from rightsgate.reports.suppression import protect
from rightsgate.reports.transparency import protected_figures

YEAR = parse_period("2026")
SUMMED = ("legal_basis", "request_type", "offence_category", "urgency")
FINAL = ("executed", "executed_in_part", "refused")


class Reader:
    """Variables for published places; places showing the same count share one variable."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.ranges: list[tuple[int, int | None]] = []
        self.sums: list[tuple[list[str], str]] = []
        self.same: dict[str, str] = {}

    def see(self, place: str, cell: Cell) -> None:
        place = self.same.get(place, place)
        if place not in self.index:
            self.index[place] = len(self.ranges)
            self.ranges.append((cell.low, cell.high))

    def adds_up(self, parts: Iterable[str], total: str) -> None:
        self.sums.append(([self.same.get(p, p) for p in parts], self.same.get(total, total)))

    def extremes(self, place: str) -> tuple[float, float]:
        matrix = np.zeros((len(self.sums), len(self.index)))
        for row, (parts, total) in enumerate(self.sums):
            for part in parts:
                matrix[row, self.index[part]] += 1
            matrix[row, self.index[total]] -= 1
        found = []
        for sign in (1, -1):
            objective = np.zeros(len(self.index))
            objective[self.index[self.same.get(place, place)]] = sign
            result = linprog(objective, A_eq=matrix, b_eq=np.zeros(len(self.sums)), bounds=self.ranges)
            found.append(float("inf") if result.status == 3 else sign * result.fun)
        return found[0], found[1]


def _table(figures: Figures, name: str) -> Table:
    return next(t for t in figures.tables if t.name == name)


def read(figures: Figures) -> tuple[Reader, dict[str, Cell]]:
    """Every published cell by place, and the sums a reader knows hold between them."""
    reader, cells = Reader(), {"received": figures.headline.requests_received}
    cells["identifiers"], cells["decisions"] = (
        figures.headline.identifiers_specified,
        figures.timing.decisions,
    )
    for table in figures.tables:
        for row in table.rows:
            cells |= {
                f"{table.name}/{row.key}/{c}": cell for c, cell in zip(table.columns, row.cells, strict=True)
            }
    for name in ("outcomes_by_quarter", "requesting_state"):
        reader.same |= {f"{name}/total/{o}": f"outcomes/{o}/requests" for o in raw.OUTCOMES}
        reader.same[f"{name}/total/total"] = "received"
    for place, cell in cells.items():
        reader.see(place, cell)
    reader.adds_up((f"outcomes/{o}/requests" for o in raw.OUTCOMES), "received")
    reader.adds_up((f"outcomes/{o}/requests" for o in FINAL), "decisions")
    for name in ("outcomes_by_quarter", "requesting_state"):
        rows = [r.key for r in _table(figures, name).rows if r.key != "total"]
        for row in rows:
            reader.adds_up((f"{name}/{row}/{o}" for o in raw.OUTCOMES), f"{name}/{row}/total")
        for o in (*raw.OUTCOMES, "total"):
            reader.adds_up((f"{name}/{row}/{o}" for row in rows), f"{name}/total/{o}")
    reader.adds_up(
        (f"identifiers_by_state/{r.key}/identifiers" for r in _table(figures, "identifiers_by_state").rows),
        "identifiers",
    )
    for name in SUMMED:
        reader.adds_up((f"{name}/{r.key}/requests" for r in _table(figures, name).rows), "received")
    return reader, cells


def assert_no_band_narrows(figures: Figures, k: int) -> int:
    """Check every banded cell; returns how many there were."""
    reader, cells = read(figures)
    banded = [place for place, cell in cells.items() if (cell.low, cell.high) == (1, k - 1)]
    for place in banded:
        least, most = reader.extremes(place)
        assert least <= 1 + 1e-6 and most >= k - 1 - 1e-6, (place, least, most)
    return len(banded)


def counted(requests: list[tuple[str, str, str, str, bool]]) -> raw.Figures:
    """Exact figures of made-up requests: (State, quarter, outcome, legal basis, emergency)."""
    figures = raw.Figures(received=len(requests), identifiers=2 * len(requests))
    for state, quarter, outcome, basis, emergency in requests:
        figures.outcomes[outcome] += 1
        figures.by_quarter[(quarter, outcome)] += 1
        figures.by_state[(state, outcome)] += 1
        figures.identifiers_by_state[state] += 2
        figures.dimensions.setdefault("legal_basis", Counter())[basis] += 1
        figures.dimensions.setdefault("request_type", Counter())["preservation"] += 1
        figures.dimensions.setdefault("offence_category", Counter())["other"] += 1
        figures.dimensions.setdefault("urgency", Counter())["emergency" if emergency else "routine"] += 1
        if outcome in FINAL:
            figures.days_to_decision[10] += 1
    return figures


REQUESTS = st.lists(
    st.tuples(
        st.sampled_from(["DE", "FR", "BR"]),
        st.sampled_from([q.label for q in YEAR.quarters]),
        st.sampled_from(raw.OUTCOMES),
        st.sampled_from(["uncc", "budapest"]),
        st.booleans(),
    ),
    max_size=60,
)


@settings(max_examples=25, deadline=None)
@given(REQUESTS, st.integers(3, 6))
def test_no_banded_cell_of_a_report_can_be_narrowed_from_all_its_tables(requests, k) -> None:
    assert_no_band_narrows(protected_figures(counted(requests), YEAR, k), k)


def test_the_decisions_timed_do_not_give_away_a_banded_outcome() -> None:
    """Executed 20, in part 3, refused 10: the 33 decisions timed would give the 3 away."""
    requests = [("DE", "2026-Q1", "executed", "uncc", False)] * 20 + [
        ("DE", "2026-Q1", "refused", "uncc", False)
    ] * 10
    requests += [("DE", "2026-Q1", "executed_in_part", "uncc", False)] * 3 + [
        ("DE", "2026-Q1", "pending", "uncc", False)
    ] * 9
    figures = protected_figures(counted(requests), YEAR, 5)
    assert assert_no_band_narrows(figures, 5) > 0
    outcomes = {row.key: row.cells[0].text for row in _table(figures, "outcomes").rows}
    assert outcomes["executed_in_part"] == "1–4"
    assert "≥5" in (figures.timing.decisions.text, outcomes["executed"], outcomes["refused"])


def test_a_row_and_a_column_together_cannot_pin_a_band() -> None:
    """a (banded) shares a row with b and a column with c; with b and c hidden, d shown exactly would give
    c from its row and then a from its column. Protecting lines one at a time misses this."""
    values = {"a": 2, "b": 9, "c": 8, "d": 30, "r1": 11, "r2": 38, "c1": 10, "c2": 39}
    equations = [
        Equation(("a", "b"), "r1"),
        Equation(("c", "d"), "r2"),
        Equation(("a", "c"), "c1"),
        Equation(("b", "d"), "c2"),
    ]

    def reach(shown):
        return dict(ranges({cell: (s.low, s.high) for cell, s in shown.items()}, equations, ["a"]))["a"]

    line_by_line = protect(values, [e.cells for e in equations], 5)
    assert line_by_line["d"].text == "30" and reach(line_by_line) == (2, 2)  # c = 38 - 30, a = 10 - 8
    together = protect(values, [e.cells for e in equations], 5, equations)
    assert together["a"].text == "1–4" and reach(together) == (1, 4)
    assert [c for c in values if together[c].text != line_by_line[c].text] != []
