"""Storing the engine's advice: every assessment is kept, with its engine version and law digest."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rightsgate.audit import events
from rightsgate.audit.service import record
from rightsgate.cases.models import Assessment, Case
from rightsgate.explain import explain
from rightsgate.law.loader import Law
from rightsgate.rules.assess import assess
from rightsgate.rules.facts import Request


def store_assessment(
    session: Session,
    case: Case,
    *,
    request: Request,
    law: Law,
    on: date,
    policy: str,
    actor: str,
    now: datetime,
) -> Assessment:
    """Assess the request and add the result as the case's next assessment; earlier ones stay."""
    result = assess(request, law, on=on, policy=policy)
    count = session.scalar(select(func.count()).where(Assessment.case_id == case.id)) or 0
    row = Assessment(
        case_id=case.id,
        ordinal=count + 1,
        on=on,
        policy=policy,
        recommendation=result.recommendation.action.value,
        human_review_required=result.recommendation.human_review_required,
        engine_version=result.engine_version,
        law_digest=result.law_digest,
        explanation=explain(result, law).model_dump(mode="json"),
        created_at=now,
    )
    session.add(row)
    session.flush()
    event = events.AssessmentRecorded(
        actor=actor,
        case_id=case.id,
        assessment_id=row.id,
        ordinal=row.ordinal,
        recommendation=row.recommendation,
        human_review_required=row.human_review_required,
        engine_version=row.engine_version,
        law_digest=row.law_digest,
    )
    record(session, event, now=now)
    return row


def latest_assessment(session: Session, case: Case) -> Assessment | None:
    query = select(Assessment).where(Assessment.case_id == case.id).order_by(Assessment.ordinal.desc())
    return session.scalars(query.limit(1)).first()
