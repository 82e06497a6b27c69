"""Tampering with the stored audit table directly: `audit verify` names the first bad event and why."""

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from rightsgate.audit import events
from rightsgate.audit.chain import link
from rightsgate.audit.service import record, verify_chain
from rightsgate.cli import main
from rightsgate.db import session_scope

COUNT = 6


@pytest.fixture
def chained(engine):
    with session_scope(engine) as session:
        for n in range(COUNT):
            record(session, events.CaseViewed(actor=f"user{n}", case_id=n))
    return engine


def tamper(engine, *statements, **params) -> None:
    """Run statements as someone with direct database access (the PostgreSQL trigger bypassed)."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        for statement in statements:
            connection.execute(text(statement), params)


def cli_verify(settings, monkeypatch, *args):
    monkeypatch.setenv("RIGHTSGATE_DATABASE_URL", settings.database_url)
    return CliRunner().invoke(main, ["audit", "verify", *args])


def test_an_untouched_chain_verifies(chained, settings, monkeypatch) -> None:
    result = cli_verify(settings, monkeypatch)
    assert result.exit_code == 0 and f"valid: {COUNT} events" in result.output


def test_an_edited_event_is_named(chained, settings, monkeypatch) -> None:
    tamper(chained, "UPDATE audit_events SET actor = 'mallory' WHERE seq = 3")
    result = cli_verify(settings, monkeypatch)
    assert result.exit_code == 1
    assert "BROKEN at seq 3: hash mismatch" in result.output


def test_an_edited_payload_is_named(chained) -> None:
    tamper(chained, "UPDATE audit_events SET payload = '{\"x\": 1}' WHERE seq = 2")
    with session_scope(chained) as session:
        assert verify_chain(session).defect.seq == 2


def test_a_deleted_event_is_named(chained, settings, monkeypatch) -> None:
    tamper(chained, "DELETE FROM audit_events WHERE seq = 4")
    result = cli_verify(settings, monkeypatch)
    assert result.exit_code == 1 and "seq 4: event missing (deleted)" in result.output


def _forged(seq: int, prev: str) -> dict:
    fields = {"seq": seq, "name": "case.viewed", "actor": "mallory", "case_id": 99}
    fields |= {"created_at": "2026-01-01T00:00:00.000000Z", "payload": {}}
    fields |= {"engine_version": None, "law_digest": None}
    return {**fields, "payload": "{}", "prev_hash": prev, "hash": link(fields, prev)}


INSERT = (
    "INSERT INTO audit_events (seq, name, actor, case_id, created_at, payload, engine_version, law_digest,"
    " prev_hash, hash) VALUES (:seq, :name, :actor, :case_id, :created_at, :payload, :engine_version,"
    " :law_digest, :prev_hash, :hash)"
)


def test_an_event_inserted_in_the_middle_is_named(chained, settings, monkeypatch) -> None:
    """The forger renumbers the later events, then slips a well-hashed event in at seq 3."""
    with session_scope(chained) as session:
        second = verify_chain(session, expect=()).head
        rows = {row.seq: row.hash for row in session.execute(text("SELECT seq, hash FROM audit_events"))}
    assert second is not None
    tamper(
        chained,
        "UPDATE audit_events SET seq = seq + 1000 WHERE seq >= 3",
        "UPDATE audit_events SET seq = seq - 999 WHERE seq >= 1000",
        "UPDATE audit_events SET prev_hash = 'x' WHERE seq = 4",
        INSERT,
        **_forged(3, rows[2]),
    )
    result = cli_verify(settings, monkeypatch)
    assert result.exit_code == 1 and "BROKEN at seq 4: broken link" in result.output


def test_an_event_appended_with_a_forged_link_is_named(chained) -> None:
    tamper(chained, INSERT, **_forged(COUNT + 1, "f" * 64))
    with session_scope(chained) as session:
        defect = verify_chain(session).defect
    assert defect.seq == COUNT + 1 and "broken link" in defect.problem


def test_a_second_event_on_the_same_parent_is_rejected(chained) -> None:
    with session_scope(chained) as session:
        rows = {row.seq: row.hash for row in session.execute(text("SELECT seq, hash FROM audit_events"))}
    with pytest.raises(IntegrityError):
        tamper(chained, INSERT, **_forged(COUNT + 1, rows[2]))


def test_a_removed_tail_is_caught_against_the_published_head(chained, settings, monkeypatch) -> None:
    with session_scope(chained) as session:
        head = verify_chain(session).head
    tamper(chained, f"DELETE FROM audit_events WHERE seq > {COUNT - 2}")
    assert cli_verify(settings, monkeypatch).exit_code == 0
    result = cli_verify(settings, monkeypatch, "--expect-head", f"{head.seq}:{head.hash}")
    assert result.exit_code == 3 and f"seq {COUNT}: expected head missing" in result.output


def test_a_malformed_expected_head_is_a_usage_error(chained, settings, monkeypatch) -> None:
    result = cli_verify(settings, monkeypatch, "--expect-head", "12")
    assert result.exit_code == 2 and "SEQ:HASH" in result.output
