"""Reading cases for the inbox and the case page: filtered pages of cases, and one case in full.

These are read-only queries over the case service's tables; like every service they check the actor's
permission and never commit. Opening a case in full is an audited view.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, Field
from sqlalchemy import Select, func, select, true
from sqlalchemy.orm import Session

from rightsgate.audit.service import events
from rightsgate.auth.permissions import Actor, require
from rightsgate.cases.access import scoped, visible_case
from rightsgate.cases.models import Assessment, Case, Consultation, Decision, Transition
from rightsgate.cases.schemas import CaseRead, Strict, stored_fields
from rightsgate.cases.service import CaseNotFoundError, read, view_case
from rightsgate.cases.workflow import OPEN, Status
from rightsgate.rules.facts import without_nul

MAX_PAGE_SIZE = 100
MAX_PAGE = 1_000_000


class CaseFilter(Strict):
    """What the inbox can filter on; None leaves a dimension open."""

    state: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    request_type: Annotated[str, AfterValidator(without_nul)] | None = Field(default=None, max_length=50)
    status: Status | None = None
    overdue: bool | None = None
    flagged: bool | None = None
    page: int = Field(default=1, ge=1, le=MAX_PAGE)
    per_page: int = Field(default=25, ge=1, le=MAX_PAGE_SIZE)


class CaseSummary(Strict):
    id: int
    reference: str
    requesting_state: str
    requested_state: str
    request_type: str
    status: Status
    received_on: str
    deadline: datetime
    overdue: bool
    flagged: bool
    linked: bool
    team_id: int | None
    recommendation: str | None


class CasePage(Strict):
    items: tuple[CaseSummary, ...]
    page: int
    per_page: int
    total: int


class DecisionRead(Strict):
    id: int
    action: str
    recommendation: str
    departs: bool
    rationale: str | None
    data_categories: tuple[str, ...]
    withheld: tuple[str, ...]
    conditions: dict[str, str]
    grounds: tuple[str, ...]
    decided_by: str
    decided_at: datetime
    needs_countersign: bool
    countersigned_by: str | None
    effective: bool


class AssessmentRead(Strict):
    id: int
    ordinal: int
    on: str
    policy: str
    recommendation: str
    human_review_required: bool
    engine_version: str
    law_digest: str
    explanation: dict[str, Any] | None


class TimelineEntry(Strict):
    seq: int
    name: str
    actor: str
    at: str
    payload: dict[str, Any]


class CaseDetail(Strict):
    """Everything the case page shows: the case, its request, advice, decisions and audit timeline."""

    case: CaseRead
    request: dict[str, Any] | None
    assessments: tuple[AssessmentRead, ...]
    decisions: tuple[DecisionRead, ...]
    consultations: tuple[dict[str, Any], ...]
    transitions: tuple[dict[str, Any], ...]
    timeline: tuple[TimelineEntry, ...]
    letters: tuple[str, ...]


def _latest(column: Any) -> Any:
    """A column of the case's latest assessment, as a correlated subquery."""
    query = select(column).where(Assessment.case_id == Case.id).order_by(Assessment.ordinal.desc())
    return query.limit(1).correlate(Case).scalar_subquery()


def _flagged() -> Any:
    """The latest advice has a human-rights finding that needs a person or supports refusal."""
    return _latest(Assessment.rights_flagged) == true()


def _filtered(query: Select[Any], where: CaseFilter, now: datetime) -> Select[Any]:
    if where.state:
        query = query.where(Case.requesting_state == where.state)
    if where.request_type:
        query = query.where(Case.request_type == where.request_type)
    if where.status:
        query = query.where(Case.status == where.status.value)
    late = Case.status.in_(OPEN) & (Case.deadline < now)
    if where.overdue is not None:
        query = query.where(late if where.overdue else ~late)
    flagged = _flagged()
    if where.flagged is not None:
        query = query.where(flagged if where.flagged else ~flagged)
    return query


def _summary(case: Case, flagged: bool, recommendation: str | None, now: datetime) -> CaseSummary:
    return CaseSummary(
        **stored_fields(case),
        received_on=case.received_on.isoformat(),
        overdue=case.status in OPEN and case.deadline < now,
        flagged=flagged,
        recommendation=recommendation,
    )


def list_cases(session: Session, *, where: CaseFilter, actor: Actor, now: datetime | None = None) -> CasePage:
    """One page of the cases the actor may see matching the filter, the nearest deadline first."""
    require(actor, "case:view")
    moment = now or datetime.now(UTC)
    total = session.scalar(_filtered(scoped(select(func.count(Case.id)), actor), where, moment)) or 0
    query = select(Case, _flagged(), _latest(Assessment.recommendation))
    query = _filtered(scoped(query, actor), where, moment).order_by(Case.deadline, Case.id)
    query = query.offset((where.page - 1) * where.per_page).limit(where.per_page)
    items = tuple(_summary(case, bool(flag), rec, moment) for case, flag, rec in session.execute(query))
    return CasePage(items=items, page=where.page, per_page=where.per_page, total=total)


def _rows(session: Session, model: Any, case_id: int) -> list[Any]:
    return list(session.scalars(select(model).where(model.case_id == case_id).order_by(model.id)))


def decision_read(row: Decision) -> DecisionRead:
    return DecisionRead(
        id=row.id,
        action=row.action,
        recommendation=row.recommendation,
        departs=row.departs,
        rationale=row.rationale,
        data_categories=tuple(row.data_categories),
        withheld=tuple(row.withheld),
        conditions=row.conditions,
        grounds=row.grounds,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        needs_countersign=row.needs_countersign,
        countersigned_by=row.countersigned_by,
        effective=row.effective,
    )


def _assessment(row: Assessment) -> AssessmentRead:
    fields = {
        name: getattr(row, name) for name in AssessmentRead.model_fields if name not in ("on", "explanation")
    }
    return AssessmentRead(on=row.on.isoformat(), explanation=row.explained(), **fields)


def _letters(case: CaseRead, decisions: list[Decision]) -> tuple[str, ...]:
    """The letters the stored advice and the effective decision allow."""
    kinds = ["more_information"] if case.recommendation == "request_more_information" else []
    effective = decisions[-1] if decisions and decisions[-1].effective else None
    if effective and effective.action in ("execute", "execute_in_part"):
        kinds.append("conditions")
    if effective and effective.action == "execute_in_part":
        kinds.append("partial")
    if effective and effective.action == "refused":
        kinds.append("refusal")
    return tuple(kinds)


def case_detail(session: Session, *, case_id: int, actor: Actor, now: datetime | None = None) -> CaseDetail:
    """The case in full; opening it is recorded in the audit trail like any other view."""
    seen = view_case(session, case_id=case_id, actor=actor, now=now)
    case = session.get_one(Case, case_id)
    decisions = _rows(session, Decision, case_id)
    return CaseDetail(
        case=seen,
        request=json.loads(case.request_json) if case.request_json else None,
        assessments=tuple(_assessment(a) for a in _rows(session, Assessment, case_id)),
        decisions=tuple(decision_read(d) for d in decisions),
        consultations=tuple(
            {"about": c.about, "actor": c.actor, "summary": c.summary, "at": c.at.isoformat()}
            for c in _rows(session, Consultation, case_id)
        ),
        transitions=tuple(
            {"from": t.from_status, "to": t.to_status, "actor": t.actor, "reason": t.reason}
            | {"at": t.at.isoformat()}
            for t in _rows(session, Transition, case_id)
        ),
        timeline=tuple(
            TimelineEntry(seq=e.seq, name=e.name, actor=e.actor, at=e.created_at, payload=e.payload)
            for e in events(session, case_id=case_id)
        ),
        letters=_letters(seen, decisions),
    )


class StatusChange(Strict):
    """A move of the case's status, with the reason every move needs."""

    to: Status
    reason: Annotated[str, AfterValidator(without_nul)] = Field(min_length=1, max_length=2_000)


def get_decision(session: Session, *, case_id: int, decision_id: int, actor: Actor) -> Decision:
    """The decision with that id on that case, if the actor may see the case; or CaseNotFoundError."""
    visible_case(session, case_id=case_id, actor=actor)
    row = session.get(Decision, decision_id)
    if row is None or row.case_id != case_id:
        raise CaseNotFoundError(f"no decision {decision_id} on case {case_id}")
    return row


def refreshed(session: Session, case: Case) -> CaseRead:
    """The case as a reviewer sees it right after a change, without recording a view."""
    return read(session, case)
