"""Codes kept with every assessment for statistics, so transparency reports outlive the retention purge.

The request itself (identifiers, names, facts) is purged once a case has been closed long enough; the
reports still need its legal basis, offence category, number of identifiers and data categories. They are
stored here as codes only, beside the assessment they were taken from, and never change afterwards: a
report computed as of an audit head can be recomputed later. (Refusal grounds are the decider's, coded
with the decision.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from rightsgate.cases.models import normalised_identifiers
from rightsgate.db import Base, core_insert
from rightsgate.law.loader import Law
from rightsgate.law.taxonomy import shipped_taxonomy
from rightsgate.rules.facts import Offence, Request


class AssessmentCodes(Base):
    """The request's statistical codes as they stood when it was assessed."""

    __tablename__ = "assessment_codes"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="RESTRICT"), primary_key=True
    )
    legal_basis: Mapped[str] = mapped_column(String(16))
    offence_category: Mapped[str] = mapped_column(String(24))
    identifiers: Mapped[int | None] = mapped_column(Integer)
    data_categories: Mapped[str] = mapped_column(String(64))


def _serious(offence: Offence, law: Law) -> bool | None:
    """Serious crime (UNCC art 2(h)): a maximum of at least the threshold, or death; None if unknown."""
    if offence.death_penalty_possible:
        return True
    if offence.max_penalty_years is None:
        return None
    return offence.max_penalty_years >= law.parameters.serious_crime_min_years.value


def offence_category(request: Request, law: Law) -> str:
    """One category per request, the most sensitive first: expression-related, Convention offence,
    serious crime, other; `unknown` when the offences or their penalties are not given."""
    offences = request.offences or ()
    categories = [shipped_taxonomy().get(o.category) for o in offences if o.category]
    if any(c and c.expression_related for c in categories):
        return "expression_related"
    if any(c and c.convention_offence for c in categories):
        return "convention_offence"
    serious = [_serious(o, law) for o in offences]
    if any(serious):
        return "serious_crime"
    return "other" if serious and None not in serious else "unknown"


def codes_of(request: Request, law: Law) -> dict[str, Any]:
    """The codes reports need from a request, as they stand now."""
    basis = request.legal_basis.instrument if request.legal_basis else None
    return {
        "legal_basis": basis.value if basis else "unknown",
        "offence_category": offence_category(request, law),
        "identifiers": None if request.targets is None else len(normalised_identifiers(request)),
        "data_categories": " ".join(sorted(c.value for c in request.data_requested or ())),
    }


def store_codes(session: Session, items: Sequence[tuple[int, Request]], *, law: Law) -> None:
    """Keep, beside each new assessment (by id), the codes reports need."""
    store_coded(session, [(i, codes_of(request, law)) for i, request in items])


def store_coded(session: Session, items: Sequence[tuple[int, dict[str, Any]]]) -> None:
    """Keep, beside each new assessment (by id), codes already taken from its request (`codes_of`)."""
    if items:
        rows = [{"assessment_id": i, **codes} for i, codes in items]
        session.execute(core_insert(AssessmentCodes), rows)
