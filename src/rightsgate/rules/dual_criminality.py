"""Dual criminality: would the conduct be an offence in the requested State, whatever it is called?

Where dual criminality is required, it is met when the underlying conduct is criminal in both States,
whatever the offence's name or category (UNCC art 35, believed para 3; Budapest art 25(5); UNTOC 18(9)
lets a State decline assistance without it). The conduct is matched through the offence taxonomy against
the requested State's profile on the date. A profile that is silent about a category leaves the question
to a person: silence is not "not criminal".
"""

from __future__ import annotations

from rightsgate.law.profile import ProfileAt
from rightsgate.rules.citations import cite, with_policy
from rightsgate.rules.context import Context
from rightsgate.rules.facts import Offence, Request
from rightsgate.rules.findings import (
    Finding,
    MissingFact,
    Outcome,
    ProfileValue,
    domestic_provisions,
    missing,
)

RULE = "dual_criminality"
OUTCOMES = frozenset(
    {
        Outcome.not_applicable,
        Outcome.satisfied,
        Outcome.information_missing,
        Outcome.refusal_required,
        Outcome.refusal_permitted,
        Outcome.needs_human_review,
    }
)
DEEMED = cite("uncc.35", pinpoint="dual criminality deemed fulfilled by conduct; believed para 3, unverified")
MAY_DECLINE = cite("untoc.18", pinpoint="para 9: assistance may be declined for lack of dual criminality")
BY_CONDUCT = cite("budapest.25", pinpoint="para 5: conduct test whatever the denomination")


def _lacking(index: int, offence: Offence, request: Request, ctx: Context, view: ProfileAt) -> Finding:
    """The requested State's profile records the conduct as not criminal: the policy says what follows."""
    policy = ctx.policy.dual_criminality
    required = request.request_type.value in policy.required_for
    record = view.not_criminal(offence.category or "")
    assert record is not None
    return Finding(
        rule=RULE,
        outcome=Outcome(policy.when_lacking_required if required else policy.when_lacking_otherwise),
        summary=f"The conduct behind {offence.name} ({offence.category}) is not an offence in {view.code}.",
        citations=with_policy((DEEMED, MAY_DECLINE), policy.cites),
        facts_used=(f"offences[{index}].category", "request_type"),
        profile_values_used=(
            ProfileValue(
                state=view.code,
                key=f"not_criminalised.{offence.category}",
                value="not an offence",
                source=record.source.title,
                url=str(record.source.url) if record.source.url else None,
            ),
        ),
    )


def _offence(index: int, offence: Offence, request: Request, ctx: Context) -> Finding:
    """Match one offence's conduct category against the requested State's law in force."""
    if offence.category is None:
        fact = MissingFact(
            field=f"offences[{index}].category", reason="the conduct must be matched by category"
        )
        return missing(RULE, [fact], (DEEMED,), f"The conduct category of {offence.name} is not given.")
    view = ctx.requested
    if view is None:
        return Finding(
            rule=RULE,
            outcome=Outcome.needs_human_review,
            citations=(DEEMED, MAY_DECLINE),
            summary=f"There is no profile of {request.requested_state}: a reviewer must establish "
            f"whether {offence.category} conduct is criminal there.",
            facts_used=(f"offences[{index}].category",),
        )
    provisions = domestic_provisions(view, offence.category)
    if provisions:
        return Finding(
            rule=RULE,
            outcome=Outcome.satisfied,
            citations=(DEEMED, BY_CONDUCT),
            summary=f"The conduct behind {offence.name} is an offence in {view.code}.",
            facts_used=(f"offences[{index}].category",),
            profile_values_used=provisions,
        )
    if view.not_criminal(offence.category) is not None:
        return _lacking(index, offence, request, ctx, view)
    return Finding(
        rule=RULE,
        outcome=Outcome.needs_human_review,
        citations=(DEEMED, MAY_DECLINE),
        summary=f"The profile of {view.code} does not record whether {offence.category} conduct is "
        f"criminal: a reviewer must establish it.",
        facts_used=(f"offences[{index}].category",),
    )


def _exempt(request: Request) -> Finding:
    return Finding(
        rule=RULE,
        outcome=Outcome.not_applicable,
        citations=(DEEMED,),
        summary=f"Dual criminality is not required for {request.request_type.value}.",
        facts_used=("request_type",),
    )


def check(request: Request, ctx: Context) -> list[Finding]:
    """One finding per offence, unless the measure is exempt from dual criminality under the policy.
    Each answer depends on the offence, its place and the measure only, so it is remembered."""
    measure = request.request_type
    if measure.value in ctx.policy.dual_criminality.exempt:
        return [ctx.remember((RULE, measure), _exempt, request)]
    return [
        ctx.remember((RULE, measure, i, o.name, o.category), _offence, i, o, request, ctx)
        for i, o in enumerate(request.offences or ())
    ]
