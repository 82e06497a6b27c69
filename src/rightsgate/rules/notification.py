"""Confidentiality and user notification: may the person concerned learn of the request?

The requested State keeps the request confidential where asked (UNTOC 18(20) pattern in UNCC art 40).
People whose data are obtained should be told early enough to challenge it; a delay must be justified,
authorised by a judge and reviewed, with notice once the risk has passed (Necessary and Proportionate
principle 8). The Convention itself has no notification duty, so the policy decides whether the request
must say where it stands.
"""

from __future__ import annotations

from rightsgate.rules.citations import cite, with_policy
from rightsgate.rules.context import Context, remembered
from rightsgate.rules.facts import Request
from rightsgate.rules.findings import Condition, Finding, MissingFact, Outcome, missing

RULE = "notification"
OUTCOMES = frozenset(
    {
        Outcome.not_applicable,
        Outcome.satisfied,
        Outcome.information_missing,
        Outcome.needs_human_review,
    }
)
NOTICE = cite("np.8")
CONFIDENTIALITY = cite("untoc.18", pinpoint="para 20: confidentiality of the request")
FIELD = "user_notification_delay_requested"


def _confidentiality(request: Request) -> tuple[Condition, ...]:
    if not request.confidentiality_requested:
        return ()
    return (
        Condition(
            code="confidentiality",
            citations=(CONFIDENTIALITY, cite("uncc.40")),
            text="Keep the fact and substance of the request confidential, except as needed to execute it.",
        ),
    )


POSITIONS: dict[bool | None, tuple[Outcome, str]] = {
    True: (
        Outcome.needs_human_review,
        "Delayed notice is requested: it needs a justification, a judge's authorisation and a review date.",
    ),
    False: (Outcome.satisfied, "The person concerned may be notified."),
    None: (Outcome.not_applicable, "The policy does not require a notification position."),
}


@remembered(
    RULE, lambda request: (request.user_notification_delay_requested, request.confidentiality_requested)
)
def check(request: Request, ctx: Context) -> list[Finding]:
    """A delay of notice goes to a person; an unknown position is asked for where the policy says so."""
    delay = request.user_notification_delay_requested
    cites = with_policy((NOTICE,), ctx.policy.notification.cites)
    if delay is None and ctx.policy.notification.require_status:
        fact = MissingFact(field=FIELD, reason="whether the person concerned may be notified")
        return [
            missing(RULE, [fact], cites, "The request does not say whether notice to the user may be given.")
        ]
    outcome, summary = POSITIONS[delay]
    return [
        Finding(
            rule=RULE,
            outcome=outcome,
            citations=cites,
            facts_used=(FIELD,),
            conditions=_confidentiality(request),
            summary=summary,
        )
    ]
