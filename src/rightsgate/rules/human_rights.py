"""Persecution and discrimination: is the request aimed at protected expression, belief or identity?

Nothing in the Convention may be read as permitting the suppression of freedom of expression,
conscience, opinion, religion, peaceful assembly or association (UNCC art 6(2), an interpretive bar,
not a refusal ground on its own). A State has no obligation to assist where there are substantial grounds
to believe a request aims to punish a person for their sex, race, language, religion, nationality, ethnic
origin or political opinions (art 40, believed para 22). The policy decides what an offence criminalising
expression leads to; signs in the narrative and the requesting State's recorded risks go to a person.
"""

from __future__ import annotations

from rightsgate.rules.citations import cite, with_policy
from rightsgate.rules.context import Context
from rightsgate.rules.facts import Offence, Request
from rightsgate.rules.findings import Finding, MissingFact, Outcome, ProfileValue, missing
from rightsgate.rules.learned_sign import screen_request
from rightsgate.rules.screening import Screening

RULE = "human_rights"
OUTCOMES = frozenset(
    {
        Outcome.satisfied,
        Outcome.information_missing,
        Outcome.refusal_required,
        Outcome.refusal_permitted,
        Outcome.needs_human_review,
    }
)
RIGHTS = cite("uncc.6", pinpoint="para 2: no suppression of expression, religion, assembly or association")
DISCRIMINATION = cite("uncc.40", pinpoint="discrimination clause, believed para 22, unverified")
EXPRESSION, ASSEMBLY, EQUALITY = cite("iccpr.19"), cite("iccpr.21"), cite("iccpr.26")
LEGITIMATE_AIM = cite("np.2")
TORTURE = cite("iccpr.7")


def _expression_offence(index: int, offence: Offence, ctx: Context) -> Finding | None:
    """An offence that criminalises expression, assembly, belief or identity: the policy says what follows."""
    category = ctx.category(offence.category)
    policy = ctx.policy.expression
    refused = offence.category in policy.refuse_categories
    if category is None or not (category.expression_related or refused):
        return None
    cites = with_policy((RIGHTS, DISCRIMINATION, EXPRESSION, ASSEMBLY), policy.cites)
    return Finding(
        rule=f"{RULE}.expression_offence",
        outcome=Outcome(policy.on_refuse_category if refused else policy.on_other_expression),
        citations=cites,
        summary=f"{offence.name} ({category.name}) criminalises protected expression or identity.",
        facts_used=(f"offences[{index}].category",),
    )


def _offences(request: Request, ctx: Context) -> tuple[Finding, ...]:
    """Each offence's category, once known, checked against the expression categories."""
    offences = request.offences or ()
    unknown = [
        MissingFact(field=f"offences[{i}].category", reason="an expression offence must be recognised")
        for i, o in enumerate(offences)
        if o.category is None
    ]
    found = [
        f
        for i, o in enumerate(offences)
        if (f := ctx.remember((RULE, i, o.name, o.category), _expression_offence, i, o, ctx))
    ]
    if unknown:
        found.append(
            missing(
                f"{RULE}.expression_offence",
                unknown,
                (RIGHTS, LEGITIMATE_AIM),
                "An offence's conduct category is not given.",
            )
        )
    return tuple(found)


def _protected_activity(request: Request, ctx: Context) -> Finding:
    """Signs in the narrative that protected activity is targeted, each with a confidence and the spans
    that triggered it; a confident sign goes to a person, never to a refusal (rules/screening.py)."""
    rule, cites = f"{RULE}.protected_activity", (RIGHTS, DISCRIMINATION, LEGITIMATE_AIM)
    if request.facts is None:
        return missing(
            rule,
            [MissingFact(field="facts", reason="the narrative is screened for protected activity")],
            cites,
            "There is no narrative to screen.",
        )
    found = screen_request(request, ctx.law)
    outcome, summary = _screening_outcome(found)
    return Finding(
        rule=rule,
        outcome=outcome,
        citations=cites,
        facts_used=("facts",),
        evidence=found.evidence,
        signs=found.signs,
        summary=summary,
    )


def _screening_outcome(found: Screening) -> tuple[Outcome, str]:
    """A sign at the review threshold goes to a person; weaker signs are shown but need no review."""
    listed = ", ".join(f"{s.tag} {s.confidence:.2f}" for s in (found.flagged or found.signs))
    if found.flagged:
        return Outcome.needs_human_review, f"The narrative shows signs of protected activity ({listed})."
    if found.signs:
        return Outcome.satisfied, f"Only weak signs of protected activity ({listed}), below review."
    return Outcome.satisfied, "No sign of protected activity in the narrative."


def _requesting_state(request: Request, ctx: Context) -> Finding:
    """Risks recorded, with sources, in the requesting State's profile (torture, persecution …)."""
    rule, cites = f"{RULE}.requesting_state", (RIGHTS, TORTURE, EQUALITY)
    view = ctx.requesting
    if view is None:
        return Finding(
            rule=rule,
            outcome=Outcome.needs_human_review,
            citations=cites,
            facts_used=("requesting_state",),
            summary=f"There is no profile of {request.requesting_state}: its human-rights record "
            f"was not checked.",
        )
    risks = view.risks()
    if not risks:
        return Finding(
            rule=rule,
            outcome=Outcome.satisfied,
            citations=cites,
            facts_used=("requesting_state",),
            summary=f"The profile of {view.code} records no human-rights risk.",
        )
    used = tuple(
        ProfileValue(
            state=view.code,
            key=f"human_rights_risks.{code}",
            value=record.summary,
            source=record.source.title,
            url=str(record.source.url) if record.source.url else None,
        )
        for code, record in risks
    )
    return Finding(
        rule=rule,
        outcome=Outcome.needs_human_review,
        citations=cites,
        facts_used=("requesting_state",),
        profile_values_used=used,
        summary=f"The profile of {view.code} records risks: {', '.join(code for code, _ in risks)}.",
    )


def check(request: Request, ctx: Context) -> list[Finding]:
    """Expression offences, narrative signs, and the requesting State's recorded risks. The offences'
    and the State's findings depend on nothing else, so they are remembered; the narrative is screened
    each time."""
    offences = _offences(request, ctx)
    state = ctx.remember((RULE,), _requesting_state, request, ctx)
    return [*offences, _protected_activity(request, ctx), state]
