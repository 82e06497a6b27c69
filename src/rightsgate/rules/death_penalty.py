"""Death penalty: no evidence for a prosecution that may end in execution without an assurance.

The right to life limits the death penalty (ICCPR art 6); States that have abolished it commonly refuse
assistance that may contribute to a death sentence unless assured it will not be imposed or carried out.
The Convention has no such ground of its own: refusing falls under the requested State's essential
interests (UNCC art 40, believed para 21(b)). Where an offence may carry the death penalty, the policy
decides what a missing or refused assurance leads to.
"""

from __future__ import annotations

from collections.abc import Hashable

from rightsgate.rules.citations import cite, with_policy
from rightsgate.rules.context import Context, remembered
from rightsgate.rules.facts import Request
from rightsgate.rules.findings import Condition, Finding, MissingFact, Outcome, missing

RULE = "death_penalty"
OUTCOMES = frozenset(
    {
        Outcome.not_applicable,
        Outcome.satisfied,
        Outcome.information_missing,
        Outcome.refusal_required,
        Outcome.refusal_permitted,
    }
)
LIFE = cite("iccpr.6")
GROUNDS = cite("uncc.40", pinpoint="refusal for essential interests, believed para 21(b), unverified")
NO_DEATH_PENALTY = Condition(
    code="no_death_penalty",
    citations=(LIFE,),
    text="The evidence may not be used to seek, impose or carry out the death penalty.",
)


def _abolished(ctx: Context) -> bool:
    status = ctx.requesting.death_penalty() if ctx.requesting else None
    return status is not None and status.status == "abolitionist"


def _unknown_offences(request: Request) -> list[MissingFact]:
    """The offences whose death-penalty exposure is not stated (all of them, if none is named)."""
    if request.offences is None:
        return [
            MissingFact(field="offences", reason="whether any offence charged can carry the death penalty")
        ]
    return [
        MissingFact(
            field=f"offences[{i}].death_penalty_possible", reason="whether a death sentence is possible"
        )
        for i, o in enumerate(request.offences or ())
        if o.death_penalty_possible is None
    ]


def _with_capital_offence(request: Request, ctx: Context) -> Finding:
    """A capital offence: an express assurance is needed; its refusal engages the policy."""
    assured = request.assurances.death_penalty_not_imposed if request.assurances else None
    policy = ctx.policy.death_penalty
    cites = with_policy((LIFE, GROUNDS), policy.cites)
    if assured:
        return Finding(
            rule=RULE,
            outcome=Outcome.satisfied,
            citations=cites,
            conditions=(NO_DEATH_PENALTY,),
            facts_used=("offences", "assurances.death_penalty_not_imposed"),
            summary="A capital offence is charged and an assurance against the death penalty is given.",
        )
    if assured is None and policy.require_express:
        fact = MissingFact(
            field="assurances.death_penalty_not_imposed", reason="a capital offence is charged"
        )
        return missing(RULE, [fact], cites, "A capital offence is charged and no assurance is given.")
    return Finding(
        rule=RULE,
        outcome=Outcome(policy.when_refused),
        citations=cites,
        facts_used=("offences", "assurances"),
        summary="A capital offence is charged and the death-penalty assurance is refused or absent.",
    )


def _assured_despite_unknown_exposure() -> Finding:
    """An assurance covering the whole request makes an offence's unknown exposure moot."""
    return Finding(
        rule=RULE,
        outcome=Outcome.satisfied,
        citations=(LIFE, GROUNDS),
        conditions=(NO_DEATH_PENALTY,),
        facts_used=("offences", "assurances.death_penalty_not_imposed"),
        summary="Whether the death penalty is possible is not stated, but an assurance against it is given.",
    )


def _reads(request: Request) -> Hashable:
    """Whether each offence can carry the death penalty, and the assurance against it."""
    exposure = None if request.offences is None else tuple(o.death_penalty_possible for o in request.offences)
    return exposure, request.assurances and request.assurances.death_penalty_not_imposed


@remembered(RULE, _reads)
def check(request: Request, ctx: Context) -> list[Finding]:
    """Capital offences need an assurance; unknown exposure is asked about unless abolished or assured,
    also beside a capital offence (knowing one offence is capital never makes the others moot)."""
    unknown = _unknown_offences(request)
    assured = bool(request.assurances and request.assurances.death_penalty_not_imposed)
    asked = []
    if unknown and not assured and not _abolished(ctx):
        summary = "Whether the death penalty is possible is not stated."
        asked.append(missing(RULE, unknown, (LIFE, GROUNDS), summary))
    if any(o.death_penalty_possible for o in request.offences or ()):
        return [_with_capital_offence(request, ctx), *asked]
    if unknown and not _abolished(ctx):
        return asked or [_assured_despite_unknown_exposure()]
    return [
        Finding(
            rule=RULE,
            outcome=Outcome.not_applicable,
            citations=(LIFE,),
            facts_used=("offences",),
            summary="No offence charged can carry the death penalty.",
        )
    ]
