"""Authorisation: was each measure authorised beforehand at the level the data require?

The Convention leaves prior authorisation to domestic law "as appropriate" (UNCC art 24(2)), and those
conditions apply when a State gives cooperation (art 24(4)). Human-rights standards ask for prior
independent, preferably judicial, authorisation of intrusive measures (Necessary and Proportionate
principle 6), and the higher standard of the two States applies (principle 12). The level required for
each data category and measure is the stricter of the requested State's law and the policy. Categories
whose level is not met are withheld; if the measure itself is not authorised as required, nothing is left.
"""

from __future__ import annotations

from rightsgate.law.policy import Level
from rightsgate.rules.citations import cite
from rightsgate.rules.context import Context
from rightsgate.rules.facts import AuthorisationKind, DataCategory, Request, RequestType
from rightsgate.rules.findings import Finding, MissingFact, Narrowing, Outcome, ProfileValue, missing

RULE = "authorisation"
OUTCOMES = frozenset(
    {
        Outcome.not_applicable,
        Outcome.satisfied,
        Outcome.not_satisfied,
        Outcome.information_missing,
        Outcome.needs_human_review,
    }
)
SAFEGUARDS = cite("uncc.24", pinpoint="paras 1, 2 and 4: domestic safeguards, also when cooperating")
JUDICIAL = cite("np.6")
HIGHER_STANDARD = cite("np.12")
RANK: dict[str, int] = {"none": 0, "police": 1, "prosecutorial": 2, "independent": 3, "judicial": 4}


def _required(
    ctx: Context, data_category: str | None, request_type: str
) -> tuple[Level, tuple[ProfileValue, ...]]:
    """The stricter of the policy's and the requested State's requirement, with the domestic values used."""
    key = (RULE, data_category, request_type)
    return ctx.remember(key, _stricter, ctx, data_category, request_type)


def _stricter(
    ctx: Context, data_category: str | None, request_type: str
) -> tuple[Level, tuple[ProfileValue, ...]]:
    policy = ctx.policy.authorisation
    wanted: Level = (
        policy.by_data_category.get(data_category, "none")
        if data_category
        else policy.by_request_type.get(request_type, "none")
    )
    used = []
    scope = {"data_category": data_category} if data_category else {"request_type": request_type}
    for rule in ctx.requested.authorisation_for(**scope) if ctx.requested else ():
        used.append(
            ProfileValue(
                state=ctx.requested.code if ctx.requested else "",
                key="authorisation",
                value=f"{data_category or request_type}: {rule.required}",
                source=rule.source.title,
                url=str(rule.source.url) if rule.source.url else None,
            )
        )
        wanted = max(wanted, rule.required, key=RANK.__getitem__)
    return wanted, tuple(used)


def _shortfall(request: Request, ctx: Context, given: int) -> Finding | None:
    """The measure itself needs a level the authorisation does not reach: nothing can be narrowed."""
    wanted, used = _required(ctx, None, request.request_type.value)
    if given >= RANK[wanted]:
        return None
    return Finding(
        rule=RULE,
        outcome=Outcome.not_satisfied,
        citations=(SAFEGUARDS, JUDICIAL, HIGHER_STANDARD),
        summary=f"{request.request_type.value} needs {wanted} authorisation; the request has "
        f"{request.authorisation.kind.value if request.authorisation else 'none'}.",
        facts_used=("authorisation.kind", "request_type"),
        profile_values_used=used,
    )


def _by_category(request: Request, ctx: Context, given: int, categories: tuple[DataCategory, ...]) -> Finding:
    """Keep the data categories whose required level the authorisation reaches; withhold the others.
    The measure's own domestic rule, already met, is shown beside the rules for each category."""
    kept: list[tuple[DataCategory, Level]] = []
    withheld: list[tuple[DataCategory, Level]] = []
    used: list[ProfileValue] = list(_required(ctx, None, request.request_type.value)[1])
    for category in categories:
        wanted, values = _required(ctx, category.value, request.request_type.value)
        used += values
        (kept if given >= RANK[wanted] else withheld).append((category, wanted))
    facts = ("authorisation.kind", "data_requested")
    if not withheld:
        return Finding(
            rule=RULE,
            outcome=Outcome.satisfied,
            citations=(SAFEGUARDS, JUDICIAL),
            facts_used=facts,
            summary="The authorisation meets the level required for every data category sought.",
            profile_values_used=tuple(used),
        )
    gaps = "; ".join(f"{c.value} needs {w}" for c, w in withheld)
    narrowing = Narrowing(
        data_categories=tuple(c for c, _ in kept),
        reason=f"withheld for want of sufficient prior authorisation: {gaps}",
    )
    return Finding(
        rule=RULE,
        outcome=Outcome.not_satisfied,
        citations=(SAFEGUARDS, JUDICIAL, HIGHER_STANDARD),
        summary=f"The authorisation is insufficient for part of the data ({gaps}).",
        facts_used=facts,
        profile_values_used=tuple(used),
        narrowing=narrowing,
    )


def _nothing_required(request: Request, ctx: Context, categories: tuple[DataCategory, ...]) -> Finding | None:
    """Neither the measure nor any data category needs prior authorisation: who authorised it is moot.
    Only a profile that records the domestic rule can show that; silence is not "no requirement"."""
    if ctx.requested is None or _unrecorded(request, ctx, categories):
        return None
    measure, used = _required(ctx, None, request.request_type.value)
    levels = [measure]
    for category in categories:
        wanted, values = _required(ctx, category.value, request.request_type.value)
        levels.append(wanted)
        used += values
    if any(RANK[level] for level in levels):
        return None
    return Finding(
        rule=RULE,
        outcome=Outcome.satisfied,
        citations=(SAFEGUARDS,),
        facts_used=("request_type", "data_requested"),
        summary="Neither the measure nor the data sought needs prior authorisation.",
        profile_values_used=used,
    )


PRESERVATION = Finding(
    rule=RULE,
    outcome=Outcome.not_applicable,
    citations=(SAFEGUARDS,),
    facts_used=("request_type",),
    summary="Preservation discloses nothing; authorisation is examined with the later request.",
)


def _gaps(kind: AuthorisationKind, categories: tuple[DataCategory, ...] | None) -> list[MissingFact]:
    """Who authorised the measure, and which data it covers, where the request does not say."""
    gaps = []
    if kind is AuthorisationKind.unknown:
        gaps.append(MissingFact(field="authorisation.kind", reason="who authorised the measure"))
    if not categories:
        gaps.append(MissingFact(field="data_requested", reason="the level required depends on the data"))
    return gaps


def _no_profile(request: Request) -> Finding:
    """Without a profile of the requested State, its domestic rule is for a person to check."""
    return Finding(
        rule=RULE,
        outcome=Outcome.needs_human_review,
        citations=(SAFEGUARDS, HIGHER_STANDARD),
        summary=f"There is no profile of {request.requested_state}: a reviewer must check "
        f"the domestic authorisation rule.",
        facts_used=("requested_state",),
    )


def _unrecorded(request: Request, ctx: Context, categories: tuple[DataCategory, ...]) -> Finding | None:
    """The requested State's profile is silent on who must authorise some data: its law may ask for more
    than the policy, so a person must confirm the domestic rule (silence is not "no requirement")."""
    view = ctx.requested
    if view is None or view.authorisation_for(request_type=request.request_type.value):
        return None
    silent = [c.value for c in categories if not view.authorisation_for(data_category=c.value)]
    if not silent:
        return None
    return Finding(
        rule=RULE,
        outcome=Outcome.needs_human_review,
        citations=(SAFEGUARDS, HIGHER_STANDARD),
        summary=f"The profile of {view.code} does not record who must authorise access to "
        f"{', '.join(silent)} data: a reviewer must confirm the domestic rule.",
        facts_used=("requested_state", "data_requested"),
    )


def check(request: Request, ctx: Context) -> list[Finding]:
    """Compare the authorisation given with the level each measure and data category requires."""
    if request.request_type is RequestType.preservation:
        return [PRESERVATION]
    kind = request.authorisation.kind if request.authorisation else AuthorisationKind.unknown
    categories = request.data_requested
    unknown = kind is AuthorisationKind.unknown
    if unknown and categories and (moot := _nothing_required(request, ctx, categories)):
        return [moot]
    if gaps := _gaps(kind, categories):
        summary = "The authorisation cannot be checked without these facts."
        return [missing(RULE, gaps, (SAFEGUARDS, JUDICIAL), summary)]
    given = RANK[kind.value]
    findings = [_shortfall(request, ctx, given) or _by_category(request, ctx, given, categories or ())]
    if given < RANK["judicial"] and (silent := _unrecorded(request, ctx, categories or ())):
        findings.append(silent)
    return findings if ctx.requested else [*findings, _no_profile(request)]
