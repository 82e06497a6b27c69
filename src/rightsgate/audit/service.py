"""Writing and reading the audit trail. There is `record` and listing: no update, no delete.

`record` adds the event to the caller's transaction, so it commits or rolls back with the change it
describes. The chain head is read under a row lock on PostgreSQL; SQLite transactions start with
`BEGIN IMMEDIATE`, which serialises writers. Unique `seq` and `prev_hash` reject any fork.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rightsgate.audit.chain import GENESIS, Head, Verification, link, verify
from rightsgate.audit.events import Event
from rightsgate.audit.models import AuditEvent

BATCH = 5_000


def utc_text(moment: datetime) -> str:
    """A UTC timestamp as fixed-width text, so it hashes the same on every database."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _head(session: Session) -> tuple[int, str]:
    query = select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    row = session.execute(query).first()
    return (row[0], row[1]) if row else (0, GENESIS)


def record(session: Session, event: Event, *, now: datetime | None = None) -> AuditEvent:
    """Append one event at the chain head, in the caller's transaction."""
    seq, prev = _head(session)
    fields: dict[str, Any] = {
        "seq": seq + 1,
        "name": event.name,
        "actor": event.actor,
        "case_id": event.case_id,
        "created_at": utc_text(now or datetime.now(UTC)),
        "payload": event.payload(),
        "engine_version": event.engine_version,
        "law_digest": event.law_digest,
    }
    row = AuditEvent(**fields, prev_hash=prev, hash=link(fields, prev))
    session.add(row)
    session.flush()
    return row


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


def latest_event(session: Session) -> AuditEvent | None:
    """The chain head: the newest event, read without locking."""
    return session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).first()


def event_at(session: Session, *, seq: int) -> AuditEvent | None:
    """The event at position `seq`, if the chain still has one there."""
    return session.get(AuditEvent, seq)
