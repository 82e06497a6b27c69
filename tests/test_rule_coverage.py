"""Every rule has a scenario for each outcome it can return, and the scenario suite is large enough."""

import pytest

from rightsgate.rules.assess import RULES
from tests.scenario_plugin import SCENARIOS, load_yaml


def scenario_cases() -> list[dict]:
    files = [p for p in SCENARIOS.rglob("*.yaml") if "_bases" not in p.parts]
    return [case for path in files for case in load_yaml(path)]


def expected_outcomes() -> set[tuple[str, str]]:
    """(rule module, outcome) pairs that some scenario expects."""
    pairs = set()
    for case in scenario_cases():
        for rule, outcome in (case.get("expect", {}).get("finding") or {}).items():
            for value in outcome if isinstance(outcome, list) else [outcome]:
                pairs.add((rule.split(".")[0], value))
    return pairs


@pytest.mark.parametrize("module", RULES, ids=lambda m: m.RULE)
def test_each_outcome_of_the_rule_has_a_scenario(module) -> None:
    covered = {outcome for rule, outcome in expected_outcomes() if rule == module.RULE}
    assert {o.value for o in module.OUTCOMES} <= covered, (
        f"uncovered: {sorted({o.value for o in module.OUTCOMES} - covered)}"
    )


def test_the_suite_has_at_least_80_scenarios() -> None:
    assert len(scenario_cases()) >= 80


def test_scenario_names_are_unique_full_sentences() -> None:
    names = [case["name"] for case in scenario_cases()]
    assert len(names) == len(set(names))
    assert all(name[0].isupper() and name.endswith(".") and len(name.split()) >= 5 for name in names)
