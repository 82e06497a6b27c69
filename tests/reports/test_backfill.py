"""`report backfill`: codes for cases stored before codes were kept, computed once, audited."""

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, select, update

from rightsgate.audit.service import events, verify_chain
from rightsgate.auth.permissions import PermissionDeniedError
from rightsgate.auth.service import add_user
from rightsgate.cases.models import Case
from rightsgate.cases.statistics import AssessmentCodes
from rightsgate.cli import main
from rightsgate.db import session_scope
from rightsgate.reports.backfill import backfill_codes
from rightsgate.reports.counting import count
from rightsgate.reports.periods import parse_period
from tests.builders import REVIEWER, SUPERVISOR
from tests.reports import fixture

YEAR = parse_period("2026")


def codes(session) -> dict[int, tuple]:
    rows = session.execute(select(AssessmentCodes)).scalars()
    return {
        r.assessment_id: (r.legal_basis, r.offence_category, r.identifiers, r.data_categories) for r in rows
    }


@pytest.fixture
def uncoded(engine, law, settings):
    """The fixture as if stored before codes were kept; A5's request has since been purged."""
    with session_scope(engine) as session:
        fixture.build(session, law, settings)
    with session_scope(engine) as session:
        original = codes(session)
        session.execute(delete(AssessmentCodes))
        session.execute(update(Case).where(Case.reference == "A5").values(request_json=None))
    return original


def test_backfill_restores_the_codes_the_requests_give_once_and_audits_it(engine, law, uncoded) -> None:
    with session_scope(engine) as session:
        before = count(session, YEAR, fixture.at("2027-01-01"))
        done = backfill_codes(session, law=law, actor=SUPERVISOR)
    assert before.dimensions["legal_basis"] == {"unknown": 7}
    assert (done.coded, done.purged) == (7, 1)
    with session_scope(engine) as session:
        purged = session.scalars(select(Case.id).where(Case.reference == "A5")).one()
        restored = codes(session)
        after = count(session, YEAR, fixture.at("2027-01-01"))
        again = backfill_codes(session, law=law, actor=SUPERVISOR)
        logged = [e for e in events(session) if e.name == "report.codes_backfilled"]
        assert verify_chain(session).defect is None
    assert restored == {k: v for k, v in uncoded.items() if k in restored} and len(restored) == 7
    assert purged not in restored  # each case was assessed once, in order: assessment ids are case ids
    assert after.dimensions["legal_basis"] == {"uncc": 5, "budapest": 1, "unknown": 1}
    assert (again.coded, again.purged) == (0, 1)
    assert len(logged) == 1 and logged[0].payload == {"coded": 7, "purged": 1}


def test_only_a_supervisor_backfills(engine, law, uncoded) -> None:
    with session_scope(engine) as session, pytest.raises(PermissionDeniedError):
        backfill_codes(session, law=law, actor=REVIEWER)


def test_the_command_reports_what_it_did(engine, settings, uncoded, monkeypatch) -> None:
    monkeypatch.setenv("RIGHTSGATE_DATABASE_URL", settings.database_url)
    with session_scope(engine) as session:
        add_user(session, username="sara", role="supervisor", password="a long password", actor="test")
    runner = CliRunner()
    first = runner.invoke(main, ["report", "backfill", "--actor", "sara"])
    second = runner.invoke(main, ["report", "backfill", "--actor", "sara"])
    assert first.exit_code == 0, first.output
    assert "coded 7 assessment(s)" in first.output and "1 case(s) left uncoded" in first.output
    assert "coded 0 assessment(s)" in second.output
