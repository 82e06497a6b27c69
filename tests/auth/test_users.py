"""Users, passwords and tokens, in the service and through `rightsgate users`."""

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from rightsgate.audit.service import events
from rightsgate.auth.permissions import Actor, Role
from rightsgate.auth.service import (
    UserError,
    actor_for_token,
    add_user,
    authenticate,
    disable_user,
    issue_token,
)
from rightsgate.cli import main
from rightsgate.db import session_scope
from rightsgate.settings import Settings

PASSWORD = "correct horse battery"
SETTINGS = Settings()


def test_passwords_are_argon2_hashes_and_check_out(engine) -> None:
    with session_scope(engine) as session:
        user = add_user(session, username="rui", role="reviewer", password=PASSWORD, actor="test")
        assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash
        assert authenticate(session, username="rui", password=PASSWORD, settings=SETTINGS) == Actor(
            "rui", Role.reviewer
        )
        assert authenticate(session, username="rui", password="wrong password!", settings=SETTINGS) is None
        assert authenticate(session, username="nobody", password=PASSWORD, settings=SETTINGS) is None


def test_tokens_are_stored_as_digests_and_die_with_the_user(engine) -> None:
    with session_scope(engine) as session:
        add_user(session, username="ines", role="intake", password=PASSWORD, actor="test")
        token = issue_token(session, username="ines", actor="test")
        stored = session.execute(text("SELECT token_hash FROM api_tokens")).scalar_one()
        assert token not in stored and len(stored) == 64
        assert actor_for_token(session, token=token, settings=SETTINGS) == Actor("ines", Role.intake)
        assert actor_for_token(session, token=token + "x", settings=SETTINGS) is None
        disable_user(session, username="ines", actor="test")
        assert actor_for_token(session, token=token, settings=SETTINGS) is None
        assert authenticate(session, username="ines", password=PASSWORD, settings=SETTINGS) is None
        assert [e.name for e in events(session)] == ["user.added", "token.issued", "user.disabled"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"username": "Bad Name"}, "username: expected"),
        ({"role": "root"}, "role: expected one of"),
        ({"password": "short"}, "password: expected at least 12"),
    ],
)
def test_bad_users_are_refused_naming_the_field(engine, fields, message) -> None:
    with session_scope(engine) as session, pytest.raises(UserError, match=message):
        add_user(session, **({"username": "ok", "role": "auditor", "password": PASSWORD} | fields), actor="t")


def test_the_users_commands(settings, monkeypatch) -> None:
    monkeypatch.setenv("RIGHTSGATE_DATABASE_URL", settings.database_url)
    runner = CliRunner()
    added = runner.invoke(
        main, ["users", "add", "sara", "--role", "supervisor"], input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert added.exit_code == 0, added.output
    again = runner.invoke(main, ["users", "add", "sara", "--role", "reviewer", "--password", PASSWORD])
    assert again.exit_code == 2 and "'sara' is taken" in again.output
    token = runner.invoke(main, ["users", "token", "sara"]).output.strip()
    assert len(token) > 30
    assert runner.invoke(main, ["users", "disable", "sara"]).exit_code == 0
    listing = runner.invoke(main, ["users", "list"]).output
    assert "sara" in listing and "supervisor" in listing and "no" in listing
    assert runner.invoke(main, ["users", "token", "sara"]).exit_code == 2
