"""Scope: is each offence one the Convention covers, and does the legal basis invoked hold?

The Convention covers its own offences (arts 7-17) and the collection and sharing of electronic evidence
of any serious crime (art 35(1)(c)): conduct punishable by a maximum of at least four years' deprivation
of liberty or a more serious penalty (art 2(h)), as stated by the requesting State. An unknown maximum is
missing information, never "not serious". Each offence is judged on its own: evidence sought for an
offence outside the Convention needs another basis. Where the Convention is invoked, it must be in force
for both States; the Budapest Convention covers evidence of any criminal offence (art 25(1)).
"""

from __future__ import annotations

from rightsgate.law.profile import Treaty
from rightsgate.rules.citations import cite, with_policy
from rightsgate.rules.context import Context
from rightsgate.rules.facts import Instrument, Offence, Request
from rightsgate.rules.findings import Finding, MissingFact, Outcome, domestic_provisions, missing

RULE = "scope"
OUTCOMES = frozenset(
    {
        Outcome.satisfied,
        Outcome.information_missing,
        Outcome.refusal_required,
        Outcome.refusal_permitted,
        Outcome.needs_human_review,
    }
)
SERIOUS = cite("uncc.2", pinpoint="letter (h): serious crime, maximum of at least four years")
COOPERATION = cite("uncc.35", pinpoint="para 1(c): electronic evidence of any serious crime")
OFFENCES = cite("uncc.3")
BASIS = cite("uncc.40", pinpoint="assistance under the Convention between States Parties")
BUDAPEST = cite("budapest.25", pinpoint="para 1: evidence in electronic form of a criminal offence")
TREATY_FIELD: dict[Instrument, Treaty] = {
    Instrument.uncc: "uncc",
    Instrument.budapest: "budapest",
    Instrument.budapest_2ap: "budapest_2ap",
}


def _serious(field: str, offence: Offence, ctx: Context) -> Finding:
    """A serious crime by the penalty the requesting State states, naming its provision and, where its
    profile records the conduct, the domestic provisions and their sources for the reviewer to compare."""
    penalty = (
        "the death penalty" if offence.death_penalty_possible else f"{offence.max_penalty_years:g} years"
    )
    provision = f" under {offence.statute}" if offence.statute else ""
    view, category = ctx.requesting, offence.category
    return Finding(
        rule=f"{RULE}.offence",
        outcome=Outcome.satisfied,
        citations=(SERIOUS, COOPERATION),
        summary=f"{offence.name}{provision} is a serious crime in the requesting State: it carries "
        f"{penalty}, as the request states.",
        facts_used=(f"{field}.max_penalty_years", f"{field}.death_penalty_possible", f"{field}.statute"),
        profile_values_used=domestic_provisions(view, category) if view and category else (),
    )


def _offence_scope(index: int, offence: Offence, request: Request, ctx: Context) -> Finding:
    """One offence: a Convention offence, a serious crime, out of scope, or unknown."""
    field = f"offences[{index}]"
    category = ctx.category(offence.category)
    if category is not None and category.convention_offence:
        article = cite(f"uncc.{category.convention_article}")
        return Finding(
            rule=f"{RULE}.offence",
            outcome=Outcome.satisfied,
            citations=(article, OFFENCES),
            summary=f"{offence.name} is a Convention offence (art {category.convention_article}).",
            facts_used=(f"{field}.category",),
        )
    threshold = ctx.law.parameters.serious_crime_min_years.value
    if offence.death_penalty_possible or (offence.max_penalty_years or 0) >= threshold:
        return _serious(field, offence, ctx)
    if offence.max_penalty_years is None:
        fact = MissingFact(
            field=f"{field}.max_penalty_years", reason="the maximum penalty decides whether it is serious"
        )
        return missing(
            f"{RULE}.offence",
            [fact],
            (SERIOUS, COOPERATION),
            f"The maximum penalty for {offence.name} is not given.",
        )
    return Finding(
        rule=f"{RULE}.offence",
        outcome=Outcome(ctx.policy.scope.out_of_scope),
        citations=with_policy((SERIOUS, COOPERATION), ctx.policy.scope.cites),
        summary=f"{offence.name} (maximum {offence.max_penalty_years:g} years) is neither a Convention "
        f"offence nor a serious crime.",
        facts_used=(f"{field}.max_penalty_years", f"{field}.category"),
    )


def _treaty_in_force(request: Request, ctx: Context, instrument: Instrument) -> Finding:
    """Both States must be bound by the treaty invoked on the date of assessment."""
    treaty = TREATY_FIELD[instrument]
    cites = (BASIS,) if instrument is Instrument.uncc else (BUDAPEST,)
    states = {request.requesting_state: ctx.requesting, request.requested_state: ctx.requested}
    statuses = {code: (view.in_force(treaty) if view else None) for code, view in states.items()}
    if all(statuses.values()):
        return Finding(
            rule=f"{RULE}.legal_basis",
            outcome=Outcome.satisfied,
            citations=cites,
            summary=f"The treaty invoked ({treaty}) is in force for both States.",
            facts_used=("legal_basis.instrument",),
        )
    if False in statuses.values():
        unbound = ", ".join(code for code, status in statuses.items() if status is False)
        return Finding(
            rule=f"{RULE}.legal_basis",
            outcome=Outcome.refusal_permitted,
            citations=cites,
            summary=f"The treaty invoked ({treaty}) is not in force for {unbound} on {ctx.on}: "
            f"there is no treaty obligation to assist.",
            facts_used=("legal_basis.instrument",),
        )
    unknown = ", ".join(code for code, status in statuses.items() if status is None)
    return Finding(
        rule=f"{RULE}.legal_basis",
        outcome=Outcome.needs_human_review,
        citations=cites,
        summary=f"No profile records whether {treaty} is in force for {unknown}: a reviewer must confirm it.",
        facts_used=("legal_basis.instrument",),
    )


def _legal_basis(request: Request, ctx: Context) -> Finding:
    """The instrument invoked: a treaty in force, or another basis a reviewer must confirm."""
    instrument = request.legal_basis.instrument if request.legal_basis else None
    if instrument is None:
        fact = MissingFact(
            field="legal_basis.instrument", reason="the instrument under which assistance is sought"
        )
        return missing(f"{RULE}.legal_basis", [fact], (BASIS,), "The request does not name its legal basis.")
    if instrument in TREATY_FIELD:
        return _treaty_in_force(request, ctx, instrument)
    return Finding(
        rule=f"{RULE}.legal_basis",
        outcome=Outcome.needs_human_review,
        citations=(BASIS,),
        summary=f"The request relies on {instrument.value}: a reviewer must confirm that basis.",
        facts_used=("legal_basis.instrument",),
    )


def check(request: Request, ctx: Context) -> list[Finding]:
    """The legal basis, then each offence against the Convention's scope (where the Convention applies).
    Each answer depends on the instrument, or on one offence and its place, so it is remembered."""
    instrument = request.legal_basis.instrument if request.legal_basis else None
    findings = [ctx.remember((RULE, instrument), _legal_basis, request, ctx)]
    if instrument not in (None, Instrument.uncc):
        return findings
    findings += [
        ctx.remember((RULE, i, o.key), _offence_scope, i, o, request, ctx)
        for i, o in enumerate(request.offences or ())
    ]
    return findings
