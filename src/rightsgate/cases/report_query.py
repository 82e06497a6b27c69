"""The one read-only query transparency reports are computed from.

It returns a row of codes for every request received in a period, as the database stood at a given
moment (the time of an audit chain head): the latest assessment's codes, the status, the latest decision
in effect, the consultations held and the refusal grounds of the advice decided on. Only rows written at
or before that moment count, so a report can be recomputed later from the same database. No identifier,
name or free text is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Select, Subquery, and_, case, func, or_, select
from sqlalchemy.orm import Session

from rightsgate.cases.models import Assessment, Case, Consultation, Decision, Transition
from rightsgate.cases.statistics import AssessmentCodes, AssessmentGround


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One request received in the period, as codes; None where nothing was recorded yet."""

    requesting_state: str
    request_type: str
    emergency: bool
    received_on: date
    legal_basis: str | None
    offence_category: str | None
    identifiers: int | None
    data_categories: str | None
    status: str | None
    action: str | None
    recommendation: str | None
    departs: bool | None
    decided_at: datetime | None
    consultations: int | None
    grounds: str | None


def _latest(*columns: Any, case_id: Any, order: Any) -> Select[Any]:
    """The columns with a rank per case, 1 for the newest row by `order`."""
    rank = func.row_number().over(partition_by=case_id, order_by=order.desc()).label("rank")
    return select(case_id.label("case_id"), *columns, rank)


def _subqueries(as_of: datetime) -> tuple[Subquery, ...]:
    """The newest assessment, decision in effect and status per case as of `as_of`, and counts."""
    advice = _latest(
        Assessment.id.label("assessment_id"), case_id=Assessment.case_id, order=Assessment.ordinal
    ).where(Assessment.created_at <= as_of)
    in_effect = or_(Decision.needs_countersign.is_(False), Decision.countersigned_at <= as_of)
    effective_at = case((Decision.needs_countersign, Decision.countersigned_at), else_=Decision.decided_at)
    decision = _latest(
        Decision.action,
        Decision.recommendation,
        Decision.departs,
        Decision.assessment_id,
        effective_at.label("decided_at"),
        case_id=Decision.case_id,
        order=Decision.id,
    ).where(Decision.decided_at <= as_of, in_effect)
    status = _latest(Transition.to_status, case_id=Transition.case_id, order=Transition.id)
    consulted = select(Consultation.case_id, func.count().label("held")).where(Consultation.at <= as_of)
    grounds = select(
        AssessmentGround.assessment_id, func.aggregate_strings(AssessmentGround.rule, " ").label("rules")
    ).group_by(AssessmentGround.assessment_id)
    return (
        advice.subquery(),
        decision.subquery(),
        status.where(Transition.at <= as_of).subquery(),
        consulted.group_by(Consultation.case_id).subquery(),
        grounds.subquery(),
    )


def report_query(*, start: date, end: date, as_of: datetime) -> Select[Any]:
    """The statement: cases received between `start` and `end` (inclusive), opened by `as_of`."""
    advice, decision, status, consulted, grounds = _subqueries(as_of)
    codes = AssessmentCodes
    query: Select[Any] = select(
        Case.requesting_state,
        Case.request_type,
        Case.emergency,
        Case.received_on,
        codes.legal_basis,
        codes.offence_category,
        codes.identifiers,
        codes.data_categories,
        status.c.to_status,
        decision.c.action,
        decision.c.recommendation,
        decision.c.departs,
        decision.c.decided_at,
        consulted.c.held,
        grounds.c.rules,
    )
    query = query.outerjoin(advice, and_(advice.c.case_id == Case.id, advice.c.rank == 1))
    query = query.outerjoin(codes, codes.assessment_id == advice.c.assessment_id)
    query = query.outerjoin(decision, and_(decision.c.case_id == Case.id, decision.c.rank == 1))
    query = query.outerjoin(status, and_(status.c.case_id == Case.id, status.c.rank == 1))
    query = query.outerjoin(consulted, consulted.c.case_id == Case.id)
    query = query.outerjoin(grounds, grounds.c.assessment_id == decision.c.assessment_id)
    return query.where(Case.received_on.between(start, end), Case.opened_at <= as_of)


def report_rows(session: Session, *, start: date, end: date, as_of: datetime) -> list[ReportRow]:
    """Run the report query; it reads only, and never returns personal data or free text."""
    result = session.execute(report_query(start=start, end=end, as_of=as_of))
    return [ReportRow(*cast(tuple[Any, ...], row)) for row in result]
