"""The one read-only query transparency reports are counted from.

It describes a row of codes for every request received in a period, as the database stood at a given
moment (the time of an audit chain head): the latest assessment's codes, the latest status change, the
latest decision in effect and when it took effect. Only rows written at or before that moment count, so
a report can be recomputed later from the same database. No identifier, name or free text is read.

The statement is only built here; `reports.counting` groups it in the database, so a report reads back
counts, never one row per request.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, Subquery, case, func, or_, select

from rightsgate.cases.models import Assessment, Case, Consultation, Decision, DecisionGround, Transition
from rightsgate.cases.statistics import AssessmentCodes

Which = Callable[[Any], Any]
"""Which cases a query covers: a condition on a case id column."""


def _newest(
    row_id: Any, case_id: Any, moment: Any, *conditions: Any, as_of: datetime | None, which: Which | None
) -> Subquery:
    """Per case, the id of its newest row written by `as_of` (any time if None) that meets the conditions
    (ids grow as rows are added), among the cases `which` selects (all if None)."""
    conditions += () if as_of is None else (moment <= as_of,)
    conditions += () if which is None else (which(case_id),)
    query = select(case_id.label("case_id"), func.max(row_id).label("id")).where(*conditions)
    return query.group_by(case_id).subquery()


def _in_effect(as_of: datetime | None) -> Any:
    signed = Decision.countersigned_at.is_not(None) if as_of is None else Decision.countersigned_at <= as_of
    return or_(Decision.needs_countersign.is_(False), signed)


def coded_cases(*, as_of: datetime | None, which: Which | None = None) -> Select[*tuple[Any, ...]]:
    """One row of codes per case `which` selects (all if None), as the database stood at `as_of`, or with
    everything recorded so far if None; None where nothing was recorded."""
    advice = _newest(Assessment.id, Assessment.case_id, Assessment.created_at, as_of=as_of, which=which)
    in_effect = _in_effect(as_of)
    decided = _newest(Decision.id, Decision.case_id, Decision.decided_at, in_effect, as_of=as_of, which=which)
    status = _newest(Transition.id, Transition.case_id, Transition.at, as_of=as_of, which=which)
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
    return query if which is None else query.where(which(Case.id))


def report_query(*, start: date, end: date, as_of: datetime) -> Select[*tuple[Any, ...]]:
    """Cases received between `start` and `end` (inclusive) and opened by `as_of`, one row of codes each;
    None where nothing was recorded by then."""
    query = coded_cases(as_of=as_of)
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
