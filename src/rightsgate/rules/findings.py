"""What a rule returns: findings with an outcome, citations, the facts used and what is missing.

An unknown fact is never read as "no": a rule that needs a fact the request does not give returns
`information_missing` naming the fact. A rule whose answer is a matter of judgement returns
`needs_human_review` with the factors; the engine never weighs on a person's behalf.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from rightsgate.law.profile import ProfileAt
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


@dataclass(frozen=True, slots=True, kw_only=True)
class MissingFact:
    """A fact the rule needs and the request does not give, by its field path."""

    field: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ProfileValue:
    """A value read from a State's profile, with where it comes from and since when it holds."""

    state: str
    key: str
    value: str
    source: str
    url: str | None = None


def domestic_provisions(view: ProfileAt, category: str) -> tuple[ProfileValue, ...]:
    """The provisions of a State's law in force on the date that cover a conduct category, with sources."""
    return tuple(
        ProfileValue(
            state=view.code,
            key=f"offences.{found.offence.id}",
            value=f"{found.offence.statute} ({found.offence.name}), {found.penalty.describe()}",
            source=found.penalty.source.title,
            url=str(found.penalty.source.url) if found.penalty.source.url else None,
        )
        for found in view.offences_for(category)
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """Words in the request behind a screening sign, by field path and character span.

    `signal` says what the words are: `conduct` described, an `offence_category` that is itself a sign, a
    charge whose category `contrast`s with the conduct, a `victim_charge` (a charge naming a victim, such
    as fraud or threats, which lowers the confidence of the tag it is cited for), or `harm` to systems or
    victims (which lowers confidence; its tag is then `harm`).
    """

    field: str
    tag: str
    start: int
    end: int
    text: str
    signal: str = "conduct"


@dataclass(frozen=True, slots=True, kw_only=True)
class Sign:
    """A protected activity the screening found signs of: its tag, a confidence from 0 to 1, and the
    signals that gave it (conduct, offence_category, contrast, harm, victim_charge); the spans are the
    finding's evidence."""

    tag: str
    confidence: float
    signals: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Condition:
    """A condition of use to attach to any transfer."""

    code: str
    text: str
    citations: tuple[Citation, ...]

    def __post_init__(self) -> None:
        if not self.citations:
            raise ValueError(f"condition {self.code} cites nothing")


@dataclass(frozen=True, slots=True, kw_only=True)
class Narrowing:
    """The exact scope that would make the request executable; None leaves that dimension as requested."""

    data_categories: tuple[DataCategory, ...] | None = None
    period: Period | None = None
    targets: tuple[str, ...] | None = None
    withheld_measures: tuple[str, ...] = ()
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    rule: str
    outcome: Outcome
    summary: str
    citations: tuple[Citation, ...]
    facts_used: tuple[str, ...] = ()
    missing_facts: tuple[MissingFact, ...] = ()
    profile_values_used: tuple[ProfileValue, ...] = ()
    narrowing: Narrowing | None = None
    conditions: tuple[Condition, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    signs: tuple[Sign, ...] = ()

    def __post_init__(self) -> None:
        """Every finding cites the law."""
        if not self.citations:
            raise ValueError(f"finding of {self.rule} cites nothing")


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
