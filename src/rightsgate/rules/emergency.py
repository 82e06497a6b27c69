"""Emergency: is a claimed emergency one the Convention recognises, and has it been shown?

An emergency is a situation of significant and imminent risk to the life or safety of a natural person
(UNCC art 2, letter (o)); the 24/7 network is believed to serve it (art 41). Forged emergency requests
sent from hijacked police mailboxes have obtained real people's data, so a claimed emergency always goes
to a person: confirm the risk, verify the requester out of band, and validate the emergency afterwards
(Necessary and Proportionate principle 7).
"""

from __future__ import annotations

from rightsgate.rules.citations import cite
from rightsgate.rules.context import Context, remembered
from rightsgate.rules.facts import Request
from rightsgate.rules.findings import Finding, MissingFact, Outcome, missing

RULE = "emergency"
OUTCOMES = frozenset({Outcome.not_applicable, Outcome.information_missing, Outcome.needs_human_review})
DEFINITION = cite("uncc.2", pinpoint="letter (o): significant and imminent risk to life or safety")
NETWORK = cite("uncc.41", pinpoint="24/7 network; emergency disclosure believed, unverified")
DUE_PROCESS = cite("np.7")


@remembered(RULE, lambda request: (request.is_emergency, request.emergency_justification is None))
def check(request: Request, ctx: Context) -> list[Finding]:
    """A claimed emergency needs a justification, out-of-band verification and later validation."""
    if not request.is_emergency:
        return [
            Finding(
                rule=RULE,
                outcome=Outcome.not_applicable,
                citations=(DEFINITION,),
                facts_used=("request_type", "urgency"),
                summary="No emergency is claimed.",
            )
        ]
    if request.emergency_justification is None:
        fact = MissingFact(field="emergency_justification", reason="the imminent risk to life or safety")
        return [
            missing(RULE, [fact], (DEFINITION, NETWORK), "An emergency is claimed without saying what it is.")
        ]
    return [
        Finding(
            rule=RULE,
            outcome=Outcome.needs_human_review,
            citations=(DEFINITION, NETWORK, DUE_PROCESS),
            facts_used=("emergency_justification",),
            summary="Confirm the imminent risk to life or safety, verify the requester out of band "
            "through an independently sourced contact, and validate the emergency afterwards.",
        )
    ]
