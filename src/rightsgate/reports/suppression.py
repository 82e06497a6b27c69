"""Small-cell protection: bands for small counts, and complementary suppression so they stay hidden.

A count from 1 to k-1 (k = the stated threshold) is shown only as the band "1–(k-1)" (primary
suppression). Along every line whose total is published (a whole one-way table; each row and each column
of a two-way table), a reader who knows the total and the shown cells can subtract; so more cells are
hidden (complementary suppression, shown as "≥k") until, for every banded cell, each value of its band
stays consistent with everything published. If a line cannot be protected that way, all its cells are
withheld. Every total is treated as published, even where it is itself banded, which errs on the safe side.

Lines are first protected one at a time; then a reader combining every equation of every table at once
is modelled (`recovery`), and while any banded cell can still be narrowed, the smallest shown cell of at
least k near it is hidden too (or, failing one, its lines are withheld) and the lines are protected again.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from rightsgate.reports.recovery import Equation, narrowed, ranges

Key = TypeVar("Key", bound=Hashable)


class Kind(StrEnum):
    exact = "exact"
    primary = "primary"
    complement = "complement"
    withheld = "withheld"


@dataclass(frozen=True, slots=True)
class Shown:
    """What a reader sees of a cell: a text and the bounds it states (`high` None: no upper bound)."""

    text: str
    low: int
    high: int | None


def bounds(kind: Kind, value: int, k: int) -> tuple[int, int | None]:
    """The range a reader can tell from how the cell is shown."""
    return {
        Kind.exact: (value, value),
        Kind.primary: (1, k - 1),
        Kind.complement: (k, None),
        Kind.withheld: (0, None),
    }[kind]


def shown(kind: Kind, value: int, k: int) -> Shown:
    low, high = bounds(kind, value, k)
    text = {Kind.exact: str(value), Kind.primary: f"{low}–{high}", Kind.complement: f"≥{low}"}
    return Shown(text.get(kind, "withheld"), low, high)


def feasible(
    line: Sequence[Key], target: Key, values: Mapping[Key, int], kinds: Mapping[Key, Kind], k: int
) -> tuple[int, int]:
    """The least and greatest value `target` can take, given the line's total and how its cells show."""
    hidden = sum(values[c] for c in line if kinds[c] is not Kind.exact)
    others = [bounds(kinds[c], values[c], k) for c in line if c != target and kinds[c] is not Kind.exact]
    low, high = bounds(kinds[target], values[target], k)
    ceiling = hidden - sum(bottom for bottom, _ in others)
    tops = [top for _, top in others]
    floor = low if None in tops else max(low, hidden - sum(top for top in tops if top is not None))
    return floor, ceiling if high is None else min(high, ceiling)


def _safe(
    line: Sequence[Key], cell: Key, values: Mapping[Key, int], kinds: Mapping[Key, Kind], k: int
) -> bool:
    """A banded cell can still be anything in its band; a withheld small cell, at least two values."""
    if not 0 < values[cell] < k:
        return True
    low, high = feasible(line, cell, values, kinds, k)
    return (low, high) == (1, k - 1) if kinds[cell] is Kind.primary else low < high


def protected(line: Sequence[Key], values: Mapping[Key, int], kinds: Mapping[Key, Kind], k: int) -> bool:
    """Whether no small cell of the line can be narrowed from its total and the cells shown."""
    return all(_safe(line, cell, values, kinds, k) for cell in line)


def _next_complement(
    line: Sequence[Key], candidates: list[Key], values: Mapping[Key, int], kinds: dict[Key, Kind], k: int
) -> Key:
    """The smallest candidate that protects the line on its own, else the largest."""
    for cell in candidates:
        if protected(line, values, {**kinds, cell: Kind.complement}, k):
            return cell
    return candidates[-1]


def _protect_line(line: Sequence[Key], values: Mapping[Key, int], kinds: dict[Key, Kind], k: int) -> bool:
    """Hide shown cells of at least k until the line is protected, or else withhold the whole line.
    Returns whether anything changed."""
    changed = False
    candidates = sorted(
        (c for c in line if kinds[c] is Kind.exact and values[c] >= k), key=lambda c: values[c]
    )
    while not protected(line, values, kinds, k):
        if not candidates:
            changed = changed or any(kinds[cell] is not Kind.withheld for cell in line)
            kinds.update({cell: Kind.withheld for cell in line})
            return changed
        cell = _next_complement(line, candidates, values, kinds, k)
        candidates.remove(cell)
        kinds[cell] = Kind.complement
        changed = True
    return changed


def _protect_lines(
    lines: Sequence[Sequence[Key]], values: Mapping[Key, int], kinds: dict[Key, Kind], k: int
) -> None:
    """Protect each line until no line needs more."""
    changed = True
    while changed:
        changed = False
        for line in lines:
            changed = _protect_line(line, values, kinds, k) or changed


def exposed(
    values: Mapping[Key, int],
    kinds: Mapping[Key, Kind],
    equations: Sequence[Equation[Key]],
    k: int,
    safe: set[Key],
) -> Key | None:
    """The first small cell a reader combining every equation can narrow (a band to part of it, a
    withheld small count to one value), if any. Hiding more only widens what a reader can tell, so a cell
    found safe (added to `safe`) stays safe and is not checked again."""
    if not equations:
        return None
    small = [
        c for c, value in values.items() if 0 < value < k and kinds[c] is not Kind.exact and c not in safe
    ]
    stated = {cell: bounds(kinds[cell], values[cell], k) for cell in values}
    for cell, found in ranges(stated, equations, small):
        if narrowed(found, (1, k - 1)) if kinds[cell] is Kind.primary else found[1] - found[0] < 1:
            return cell
        safe.add(cell)
    return None


def _hide_near(
    cell: Key, values: Mapping[Key, int], kinds: dict[Key, Kind], equations: Sequence[Equation[Key]], k: int
) -> None:
    """Hide the smallest shown cell of at least k in an equation with `cell`, else withhold them all."""
    near = {c for e in equations if cell in (*e.cells, e.total) for c in (*e.cells, e.total)}
    shown = sorted((c for c in near if kinds[c] is Kind.exact and values[c] >= k), key=lambda c: values[c])
    if shown:
        kinds[shown[0]] = Kind.complement
    else:
        kinds.update({c: Kind.withheld for c in near if kinds[c] is not Kind.withheld})


def protect(
    values: Mapping[Key, int],
    lines: Iterable[Sequence[Key]],
    k: int,
    equations: Sequence[Equation[Key]] = (),
) -> dict[Key, Shown]:
    """Band every small cell, protect each line, then hide more until no small cell can be narrowed from
    all the equations together; how each cell is shown."""
    kinds = {cell: Kind.primary if 0 < value < k else Kind.exact for cell, value in values.items()}
    every = [list(line) for line in lines]
    _protect_lines(every, values, kinds, k)
    safe: set[Key] = set()
    while (found := exposed(values, kinds, equations, k, safe)) is not None:
        before = dict(kinds)
        _hide_near(found, values, kinds, equations, k)
        if kinds == before:
            kinds.update({cell: Kind.withheld for cell in values})
        _protect_lines(every, values, kinds, k)
    return {cell: shown(kinds[cell], values[cell], k) for cell in values}
