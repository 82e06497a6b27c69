"""Small-cell protection: a banded cell can never be narrowed from the published totals."""

from hypothesis import given
from hypothesis import strategies as st

from rightsgate.reports.suppression import Shown, protect


def reader_range(values: list[int], shown: list[Shown], target: int) -> tuple[int, int]:
    """What a reader who knows the line total and every shown cell can tell about one cell, exactly:
    with one sum constraint and a range per cell, every integer in this range is attainable."""
    total = sum(values)
    others = [s for i, s in enumerate(shown) if i != target]
    rest = total - sum(s.low for s in others)
    tops = [s.high for s in others]
    least = shown[target].low if None in tops else max(shown[target].low, total - sum(tops))
    return least, rest if shown[target].high is None else min(shown[target].high, rest)


def one_line(values: list[int], k: int) -> list[Shown]:
    cells = protect(dict(enumerate(values)), [list(range(len(values)))], k)
    return [cells[i] for i in range(len(values))]


@given(st.lists(st.integers(0, 40), min_size=2, max_size=9), st.integers(3, 10))
def test_no_small_cell_can_be_recovered_from_the_total(values: list[int], k: int) -> None:
    shown = one_line(values, k)
    for index, value in enumerate(values):
        assert shown[index].low <= value <= (shown[index].high if shown[index].high is not None else value)
        if 0 < value < k:
            least, most = reader_range(values, shown, index)
            assert least < most, (values, shown, index)
            if shown[index].text != "withheld":
                assert (least, most) == (1, k - 1)


@given(st.lists(st.integers(0, 40), min_size=2, max_size=9), st.integers(3, 10))
def test_cells_of_at_least_the_threshold_are_exact_unless_hidden_for_a_small_one(values, k) -> None:
    shown = one_line(values, k)
    if all(v == 0 or v >= k for v in values):
        assert [s.text for s in shown] == [str(v) for v in values]


@given(
    st.lists(st.lists(st.integers(0, 12), min_size=2, max_size=4), min_size=2, max_size=4), st.integers(3, 6)
)
def test_every_row_and_column_of_a_two_way_table_is_protected(grid: list[list[int]], k: int) -> None:
    width = min(len(row) for row in grid)
    values = {(r, c): grid[r][c] for r in range(len(grid)) for c in range(width)}
    rows = [[(r, c) for c in range(width)] for r in range(len(grid))]
    columns = [[(r, c) for r in range(len(grid))] for c in range(width)]
    cells = protect(values, rows + columns, k)
    for line in rows + columns:
        line_values, line_shown = [values[key] for key in line], [cells[key] for key in line]
        for index, value in enumerate(line_values):
            if 0 < value < k:
                least, most = reader_range(line_values, line_shown, index)
                assert least < most


def test_examples() -> None:
    assert [s.text for s in one_line([12, 3, 40, 7], 5)] == ["12", "1–4", "40", "≥5"]
    assert [s.text for s in one_line([1, 5, 9], 5)] == ["1–4", "5", "≥5"]
    assert [s.text for s in one_line([4, 4], 5)] == ["withheld", "withheld"]
    assert [s.text for s in one_line([0, 7, 9], 5)] == ["0", "7", "9"]
