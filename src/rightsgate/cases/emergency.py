"""Emergency requests: verify the requester out of band before executing, re-validate afterwards.

Forged "emergency" requests are a known route to obtain data without legal process. Before an
emergency disclosure is executed, a reviewer confirms the request through a contact taken from the
registry of known requesting authorities (never from the request itself); after execution, the
emergency is re-validated with the requesting authority, and the case closes only once that is recorded.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from rightsgate.audit import events
from rightsgate.audit.service import record
from rightsgate.auth.permissions import Actor, require
from rightsgate.cases.access import ensure_in_scope
from rightsgate.cases.models import Authority, Case, EmergencyCheck
from rightsgate.cases.workflow import Status, WorkflowError, emergency_check

Method = Literal["callback", "registry_email", "liaison_officer", "in_person"]


def register_authority(session: Session, *, state: str, name: str, contact: str, actor: Actor) -> Authority:
    """Add a known requesting authority with an independently sourced contact."""
    require(actor, "authority:manage")
    row = Authority(state=state.upper(), name=name, contact=contact, active=True)
    session.add(row)
    session.flush()
    record(session, events.AuthorityRegistered(actor=actor.username, authority_id=row.id, state=row.state))
    return row


def authorities(session: Session, *, state: str | None = None) -> list[Authority]:
    query = select(Authority).order_by(Authority.state, Authority.name)
    return list(session.scalars(query.where(Authority.state == state.upper()) if state else query))


def _check_registered(session: Session, case: Case, authority_id: int) -> None:
    """The contact must come from the registry: an active authority of the requesting State."""
    authority = session.get(Authority, authority_id)
    if authority is None or not authority.active or authority.state != case.requesting_state:
        raise WorkflowError(
            f"authority_id: expected an active registered authority of {case.requesting_state},"
            f" got {authority_id}"
        )
    if not case.emergency:
        raise WorkflowError(f"case {case.id} is not an emergency request")


def verify_emergency(
    session: Session,
    case: Case,
    *,
    authority_id: int,
    method: Method,
    confirmed: bool,
    actor: Actor,
    now: datetime | None = None,
) -> EmergencyCheck:
    """Record the out-of-band check against a registered, active authority of the requesting State."""
    require(actor, "emergency:verify")
    ensure_in_scope(actor, case)
    _check_registered(session, case, authority_id)
    moment = now or datetime.now(UTC)
    row = EmergencyCheck(
        case_id=case.id,
        authority_id=authority_id,
        method=method,
        confirmed=confirmed,
        verified_by=actor.username,
        verified_at=moment,
    )
    session.add(row)
    session.flush()
    event = events.EmergencyVerified(
        actor=actor.username,
        case_id=case.id,
        check_id=row.id,
        authority_id=authority_id,
        method=method,
        confirmed=confirmed,
    )
    record(session, event, now=moment)
    return row


def revalidate_emergency(
    session: Session, case: Case, *, confirmed: bool, actor: Actor, now: datetime | None = None
) -> EmergencyCheck:
    """After execution, record whether the requesting authority confirmed the emergency was real."""
    require(actor, "emergency:verify")
    ensure_in_scope(actor, case)
    check = emergency_check(session, case)
    if check is None or case.status != Status.executed:
        raise WorkflowError(f"case {case.id}: re-validate only an executed, verified emergency")
    moment = now or datetime.now(UTC)
    check.revalidated, check.revalidated_by, check.revalidated_at = confirmed, actor.username, moment
    session.flush()
    event = events.EmergencyRevalidated(
        actor=actor.username, case_id=case.id, check_id=check.id, confirmed=confirmed
    )
    record(session, event, now=moment)
    return check
