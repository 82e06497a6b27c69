"""Codes kept with every assessment for statistics, so transparency reports outlive the retention purge.

The request itself (identifiers, names, facts) is purged once a case has been closed long enough; the
reports still need its legal basis, offence category, number of identifiers and data categories, and the
refusal grounds the engine found. They are stored here as codes only, beside the assessment they were
taken from, and never change afterwards: a report computed as of an audit head can be recomputed later.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, Session, mapped_column

from rightsgate.cases.models import Assessment
from rightsgate.db import Base
from rightsgate.law.loader import Law
from rightsgate.law.taxonomy import shipped_taxonomy
from rightsgate.rules.facts import Offence, Request

GROUND_OUTCOMES = frozenset({"refusal_required", "refusal_permitted", "not_satisfied"})


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


class AssessmentGround(Base):
    """A rule whose finding would support refusing the request: required, permitted, or an unmet need."""

    __tablename__ = "assessment_grounds"
    __table_args__ = (UniqueConstraint("assessment_id", "rule", name="uq_assessment_grounds_rule"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="RESTRICT"), index=True)
    rule: Mapped[str] = mapped_column(String(64))


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


def _grounds(advice: Assessment) -> set[str]:
    findings = (advice.explanation or {}).get("assessment", {}).get("findings", [])
    return {f["rule"] for f in findings if f["outcome"] in GROUND_OUTCOMES}


def store_codes(
    session: Session, advice: Assessment, *, request: Request, law: Law, identifiers: int | None
) -> AssessmentCodes:
    """Keep the codes reports need beside a new assessment, and the grounds its findings give;
    `identifiers` is the number of distinct target identifiers, None when the request gives none."""
    basis = request.legal_basis.instrument if request.legal_basis else None
    codes = AssessmentCodes(
        assessment_id=advice.id,
        legal_basis=basis.value if basis else "unknown",
        offence_category=offence_category(request, law),
        identifiers=identifiers,
        data_categories=" ".join(sorted(c.value for c in request.data_requested or ())),
    )
    session.add(codes)
    session.add_all(AssessmentGround(assessment_id=advice.id, rule=rule) for rule in sorted(_grounds(advice)))
    session.flush()
    return codes
