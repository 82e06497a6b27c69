"""Hostile input to `rightsgate assess` and `rightsgate import`: a clear error naming the field or the
defect, a non-zero exit, and never a traceback.

Oversized files and standard input, deeply nested JSON and YAML, YAML aliases, invalid UTF-8, a huge
`facts`, thousands of targets, dates far in the past and the future, NaN and Infinity, duplicate keys.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from rightsgate.auth.service import add_user
from rightsgate.cli import main
from rightsgate.db import session_scope
from rightsgate.intake import MAX_REQUEST_BYTES
from tests.builders import request_data

BAD_INPUT = 2
DEEP = 100_000
VALID = json.dumps(request_data()).encode()


def replaced(old: bytes, new: bytes) -> bytes:
    assert old in VALID
    return VALID.replace(old, new, 1)


HOSTILE = {
    "oversized": (b'{"facts": "' + b"x" * MAX_REQUEST_BYTES + b'"}', f"at most {MAX_REQUEST_BYTES} bytes"),
    "deep JSON": (b"[" * DEEP + b"]" * DEEP, "invalid JSON: recursion limit exceeded"),
    "deep JSON in a field": (VALID[:-1] + b', "x": ' + b"[" * DEEP + b"]" * DEEP + b"}", "recursion limit"),
    "invalid UTF-8": (replaced(b"Jane Roe", b"Jane R\xf6e"), "expected UTF-8 text, got an invalid byte"),
    "huge facts": (
        json.dumps(request_data(facts="f" * 100_001)).encode(),
        "facts: expected at most 100000 characters",
    ),
    "too many targets": (
        json.dumps(
            request_data(
                targets=[{"kind": "ip", "identifier": f"10.0.{n // 250}.{n % 250}"} for n in range(10_001)]
            )
        ).encode(),
        "targets: expected at most 10000 items",
    ),
    "year 1": (
        replaced(b'"received_on": "2026-09-01"', b'"received_on": "0001-01-01"'),
        "between 1990-01-01",
    ),
    "year 9999": (
        replaced(b'"received_on": "2026-09-01"', b'"received_on": "9999-12-31"'),
        "between 1990-01-01",
    ),
    "year 10000": (
        replaced(b'"received_on": "2026-09-01"', b'"received_on": "10000-01-01"'),
        "received_on: expected a date as YYYY-MM-DD",
    ),
    "NaN": (
        replaced(b'"max_penalty_years": 8', b'"max_penalty_years": NaN'),
        "offences[0].max_penalty_years: expected a finite number",
    ),
    "Infinity": (
        replaced(b'"max_penalty_years": 8', b'"max_penalty_years": -Infinity'),
        "offences[0].max_penalty_years: expected a finite number",
    ),
    "duplicate key": (VALID[:-1] + b', "facts": "other"}', "the key 'facts' appears twice"),
}
YAML = {
    "deep YAML": (b"reference: " + b"[" * DEEP + b"]" * DEEP, "expected at most 100 levels of nesting"),
    "deep block YAML": (b"".join(b" " * n + b"- \n" for n in range(300)), "levels of nesting"),
    "YAML aliases": (
        b"a: &a [x, x, x, x, x, x, x, x, x]\n"
        + b"".join(b"%c: &%c [*%c, *%c, *%c, *%c, *%c]\n" % ((c, c) + (c - 1,) * 5) for c in range(98, 108)),
        "aliases (*name) are not allowed",
    ),
    "YAML duplicate key": (b"reference: a\nreference: b\n", "duplicate key 'reference'"),
    "YAML NaN": (b"reference: .nan\n", "expected plain YAML data"),
    "YAML tag": (b"reference: !!python/object:os.system ls\n", "could not determine a constructor"),
}


def assess(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(main, ["assess", *args], input=stdin)


def assert_clear_error(result, message: str) -> None:
    assert result.exit_code == BAD_INPUT, result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    assert message in result.output, result.output[:2000]
    assert "error:" in result.output


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_assess_refuses_a_hostile_file_with_a_clear_error(tmp_path, name) -> None:
    content, message = HOSTILE[name]
    path = tmp_path / "request.json"
    path.write_bytes(content)
    assert_clear_error(assess(str(path)), message)


@pytest.mark.parametrize("name", ["oversized", "invalid UTF-8", "deep JSON", "duplicate key"])
def test_assess_refuses_hostile_standard_input_with_a_clear_error(name) -> None:
    content, message = HOSTILE[name]
    assert_clear_error(assess("-", stdin=content), message)


@pytest.mark.parametrize("name", sorted(YAML))
def test_assess_refuses_a_hostile_yaml_file_with_a_clear_error(tmp_path, name) -> None:
    content, message = YAML[name]
    path = tmp_path / "request.yaml"
    path.write_bytes(content)
    assert_clear_error(assess(str(path)), message)


def test_assess_accepts_ten_thousand_targets(tmp_path) -> None:
    many = [{"kind": "email", "identifier": f"t{n}@example.org"} for n in range(10_000)]
    path = tmp_path / "request.json"
    path.write_text(json.dumps(request_data(targets=many)), encoding="utf-8")
    result = assess("--json", str(path))
    assert result.exit_code == 0, result.output[:2000]
    assert json.loads(result.output)["assessment"]["reference"] == "XA-2026-001"


def test_import_rejects_each_hostile_line_by_number_and_keeps_the_good_ones(
    engine, settings, monkeypatch, tmp_path
) -> None:
    with session_scope(engine) as session:
        add_user(session, username="ines", role="intake", password="import password", actor="test")
    names = sorted(HOSTILE)
    good = [json.dumps(request_data(f"GOOD-{n}")).encode() for n in range(2)]
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join([good[0], *(HOSTILE[name][0] for name in names), good[1]]) + b"\n")
    monkeypatch.setenv("RIGHTSGATE_DATABASE_URL", settings.database_url)
    result = CliRunner().invoke(main, ["import", str(source), "--actor", "ines"])
    assert result.exit_code == 1, result.output[:2000]
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"created 2, already present 0, rejected {len(names)}" in result.output
    lines = result.output.splitlines()
    for number, name in enumerate(names, start=2):
        said = [line for line in lines if f"in.jsonl:{number}: " in line]
        assert any(HOSTILE[name][1] in line for line in said), (name, said)
    rejects = [
        json.loads(line) for line in (tmp_path / "in.rejects.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [r["line"] for r in rejects] == list(range(2, 2 + len(names)))
