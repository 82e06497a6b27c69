"""Sign-in rate limiting: after too many failures for an account or from a client address within a
window (by default 5 in 15 minutes), further attempts are refused until the oldest failure ages out.

Failures are rows in the database, so the limit holds across server processes and restarts. Each row
holds a SHA-256 digest of `account:<name>` or `address:<ip>` and a time: never a password. Attempts
refused by the limit are not counted, so the wait ends even while someone keeps trying.
"""

from __future__ import annotations

import hashlib
import math
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from rightsgate.auth.models import SignInFailure
from rightsgate.settings import Settings


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def account_key(username: str) -> str:
    return digest(f"account:{username.strip().lower()}")


def address_key(address: str) -> str:
    return digest(f"address:{address}")


def retry_after(
    session: Session, *, username: str, address: str, settings: Settings, now: datetime
) -> int | None:
    """Seconds until this account may be tried from this address again, or None if it may be now."""
    window = timedelta(seconds=settings.sign_in_window_seconds)
    wait = 0.0
    for key in (account_key(username), address_key(address)):
        query = select(SignInFailure.at).where(SignInFailure.key == key, SignInFailure.at > now - window)
        times = sorted(session.scalars(query))
        if len(times) >= settings.sign_in_attempts:
            freed = times[len(times) - settings.sign_in_attempts] + window
            wait = max(wait, (freed - now).total_seconds())
    return math.ceil(wait) if wait > 0 else None


def note_failure(session: Session, *, username: str, address: str, settings: Settings, now: datetime) -> None:
    """Count a failure against the account and the address; forget failures older than the window."""
    cutoff = now - timedelta(seconds=settings.sign_in_window_seconds)
    session.execute(delete(SignInFailure).where(SignInFailure.at <= cutoff))
    rows = [{"key": account_key(username), "at": now}, {"key": address_key(address), "at": now}]
    session.execute(insert(SignInFailure), rows)


def forget_account(session: Session, *, username: str) -> None:
    """A correct password clears the account's failures (the address keeps its own)."""
    session.execute(delete(SignInFailure).where(SignInFailure.key == account_key(username)))
