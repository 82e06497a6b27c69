"""What a rule sees besides the request: the law, the policy applied and the date of assessment.

The date is an input: no rule reads the clock.

A rule's answer to part of a request is a pure function of that part, the law and the policy, so a
rule may remember it (`Context.remember`) under a key naming every fact of the request it reads. Findings
are immutable, so a remembered one is shared safely. Memory is kept per policy, date and pair of State
views, checked by identity, so changed law data is never answered from memory.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from functools import cached_property, wraps
from typing import Any, TypeVar

from rightsgate.law.loader import Law
from rightsgate.law.policy import Policy
from rightsgate.law.profile import ProfileAt
from rightsgate.law.taxonomy import OffenceCategory
from rightsgate.rules.facts import Request

T = TypeVar("T")
MEMORY_LIMIT = 50_000  # answers kept per policy, date and pair of States before memory starts afresh


@dataclass(frozen=True)
class Context:
    law: Law
    policy: Policy
    on: date
    request: Request

    @cached_property
    def requested(self) -> ProfileAt | None:
        """The requested State's law in force on the date, if it has a profile."""
        profile = self.law.profile(self.request.requested_state)
        return profile.at(self.on) if profile else None

    @cached_property
    def requesting(self) -> ProfileAt | None:
        """The requesting State's law in force on the date, if it has a profile."""
        profile = self.law.profile(self.request.requesting_state)
        return profile.at(self.on) if profile else None

    def category(self, category_id: str | None) -> OffenceCategory | None:
        return self.law.taxonomy.get(category_id) if category_id else None

    @cached_property
    def _memory(self) -> dict[Hashable, Any]:
        """The answers remembered for this policy, date and pair of States (views compared by identity)."""
        request = self.request
        scope = (self.policy, self.requesting, self.requested)
        key = (*map(id, scope), self.on, request.requesting_state, request.requested_state)
        kept = self.law.remembered.get(key)
        if kept is None or any(a is not b for a, b in zip(kept[0], scope, strict=True)):
            kept = self.law.remembered[key] = (scope, {})
        if len(kept[1]) > MEMORY_LIMIT:
            kept[1].clear()
        return kept[1]

    def remember(self, key: Hashable, work_out: Callable[..., T], *args: Any) -> T:
        """`work_out(*args)`, worked out once per key; the key must name every request fact it reads."""
        memory = self._memory
        if key in memory:
            return memory[key]  # type: ignore[no-any-return]
        answer = memory[key] = work_out(*args)
        return answer


Check = Callable[[Request, Context], list[Any]]


def _as_tuple(check: Check, request: Request, ctx: Context) -> tuple[Any, ...]:
    return tuple(check(request, ctx))


def remembered(rule: str, reads: Callable[[Request], Hashable]) -> Callable[[Check], Check]:
    """A rule's check, remembered under the request facts it reads (`reads` must name every one)."""

    def decorate(check: Check) -> Check:
        @wraps(check)
        def remembering(request: Request, ctx: Context) -> list[Any]:
            return list(ctx.remember((rule, reads(request)), _as_tuple, check, request, ctx))

        return remembering

    return decorate
