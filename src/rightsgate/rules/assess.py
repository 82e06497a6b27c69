"""Assessing a request: every rule, in order, then the recommendation.

`assess(request, law, on=date, policy=name)` is the only entry point. The date is an input, never the
clock; the assessment records the engine version and a digest of the law data, so it can be reproduced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rightsgate import __version__
from rightsgate.law.loader import DEFAULT_POLICY, Law
from rightsgate.rules import (
    authorisation,
    completeness,
    data_protection,
    death_penalty,
    decryption,
    dual_criminality,
    emergency,
    human_rights,
    notification,
    proportionality,
    scope,
)
from rightsgate.rules.context import Context
from rightsgate.rules.facts import Request
from rightsgate.rules.findings import Finding
from rightsgate.rules.recommend import Recommendation, recommend

RULES = (
    completeness,
    scope,
    dual_criminality,
    authorisation,
    proportionality,
    human_rights,
    death_penalty,
    data_protection,
    emergency,
    decryption,
    notification,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Assessment:
    reference: str
    on: date
    policy: str
    findings: tuple[Finding, ...]
    recommendation: Recommendation
    engine_version: str
    law_digest: str


def assess(request: Request, law: Law, *, on: date, policy: str = DEFAULT_POLICY) -> Assessment:
    """Run every rule on the request under the law in force on `on` and the named policy."""
    ctx = Context(law=law, policy=law.policy(policy), on=on, request=request)
    findings = [finding for rule in RULES for finding in rule.check(request, ctx)]
    return Assessment(
        reference=request.reference,
        on=on,
        policy=policy,
        findings=tuple(findings),
        recommendation=recommend(request, findings),
        engine_version=__version__,
        law_digest=law.digest,
    )
