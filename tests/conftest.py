"""Shared fixtures: the shipped law (loaded once) and the example requests, assessed."""

from pathlib import Path

import pytest

from rightsgate.intake import parse_request
from rightsgate.rules.assess import assess
from tests.scenario_plugin import shipped_law

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted((ROOT / "examples" / "requests").glob("*.json"))


@pytest.fixture(scope="session")
def law():
    return shipped_law()


@pytest.fixture(scope="session")
def example_requests():
    return [parse_request(path.read_text(encoding="utf-8"), filename=path.name) for path in EXAMPLES]


@pytest.fixture(scope="session")
def example_assessments(example_requests, law):
    return [assess(request, law, on=request.received_on) for request in example_requests]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    from tests.databases import create_sqlite_template

    return create_sqlite_template(tmp_path_factory.mktemp("sqlite-template"))


@pytest.fixture(scope="session")
def pg_database():
    from tests.databases import create_pg_database, drop_pg_database

    url = create_pg_database()
    yield url
    drop_pg_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """The URL of an empty, migrated database: once on SQLite, once on PostgreSQL."""
    from tests.databases import fresh_url

    template = request.getfixturevalue("sqlite_template" if request.param == "sqlite" else "pg_database")
    return fresh_url(request.param, template, tmp_path)


@pytest.fixture
def settings(database_url):
    from rightsgate.settings import Settings

    return Settings(database_url=database_url)


@pytest.fixture
def engine(settings):
    from rightsgate.db import make_engine

    engine = make_engine(settings)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def password_hash():
    """A hash of `tests.access.world.PASSWORD` that is quick to verify."""
    from tests.access.world import cheap_password_hash

    return cheap_password_hash()
