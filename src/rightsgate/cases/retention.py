"""Retention: personal data of closed cases is purged after the configured period.

The purge removes the request (identifiers, names, facts), the target identifiers, the stored
explanations and every free-text field (reasons, rationale, consultation notes, withheld items and
conditions). It keeps the codes, dates and outcomes that statistics and transparency reports need. The
audit log holds no personal data, so it is not touched and its chain stays valid; the purge itself is
recorded as an event.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from rightsgate.audit import events
from rightsgate.audit.service import record
from rightsgate.auth.permissions import Actor, require
from rightsgate.cases.models import Assessment, Case, CaseTarget, Consultation, Decision, Transition
from rightsgate.cases.workflow import TERMINAL
from rightsgate.settings import Settings


def _purge(session: Session, case: Case, now: datetime) -> None:
    """Remove one case's personal data, keeping codes, dates and outcomes."""
    session.execute(delete(CaseTarget).where(CaseTarget.case_id == case.id))
    session.execute(update(Assessment).where(Assessment.case_id == case.id).values(explanation=None))
    session.execute(update(Transition).where(Transition.case_id == case.id).values(reason=None))
    session.execute(update(Consultation).where(Consultation.case_id == case.id).values(summary=None))
    session.execute(
        update(Decision).where(Decision.case_id == case.id).values(rationale=None, withheld=[], conditions={})
    )
    case.request_json, case.purged_at = None, now


def purge_expired(
    session: Session, *, actor: Actor, settings: Settings, now: datetime | None = None
) -> list[int]:
    """Purge every case closed, withdrawn or lapsed longer ago than the retention period."""
    require(actor, "retention:purge")
    moment = now or datetime.now(UTC)
    cutoff = moment - timedelta(days=settings.retention_days)
    query = select(Case).where(Case.status.in_(TERMINAL), Case.closed_at <= cutoff, Case.purged_at.is_(None))
    purged = []
    for case in session.scalars(query.order_by(Case.id)).all():
        _purge(session, case, moment)
        event = events.CasePurged(
            actor=actor.username, case_id=case.id, retention_days=settings.retention_days
        )
        record(session, event, now=moment)
        purged.append(case.id)
    session.flush()
    return purged
