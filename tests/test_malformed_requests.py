"""Bad input gets a clear message naming the field and what was expected, never a traceback."""

import copy
import json

import pytest
import yaml
from click.testing import CliRunner

from rightsgate.cli import main
from rightsgate.intake import RequestError, parse_request
from tests.scenario_plugin import base_request


def with_change(path: str, value: object) -> str:
    data = copy.deepcopy(base_request("complete"))
    *parents, last = path.split(".")
    target = data
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if value is DELETE:
        del target[last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return json.dumps(data, default=str)


class _Delete:
    """Marks a field to remove; its repr gives every test worker the same test id."""

    def __repr__(self) -> str:
        return "<deleted>"


DELETE = _Delete()
CASES = [
    ("offences.0.max_penalty_years", -1, "offences[0].max_penalty_years: expected a number ≥ 0, got -1"),
    ("offences.0.max_penalty_years", "five", "offences[0].max_penalty_years: expected a number"),
    (
        "offences.0.death_penalty_possible",
        "maybe",
        "offences[0].death_penalty_possible: expected true, false or null",
    ),
    (
        "offences.0.category",
        "hooliganism",
        "offences[0].category: expected an offence category of the taxonomy",
    ),
    ("offences.0.name", DELETE, "offences[0].name: a value is required"),
    ("received_on", "2026-13-01", "received_on: expected a date as YYYY-MM-DD"),
    ("received_on", "yesterday", "received_on: expected a date as YYYY-MM-DD"),
    ("received_on", "1850-01-01", "received_on: expected a date between 1990-01-01 and 2100-12-31"),
    ("received_on", "2999-01-01", "received_on: expected a date between 1990-01-01 and 2100-12-31"),
    ("reference", DELETE, "reference: a value is required"),
    ("reference", "   ", "reference: expected non-empty text"),
    ("requested_state", "ZZ", "requested_state: expected an ISO 3166-1 alpha-2 country code (or XA-XZ)"),
    ("requesting_state", "France", "requesting_state: expected at most 2 characters"),
    ("requesting_state", "XB", "expected requesting_state and requested_state to differ"),
    ("language", "english", "language: expected an ISO 639-1 two-letter language code"),
    ("request_type", "wiretap", "request_type: expected one of: 'mla_stored_data'"),
    ("urgency", "asap", "urgency: expected one of: 'routine', 'urgent' or 'emergency'"),
    ("data_requested", ["subscriber", "dna"], "data_requested[1]: expected one of: 'subscriber'"),
    ("data_requested", "content", "data_requested: expected a list"),
    ("targets.0.kind", "pager", "targets[0].kind: expected one of: 'account'"),
    ("targets.0.identifier", DELETE, "targets[0].identifier: a value is required"),
    ("period.end", "2026-01-01", "period: expected end on or after start"),
    ("authorisation.kind", "magistrate", "authorisation.kind: expected one of: 'judicial'"),
    ("assurances.specialty", "yes", "assurances.specialty: expected true, false or null"),
    ("requesting_authority.kind", "army", "requesting_authority.kind: expected one of: 'court'"),
    ("legal_basis.instrument", "un", "legal_basis.instrument: expected one of: 'uncc'"),
    ("surname", "Doe", "surname: unknown field: not part of the request format"),
    ("persons.0.hair", "brown", "persons[0].hair: unknown field: not part of the request format"),
]


@pytest.mark.parametrize(("path", "value", "message"), CASES, ids=[f"{p}={v!r}"[:60] for p, v, _ in CASES])
def test_a_malformed_field_is_named_with_what_was_expected(path, value, message) -> None:
    with pytest.raises(RequestError) as caught:
        parse_request(with_change(path, value), filename="request.json")
    assert any(message in str(error) for error in caught.value.errors), caught.value.errors


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "(file): expected a request, got an empty input"),
        ("   \n", "(file): expected a request, got an empty input"),
        ('{"reference": ', "(file): invalid JSON"),
        ("[1, 2]", "(request): expected an object"),
        ("null", "(request): expected an object"),
    ],
)
def test_unreadable_input_is_named_as_the_file(text, message) -> None:
    with pytest.raises(RequestError) as caught:
        parse_request(text, filename="request.json")
    assert message in str(caught.value)


def test_yaml_requests_are_validated_the_same_way() -> None:
    data = copy.deepcopy(base_request("complete"))
    data["offences"][0]["max_penalty_years"] = -3
    with pytest.raises(RequestError, match=r"offences\[0\].max_penalty_years: expected a number ≥ 0"):
        parse_request(yaml.safe_dump(data), filename="request.yaml")


def test_invalid_yaml_is_reported_as_such() -> None:
    with pytest.raises(RequestError, match="invalid YAML"):
        parse_request("reference: [unclosed", filename="request.yaml")


def test_every_defect_is_reported_at_once() -> None:
    data = copy.deepcopy(base_request("complete"))
    data["received_on"] = "not a date"
    data["offences"][0]["max_penalty_years"] = -1
    with pytest.raises(RequestError) as caught:
        parse_request(json.dumps(data, default=str), filename="request.json")
    fields = {error.field for error in caught.value.errors}
    assert {"received_on", "offences[0].max_penalty_years"} <= fields


@pytest.mark.parametrize("text", ["", "{", '{"reference": "x"}', "[]"])
def test_the_cli_exits_2_with_a_message_and_no_traceback(tmp_path, text) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["assess", str(path)])
    assert result.exit_code == 2
    assert "error:" in result.output and "Traceback" not in result.output


def test_the_cli_names_a_missing_file(tmp_path) -> None:
    result = CliRunner().invoke(main, ["assess", str(tmp_path / "absent.json")])
    assert result.exit_code == 2
    assert "cannot read the file" in result.output
