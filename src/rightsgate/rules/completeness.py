"""Completeness: does the request carry what a request for assistance must contain?

UNCC art 40 follows UNTOC art 18(15): the requesting authority; the subject and nature of the
proceedings; a summary of the facts; the assistance sought; where possible the persons concerned; and the
purpose. Electronic evidence adds what the data are, where they are held, for which period, and how they
relate to the offence (Budapest art 29(2) pattern). Persons are asked for only "where possible", so their
absence is not a gap.
"""

from __future__ import annotations

from rightsgate.rules.citations import cite
from rightsgate.rules.context import Context
from rightsgate.rules.facts import Request
from rightsgate.rules.findings import Finding, MissingFact, Outcome, missing

RULE = "completeness"
OUTCOMES = frozenset({Outcome.satisfied, Outcome.information_missing})
CITES = (
    cite("uncc.40", pinpoint="contents of a request; believed to follow UNTOC 18(15), paragraph unverified"),
    cite("untoc.18", pinpoint="para 15 (a)-(f): contents of a request"),
)


def _authority_gaps(request: Request) -> list[MissingFact]:
    """(a) The authority making the request, by name and kind."""
    authority = request.requesting_authority
    if authority is None:
        return [MissingFact(field="requesting_authority", reason="who makes the request")]
    gaps = []
    if authority.name is None:
        gaps.append(
            MissingFact(field="requesting_authority.name", reason="the name of the requesting authority")
        )
    if authority.kind is None:
        gaps.append(
            MissingFact(field="requesting_authority.kind", reason="what kind of authority makes the request")
        )
    return gaps


def _subject_gaps(request: Request) -> list[MissingFact]:
    """(b), (c), (f) The proceedings, the offences, the legal basis, the facts and the purpose."""
    needed = {
        "legal_basis": (
            request.legal_basis is None or request.legal_basis.instrument is None,
            "the legal basis",
        ),
        "offences": (not request.offences, "the offences under investigation"),
        "facts": (request.facts is None, "a summary of the facts"),
        "purpose": (request.purpose is None, "the purpose of the evidence sought"),
    }
    field = "legal_basis.instrument" if request.legal_basis is not None else "legal_basis"
    return [
        MissingFact(field=field if name == "legal_basis" else name, reason=reason)
        for name, (absent, reason) in needed.items()
        if absent
    ]


def _evidence_gaps(request: Request) -> list[MissingFact]:
    """(d) The assistance sought: which data, of whom, held by whom, for when, and why they matter."""
    gaps = []
    if not request.data_requested:
        gaps.append(MissingFact(field="data_requested", reason="which categories of data are sought"))
    if not request.targets:
        gaps.append(MissingFact(field="targets", reason="the accounts or identifiers concerned"))
    for index, target in enumerate(request.targets or ()):
        if target.provider is None:
            gaps.append(MissingFact(field=f"targets[{index}].provider", reason="who holds the data"))
    if request.period is None:
        gaps.append(MissingFact(field="period", reason="the period the data cover"))
    if request.link_to_offence is None:
        gaps.append(MissingFact(field="link_to_offence", reason="how the data relate to the offence"))
    return gaps


COMPLETE = Finding(
    rule=RULE,
    outcome=Outcome.satisfied,
    summary="The request carries every required content.",
    citations=CITES,
)


def check(request: Request, ctx: Context) -> list[Finding]:
    """List every required content the request lacks, or confirm it is complete."""
    gaps = _authority_gaps(request) + _subject_gaps(request) + _evidence_gaps(request)
    if gaps:
        count = len(gaps)
        return [missing(RULE, gaps, CITES, f"The request lacks {count} required item{'s' * (count > 1)}.")]
    return [COMPLETE]
