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

from sqlalchemy import Select, Subquery, case, func, or_, select
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


def _newest(row_id: Any, case_id: Any, *conditions: Any) -> Subquery:
    """Per case, the id of its newest row that meets the conditions (ids grow as rows are added)."""
    query = select(case_id.label("case_id"), func.max(row_id).label("id")).where(*conditions)
    return query.group_by(case_id).subquery()


def _subqueries(as_of: datetime) -> tuple[Subquery, ...]:
    """Per case as of `as_of`: the newest assessment, decision in effect and status change, the
    consultations held; and per assessment, its refusal grounds."""
    in_effect = or_(Decision.needs_countersign.is_(False), Decision.countersigned_at <= as_of)
    held = func.count().label("held")
    consulted = select(Consultation.case_id, held).where(Consultation.at <= as_of)
    rules = func.aggregate_strings(AssessmentGround.rule, " ").label("rules")
    return (
        _newest(Assessment.id, Assessment.case_id, Assessment.created_at <= as_of),
        _newest(Decision.id, Decision.case_id, Decision.decided_at <= as_of, in_effect),
        _newest(Transition.id, Transition.case_id, Transition.at <= as_of),
        consulted.group_by(Consultation.case_id).subquery(),
        select(AssessmentGround.assessment_id, rules).group_by(AssessmentGround.assessment_id).subquery(),
    )


def report_query(*, start: date, end: date, as_of: datetime) -> Select[*tuple[Any, ...]]:
    """The statement: cases received between `start` and `end` (inclusive), opened by `as_of`."""
    advice, decided, status, consulted, grounds = _subqueries(as_of)
    codes = AssessmentCodes
    effective_at = case((Decision.needs_countersign, Decision.countersigned_at), else_=Decision.decided_at)
    query = select(
        Case.requesting_state,
        Case.request_type,
        Case.emergency,
        Case.received_on,
        codes.legal_basis,
        codes.offence_category,
        codes.identifiers,
        codes.data_categories,
        Transition.to_status,
        Decision.action,
        Decision.recommendation,
        Decision.departs,
        effective_at,
        consulted.c.held,
        grounds.c.rules,
    )
    query = query.outerjoin(advice, advice.c.case_id == Case.id).outerjoin(
        codes, codes.assessment_id == advice.c.id
    )
    query = query.outerjoin(decided, decided.c.case_id == Case.id).outerjoin(
        Decision, Decision.id == decided.c.id
    )
    query = query.outerjoin(status, status.c.case_id == Case.id).outerjoin(
        Transition, Transition.id == status.c.id
    )
    query = query.outerjoin(consulted, consulted.c.case_id == Case.id)
    query = query.outerjoin(grounds, grounds.c.assessment_id == Decision.assessment_id)
    return query.where(Case.received_on.between(start, end), Case.opened_at <= as_of)


def report_rows(session: Session, *, start: date, end: date, as_of: datetime) -> list[ReportRow]:
    """Run the report query; it reads only, and never returns personal data or free text."""
    result = session.execute(report_query(start=start, end=end, as_of=as_of))
    return [ReportRow(*cast(tuple[Any, ...], row)) for row in result]
