"""Writing and reading the audit trail. There is `record` and listing: no update, no delete.

`record` adds the event to the caller's transaction, so it commits or rolls back with the change it
describes. Writers are serialised before the chain head is read: on PostgreSQL by a transaction-level
advisory lock, on SQLite by `BEGIN IMMEDIATE`. Unique `seq` and `prev_hash` reject any fork regardless.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from rightsgate.audit.chain import GENESIS, Head, Verification, link, verify
from rightsgate.audit.events import Event
from rightsgate.audit.models import AuditEvent

BATCH = 5_000
CHAIN_LOCK = 0x52474155  # one advisory lock serialises appends to the chain on PostgreSQL


def utc_text(moment: datetime) -> str:
    """A UTC timestamp as fixed-width text, so it hashes the same on every database."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _head(session: Session) -> tuple[int, str]:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
    query = select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    row = session.execute(query).first()
    return (row[0], row[1]) if row else (0, GENESIS)


def record_many(session: Session, batch: Sequence[Event], *, now: datetime | None = None) -> None:
    """Append events at the chain head, in order, in the caller's transaction."""
    if not batch:
        return
    seq, prev = _head(session)
    created = utc_text(now or datetime.now(UTC))
    rows = []
    for event in batch:
        seq += 1
        fields: dict[str, Any] = {
            "seq": seq,
            "name": event.name,
            "actor": event.actor,
            "case_id": event.case_id,
            "created_at": created,
            "payload": event.payload(),
            "engine_version": event.engine_version,
            "law_digest": event.law_digest,
        }
        digest = link(fields, prev)
        rows.append({**fields, "prev_hash": prev, "hash": digest})
        prev = digest
    session.execute(insert(AuditEvent), rows)


def record(session: Session, event: Event, *, now: datetime | None = None) -> None:
    """Append one event at the chain head, in the caller's transaction."""
    record_many(session, [event], now=now)


def events(session: Session, *, case_id: int | None = None) -> list[AuditEvent]:
    """Events in chain order, optionally those of one case."""
    query = select(AuditEvent).order_by(AuditEvent.seq)
    if case_id is not None:
        query = query.where(AuditEvent.case_id == case_id)
    return list(session.scalars(query))


def _stream(session: Session) -> Iterator[dict[str, Any]]:
    """Every event as a plain dict, read in batches by seq so memory stays flat on long chains."""
    after = 0
    while True:
        batch = session.scalars(
            select(AuditEvent).where(AuditEvent.seq > after).order_by(AuditEvent.seq).limit(BATCH)
        ).all()
        if not batch:
            return
        for row in batch:
            yield row.fields()
        after = batch[-1].seq
        session.expunge_all()


def verify_chain(session: Session, *, expect: Iterable[Head] = ()) -> Verification:
    """Recompute every hash and link, and check each published head is still in the chain."""
    return verify(_stream(session), expect)


class ChainError(ValueError):
    """The chain cannot be anchored: it is empty or broken."""


def anchor(session: Session) -> Head:
    """The head of the verified chain, for auditors to keep outside the database; verifying against it
    later shows a copy that is behind it (say, a restored backup) or has diverged from it."""
    result = verify_chain(session)
    if result.defect is not None:
        raise ChainError(f"the audit chain is broken at {result.defect}: there is nothing to anchor")
    if result.head is None:
        raise ChainError("the audit chain is empty: there is nothing to anchor")
    return result.head


def latest_event(session: Session) -> AuditEvent | None:
    """The chain head: the newest event, read without locking."""
    return session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).first()


def event_at(session: Session, *, seq: int) -> AuditEvent | None:
    """The event at position `seq`, if the chain still has one there."""
    return session.get(AuditEvent, seq)
