"""A pytest plugin that runs the legal scenario files (`tests/scenarios/**/*.yaml`), OpenFisca style.

Each file is a list of cases. A case names its expectation in a full sentence, gives the assessment date,
starts from a base request (`tests/scenarios/_bases/<base>.yaml`, default `complete`), changes it with
`request` (merged key by key) and `unset` (dotted paths removed, so a fact becomes unknown), and states
exactly one expectation under `expect`.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from rightsgate.intake import parse_request
from rightsgate.law.loader import DEFAULT_POLICY, Law, load_law
from rightsgate.rules.assess import Assessment, assess
from tests.scenario_expectations import EXPECTATIONS, ScenarioMismatchError

SCENARIOS = Path(__file__).parent / "scenarios"
CASE_KEYS = {"name", "description", "on", "policy", "base", "request", "unset", "expect", "keywords"}


class ScenarioLoader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true/false, so the key `on` stays a key (YAML 1.1 reads it as True)."""


ScenarioLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
ScenarioLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=ScenarioLoader)  # noqa: S506 - SafeLoader subclass


@cache
def shipped_law() -> Law:
    return load_law()


@cache
def base_request(name: str) -> dict[str, Any]:
    return load_yaml(SCENARIOS / "_bases" / f"{name}.yaml")


def merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Objects merge key by key; anything else (lists included) replaces."""
    merged = copy.deepcopy(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def unset(data: dict[str, Any], path: str) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data[int(part)] if isinstance(data, list) else data[part]
    del data[int(last) if isinstance(data, list) else last]


def build_request(case: dict[str, Any]) -> dict[str, Any]:
    data = merge(base_request(case.get("base", "complete")), case.get("request") or {})
    for path in case.get("unset") or ():
        unset(data, path)
    return data


def run_case(case: dict[str, Any]) -> Assessment:
    request = parse_request(json.dumps(build_request(case), default=str), filename="scenario.json")
    on = case["on"] if isinstance(case["on"], date) else date.fromisoformat(case["on"])
    return assess(request, shipped_law(), on=on, policy=case.get("policy", DEFAULT_POLICY))


class ScenarioFile(pytest.File):
    def collect(self):  # type: ignore[no-untyped-def]
        cases = load_yaml(self.path)
        if not isinstance(cases, list):
            raise pytest.UsageError(f"{self.path}: a scenario file is a list of cases")
        for index, case in enumerate(cases):
            yield ScenarioItem.from_parent(self, name=f"{index}: {case.get('name', '?')}", case=case)


class ScenarioItem(pytest.Item):
    def __init__(self, *, case: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        for keyword in case.get("keywords") or ():
            self.add_marker(keyword)

    def runtest(self) -> None:
        unknown = set(self.case) - CASE_KEYS
        expect = self.case.get("expect") or {}
        if (
            unknown
            or "on" not in self.case
            or len(expect) != 1
            or not str(self.case.get("name", "")).endswith(".")
        ):
            raise ScenarioMismatchError(
                "malformed scenario: needs a full-sentence name ending in '.', `on`, and exactly "
                f"one expectation; unknown keys: {sorted(unknown)}"
            )
        ((kind, expected),) = expect.items()
        if kind not in EXPECTATIONS:
            raise ScenarioMismatchError(
                f"unknown expectation {kind!r}; expected one of {sorted(EXPECTATIONS)}"
            )
        EXPECTATIONS[kind](run_case(self.case), expected)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ScenarioMismatchError):
            return f"{self.path}\n  scenario: {self.case.get('name')}\n  {excinfo.value}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"scenario: {self.case.get('name')}"


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> ScenarioFile | None:
    if file_path.suffix == ".yaml" and SCENARIOS in file_path.parents and "_bases" not in file_path.parts:
        return ScenarioFile.from_parent(parent, path=file_path)
    return None
