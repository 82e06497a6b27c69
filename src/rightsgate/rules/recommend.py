"""The recommendation: a pure function of the findings. The engine advises; a person decides.

In this order:
1. **refuse** if any finding requires refusal, if a requirement is not met and no narrowing can cure it,
   or if the narrowings together leave nothing to execute (a fact that is known to fail cannot be cured
   by asking for more information, so this comes first);
2. else **request_more_information** if any fact is missing, listing each one and the rules that need it;
3. else **execute_in_part** if requirements are unmet but every one carries a narrowing: the exact data
   categories, period and targets that remain, and the measures withheld;
4. else **execute**.
`human_review_required` is separate: it is set by any finding that needs a person's judgement or that
permits (but does not require) refusal, with the reasons. A discretionary ground never refuses by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from rightsgate.rules.citations import Citation
from rightsgate.rules.facts import DataCategory, Period, Request
from rightsgate.rules.findings import Condition, Finding, Narrowing, Outcome, period_overlap


class Action(StrEnum):
    execute = "execute"
    execute_in_part = "execute_in_part"
    request_more_information = "request_more_information"
    refuse = "refuse"


T = TypeVar("T")

PERMISSIVENESS = {
    Action.execute: 3,
    Action.execute_in_part: 2,
    Action.request_more_information: 1,
    Action.refuse: 0,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Ground:
    """A reason the request cannot be executed, or needs a person: the rule, why, and on what law."""

    rule: str
    summary: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class MissingItem:
    field: str
    reason: str
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Scope:
    """What remains executable after every narrowing; None where the request does not state it."""

    data_categories: tuple[DataCategory, ...] | None
    period: Period | None
    targets: tuple[str, ...] | None
    withheld_measures: tuple[str, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Recommendation:
    action: Action
    grounds: tuple[Ground, ...] = ()
    missing: tuple[MissingItem, ...] = ()
    narrowing: Scope | None = None
    conditions: tuple[Condition, ...] = ()
    review_reasons: tuple[Ground, ...] = ()
    human_review_required: bool = False

    def __post_init__(self) -> None:
        """A person must review whenever, and only when, a finding gave a reason to."""
        if self.human_review_required != bool(self.review_reasons):
            raise ValueError("human_review_required must reflect the review reasons")


REVIEW = frozenset({Outcome.needs_human_review, Outcome.refusal_permitted})


def _ground(finding: Finding) -> Ground:
    return Ground(rule=finding.rule, summary=finding.summary, citations=finding.citations)


def _keep(current: tuple[T, ...] | None, allowed: tuple[T, ...] | None) -> tuple[T, ...] | None:
    """What a narrowing leaves of one dimension; of an unstated one, at most what it allows."""
    if allowed is None:
        return current
    if current is None:
        return allowed
    return tuple(item for item in current if item in allowed)


def _intersect(request: Request, narrowings: list[Narrowing]) -> Scope:
    """Apply every narrowing to the request's own scope; each can only take away."""
    categories = tuple(request.data_requested) if request.data_requested is not None else None
    targets = tuple(t.identifier for t in request.targets) if request.targets is not None else None
    period: Period | None = request.period
    withheld: tuple[str, ...] = ()
    for narrowing in narrowings:
        categories = _keep(categories, narrowing.data_categories)
        targets = _keep(targets, narrowing.targets)
        if narrowing.period is not None:
            period = period_overlap(period, narrowing.period) if period else None
        withheld += tuple(m for m in narrowing.withheld_measures if m not in withheld)
    return Scope(
        data_categories=categories,
        period=period,
        targets=targets,
        withheld_measures=withheld,
        reasons=tuple(n.reason for n in narrowings),
    )


def _is_empty(scope: Scope, request: Request) -> bool:
    """Nothing is left to execute in a dimension the request states; an unstated one is unknown, not empty."""
    return (
        scope.data_categories == ()
        or scope.targets == ()
        or (request.period is not None and scope.period is None)
    )


def _missing(findings: list[Finding]) -> tuple[MissingItem, ...]:
    """Each missing fact once, with every rule that needs it."""
    items: dict[str, MissingItem] = {}
    for finding in findings:
        for fact in finding.missing_facts:
            known = items.get(fact.field)
            rules = (*known.rules, finding.rule) if known else (finding.rule,)
            items[fact.field] = MissingItem(
                field=fact.field, reason=fact.reason, rules=tuple(dict.fromkeys(rules))
            )
    return tuple(items.values())


def _conditions(findings: list[Finding]) -> tuple[Condition, ...]:
    return tuple({c.code: c for f in findings for c in f.conditions}.values())


def _refusal_grounds(
    by_outcome: dict[Outcome, list[Finding]], scope: Scope | None, request: Request
) -> list[Ground]:
    """Refusals required, requirements no narrowing cures, and narrowings that together leave nothing."""
    unmet = by_outcome.get(Outcome.not_satisfied, [])
    grounds = [_ground(f) for f in by_outcome.get(Outcome.refusal_required, ())]
    grounds += [_ground(f) for f in unmet if f.narrowing is None]
    if scope is not None and _is_empty(scope, request):
        grounds += [_ground(f) for f in unmet if f.narrowing is not None]
    return grounds


def _by_outcome(findings: list[Finding]) -> dict[Outcome, list[Finding]]:
    """The findings grouped by outcome, each group in the findings' order."""
    groups: dict[Outcome, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.outcome, []).append(finding)
    return groups


def recommend(request: Request, findings: list[Finding]) -> Recommendation:
    """Turn findings into one of four actions, with grounds, missing facts, narrowing and review reasons."""
    by_outcome = _by_outcome(findings)
    narrowings = [f.narrowing for f in by_outcome.get(Outcome.not_satisfied, ()) if f.narrowing]
    scope = _intersect(request, narrowings) if narrowings else None
    reviews = tuple(_ground(f) for f in findings if f.outcome in REVIEW)
    if grounds := _refusal_grounds(by_outcome, scope, request):
        return _advice(Action.refuse, reviews, grounds=tuple(grounds))
    if missing := _missing(findings):
        return _advice(Action.request_more_information, reviews, missing=missing, narrowing=scope)
    action = Action.execute_in_part if scope else Action.execute
    return _advice(action, reviews, narrowing=scope, conditions=_conditions(findings))


def _advice(action: Action, reviews: tuple[Ground, ...], **details: Any) -> Recommendation:
    """The recommendation, flagged for a person's review whenever a finding gave a reason to."""
    return Recommendation(
        action=action, review_reasons=reviews, human_review_required=bool(reviews), **details
    )
