"""What a rule sees besides the request: the law, the policy applied and the date of assessment.

The date is an input: no rule reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from rightsgate.law.loader import Law
from rightsgate.law.policy import Policy
from rightsgate.law.profile import ProfileAt
from rightsgate.law.taxonomy import OffenceCategory
from rightsgate.rules.facts import Request


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
