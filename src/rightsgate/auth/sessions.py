"""Signing in and out of the web pages, with sessions held on the server.

The browser's cookie carries a random session id, new at every sign-in (so a session id planted before
sign-in is worthless after it); only its SHA-256 digest is stored. Each request looks the session up
afresh, so signing out, expiry, or disabling the user ends it at the next request. Sign-ins are rate
limited (`auth.throttle`), and every refused attempt is audited without the password.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from rightsgate.audit import events
from rightsgate.audit.service import record
from rightsgate.auth import throttle
from rightsgate.auth.models import User, WebSession
from rightsgate.auth.permissions import Actor
from rightsgate.auth.service import actor_of, authenticate, token_digest
from rightsgate.settings import Settings


class SignInThrottledError(Exception):
    """Too many failed sign-ins for the account or from the address; try again in `retry_after` s."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many failed sign-ins: try again in {retry_after} seconds")
        self.retry_after = retry_after


def _refused(session: Session, username: str, address: str, now: datetime) -> None:
    """Audit a wrong password or an unknown or disabled account, naming only an existing account."""
    user = session.scalars(select(User).where(User.username == username)).first()
    reason = "wrong_password" if user is not None and user.active else "unknown_or_disabled"
    event = events.SignInRefused(
        actor=user.username if user else "-", reason=reason, address=throttle.address_key(address)
    )
    record(session, event, now=now)


def _start(session: Session, actor: Actor, settings: Settings, now: datetime) -> str:
    """A new server-side session for the actor; returns the id the cookie carries."""
    session.execute(delete(WebSession).where(WebSession.expires_at <= now))
    user_id = session.scalars(select(User.id).where(User.username == actor.username)).one()
    sid = secrets.token_urlsafe(32)
    expires = now + timedelta(hours=settings.session_hours)
    row = WebSession(user_id=user_id, sid_hash=token_digest(sid), created_at=now, expires_at=expires)
    session.add(row)
    session.flush()
    record(session, events.SignedIn(actor=actor.username, session_id=row.id), now=now)
    return sid


def sign_in(
    session: Session,
    *,
    username: str,
    password: str,
    address: str,
    settings: Settings,
    now: datetime | None = None,
) -> tuple[Actor, str] | None:
    """The actor and a new session id for a correct password, None for a wrong one; raises
    SignInThrottledError, without checking the password, while the account or address is locked."""
    moment = now or datetime.now(UTC)
    wait = throttle.retry_after(session, username=username, address=address, settings=settings, now=moment)
    if wait is not None:
        raise SignInThrottledError(wait)
    actor = authenticate(session, username=username, password=password, settings=settings)
    if actor is None:
        throttle.note_failure(session, username=username, address=address, settings=settings, now=moment)
        _refused(session, username, address, moment)
        return None
    throttle.forget_account(session, username=username)
    return actor, _start(session, actor, settings, moment)


def actor_for_session(
    session: Session, *, sid: str, settings: Settings, now: datetime | None = None
) -> Actor | None:
    """The actor of a live session (not ended, not expired, its user active), else None."""
    query = (
        select(User)
        .join(WebSession, WebSession.user_id == User.id)
        .where(WebSession.sid_hash == token_digest(sid), WebSession.ended_at.is_(None), User.active)
        .where(WebSession.expires_at > (now or datetime.now(UTC)))
    )
    user = session.scalars(query).first()
    return actor_of(session, user, settings) if user else None


def sign_out(session: Session, *, sid: str, now: datetime | None = None) -> None:
    """End the session on the server: its cookie, however copied, no longer signs anyone in."""
    row = session.scalars(select(WebSession).where(WebSession.sid_hash == token_digest(sid))).first()
    if row is None or row.ended_at is not None:
        return
    moment = now or datetime.now(UTC)
    row.ended_at = moment
    username = session.scalars(select(User.username).where(User.id == row.user_id)).one()
    session.flush()
    record(session, events.SignedOut(actor=username, session_id=row.id), now=moment)
