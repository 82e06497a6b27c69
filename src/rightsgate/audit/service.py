"""Writing and reading the audit trail. There is `record` and listing: no update, no delete.

`record` adds the event to the caller's transaction, so it commits or rolls back with the change it
describes (a rolled-back savepoint takes the events recorded inside it). The event is queued and
appended at the chain head when the transaction commits, or when it reads the trail, so the chain is
locked only for the append and the commit, not while the change itself is worked out. Writers are
serialised before the head is read: on PostgreSQL by a transaction-level advisory lock, on SQLite by
`BEGIN IMMEDIATE`. Unique `seq` and `prev_hash` reject any fork regardless.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event as sqlalchemy_event
from sqlalchemy import select, text
from sqlalchemy.orm import Session, SessionTransaction

from rightsgate.audit.chain import GENESIS, Head, Verification, link, verify
from rightsgate.audit.events import Event
from rightsgate.audit.models import AuditEvent
from rightsgate.db import core_insert

BATCH = 5_000
CHAIN_LOCK = 0x52474155  # one advisory lock serialises appends to the chain on PostgreSQL
PENDING = "rightsgate.audit.pending"  # the session's queued events, in order


def utc_text(moment: datetime) -> str:
    """A UTC timestamp as fixed-width text, so it hashes the same on every database."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _head(session: Session) -> tuple[int, str]:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
    query = select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    row = session.execute(query).first()
    return (row[0], row[1]) if row else (0, GENESIS)


@dataclass(frozen=True, slots=True)
class _Queued:
    event: Event
    created: str
    savepoint: SessionTransaction | None  # the savepoint it was recorded in, if any


def _append(session: Session, batch: Sequence[_Queued]) -> None:
    """Append queued events at the chain head, in order."""
    seq, prev = _head(session)
    rows = []
    for item in batch:
        seq += 1
        fields: dict[str, Any] = {
            "seq": seq,
            "name": item.event.name,
            "actor": item.event.actor,
            "case_id": item.event.case_id,
            "created_at": item.created,
            "payload": item.event.payload(),
            "engine_version": item.event.engine_version,
            "law_digest": item.event.law_digest,
        }
        digest = link(fields, prev)
        rows.append({**fields, "prev_hash": prev, "hash": digest})
        prev = digest
    session.execute(core_insert(AuditEvent), rows)


def append_queued(session: Session) -> None:
    """Append the events this transaction has queued, so that it can read them back.

    Not inside a savepoint that events were queued before: rolling it back would lose them."""
    queued: list[_Queued] = session.info.pop(PENDING, [])
    inner = session.get_nested_transaction()
    if inner is not None and any(not _within(item.savepoint, inner) for item in queued):
        session.info[PENDING] = queued
        raise RuntimeError("read the audit trail before opening the savepoint, or after it ends")
    if queued:
        _append(session, queued)


def _within(savepoint: SessionTransaction | None, outer: SessionTransaction) -> bool:
    """Whether `savepoint` is `outer` or was opened inside it."""
    while savepoint is not None:
        if savepoint is outer:
            return True
        savepoint = savepoint.parent
    return False


def record_many(session: Session, batch: Sequence[Event], *, now: datetime | None = None) -> None:
    """Add events to the caller's transaction, in order: appended at the chain head when it commits."""
    created = utc_text(now or datetime.now(UTC))
    session.connection()  # the transaction begins now, so that a rollback from here on drops them
    savepoint = session.get_nested_transaction()
    session.info.setdefault(PENDING, []).extend(_Queued(event, created, savepoint) for event in batch)


def record(session: Session, event: Event, *, now: datetime | None = None) -> None:
    """Add one event to the caller's transaction."""
    record_many(session, [event], now=now)


@sqlalchemy_event.listens_for(Session, "before_commit")
def _append_before_commit(session: Session) -> None:
    """Append when the transaction itself commits; a savepoint's release keeps its events queued."""
    if not session.in_nested_transaction():
        append_queued(session)


@sqlalchemy_event.listens_for(Session, "after_soft_rollback")
def _forget_rolled_back(session: Session, previous: SessionTransaction) -> None:
    """A rolled-back transaction takes its queued events with it; a savepoint, those recorded in it."""
    queued: list[_Queued] = session.info.get(PENDING, [])
    keep = [item for item in queued if previous.nested and not _within(item.savepoint, previous)]
    session.info[PENDING] = keep


def events(session: Session, *, case_id: int | None = None) -> list[AuditEvent]:
    """Events in chain order, optionally those of one case."""
    append_queued(session)
    query = select(AuditEvent).order_by(AuditEvent.seq)
    if case_id is not None:
        query = query.where(AuditEvent.case_id == case_id)
    return list(session.scalars(query))


def _stream(session: Session) -> Iterator[dict[str, Any]]:
    """Every event as a plain dict, read in batches by seq so memory stays flat on long chains. Rows
    are read as plain rows, not loaded as ORM objects: cheaper, and nothing accumulates in the session."""
    table = AuditEvent.metadata.tables[AuditEvent.__tablename__]
    after = 0
    while True:
        query = select(table).where(table.c.seq > after).order_by(table.c.seq).limit(BATCH)
        batch = session.execute(query).mappings().all()
        if not batch:
            return
        yield from (dict(row) for row in batch)
        after = batch[-1]["seq"]


def verify_chain(session: Session, *, expect: Iterable[Head] = ()) -> Verification:
    """Recompute every hash and link, and check each published head is still in the chain."""
    append_queued(session)
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
    """The chain head: the newest event, read without locking (after this transaction's own)."""
    append_queued(session)
    return session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).first()


def event_at(session: Session, *, seq: int) -> AuditEvent | None:
    """The event at position `seq`, if the chain still has one there."""
    append_queued(session)
    return session.get(AuditEvent, seq)
