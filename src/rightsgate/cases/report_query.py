"""The one read-only query transparency reports are counted from.

It describes a row of codes for every request received in a period, as the database stood at a given
moment (the time of an audit chain head): the latest assessment's codes, the latest status change, the
latest decision in effect and when it took effect. Only rows written at or before that moment count, so
a report can be recomputed later from the same database. No identifier, name or free text is read.

The statement is only built here; `reports.counting` groups it in the database, so a report reads back
counts, never one row per request.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, Subquery, case, func, or_, select

from rightsgate.cases.models import Assessment, Case, Consultation, Decision, DecisionGround, Transition
from rightsgate.cases.statistics import AssessmentCodes


def _newest(row_id: Any, case_id: Any, *conditions: Any) -> Subquery:
    """Per case, the id of its newest row that meets the conditions (ids grow as rows are added)."""
    query = select(case_id.label("case_id"), func.max(row_id).label("id")).where(*conditions)
    return query.group_by(case_id).subquery()


def _in_effect(as_of: datetime) -> Any:
    return or_(Decision.needs_countersign.is_(False), Decision.countersigned_at <= as_of)


def report_query(*, start: date, end: date, as_of: datetime) -> Select[*tuple[Any, ...]]:
    """Cases received between `start` and `end` (inclusive) and opened by `as_of`, one row of codes each;
    None where nothing was recorded by then."""
    advice = _newest(Assessment.id, Assessment.case_id, Assessment.created_at <= as_of)
    decided = _newest(Decision.id, Decision.case_id, Decision.decided_at <= as_of, _in_effect(as_of))
    status = _newest(Transition.id, Transition.case_id, Transition.at <= as_of)
    codes = AssessmentCodes
    effective_at = case((Decision.needs_countersign, Decision.countersigned_at), else_=Decision.decided_at)
    query = select(
        Case.id.label("case_id"),
        Case.requesting_state.label("state"),
        Case.request_type,
        Case.emergency,
        Case.received_on,
        codes.legal_basis,
        codes.offence_category,
        codes.identifiers,
        codes.data_categories,
        Transition.to_status.label("status"),
        Decision.id.label("decision_id"),
        Decision.action,
        Decision.recommendation,
        Decision.departs,
        effective_at.label("effective_at"),
    )
    query = query.outerjoin(advice, advice.c.case_id == Case.id)
    query = query.outerjoin(codes, codes.assessment_id == advice.c.id)
    query = query.outerjoin(decided, decided.c.case_id == Case.id)
    query = query.outerjoin(Decision, Decision.id == decided.c.id)
    query = query.outerjoin(status, status.c.case_id == Case.id)
    query = query.outerjoin(Transition, Transition.id == status.c.id)
    return query.where(Case.received_on.between(start, end), Case.opened_at <= as_of)


def consultations_held(requests: Any, *, as_of: datetime) -> Select[*tuple[Any, ...]]:
    """How many consultations were held by `as_of` on the requests of `requests` (a CTE of the query)."""
    joined = select(func.count()).select_from(Consultation)
    return joined.join(requests, requests.c.case_id == Consultation.case_id).where(Consultation.at <= as_of)


def coded_grounds(requests: Any, condition: Any) -> Select[*tuple[Any, ...]]:
    """Per ground the decider coded (None: none coded), how many requests meeting `condition` have it."""
    query = select(DecisionGround.ground, func.count()).select_from(requests)
    query = query.outerjoin(DecisionGround, DecisionGround.decision_id == requests.c.decision_id)
    return query.where(condition).group_by(DecisionGround.ground)
