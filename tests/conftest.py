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
