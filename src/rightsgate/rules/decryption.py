"""Decryption and key disclosure: no forced weakening of the security of communications.

Communications and systems must not be compromised by forced decryption, back doors or key disclosure
(Necessary and Proportionate principle 11). The Convention's search-and-seizure article is believed to let
authorities compel people who know a system to help (UNCC art 28, paragraph unverified), a power critics
fear will force the compromise of security. The policy says whether that part of a request is withheld or
left to a person. The question matters only where content or devices are sought.
"""

from __future__ import annotations

from rightsgate.rules.citations import Citation, cite, with_policy
from rightsgate.rules.context import Context, remembered
from rightsgate.rules.facts import DataCategory, Request, RequestType
from rightsgate.rules.findings import Finding, MissingFact, Narrowing, Outcome, missing

RULE = "decryption"
OUTCOMES = frozenset(
    {
        Outcome.not_applicable,
        Outcome.satisfied,
        Outcome.information_missing,
        Outcome.not_satisfied,
        Outcome.needs_human_review,
    }
)
INTEGRITY = cite("np.11")
COMPELLED = cite("uncc.28", pinpoint="compelled assistance, believed para 4, unverified")
MEASURE = "decryption_or_key_disclosure"
SENSITIVE_DATA = frozenset({DataCategory.content, DataCategory.device})
SENSITIVE_MEASURES = frozenset({RequestType.search_seizure, RequestType.interception_content})


def _relevant(request: Request) -> bool:
    wanted = set(request.data_requested or ())
    return bool(wanted & SENSITIVE_DATA) or request.request_type in SENSITIVE_MEASURES


WITHHELD = Narrowing(
    withheld_measures=(MEASURE,), reason="no decryption, key disclosure or weakening of security"
)


def _finding(
    outcome: Outcome, citations: tuple[Citation, ...], summary: str, narrowing: Narrowing | None = None
) -> Finding:
    return Finding(
        rule=RULE,
        outcome=outcome,
        citations=citations,
        facts_used=(MEASURE,),
        summary=summary,
        narrowing=narrowing,
    )


@remembered(
    RULE, lambda request: (request.decryption_or_key_disclosure, request.data_requested, request.request_type)
)
def check(request: Request, ctx: Context) -> list[Finding]:
    """Whether decryption or key disclosure is demanded, and what the policy does with it."""
    demanded = request.decryption_or_key_disclosure
    cites: tuple[Citation, ...] = (INTEGRITY, COMPELLED)
    if demanded is None and _relevant(request):
        fact = MissingFact(field=MEASURE, reason="content or devices are sought")
        return [
            missing(RULE, [fact], cites, "The request does not say whether decryption or keys are demanded.")
        ]
    if not demanded:
        outcome = Outcome.not_applicable if demanded is None else Outcome.satisfied
        return [_finding(outcome, cites, "No decryption or key disclosure is demanded.")]
    cites = with_policy(cites, ctx.policy.decryption.cites)
    if ctx.policy.decryption.when_demanded == "needs_human_review":
        summary = "Decryption or key disclosure is demanded: a reviewer must judge the security risk."
        return [_finding(Outcome.needs_human_review, cites, summary)]
    summary = "Decryption or key disclosure is demanded; that part is withheld."
    return [_finding(Outcome.not_satisfied, cites, summary, WITHHELD)]
