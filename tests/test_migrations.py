"""Migrations: `rightsgate db upgrade` builds the schema the models describe, on both databases."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from click.testing import CliRunner

import rightsgate.audit.models
import rightsgate.auth.models
import rightsgate.cases.models
import rightsgate.cases.statistics
import rightsgate.reports.models  # noqa: F401
from rightsgate.cli import main
from rightsgate.db import Base


def test_the_migrated_schema_matches_the_models(engine) -> None:
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_db_upgrade_creates_a_database_and_is_repeatable(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("RIGHTSGATE_DATABASE_URL", f"sqlite:///{tmp_path / 'new.db'}")
    for _ in range(2):
        result = CliRunner().invoke(main, ["db", "upgrade"])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "new.db").exists()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(engine) -> None:
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_the_flag_migration_flags_stored_assessments_from_their_explanation(tmp_path, law) -> None:
    """Assessments stored before the inbox's flag existed are flagged from their explanation."""
    from alembic import command
    from sqlalchemy import select

    from rightsgate.cases.models import Assessment
    from rightsgate.db import make_engine, session_scope
    from rightsgate.migrations import config, upgrade
    from rightsgate.settings import Settings
    from tests.builders import a_case

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'old.db'}")
    engine = make_engine(settings)
    upgrade(engine)
    with session_scope(engine) as session:
        a_case(session, law, settings, "XA-PLAIN")
        a_case(session, law, settings, "XA-SIGNS", facts="A journalist reported on the protest.")
    command.downgrade(config(engine), "0004_reports")  # back to before the flag, then forward again
    upgrade(engine)
    with session_scope(engine) as session:
        flags = session.execute(select(Assessment.case_id, Assessment.rights_flagged).order_by(Assessment.id))
        assert [flag for _, flag in flags] == [False, True]
    engine.dispose()
