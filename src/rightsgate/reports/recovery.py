"""What a reader can recover: the least and greatest value each hidden cell can take, given everything
published at once.

The published figures are cells with stated ranges (an exact count, a band, "≥k", or withheld) tied by
equations: a line of cells adds up to its total, wherever the total is published (in the same table or in
another one). A reader may combine every equation of every table; the tightest bounds they can reach by
linear reasoning are the minimum and maximum of each cell over all values satisfying all of them, which
linear programming finds (HiGHS, through SciPy).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np
from scipy.optimize import linprog  # type: ignore[import-untyped]

Key = TypeVar("Key", bound=Hashable)
SLACK = 1e-6


@dataclass(frozen=True)
class Equation(Generic[Key]):
    """The cells of a line add up to its total, itself a published cell."""

    cells: tuple[Key, ...]
    total: Key


def _matrix(equations: Sequence[Equation[Key]], index: Mapping[Key, int]) -> tuple[np.ndarray, np.ndarray]:
    rows = np.zeros((len(equations), len(index)))
    for number, equation in enumerate(equations):
        for cell in equation.cells:
            rows[number, index[cell]] += 1
        rows[number, index[equation.total]] -= 1
    return rows, np.zeros(len(equations))


Bounds = list[tuple[int, int | None]]


def _extreme(
    target: int, size: int, sign: int, system: tuple[np.ndarray, np.ndarray], bounds: Bounds
) -> float:
    """The least (sign 1) or greatest (sign -1) value of one variable over the feasible values."""
    objective = np.zeros(size)
    objective[target] = sign
    found = linprog(objective, A_eq=system[0], b_eq=system[1], bounds=bounds, method="highs")
    if found.status == 3:  # unbounded: no upper limit
        return float("inf")
    if not found.success:
        raise ValueError(f"the published figures are inconsistent: {found.message}")
    return sign * float(found.fun)


def ranges(
    stated: Mapping[Key, tuple[int, int | None]],
    equations: Sequence[Equation[Key]],
    targets: Sequence[Key],
) -> Iterator[tuple[Key, tuple[float, float]]]:
    """For each target cell in turn, the least and greatest value consistent with every stated range and
    equation (`None` as an upper bound: unbounded)."""
    index = {cell: number for number, cell in enumerate(stated)}
    bounds = [stated[cell] for cell in stated]
    system = _matrix([e for e in equations if e.cells], index)
    size = len(index)
    for cell in targets:
        least = _extreme(index[cell], size, 1, system, bounds)
        yield cell, (least, _extreme(index[cell], size, -1, system, bounds))


def narrowed(found: tuple[float, float], wanted: tuple[int, int]) -> bool:
    """Whether a reader can rule out some value of the range the cell states."""
    return found[0] > wanted[0] + SLACK or found[1] < wanted[1] - SLACK
