"""Property tests of the request reader: whatever it is given, it returns a Request or raises RequestError
whose every line names a field and says what was expected. Nothing else ever escapes.

Inputs: arbitrary bytes and text; arbitrary JSON documents; a valid request with one value replaced,
removed or added at any depth, written as JSON or YAML; and a valid request's text with bytes inserted,
deleted or changed.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightsgate.intake import RequestError, parse_request
from rightsgate.rules.facts import Request
from tests.scenario_plugin import base_request

SETTINGS = settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
VALID = json.loads(json.dumps(base_request("complete"), default=str))
PLAIN_MESSAGES = ("a value is required", "unknown field: not part of the request format")
FILES = st.sampled_from(["request.json", "request.yaml"])

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=60)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


def assert_read_or_clearly_refused(data: str | bytes, filename: str) -> Request | list[str]:
    """The property: a Request, or a RequestError whose lines each name a field and what was expected
    (returns the fields named)."""
    try:
        return parse_request(data, filename=filename)
    except RequestError as error:
        assert error.errors, "a refusal names at least one defect"
        for defect in error.errors:
            assert defect.field.strip(), defect
            assert defect.message.startswith(("expected", *PLAIN_MESSAGES)) or (
                defect.field == "(file)"
                and defect.message.startswith(("invalid JSON", "invalid YAML", "the key"))
            ), defect
            assert "\n" not in str(defect), defect
        return [defect.field for defect in error.errors]


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every location in a JSON document, the document itself included."""
    found = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += paths(inner, (*prefix, index))
    return found


def changed(document: Any, path: tuple[Any, ...], action: str, value: Any) -> Any:
    """The document with the value at `path` replaced, removed, or given an extra key beside it."""
    if not path:
        return value
    result = copy.deepcopy(document)
    *parents, last = path
    holder = result
    for part in parents:
        holder = holder[part]
    if action == "remove":
        del holder[last]
    elif action == "add" and isinstance(holder, dict):
        holder[f"{last}_extra"] = value
    else:
        holder[last] = value
    return result


def written(document: Any, filename: str) -> str:
    if filename.endswith(".yaml"):
        return yaml.safe_dump(document, allow_unicode=True)
    return json.dumps(document, ensure_ascii=False)


@SETTINGS
@given(data=st.binary(max_size=400) | st.text(max_size=400), filename=FILES)
def test_arbitrary_bytes_and_text_are_read_or_clearly_refused(data, filename) -> None:
    assert_read_or_clearly_refused(data, filename)


@SETTINGS
@given(document=json_values, filename=FILES)
def test_arbitrary_json_documents_are_read_or_clearly_refused(document, filename) -> None:
    assert isinstance(assert_read_or_clearly_refused(written(document, filename), filename), list)


@SETTINGS
@given(
    choice=st.data(),
    action=st.sampled_from(["replace", "remove", "add"]),
    value=json_values,
    filename=FILES,
)
def test_a_valid_request_with_any_value_changed_is_read_or_clearly_refused(
    choice, action, value, filename
) -> None:
    path = choice.draw(st.sampled_from(paths(VALID)))
    document = changed(VALID, path, action if path else "replace", value)
    fields = assert_read_or_clearly_refused(written(document, filename), filename)
    if isinstance(fields, list) and path:
        named = [f for f in fields if f.startswith((str(path[0]), "(request)", "(file)"))]
        assert named, (path, fields)


@SETTINGS
@given(
    position=st.integers(min_value=0),
    cut=st.integers(min_value=0, max_value=8),
    inserted=st.binary(max_size=8),
    filename=FILES,
)
def test_a_valid_request_with_bytes_mangled_is_read_or_clearly_refused(
    position, cut, inserted, filename
) -> None:
    text = written(VALID, filename).encode()
    at = position % (len(text) + 1)
    assert_read_or_clearly_refused(text[:at] + inserted + text[at + cut :], filename)


def test_the_valid_request_used_above_is_read() -> None:
    for filename in ("request.json", "request.yaml"):
        assert isinstance(assert_read_or_clearly_refused(written(VALID, filename), filename), Request)
