"""Data protection and speciality: the conditions under which personal data may be transferred.

A State is not obliged to transfer personal data against its data-protection law (UNCC art 36) and may set
conditions; evidence may be used only for the proceedings named (speciality, UNTOC 18(19) pattern, in
UNCC art 40) and kept confidential where asked (UNTOC 18(20)). Convention 108+ art 14 asks for an
appropriate level of protection. Every transfer carries conditions of use: purpose limitation,
speciality, retention, no onward transfer without prior authorisation, and data protection.
"""

from __future__ import annotations

from rightsgate.law.policy import AssurancePolicy
from rightsgate.rules.citations import Citation, cite, with_policy
from rightsgate.rules.context import Context, remembered
from rightsgate.rules.facts import Request
from rightsgate.rules.findings import Condition, Finding, MissingFact, Outcome, missing

RULE = "data_protection"
OUTCOMES = frozenset(
    {
        Outcome.satisfied,
        Outcome.information_missing,
        Outcome.refusal_required,
        Outcome.refusal_permitted,
    }
)
PERSONAL_DATA = cite("uncc.36", pinpoint="no duty to transfer against data-protection law; onward transfer")
SPECIALITY = cite(
    "uncc.40", pinpoint="use limitation (speciality), UNTOC 18(19) pattern, paragraph unverified"
)
UNTOC = cite("untoc.18", pinpoint="paras 19-20: speciality and confidentiality")
PRIVACY = cite("iccpr.17")
CONDITIONS = (
    Condition(
        code="purpose_limitation",
        citations=(PERSONAL_DATA, PRIVACY),
        text="Use the data only for the investigation or proceedings described in the request.",
    ),
    Condition(
        code="speciality",
        citations=(SPECIALITY, UNTOC),
        text="Do not use the data in other proceedings without the requested State's prior consent.",
    ),
    Condition(
        code="retention",
        citations=(PERSONAL_DATA, cite("np.13")),
        text="Keep the data no longer than the proceedings need, then delete them and confirm deletion.",
    ),
    Condition(
        code="onward_transfer",
        citations=(PERSONAL_DATA,),
        text="Do not pass the data to another State or body without the requested State's prior written "
        "authorisation.",
    ),
    Condition(
        code="data_protection",
        citations=(PERSONAL_DATA, PRIVACY),
        text="Protect the data with safeguards equivalent to the requested State's data-protection law.",
    ),
)


def _assurance(
    rule: str,
    given: bool | None,
    field: str,
    policy: AssurancePolicy,
    cites: tuple[Citation, ...],
    label: str,
) -> Finding:
    """An assurance given, missing where the policy requires it expressly, or refused."""
    cites = with_policy(cites, policy.cites)
    if given is None and policy.require_express:
        fact = MissingFact(field=field, reason=f"the {label} assurance")
        return missing(rule, [fact], cites, f"The {label} assurance is not given.")
    if given is False:
        return Finding(
            rule=rule,
            outcome=Outcome(policy.when_refused),
            citations=cites,
            facts_used=(field,),
            summary=f"The requesting State refuses the {label} assurance.",
        )
    return Finding(
        rule=rule,
        outcome=Outcome.satisfied,
        citations=cites,
        facts_used=(field,),
        conditions=CONDITIONS,
        summary=f"The {label} assurance is given."
        if given
        else f"No {label} assurance is given; the treaty conditions apply and are attached.",
    )


@remembered(RULE, lambda request: request.assurances and request.assurances.key)
def check(request: Request, ctx: Context) -> list[Finding]:
    """Data-protection and speciality assurances; the conditions of use travel with any transfer."""
    assurances = request.assurances
    return [
        _assurance(
            f"{RULE}.assurance",
            assurances.data_protection if assurances else None,
            "assurances.data_protection",
            ctx.policy.data_protection,
            (PERSONAL_DATA, PRIVACY),
            "data-protection",
        ),
        _assurance(
            f"{RULE}.speciality",
            assurances.specialty if assurances else None,
            "assurances.specialty",
            ctx.policy.speciality,
            (SPECIALITY, UNTOC),
            "speciality",
        ),
    ]
