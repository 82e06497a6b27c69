"""Necessity and proportionality: no more data, for no longer, about no more people than the case needs.

UNCC art 24(1) ties the powers to domestic safeguards that protect human rights; the Necessary and
Proportionate principles ask that a measure be necessary, adequate and proportionate (principles 3-5),
the least intrusive means first. The engine checks what structured facts can show and proposes the exact
narrowing: intrusive data only for offences the policy deems grave enough, a bounded period, specific
identifiers. The weighing itself is never a score: it is left to a person, with the factors listed.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import partial

from rightsgate.rules.citations import cite
from rightsgate.rules.context import Context
from rightsgate.rules.facts import DataCategory, Period, Request
from rightsgate.rules.findings import Finding, MissingFact, Narrowing, Outcome, missing

RULE = "proportionality"
OUTCOMES = frozenset(
    {
        Outcome.satisfied,
        Outcome.not_satisfied,
        Outcome.information_missing,
        Outcome.needs_human_review,
        Outcome.not_applicable,
    }
)
SAFEGUARDS = cite("uncc.24", pinpoint="para 1: conditions and safeguards protecting human rights")
NECESSITY, ADEQUACY, PROPORTIONALITY = cite("np.3"), cite("np.4"), cite("np.5")
WILDCARD = re.compile(r"[*%?]")
UNSPECIFIC = frozenset({"all", "any", "every", "unknown", "n/a"})


def _gravest_known(request: Request, ctx: Context) -> tuple[float | None, tuple[int, ...]]:
    """The highest maximum penalty among the offences that may justify intrusive data, and the places
    of those whose maximum is not given.

    Expression-related offences never justify intrusive measures, so they do not count.
    """
    counted = [
        (i, o)
        for i, o in enumerate(request.offences or ())
        if not ((c := ctx.category(o.category)) and c.expression_related)
    ]
    known = [o.max_penalty_years for _, o in counted if o.max_penalty_years is not None]
    unknown = tuple(i for i, o in counted if o.max_penalty_years is None)
    return (max(known) if known else None), unknown


def _intrusive_data(request: Request, ctx: Context) -> Finding:
    """Traffic, location and content only for offences at or above the policy's threshold; the answer
    depends on the data sought and the gravest offence, so it is remembered."""
    gravest, unknown = _gravest_known(request, ctx)
    key = ("intrusive", request.data_requested, gravest, unknown)
    return ctx.remember(key, _justified, request.data_requested, gravest, unknown, ctx)


def _justified(
    data: tuple[DataCategory, ...] | None, gravest: float | None, unknown: tuple[int, ...], ctx: Context
) -> Finding:
    policy = ctx.policy.proportionality
    threshold = policy.intrusive_min_penalty_years
    intrusive = [c for c in data or () if c.value in policy.intrusive_categories]
    rule, cites = f"{RULE}.intrusive_data", (PROPORTIONALITY, NECESSITY)
    if threshold is not None and data is None:
        fact = MissingFact(field="data_requested", reason="intrusive data need a grave enough offence")
        return missing(rule, [fact], cites, "The data categories sought are not given.")
    result = partial(Finding, rule=rule, citations=cites, facts_used=("offences", "data_requested"))
    if threshold is None or not intrusive:
        return result(
            outcome=Outcome.not_applicable,
            summary="No penalty threshold applies to the data categories sought.",
            facts_used=("data_requested",),
        )
    if gravest is not None and gravest >= threshold:
        summary = f"An offence punishable by {gravest:g} years justifies the intrusive data sought."
        return result(outcome=Outcome.satisfied, summary=summary)
    if unknown:
        reason = "intrusive data need a grave offence"
        facts = [MissingFact(field=f"offences[{i}].max_penalty_years", reason=reason) for i in unknown]
        return missing(rule, facts, cites, "Intrusive data are sought but a maximum penalty is not given.")
    kept = tuple(c for c in data or () if c not in intrusive)
    names = ", ".join(c.value for c in intrusive)
    return result(
        outcome=Outcome.not_satisfied,
        summary=f"{names} data are sought, but no offence that can justify them is punishable by "
        f"{threshold:g} years or more (expression-related offences do not count).",
        narrowing=Narrowing(
            data_categories=kept, reason=f"{names} need an offence punishable by at least {threshold:g} years"
        ),
    )


def _period(request: Request, ctx: Context) -> Finding:
    """A bounded period: beyond the policy's maximum, keep the most recent days up to its end. The
    answer depends on the length only, and on the end where it is too long, so it is remembered."""
    period, limit = request.period, ctx.policy.proportionality.max_period_days
    days = period.days if period else None
    end = period.end if period and limit is not None and period.days > limit else None
    return ctx.remember(("period", days, end), _bounded, period, ctx)


def _bounded(period: Period | None, ctx: Context) -> Finding:
    limit, rule, cites = (
        ctx.policy.proportionality.max_period_days,
        f"{RULE}.period",
        (PROPORTIONALITY, ADEQUACY),
    )
    if period is None:
        fact = MissingFact(field="period", reason="the period must be bounded")
        return missing(rule, [fact], cites, "The period the data cover is not given.")
    result = partial(Finding, rule=rule, citations=cites, facts_used=("period",))
    days = period.days
    if limit is None or days <= limit:
        return result(outcome=Outcome.satisfied, summary=f"The period ({days} days) is within bounds.")
    kept = Period(start=period.end - timedelta(days=limit - 1), end=period.end)
    return result(
        outcome=Outcome.not_satisfied,
        summary=f"The period ({days} days) exceeds {limit} days.",
        narrowing=Narrowing(period=kept, reason=f"the period is limited to the last {limit} days"),
    )


def _is_specific(identifier: str) -> bool:
    return WILDCARD.search(identifier) is None and identifier.strip().lower() not in UNSPECIFIC


def _targets(request: Request, ctx: Context) -> Finding:
    """Specific identifiers only; many targets go to a person, who decides which are needed."""
    rule, cites, limit = f"{RULE}.targets", (ADEQUACY, NECESSITY), ctx.policy.proportionality.max_targets
    if not request.targets:
        fact = MissingFact(field="targets", reason="the identifiers must be specific")
        return missing(rule, [fact], cites, "No target identifiers are given.")
    result = partial(Finding, rule=rule, citations=cites, facts_used=("targets",))
    specific = tuple(t.identifier for t in request.targets if _is_specific(t.identifier))
    if len(specific) < len(request.targets):
        return result(
            outcome=Outcome.not_satisfied,
            summary=f"{len(request.targets) - len(specific)} target(s) are not specific identifiers.",
            narrowing=Narrowing(targets=specific, reason="non-specific identifiers are withheld"),
        )
    if limit is not None and len(specific) > limit:
        summary = f"{len(specific)} targets exceed {limit}: a reviewer must confirm each is needed."
        return result(outcome=Outcome.needs_human_review, summary=summary)
    return result(outcome=Outcome.satisfied, summary=f"{len(specific)} specific target(s).")


def _weighing(request: Request, ctx: Context) -> Finding | None:
    """Intrusive measures call for a person's weighing of necessity and proportionality."""
    policy = ctx.policy.proportionality
    categories = [c.value for c in request.data_requested or () if c.value in policy.weighing_for_categories]
    measure = request.request_type.value in policy.weighing_for_request_types
    if not categories and not measure:
        return None
    factors = ", ".join([*categories, *([request.request_type.value] if measure else [])])
    return Finding(
        rule=f"{RULE}.weighing",
        outcome=Outcome.needs_human_review,
        citations=(SAFEGUARDS, NECESSITY, PROPORTIONALITY),
        facts_used=("data_requested", "request_type"),
        summary=f"A reviewer must weigh necessity and proportionality ({factors}); least intrusive "
        f"means first.",
    )


def check(request: Request, ctx: Context) -> list[Finding]:
    """Threshold for intrusive data, bounded period, specific targets, and the weighing left to a person.
    All but the targets depend on a few facts (data sought, offences, period, measure): remembered."""
    data, measure = request.data_requested, request.request_type
    weighing = ctx.remember(("weighing", data, measure), _weighing, request, ctx)
    findings = [_intrusive_data(request, ctx), _period(request, ctx), _targets(request, ctx)]
    return findings + ([weighing] if weighing else [])
