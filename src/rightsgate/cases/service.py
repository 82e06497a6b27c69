"""Case services: open a case per request, re-assess, view, consult, and list overdue cases.

Services never commit: the caller owns the transaction, and each audit event joins it. Every function
takes keyword-only arguments after the session, checks the actor's permission, and records what it did.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from rightsgate.audit import events
from rightsgate.audit.service import record, utc_text
from rightsgate.auth.permissions import Actor, require
from rightsgate.cases.advice import latest_assessment, store_assessment
from rightsgate.cases.models import Case, CaseLink, CaseTarget, Consultation
from rightsgate.cases.schemas import CaseRead, ConsultationCreate
from rightsgate.cases.statistics import store_codes
from rightsgate.cases.workflow import OPEN, TERMINAL, Status, WorkflowError, latest_decision, transition
from rightsgate.law.loader import Law
from rightsgate.rules.facts import Request
from rightsgate.settings import Settings

REASSESSABLE = frozenset({Status.received, Status.under_review, Status.awaiting_information})


class DuplicateCaseError(ValueError):
    """A case for this (requesting State, reference) already exists."""


class CaseNotFoundError(LookupError):
    pass


def deadline_for(request: Request, settings: Settings) -> datetime:
    """The answer is due hours after receipt for preservation and emergencies, days for the rest."""
    start = datetime.combine(request.received_on, time(), UTC)
    kind = "emergency_disclosure" if request.is_emergency else request.request_type.value
    if kind in settings.deadline_hours:
        return start + timedelta(hours=settings.deadline_hours[kind])
    return start + timedelta(days=settings.deadline_days.get(kind, settings.default_deadline_days))


def normalised(identifier: str) -> str:
    """The same identifier, whatever the channel or spelling: trimmed and lower case."""
    return identifier.strip().lower()


def find_case(session: Session, *, requesting_state: str, reference: str) -> Case | None:
    query = select(Case).where(Case.requesting_state == requesting_state, Case.reference == reference)
    return session.scalars(query).first()


def get_case(session: Session, *, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise CaseNotFoundError(f"no case with id {case_id}")
    return case


def _store_targets(session: Session, case: Case, request: Request) -> set[str]:
    session.execute(delete(CaseTarget).where(CaseTarget.case_id == case.id))
    identifiers = {normalised(t.identifier): t.kind.value for t in request.targets or ()}
    session.add_all(CaseTarget(case_id=case.id, kind=k, identifier=i) for i, k in identifiers.items())
    return set(identifiers)


def _link(
    session: Session, case: Case, identifiers: set[str], *, actor: str, settings: Settings, now: datetime
) -> None:
    """Link and flag cases sharing a target with an open or recently closed case."""
    if not identifiers:
        return
    since = now - timedelta(days=settings.link_window_days)
    sharing = select(CaseTarget.case_id).where(CaseTarget.identifier.in_(identifiers))
    query = select(Case).where(Case.id.in_(sharing), Case.id != case.id)
    query = query.where(or_(Case.status.not_in(TERMINAL), Case.closed_at >= since))
    known = {
        link.linked_case_id for link in session.scalars(select(CaseLink).where(CaseLink.case_id == case.id))
    }
    others = [other for other in session.scalars(query) if other.id not in known]
    if not others:
        return
    for other in others:
        other.linked = True
        session.add(CaseLink(case_id=case.id, linked_case_id=other.id, reason="target_overlap"))
    case.linked = True
    ids = sorted(other.id for other in others)
    record(session, events.CaseLinked(actor=actor, case_id=case.id, linked_case_ids=ids), now=now)


def _new_case(request: Request, settings: Settings, now: datetime) -> Case:
    """A received case carrying the request and the codes statistics need."""
    return Case(
        requesting_state=request.requesting_state,
        reference=request.reference,
        requested_state=request.requested_state,
        request_type=request.request_type.value,
        emergency=request.is_emergency,
        data_requested=[c.value for c in request.data_requested or ()],
        received_on=request.received_on,
        status=Status.received.value,
        deadline=deadline_for(request, settings),
        opened_at=now,
        linked=False,
        request_json=request.model_dump_json(),
    )


def _take_in(
    session: Session,
    case: Case,
    request: Request,
    *,
    law: Law,
    settings: Settings,
    actor: str,
    on: date,
    now: datetime,
) -> None:
    """Store the request's targets, link overlapping cases, and add an assessment with its report codes."""
    identifiers = _store_targets(session, case, request)
    _link(session, case, identifiers, actor=actor, settings=settings, now=now)
    advice = store_assessment(
        session, case, request=request, law=law, on=on, policy=settings.policy, actor=actor, now=now
    )
    count = None if request.targets is None else len(identifiers)
    store_codes(session, advice, request=request, law=law, identifiers=count)


def open_case(
    session: Session,
    *,
    request: Request,
    actor: Actor,
    law: Law,
    settings: Settings,
    now: datetime | None = None,
) -> Case:
    """Open the case for a new request, link it to overlapping cases, and store the first assessment."""
    require(actor, "case:create")
    moment = now or datetime.now(UTC)
    if find_case(session, requesting_state=request.requesting_state, reference=request.reference):
        raise DuplicateCaseError(f"a case for {request.requesting_state} {request.reference} already exists")
    case = _new_case(request, settings, moment)
    session.add(case)
    session.flush()
    created = events.CaseCreated(
        actor=actor.username,
        case_id=case.id,
        reference=case.reference,
        requesting_state=case.requesting_state,
        request_type=case.request_type,
        deadline=utc_text(case.deadline),
    )
    record(session, created, now=moment)
    _take_in(
        session,
        case,
        request,
        law=law,
        settings=settings,
        actor=actor.username,
        on=request.received_on,
        now=moment,
    )
    return case


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
    moment = now or datetime.now(UTC)
    if (request.requesting_state, request.reference) != (case.requesting_state, case.reference):
        raise WorkflowError("reference: the new information must carry the case's State and reference")
    if case.status not in REASSESSABLE:
        raise WorkflowError(f"case {case.id} is {case.status}: only an undecided case is re-assessed")
    case.request_json = request.model_dump_json()
    case.data_requested = [c.value for c in request.data_requested or ()]
    _take_in(
        session,
        case,
        request,
        law=law,
        settings=settings,
        actor=actor.username,
        on=on or moment.date(),
        now=moment,
    )
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
    advice, decision = latest_assessment(session, case), latest_decision(session, case)
    return CaseRead(
        id=case.id,
        reference=case.reference,
        requesting_state=case.requesting_state,
        requested_state=case.requested_state,
        request_type=case.request_type,
        status=Status(case.status),
        received_on=case.received_on,
        deadline=case.deadline,
        linked=case.linked,
        linked_case_ids=tuple(sorted({link.case_id + link.linked_case_id - case.id for link in links})),
        recommendation=advice.recommendation if advice else None,
        assessments=advice.ordinal if advice else 0,
        decision=decision.action if decision and decision.effective else None,
    )


def view_case(session: Session, *, case_id: int, actor: Actor, now: datetime | None = None) -> CaseRead:
    """Show a case; every view is an audited event."""
    require(actor, "case:view")
    case = get_case(session, case_id=case_id)
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
    event = events.ConsultationRecorded(
        actor=actor.username, case_id=case.id, consultation_id=row.id, about=row.about
    )
    record(session, event, now=moment)
    return row


def overdue(session: Session, *, now: datetime) -> list[Case]:
    """Undecided cases past their deadline, the most overdue first."""
    query = select(Case).where(Case.status.in_(OPEN), Case.deadline < now).order_by(Case.deadline)
    return list(session.scalars(query))
