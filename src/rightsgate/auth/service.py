"""Users and API tokens: argon2 password hashes, tokens stored only as SHA-256 digests.

A token is shown once, when issued; only its digest is kept, so a copy of the database does not yield
usable tokens. A disabled user can neither log in nor use a token. Every change is audited.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from rightsgate.audit import events
from rightsgate.audit.service import record
from rightsgate.auth.models import ApiToken, TeamMember, User
from rightsgate.auth.permissions import Actor, Role
from rightsgate.settings import Settings

MIN_PASSWORD = 12
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
HASHER = PasswordHasher()


class UserError(ValueError):
    """A user that cannot be added or found, naming the field."""


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _get(session: Session, username: str) -> User:
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None:
        raise UserError(f"username: no user named {username!r}")
    return user


def add_user(session: Session, *, username: str, role: str, password: str, actor: str) -> User:
    """Add an active user with an argon2-hashed password."""
    if not USERNAME.match(username):
        raise UserError("username: expected 2-64 lower-case letters, digits, '.', '_' or '-'")
    if role not in Role.__members__:
        raise UserError(f"role: expected one of {', '.join(Role)}, got {role!r}")
    if len(password) < MIN_PASSWORD:
        raise UserError(f"password: expected at least {MIN_PASSWORD} characters")
    if session.scalars(select(User.id).where(User.username == username)).first() is not None:
        raise UserError(f"username: {username!r} is taken")
    user = User(username=username, role=role, password_hash=HASHER.hash(password), active=True)
    user.created_at = datetime.now(UTC)
    session.add(user)
    session.flush()
    record(session, events.UserAdded(actor=actor, username=username, role=role))
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def disable_user(session: Session, *, username: str, actor: str) -> User:
    """Disable a user: no more logins or token use; the record stays for the audit trail."""
    user = _get(session, username)
    user.active = False
    session.flush()
    record(session, events.UserDisabled(actor=actor, username=username))
    return user


def actor_of(session: Session, user: User, settings: Settings) -> Actor:
    """The user as an actor, limited to their teams' cases when team isolation applies to their role."""
    if not settings.team_isolation or user.role in settings.all_teams_roles:
        return Actor(user.username, Role(user.role))
    teams = session.scalars(select(TeamMember.team_id).where(TeamMember.user_id == user.id))
    return Actor(user.username, Role(user.role), frozenset(teams))


def authenticate(session: Session, *, username: str, password: str, settings: Settings) -> Actor | None:
    """The actor for a correct password of an active user, else None."""
    user = session.scalars(select(User).where(User.username == username, User.active)).first()
    if user is None:
        return None
    try:
        HASHER.verify(user.password_hash, password)
    except VerificationError:
        return None
    return actor_of(session, user, settings)


def issue_token(session: Session, *, username: str, actor: str) -> str:
    """A new API token for an active user; returned once, stored only as its digest."""
    user = _get(session, username)
    if not user.active:
        raise UserError(f"username: {username!r} is disabled")
    token = secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, token_hash=token_digest(token), created_at=datetime.now(UTC))
    session.add(row)
    session.flush()
    record(session, events.TokenIssued(actor=actor, username=username, token_id=row.id))
    return token


def revoke_tokens(session: Session, *, username: str, actor: str, now: datetime | None = None) -> int:
    """Revoke every live token of a user; each stops working at its next use. Returns how many."""
    user = _get(session, username)
    live = list(
        session.scalars(select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)))
    )
    for row in live:
        row.revoked_at = now or datetime.now(UTC)
        session.flush()
        record(session, events.TokenRevoked(actor=actor, username=username, token_id=row.id))
    return len(live)


def actor_for_token(session: Session, *, token: str, settings: Settings) -> Actor | None:
    """The actor a token stands for, if it is known, not revoked, and its user active. Read afresh on
    every request: a revoked token or a disabled user is refused at the next one."""
    query = (
        select(User)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == token_digest(token), ApiToken.revoked_at.is_(None), User.active)
    )
    user = session.scalars(query).first()
    return actor_of(session, user, settings) if user else None


def actor_named(session: Session, *, username: str, settings: Settings) -> Actor:
    """The actor for an active user, as the command line and the web session name it."""
    user = _get(session, username)
    if not user.active:
        raise UserError(f"username: {username!r} is disabled")
    return actor_of(session, user, settings)
