"""The audit trail is append-only: no update or delete path in code, and on PostgreSQL none in SQL."""

import inspect
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from rightsgate.audit import events, service
from rightsgate.db import session_scope


def test_the_service_offers_no_update_or_delete() -> None:
    source = inspect.getsource(service).lower()
    names = [name for name, _ in inspect.getmembers(service, inspect.isfunction)]
    assert not [n for n in names if any(w in n for w in ("update", "delete", "remove", "edit"))]
    assert not re.search(r"(?<![\w.])(update|delete)\(|session\.delete|\.update\(", source)


def test_an_event_rolls_back_with_its_transaction(engine) -> None:
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        service.record(session, events.CaseViewed(actor="ana", case_id=1))
        raise RuntimeError("the change failed")
    with session_scope(engine) as session:
        assert service.events(session) == []


def test_events_chain_in_order_and_verify(engine) -> None:
    with session_scope(engine) as session:
        for n in range(3):
            service.record(session, events.UserDisabled(actor="admin", username=f"u{n}"))
    with session_scope(engine) as session:
        stored = service.events(session)
        assert [e.seq for e in stored] == [1, 2, 3]
        assert stored[1].prev_hash == stored[0].hash and stored[0].payload == {"username": "u0"}
        assert service.verify_chain(session).ok


@pytest.mark.parametrize("statement", ["UPDATE audit_events SET actor = 'x'", "DELETE FROM audit_events"])
def test_postgresql_rejects_update_and_delete(engine, statement) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL only; the hash chain covers SQLite")
    with session_scope(engine) as session:
        service.record(session, events.CaseViewed(actor="ana", case_id=1))
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(text(statement))


def test_concurrent_writers_extend_one_chain(engine) -> None:
    """Writers in parallel transactions queue for the chain head; none forks it or fails."""

    def write(worker: int) -> None:
        for n in range(10):
            with session_scope(engine) as session:
                service.record(session, events.CaseViewed(actor=f"w{worker}", case_id=n))

    with ThreadPoolExecutor(max_workers=3) as pool:
        list(pool.map(write, range(3)))
    with session_scope(engine) as session:
        result = service.verify_chain(session)
        assert result.ok and result.count == 30


def test_a_transaction_reads_back_the_events_it_recorded(engine) -> None:
    with session_scope(engine) as session:
        service.record(session, events.CaseViewed(actor="ana", case_id=1))
        assert [e.case_id for e in service.events(session)] == [1]
        service.record(session, events.CaseViewed(actor="ana", case_id=2))
    with session_scope(engine) as session:
        assert [e.case_id for e in service.events(session)] == [1, 2]


def test_a_rolled_back_savepoint_takes_only_its_own_events(engine) -> None:
    with session_scope(engine) as session:
        service.record(session, events.CaseViewed(actor="ana", case_id=1))
        with pytest.raises(RuntimeError), session.begin_nested():
            service.record(session, events.CaseViewed(actor="ana", case_id=2))
            raise RuntimeError("this step failed")
        with session.begin_nested():
            service.record(session, events.CaseViewed(actor="ana", case_id=3))
        service.record(session, events.CaseViewed(actor="ana", case_id=4))
    with session_scope(engine) as session:
        assert [e.case_id for e in service.events(session)] == [1, 3, 4]
        assert service.verify_chain(session).ok


def test_a_session_reused_after_a_rollback_forgets_its_queued_events(engine) -> None:
    session = Session(engine)
    service.record(session, events.CaseViewed(actor="ana", case_id=1))
    session.rollback()
    service.record(session, events.CaseViewed(actor="ana", case_id=2))
    session.commit()
    session.close()
    with session_scope(engine) as session:
        assert [e.case_id for e in service.events(session)] == [2]
