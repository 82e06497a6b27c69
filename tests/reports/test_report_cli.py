"""`rightsgate report` over a database holding the hand-counted fixture."""

import json

import pytest
from click.testing import CliRunner

from rightsgate.auth.service import add_user
from rightsgate.cli import main
from rightsgate.db import session_scope
from tests.reports import fixture


@pytest.fixture
def cli(engine, law, settings, monkeypatch):
    monkeypatch.setenv("RIGHTSGATE_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("RIGHTSGATE_MIN_REPORT_CELL", "3")
    with session_scope(engine) as session:
        fixture.build(session, law, settings)
        add_user(session, username="sara", role="supervisor", password="a long password", actor="test")
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args))


@pytest.mark.parametrize(
    ("fmt", "start"), [("json", "{"), ("csv", "period,"), ("google-csv", "Period Ending,")]
)
def test_report_writes_each_format(cli, fmt, start) -> None:
    result = cli("report", "--period", "2026-H1", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(start)


def test_report_writes_html_to_a_file(cli, tmp_path) -> None:
    result = cli("report", "--period", "2026", "--format", "html", "--out", str(tmp_path / "r.html"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_bad_period_is_refused_with_the_accepted_forms(cli) -> None:
    result = cli("report", "--period", "2026-H3")
    assert result.exit_code == 2 and "2026-H1" in result.output


def test_publish_list_and_verify(cli, tmp_path, engine) -> None:
    out = tmp_path / "2026.html"
    result = cli(
        "report", "publish", "--period", "2026", "--format", "html", "--out", str(out), "--actor", "sara"
    )
    assert result.exit_code == 0, result.output
    assert "2026" in cli("report", "list").output
    for source in (str(out), "1"):
        verified = cli("report", "verify", source)
        assert verified.exit_code == 0 and "matches the database" in verified.output, verified.output
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE assessment_codes SET legal_basis = 'bilateral'")
    failed = cli("report", "verify", str(out))
    assert failed.exit_code == 1 and "legal_basis/bilateral/requests" in failed.output


def test_publishing_needs_the_permission(cli) -> None:
    result = cli("report", "publish", "--period", "2026", "--actor", "nobody")
    assert result.exit_code == 2


def test_verify_reads_a_json_file(cli, tmp_path) -> None:
    path = tmp_path / "r.json"
    cli("report", "--period", "2026-Q2", "--out", str(path))
    assert json.loads(path.read_text())["period"]["label"] == "2026-Q2"
    assert cli("report", "verify", str(path)).exit_code == 0
