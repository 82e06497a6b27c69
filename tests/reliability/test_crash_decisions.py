"""SIGKILL the real server while reviewers record decisions, on SQLite and PostgreSQL.

Four clients post decisions concurrently; the server is killed at a random instant after a random
number of acknowledged decisions, twice, and restarted each time. After every restart: each case has
at most one decision, stored whole (its row, its `decision.recorded` event and its move to `decided`)
or not at all; every decision the server acknowledged is there; the audit chain verifies; and the
restarted server decides the rest.
"""

from __future__ import annotations

import queue
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx
from click.testing import CliRunner
from sqlalchemy import select

from rightsgate.audit.models import AuditEvent
from rightsgate.auth.permissions import Role
from rightsgate.cases.models import Case, Decision, Transition
from rightsgate.cases.opening import open_cases
from rightsgate.cases.workflow import Status, transition
from rightsgate.cli import main
from rightsgate.db import session_scope
from tests.api.conftest import add_users
from tests.builders import INTAKE, NOW, REVIEWER, a_request
from tests.reliability.server import Server

CASES = 120
CLIENTS = 4
KILLS = 2
DECISION = {"action": "execute", "rationale": "The request is specific and authorised by a court."}


@dataclass
class Outcomes:
    """What the clients saw: acknowledged decisions by case, and requests cut off by the kill."""

    acked: dict[int, int] = field(default_factory=dict)
    cut_off: list[int] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _seed(engine, law, settings) -> tuple[list[int], str]:
    """Cases under review, and a reviewer's API token."""
    token = add_users(engine, {Role.reviewer: "rui"})["reviewer"]
    requests = [a_request(f"CRASH-{n}") for n in range(CASES)]
    with session_scope(engine) as session:
        ids = open_cases(session, requests, actor=INTAKE, law=law, settings=settings, now=NOW)
        for case_id in ids:
            case = session.get_one(Case, case_id)
            transition(session, case, to=Status.under_review, actor=REVIEWER, reason="picked up", now=NOW)
    return ids, token


def _client(url: str, token: str, todo: queue.SimpleQueue[int], seen: Outcomes) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=headers, timeout=30) as client:
        while True:
            try:
                case_id = todo.get_nowait()
            except queue.Empty:
                return
            try:
                response = client.post(f"/api/cases/{case_id}/decisions", json=DECISION)
            except httpx.TransportError:
                with seen.lock:
                    seen.cut_off.append(case_id)
                return
            with seen.lock:
                if response.status_code == 201:
                    seen.acked[case_id] = response.json()["id"]
                else:
                    seen.unexpected.append(f"case {case_id}: {response.status_code} {response.text}")


def _kill_after(server: Server, seen: Outcomes, acks: int, clients: list[threading.Thread]) -> None:
    """SIGKILL the server a random instant after it has acknowledged `acks` more decisions."""
    target = len(seen.acked) + acks
    while len(seen.acked) < target and any(thread.is_alive() for thread in clients):
        time.sleep(0.002)
    time.sleep(random.uniform(0, 0.02))
    server.kill()


def _decide(server: Server, token: str, pending: list[int], seen: Outcomes, kill_at: int | None) -> None:
    """Decide the pending cases with concurrent clients; SIGKILL the server after `kill_at` more
    acknowledged decisions (a random point inside the next ones in flight)."""
    todo: queue.SimpleQueue[int] = queue.SimpleQueue()
    for case_id in pending:
        todo.put(case_id)
    clients = [threading.Thread(target=_client, args=(server.url, token, todo, seen)) for _ in range(CLIENTS)]
    for thread in clients:
        thread.start()
    if kill_at is not None:
        _kill_after(server, seen, kill_at, clients)
    for thread in clients:
        thread.join()


def _stored(engine) -> tuple[dict[int, str], list[tuple[int, int]], dict[int, int], Counter[int]]:
    with session_scope(engine) as session:
        statuses = {row.id: row.status for row in session.execute(select(Case.id, Case.status))}
        decisions = [tuple(row) for row in session.execute(select(Decision.case_id, Decision.id))]
        recorded = {
            event.payload["decision_id"]: event.case_id
            for event in session.scalars(select(AuditEvent).where(AuditEvent.name == "decision.recorded"))
        }
        moves = Counter(
            session.scalars(select(Transition.case_id).where(Transition.to_status == Status.decided))
        )
    return statuses, decisions, recorded, moves


def assert_whole(engine, database_url: str, seen: Outcomes) -> list[int]:
    """Every decision stored whole or not at all, every acknowledged one kept, the chain valid;
    returns the cases still to decide."""
    statuses, decisions, recorded, moves = _stored(engine)
    by_case = dict(decisions)
    assert len(by_case) == len(decisions), "a case has two decisions"
    assert recorded == {decision: case for case, decision in decisions}
    for case_id, status in statuses.items():
        decided = case_id in by_case
        assert status == (Status.decided if decided else Status.under_review), case_id
        assert moves[case_id] == int(decided), case_id
    assert all(by_case.get(case) == decision for case, decision in seen.acked.items()), "acknowledged, lost"
    verify = CliRunner().invoke(main, ["audit", "verify"], env={"RIGHTSGATE_DATABASE_URL": database_url})
    assert verify.exit_code == 0, verify.output
    return sorted(set(statuses) - set(by_case))


def test_decisions_survive_sigkill_of_the_server(engine, law, settings) -> None:
    pending, token = _seed(engine, law, settings)
    seen = Outcomes()
    with Server(settings.database_url) as server:
        server.start()
        for _ in range(KILLS):
            _decide(server, token, pending, seen, kill_at=random.randint(5, 40))
            assert seen.cut_off, "the kill did not land while decisions were in flight"
            server.start()
            pending = assert_whole(engine, settings.database_url, seen)
        _decide(server, token, pending, seen, kill_at=None)
    assert not seen.unexpected, seen.unexpected
    assert assert_whole(engine, settings.database_url, seen) == []
