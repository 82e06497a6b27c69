"""Team isolation: with it on, a person reads, decides, approves and lists only their teams' cases.

The check is the services' own, so it is tested on the services and through every case route of the
API and the pages (generated from the declared route table): another team's case is answered as a
missing one (404), and never appears in a list. Roles configured to see every team are not limited.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from rightsgate.auth.models import Team
from rightsgate.auth.permissions import Actor, PermissionDeniedError, Role, can
from rightsgate.auth.service import actor_named
from rightsgate.auth.teams import join_team
from rightsgate.cases.access import CaseNotFoundError
from rightsgate.cases.decisions import countersign, record_decision
from rightsgate.cases.models import Case
from rightsgate.cases.opening import open_case
from rightsgate.cases.queries import CaseFilter, case_detail, list_cases
from rightsgate.cases.schemas import ConsultationCreate, DecisionCreate
from rightsgate.cases.service import get_case, reassess, record_consultation
from rightsgate.cases.teams import assign_team
from rightsgate.cases.workflow import Status, WorkflowError, transition
from rightsgate.cli import main
from rightsgate.db import session_scope
from rightsgate.letters.render import render_letter
from rightsgate.settings import Settings
from tests.access.world import build_world
from tests.api.conftest import add_users
from tests.api.test_authorisation_matrix import EXPECTED, call_route
from tests.builders import a_request, request_data

USERS = {f"{team}-{role.value}": role for team in ("north", "south") for role in Role}
TEAMS = {team: [u for u in USERS if u.startswith(team)] for team in ("north", "south")}
CASE_ROUTES = sorted((m, p) for m, p in EXPECTED if "{case_id}" in p)


@pytest.fixture
def settings(database_url):
    return Settings(database_url=database_url, team_isolation=True)


@pytest.fixture
def world(app, password_hash):
    built = build_world(app, password_hash, USERS, TEAMS)
    yield built
    built.close()


def actor(world, username: str) -> Actor:
    with session_scope(world.app.state.engine) as session:
        return actor_named(session, username=username, settings=world.app.state.settings)


def _refusals(world) -> list:
    """Every service that reads or acts on a case, called by the other team's reviewer or supervisor."""
    reviewer, supervisor = actor(world, "south-reviewer"), actor(world, "south-supervisor")
    law, settings = world.app.state.law, world.app.state.settings
    decision = DecisionCreate(action="execute")
    consultation = ConsultationCreate(about="refusal", summary="Consulted.")
    request = a_request("XA-WORLD-1")
    return [
        lambda s, case: case_detail(s, case_id=case.id, actor=reviewer),
        lambda s, case: get_case(s, case_id=case.id, actor=reviewer),
        lambda s, case: record_decision(s, case, decision=decision, actor=reviewer, settings=settings),
        lambda s, case: countersign(s, case.decisions[0], actor=supervisor),
        lambda s, case: transition(s, case, to=Status.withdrawn, actor=reviewer, reason="not ours"),
        lambda s, case: reassess(s, case, request=request, actor=reviewer, law=law, settings=settings),
        lambda s, case: record_consultation(s, case, consultation=consultation, actor=reviewer),
        lambda s, case: render_letter(s, case, kind="more_information", fmt="md", actor=reviewer),
        lambda s, case: assign_team(s, case, team="south", actor=supervisor),
    ]


def test_no_service_lets_another_team_read_or_act_on_a_case(world) -> None:
    for refused in _refusals(world):
        with session_scope(world.app.state.engine) as session:
            case = session.get_one(Case, world.case_id)
            with pytest.raises(CaseNotFoundError, match=f"no case with id {world.case_id}$"):
                refused(session, case)
    north = actor(world, "north-supervisor")
    with session_scope(world.app.state.engine) as session:
        case = get_case(session, case_id=world.case_id, actor=north)
        assert countersign(session, case.decisions[0], actor=north).effective


def test_a_list_shows_only_the_teams_own_cases(world) -> None:
    where = CaseFilter()
    readers = [actor(world, name) for name in ("south-reviewer", "north-reviewer", "south-auditor")]
    with session_scope(world.app.state.engine) as session:
        south, north, everyone = (list_cases(session, where=where, actor=a) for a in readers)
    assert (south.total, south.items) == (0, ())
    assert [c.id for c in north.items] == [world.case_id] == [c.id for c in everyone.items]


def test_another_teams_case_is_not_found_on_any_case_route_of_the_api_or_the_pages(world) -> None:
    """South's members get 404 wherever their role could act; north's are let through."""
    wrong = []
    for method, path in CASE_ROUTES:
        allowed = [r for r in Role if can(r, EXPECTED[(method, path)])]
        for role in allowed:
            status, _ = call_route(world, method, path, f"south-{role.value}")
            if (status == 404) is (role.value in world.app.state.settings.all_teams_roles):
                wrong.append(f"{method} {path} as south-{role.value}: {status}")
    for method, path in CASE_ROUTES:
        for role in (r for r in Role if can(r, EXPECTED[(method, path)])):
            status, _ = call_route(world, method, path, f"north-{role.value}")
            if status in (401, 403, 404):
                wrong.append(f"{method} {path} as north-{role.value}: {status}")
    assert wrong == []


def test_the_inbox_and_the_api_list_hide_other_teams_cases(world) -> None:
    south, _ = world.browser("south-reviewer")
    north, _ = world.browser("north-reviewer")
    assert "XA-WORLD-1" not in south.get("/cases").text and "XA-WORLD-1" in north.get("/cases").text
    listed = world.client().get("/api/cases", headers=world.bearer("south-supervisor")).json()
    assert (listed["total"], listed["items"]) == (0, [])


def test_a_case_goes_to_the_openers_team_and_a_supervisor_hands_it_over(world) -> None:
    response = world.client().post(
        "/api/cases",
        json=a_request("XA-NEW-1").model_dump(mode="json", exclude_none=True),
        headers=world.bearer("south-intake"),
    )
    assert response.status_code == 201, response.text
    case_id, south_team = response.json()["id"], response.json()["team_id"]
    moved = world.client().post(
        f"/api/cases/{case_id}/team", json={"team": "north"}, headers=world.bearer("south-supervisor")
    )
    assert moved.status_code == 200 and moved.json()["team_id"] != south_team
    for username, status in (("south-reviewer", 404), ("north-reviewer", 200)):
        got = world.client().get(f"/api/cases/{case_id}", headers=world.bearer(username))
        assert got.status_code == status, username
    timeline = world.client().get(f"/api/cases/{case_id}", headers=world.bearer("north-reviewer")).json()
    assert "case.assigned" in [e["name"] for e in timeline["timeline"]]


def test_the_pages_show_each_cases_team_and_a_supervisor_hands_it_over_there(world) -> None:
    north, _ = world.browser("north-reviewer")
    assert "Hand over" not in north.get(f"/cases/{world.case_id}").text
    supervisor, csrf = world.browser("north-supervisor")
    page = supervisor.get(f"/cases/{world.case_id}").text
    assert "team north" in page and "Hand over" in page
    moved = supervisor.post(f"/cases/{world.case_id}/team", data={"team": "south", "csrf": csrf})
    assert moved.status_code == 303, moved.text
    south, _ = world.browser("south-reviewer")
    inbox = south.get("/cases").text
    assert "XA-WORLD-1" in inbox and "<td>south</td>" in inbox
    assert north.get(f"/cases/{world.case_id}").status_code == 404


def test_an_opener_may_name_only_their_own_team(world) -> None:
    law, settings = world.app.state.law, world.app.state.settings
    intake = actor(world, "south-intake")
    with session_scope(world.app.state.engine) as session, pytest.raises(PermissionDeniedError, match="team"):
        open_case(
            session, request=a_request("XA-NEW-2"), actor=intake, law=law, settings=settings, team="north"
        )
    both = Actor("both", Role.intake, teams=frozenset({1, 2}))
    with session_scope(world.app.state.engine) as session, pytest.raises(WorkflowError, match="name one"):
        open_case(session, request=a_request("XA-NEW-3"), actor=both, law=law, settings=settings)
    nobody = Actor("nobody", Role.intake, teams=frozenset())
    with session_scope(world.app.state.engine) as session, pytest.raises(WorkflowError, match="no team"):
        open_case(session, request=a_request("XA-NEW-4"), actor=nobody, law=law, settings=settings)


def test_the_roles_that_see_every_team_are_configured(world) -> None:
    """Supervisors limited by default; configured to see every team, south's supervisor approves."""
    wider = Settings(
        database_url=world.app.state.settings.database_url,
        team_isolation=True,
        all_teams_roles=frozenset({"auditor", "supervisor"}),
    )
    with session_scope(world.app.state.engine) as session:
        limited = actor_named(session, username="south-supervisor", settings=world.app.state.settings)
        unlimited = actor_named(session, username="south-supervisor", settings=wider)
        assert limited.teams is not None and unlimited.teams is None
        case = get_case(session, case_id=world.case_id, actor=unlimited)
        assert countersign(session, case.decisions[0], actor=unlimited).effective


def test_without_isolation_every_team_sees_every_case(world) -> None:
    off = Settings(database_url=world.app.state.settings.database_url)
    with session_scope(world.app.state.engine) as session:
        south = actor_named(session, username="south-reviewer", settings=off)
        assert south.teams is None
        assert case_detail(session, case_id=world.case_id, actor=south).case.id == world.case_id


def test_an_import_by_someone_in_no_team_stops_before_reading_the_file(world, tmp_path, monkeypatch) -> None:
    add_users(world.app.state.engine, {Role.intake: "loner"})
    lines = tmp_path / "requests.jsonl"
    lines.write_text(json.dumps(request_data("XA-IMP-1")) + "\n", encoding="utf-8")
    monkeypatch.setenv("RIGHTSGATE_DATABASE_URL", world.app.state.settings.database_url)
    monkeypatch.setenv("RIGHTSGATE_TEAM_ISOLATION", "true")
    refused = CliRunner().invoke(main, ["import", str(lines), "--actor", "loner"])
    assert refused.exit_code == 2 and "team: loner belongs to no team" in refused.output
    imported = CliRunner().invoke(main, ["import", str(lines), "--actor", "south-intake"])
    assert imported.exit_code == 0, imported.output
    south = actor(world, "south-reviewer")
    with session_scope(world.app.state.engine) as session:
        listed = list_cases(session, where=CaseFilter(), actor=south)
    assert [c.reference for c in listed.items] == ["XA-IMP-1"]


def _import(world, monkeypatch, path, *args):
    monkeypatch.setenv("RIGHTSGATE_DATABASE_URL", world.app.state.settings.database_url)
    monkeypatch.setenv("RIGHTSGATE_TEAM_ISOLATION", "true")
    return CliRunner().invoke(main, ["import", str(path), *args])


def _team_of(world, reference: str) -> str | None:
    with session_scope(world.app.state.engine) as session:
        query = select(Team.name).join(Case, Case.team_id == Team.id).where(Case.reference == reference)
        return session.scalars(query).first()


def test_an_import_files_its_cases_under_the_team_named_with_team(world, tmp_path, monkeypatch) -> None:
    add_users(world.app.state.engine, {Role.intake: "both"})
    with session_scope(world.app.state.engine) as session:
        for team in ("north", "south"):
            join_team(session, team=team, username="both", actor="test")
    lines = tmp_path / "requests.jsonl"
    lines.write_text(json.dumps(request_data("XA-IMP-2")) + "\n", encoding="utf-8")
    unnamed = _import(world, monkeypatch, lines, "--actor", "both")
    assert unnamed.exit_code == 2 and "team: both belongs to several teams: name one" in unnamed.output
    named = _import(world, monkeypatch, lines, "--actor", "both", "--team", "south")
    assert named.exit_code == 0 and "created 1" in named.output, named.output
    assert _team_of(world, "XA-IMP-2") == "south"


def test_an_import_naming_a_team_the_user_is_not_in_fails_naming_team(world, tmp_path, monkeypatch) -> None:
    lines = tmp_path / "requests.jsonl"
    lines.write_text(json.dumps(request_data("XA-IMP-3")) + "\n", encoding="utf-8")
    other = _import(world, monkeypatch, lines, "--actor", "south-intake", "--team", "north")
    assert other.exit_code == 2
    assert "error: --team: south-intake is not a member of team 'north'" in other.output
    unknown = _import(world, monkeypatch, lines, "--actor", "south-intake", "--team", "west")
    assert unknown.exit_code == 2
    assert "error: --team: expected the name of an existing team, not 'west'" in unknown.output
    assert _team_of(world, "XA-IMP-3") is None
    own = _import(world, monkeypatch, lines, "--actor", "south-intake", "--team", "south")
    assert own.exit_code == 0 and _team_of(world, "XA-IMP-3") == "south"
