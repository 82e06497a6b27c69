"""What a rule returns: findings with an outcome, citations, the facts used and what is missing.

An unknown fact is never read as "no": a rule that needs a fact the request does not give returns
`information_missing` naming the fact. A rule whose answer is a matter of judgement returns
`needs_human_review` with the factors; the engine never weighs on a person's behalf.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rightsgate.rules.citations import Citation
from rightsgate.rules.facts import DataCategory, Period


class Outcome(StrEnum):
    not_applicable = "not_applicable"
    satisfied = "satisfied"
    not_satisfied = "not_satisfied"
    information_missing = "information_missing"
    refusal_required = "refusal_required"
    refusal_permitted = "refusal_permitted"
    needs_human_review = "needs_human_review"


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MissingFact(Frozen):
    """A fact the rule needs and the request does not give, by its field path."""

    field: str
    reason: str


class ProfileValue(Frozen):
    """A value read from a State's profile, with where it comes from and since when it holds."""

    state: str
    key: str
    value: str
    source: str
    url: str | None = None


class Evidence(Frozen):
    """Words in the request that triggered a screening sign."""

    field: str
    tag: str
    start: int
    end: int
    text: str


class Condition(Frozen):
    """A condition of use to attach to any transfer."""

    code: str
    text: str
    citations: tuple[Citation, ...] = Field(min_length=1)


class Narrowing(Frozen):
    """The exact scope that would make the request executable; None leaves that dimension as requested."""

    data_categories: tuple[DataCategory, ...] | None = None
    period: Period | None = None
    targets: tuple[str, ...] | None = None
    withheld_measures: tuple[str, ...] = ()
    reason: str


class Finding(Frozen):
    rule: Annotated[str, Field(pattern=r"^[a-z_]+(\.[a-z_]+)?$")]
    outcome: Outcome
    summary: str
    citations: tuple[Citation, ...] = Field(min_length=1)
    facts_used: tuple[str, ...] = ()
    missing_facts: tuple[MissingFact, ...] = ()
    profile_values_used: tuple[ProfileValue, ...] = ()
    narrowing: Narrowing | None = None
    conditions: tuple[Condition, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    @field_validator("citations")
    @classmethod
    def _each_provision_once(cls, citations: tuple[Citation, ...]) -> tuple[Citation, ...]:
        """A provision cited twice is shown once, with the first pinpoint given."""
        return tuple({c.id: c for c in reversed(citations)}[cid] for cid in dict.fromkeys(c.id for c in citations))


def missing(rule: str, facts: list[MissingFact], citations: tuple[Citation, ...], summary: str) -> Finding:
    """An `information_missing` finding listing each missing fact."""
    return Finding(
        rule=rule,
        outcome=Outcome.information_missing,
        summary=summary,
        citations=citations,
        missing_facts=tuple(facts),
    )


def period_overlap(first: Period, second: Period) -> Period | None:
    """The days two periods share, or None."""
    start: date = max(first.start, second.start)
    end: date = min(first.end, second.end)
    return Period(start=start, end=end) if start <= end else None
