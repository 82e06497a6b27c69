"""Case services: open a case per request, re-assess, view, consult, and list overdue cases.

Services never commit: the caller owns the transaction, and each audit event joins it. Every function
takes keyword-only arguments after the session, checks the actor's permission, and records what it did.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from rightsgate.audit import events
from rightsgate.audit.service import record
from rightsgate.auth.permissions import Actor, require
from rightsgate.cases.access import CaseNotFoundError as CaseNotFoundError
from rightsgate.cases.access import ensure_in_scope, visible_case
from rightsgate.cases.advice import store_assessments
from rightsgate.cases.models import Assessment, Case, CaseLink, Consultation, normalised_identifiers
from rightsgate.cases.opening import link_cases, store_targets
from rightsgate.cases.report_rows import refresh_report_rows
from rightsgate.cases.schemas import CaseRead, ConsultationCreate, stored_fields
from rightsgate.cases.workflow import OPEN, Status, WorkflowError, latest_decision, transition
from rightsgate.law.loader import Law
from rightsgate.rules.facts import Request
from rightsgate.settings import Settings

REASSESSABLE = frozenset({Status.received, Status.under_review, Status.awaiting_information})


def find_case(session: Session, *, requesting_state: str, reference: str) -> Case | None:
    query = select(Case).where(Case.requesting_state == requesting_state, Case.reference == reference)
    return session.scalars(query).first()


def get_case(session: Session, *, case_id: int, actor: Actor) -> Case:
    """The case with that id, if it exists and the actor's teams may see it; else CaseNotFoundError."""
    return visible_case(session, case_id=case_id, actor=actor)


def reassess(
    session: Session,
    case: Case,
    *,
    request: Request,
    actor: Actor,
    law: Law,
    settings: Settings,
    on: date | None = None,
    now: datetime | None = None,
) -> Case:
    """Take the request as completed with new information and assess it again; earlier advice is kept."""
    require(actor, "assessment:run")
    ensure_in_scope(actor, case)
    moment = now or datetime.now(UTC)
    if (request.requesting_state, request.reference) != (case.requesting_state, case.reference):
        raise WorkflowError("reference: the new information must carry the case's State and reference")
    if case.status not in REASSESSABLE:
        raise WorkflowError(f"case {case.id} is {case.status}: only an undecided case is re-assessed")
    case.request_json = request.model_dump_json()
    case.data_requested = [c.value for c in request.data_requested or ()]
    session.flush()
    targets = {case.id: normalised_identifiers(request)}
    store_targets(session, targets)
    link_cases(session, targets, actor=actor.username, settings=settings, now=moment)
    items = [(case.id, request, on or moment.date())]
    store_assessments(session, items, law=law, policy=settings.policy, actor=actor.username, now=moment)
    session.refresh(case)
    if case.status == Status.awaiting_information:
        transition(
            session, case, to=Status.under_review, actor=actor, reason="new information received", now=moment
        )
    return case


def read(session: Session, case: Case) -> CaseRead:
    """The case as a reviewer sees it."""
    links = session.scalars(
        select(CaseLink).where(or_(CaseLink.case_id == case.id, CaseLink.linked_case_id == case.id))
    )
    advice = session.execute(  # not the whole row: its explanation is tens of kilobytes
        select(Assessment.recommendation, Assessment.ordinal)
        .where(Assessment.case_id == case.id)
        .order_by(Assessment.ordinal.desc())
        .limit(1)
    ).first()
    decision = latest_decision(session, case)
    return CaseRead(
        **stored_fields(case),
        received_on=case.received_on,
        linked_case_ids=tuple(sorted({link.case_id + link.linked_case_id - case.id for link in links})),
        recommendation=advice.recommendation if advice else None,
        assessments=advice.ordinal if advice else 0,
        decision=decision.action if decision and decision.effective else None,
    )


def view_case(session: Session, *, case_id: int, actor: Actor, now: datetime | None = None) -> CaseRead:
    """Show a case; every view is an audited event."""
    require(actor, "case:view")
    case = get_case(session, case_id=case_id, actor=actor)
    record(session, events.CaseViewed(actor=actor.username, case_id=case.id), now=now)
    return read(session, case)


def record_consultation(
    session: Session,
    case: Case,
    *,
    consultation: ConsultationCreate,
    actor: Actor,
    now: datetime | None = None,
) -> Consultation:
    """Record consultation with the requesting State, which must precede a refusal or a postponement."""
    require(actor, "consultation:record")
    ensure_in_scope(actor, case)
    moment = now or datetime.now(UTC)
    row = Consultation(
        case_id=case.id,
        about=consultation.about,
        actor=actor.username,
        summary=consultation.summary,
        at=moment,
    )
    session.add(row)
    session.flush()
    refresh_report_rows(session, [case.id])
    event = events.ConsultationRecorded(
        actor=actor.username, case_id=case.id, consultation_id=row.id, about=row.about
    )
    record(session, event, now=moment)
    return row


def overdue(session: Session, *, now: datetime) -> list[Case]:
    """Undecided cases past their deadline, the most overdue first."""
    query = select(Case).where(Case.status.in_(OPEN), Case.deadline < now).order_by(Case.deadline)
    return list(session.scalars(query))
