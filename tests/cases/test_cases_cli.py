"""`rightsgate cases show/overdue/letter/purge` over a database filled by `rightsgate import`."""

import json

import pytest
from click.testing import CliRunner

from rightsgate.audit.service import events
from rightsgate.auth.service import add_user
from rightsgate.cli import main
from rightsgate.db import session_scope
from tests.builders import request_data


@pytest.fixture
def cli(engine, settings, monkeypatch, tmp_path):
    monkeypatch.setenv("RIGHTSGATE_DATABASE_URL", settings.database_url)
    with session_scope(engine) as session:
        for name, role in [("ines", "intake"), ("aldo", "auditor"), ("ada", "admin"), ("rui", "reviewer")]:
            add_user(session, username=name, role=role, password="a long password", actor="test")
    lines = [
        request_data("C-1"),
        request_data("C-2", request_type="preservation", user_notification_delay_requested=None),
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    runner = CliRunner()
    assert runner.invoke(main, ["import", str(tmp_path / "in.jsonl"), "--actor", "ines"]).exit_code == 0
    return lambda *args: runner.invoke(main, list(args))


def test_show_prints_the_case_and_audits_the_view(cli, engine) -> None:
    result = cli("cases", "show", "1", "--actor", "aldo")
    assert result.exit_code == 0 and json.loads(result.output)["reference"] == "C-1"
    with session_scope(engine) as session:
        assert events(session)[-1].name == "case.viewed" and events(session)[-1].actor == "aldo"
    assert cli("cases", "show", "99", "--actor", "aldo").exit_code == 2


def test_overdue_lists_cases_past_their_deadline(cli) -> None:
    result = cli("cases", "overdue")
    assert result.exit_code == 0 and "C-1" in result.output and "C-2" in result.output


def test_letters_and_purge_respect_roles_and_state(cli) -> None:
    asked = cli("cases", "letter", "2", "more_information", "--actor", "rui")
    assert asked.exit_code == 0 and "user_notification_delay_requested" in asked.output
    refused = cli("cases", "letter", "1", "refusal", "--actor", "rui")
    assert refused.exit_code == 2 and "needs an effective decision" in refused.output
    assert cli("cases", "purge", "--actor", "rui").exit_code == 2
    purge = cli("cases", "purge", "--actor", "ada")
    assert purge.exit_code == 0 and "purged 0 cases" in purge.output
