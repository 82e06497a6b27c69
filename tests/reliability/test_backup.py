"""Backup and restore: a round trip between any two of SQLite and PostgreSQL keeps every table
identical and the audit chain valid; a damaged, mismatched or unwanted restore changes nothing; an
auditor's anchor shows a restored copy that is behind, and one that has since diverged."""

from __future__ import annotations

import gzip
import json
import tarfile
from tempfile import TemporaryFile

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from rightsgate.audit.service import verify_chain
from rightsgate.backup.archive import DATA, MANIFEST, DataWriter, Manifest, pack
from rightsgate.cases.models import Case
from rightsgate.db import make_engine, session_scope, snapshot
from rightsgate.migrations import HERE
from rightsgate.settings import Settings
from tests.reliability.backups import cli, empty_database, every_table, fill, more_cases

HEAD = ScriptDirectory(str(HERE)).get_current_head()  # the newest schema revision shipped


@pytest.fixture(params=["sqlite", "postgresql"])
def target_url(request, tmp_path):
    """An empty database to restore into, on each backend."""
    with empty_database(request.param, tmp_path) as url:
        yield url


def test_a_round_trip_keeps_every_table_and_the_chain(engine, law, settings, target_url, tmp_path):
    fill(engine, law, settings)
    made = cli(settings.database_url, "backup", str(tmp_path / "b.tar"))
    assert made.exit_code == 0 and f"schema {HEAD}" in made.output, made.output
    assert (tmp_path / "b.tar").stat().st_mode & 0o777 == 0o600, "a backup is readable by its owner only"
    restored = cli(target_url, "restore", str(tmp_path / "b.tar"))
    assert restored.exit_code == 0, restored.output
    source = every_table(settings.database_url)
    assert every_table(target_url) == source and len(source["audit_events"]) > 20
    assert cli(target_url, "audit", "verify").exit_code == 0
    target = make_engine(Settings(database_url=target_url))
    more_cases(target, law, settings, "AFTER")  # the id sequences go on after the restored ids
    with session_scope(target) as session:
        assert verify_chain(session).ok
        assert session.scalar(select(func.max(Case.id))) == len(source["cases"]) + 2
    target.dispose()


def test_restore_refuses_a_database_with_rows_unless_forced(engine, law, settings, tmp_path):
    fill(engine, law, settings)
    cli(settings.database_url, "backup", str(tmp_path / "b.tar"))
    before = every_table(settings.database_url)
    more_cases(engine, law, settings, "LATER")
    refused = cli(settings.database_url, "restore", str(tmp_path / "b.tar"))
    assert refused.exit_code == 2 and "the database is not empty (rows in " in refused.output
    assert "audit_events" in refused.output and "give --force to replace them" in refused.output
    assert cli(settings.database_url, "restore", str(tmp_path / "b.tar"), "--force").exit_code == 0
    assert every_table(settings.database_url) == before
    if engine.dialect.name == "postgresql":  # the append-only guard is back after the restore
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text("DELETE FROM audit_events WHERE seq = 1"))


def _repack(source, target, *, edit=lambda lines: lines, change=lambda m: m, reseal=False) -> None:
    """A copy of the backup `source` with its data lines edited, resealed with a fresh checksum or
    not, and its manifest changed."""
    with tarfile.open(source) as tar:
        manifest = Manifest.model_validate_json(tar.extractfile(MANIFEST).read())
        lines = gzip.decompress(tar.extractfile(DATA).read()).decode().splitlines()
    with TemporaryFile() as data, target.open("wb") as out:
        writer = DataWriter(data)
        for line in edit(lines):
            writer.line(json.loads(line))
        digest = writer.close()
        manifest = manifest.model_copy(update={"data_sha256": digest}) if reseal else manifest
        pack(out, change(manifest), data)


def _rename_a_case(lines):
    return [line.replace("BACKUP-3", "BACKUP-9") for line in lines]


def _cut_a_row(lines):
    first = next(n for n, line in enumerate(lines) if line.startswith("["))
    return [*lines[:first], json.dumps(json.loads(lines[first])[:-1]), *lines[first + 1 :]]


DAMAGE = {
    "a row cut short, resealed": ({"edit": _cut_a_row, "reseal": True}, "the backup data is damaged: "),
    "altered data": ({"edit": _rename_a_case}, "does not match its checksum"),
    "altered data, resealed": ({"edit": _rename_a_case, "reseal": True}, "audit chain in the backup is"),
    "another schema revision": (
        {"change": lambda m: m.model_copy(update={"schema_revision": "0001"})},
        f"the database is at schema revision {HEAD} but the backup at 0001",
    ),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_failed_restore_changes_nothing(engine, law, settings, tmp_path, damage) -> None:
    fill(engine, law, settings)
    cli(settings.database_url, "backup", str(tmp_path / "b.tar"))
    more_cases(engine, law, settings, "LATER")
    before = every_table(settings.database_url)
    how, message = DAMAGE[damage]
    _repack(tmp_path / "b.tar", tmp_path / "damaged.tar", **how)
    result = cli(settings.database_url, "restore", str(tmp_path / "damaged.tar"), "--force")
    assert result.exit_code == 2 and "nothing restored" in result.output and message in result.output
    assert every_table(settings.database_url) == before


def test_an_anchor_shows_a_restored_copy_behind_it_and_then_diverged(engine, law, settings, tmp_path):
    fill(engine, law, settings)
    cli(settings.database_url, "backup", str(tmp_path / "b.tar"))
    more_cases(engine, law, settings, "LATER")
    anchor = tmp_path / "anchor.txt"
    assert cli(settings.database_url, "audit", "anchor", "--out", str(anchor)).exit_code == 0
    assert cli(settings.database_url, "audit", "verify", "--anchor", str(anchor)).exit_code == 0
    seq = int(anchor.read_text().split(":")[0])
    with empty_database(engine.dialect.name, tmp_path) as copy:
        assert cli(copy, "restore", str(tmp_path / "b.tar")).exit_code == 0
        behind = cli(copy, "audit", "verify", "--anchor", str(anchor))
        assert behind.exit_code == 3 and f"audit chain BEHIND at seq {seq}" in behind.output
        restored = make_engine(Settings(database_url=copy))
        more_cases(restored, law, settings, "OTHER", count=4)  # past the anchor, but not the same events
        restored.dispose()
        diverged = cli(copy, "audit", "verify", "--anchor", str(anchor))
        assert diverged.exit_code == 1 and f"BROKEN at seq {seq}: expected head differs" in diverged.output


def test_a_database_without_a_schema_has_no_backup(tmp_path) -> None:
    result = cli(f"sqlite:///{tmp_path / 'none.db'}", "backup", str(tmp_path / "b.tar"))
    assert result.exit_code == 2 and "no schema: there is nothing to back up" in result.output
    assert not (tmp_path / "b.tar").exists()


def test_an_anchor_file_that_is_not_seq_hash_is_a_usage_error(engine, settings, tmp_path) -> None:
    (tmp_path / "anchor.txt").write_text("12\n")
    result = cli(settings.database_url, "audit", "verify", "--anchor", str(tmp_path / "anchor.txt"))
    assert result.exit_code == 2 and "expected SEQ:HASH" in result.output


def test_an_empty_chain_has_no_anchor(engine, settings) -> None:
    result = cli(settings.database_url, "audit", "anchor")
    assert result.exit_code == 2 and "the audit chain is empty" in result.output


def test_a_backup_reads_one_snapshot_while_writers_go_on(engine, law, settings) -> None:
    fill(engine, law, settings)
    count = select(func.count()).select_from(Case)
    with snapshot(engine) as connection:
        before = connection.scalar(count)
        more_cases(engine, law, settings, "DURING")
        assert connection.scalar(count) == before
    with session_scope(engine) as session:
        assert session.scalar(count) == before + 2
