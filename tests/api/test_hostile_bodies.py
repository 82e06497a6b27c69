"""Hostile input to the API: each answered with a clear 4xx problem document, never a 500.

Oversized, deeply nested, non-UTF-8, NaN, duplicate-key and wrongly typed bodies; a huge `facts`;
thousands of targets; dates far in the past and the future; ids and pages beyond the database's range.
"""

from __future__ import annotations

import json

import pytest

from tests.api.test_cases_api import assert_problem
from tests.builders import request_data

JSON = {"Content-Type": "application/json"}
DEEP = 100_000


def post(client, as_role, body: bytes, url: str = "/api/cases", role: str = "intake", **headers: str):
    return client.post(url, content=body, headers=as_role(role) | JSON | headers)


def detail(response) -> str:
    return str(response.json()["detail"])


def test_a_body_over_the_limit_is_refused_with_413_declared_or_streamed(client, as_role, app) -> None:
    limit = app.state.settings.max_body_bytes
    big = b'{"facts": "' + b"x" * limit + b'"}'
    assert_problem(post(client, as_role, big), 413)

    def chunks():
        for start in range(0, len(big), 64_000):
            yield big[start : start + 64_000]

    streamed = client.post("/api/cases", content=chunks(), headers=as_role("intake") | JSON)
    assert "content-length" not in streamed.request.headers
    assert_problem(streamed, 413)
    assert f"exceeds {limit} bytes" in detail(streamed)


@pytest.mark.parametrize("url", ["/api/cases", "/api/cases/1/status"])
def test_json_nested_a_hundred_thousand_levels_deep_is_a_400(client, as_role, url) -> None:
    for body in (b"[" * DEEP + b"]" * DEEP, b'{"facts": ' + b'{"a": ' * DEEP + b"1" + b"}" * DEEP + b"}"):
        response = post(client, as_role, body, url=url, role="reviewer" if "status" in url else "intake")
        assert_problem(response, 400)
        assert "recursion limit exceeded" in detail(response)


def test_a_body_that_is_not_utf8_is_a_400_naming_the_byte(client, as_role) -> None:
    body = json.dumps(request_data()).encode().replace(b"Jane Roe", b"Jane R\xf6e")
    position = body.index(b"\xf6")
    response = post(client, as_role, body)
    assert_problem(response, 400)
    assert f"invalid byte at position {position}" in detail(response)


@pytest.mark.parametrize("number", [b"NaN", b"Infinity", b"-Infinity"])
def test_nan_and_infinity_are_not_json_numbers(client, as_role, number) -> None:
    body = (
        json.dumps(request_data())
        .encode()
        .replace(b'"max_penalty_years": 8', b'"max_penalty_years": ' + number)
    )
    response = post(client, as_role, body)
    assert_problem(response, 400)
    assert "NaN and Infinity are not JSON numbers" in detail(response)


def test_a_number_too_large_for_a_float_is_refused(client, as_role) -> None:
    body = (
        json.dumps(request_data()).encode().replace(b'"max_penalty_years": 8', b'"max_penalty_years": 1e400')
    )
    response = post(client, as_role, body)
    assert response.status_code in (400, 422), response.text
    assert response.headers["content-type"].startswith("application/problem+json")


def test_a_key_given_twice_is_a_400_naming_it(client, as_role) -> None:
    body = json.dumps(request_data()).encode()[:-1] + b', "reference": "OTHER"}'
    response = post(client, as_role, body)
    assert_problem(response, 400)
    assert "'reference' appears twice" in detail(response)
    status = b'{"to": "under_review", "reason": "a", "reason": "b"}'
    assert_problem(post(client, as_role, status, url="/api/cases/1/status", role="reviewer"), 400)


def test_text_with_a_nul_character_is_named(client, as_role) -> None:
    response = client.post("/api/cases", json=request_data(facts="a\x00b"), headers=as_role("intake"))
    assert_problem(response, 422, "facts")
    assert "without NUL characters" in detail(response)
    case_id = client.post("/api/cases", json=request_data(), headers=as_role("intake")).json()["id"]
    status = {"to": "under_review", "reason": "\x00"}
    response = client.post(f"/api/cases/{case_id}/status", json=status, headers=as_role("reviewer"))
    assert_problem(response, 422, "reason")


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml"],
)
def test_a_body_that_is_not_declared_json_is_a_415(client, as_role, content_type) -> None:
    body = json.dumps(request_data()).encode()
    response = client.post(
        "/api/cases", content=body, headers=as_role("intake") | {"Content-Type": content_type}
    )
    assert_problem(response, 415)
    assert "application/json" in detail(response)


def test_a_body_without_a_content_type_is_a_415(client, as_role) -> None:
    response = client.post(
        "/api/cases", content=json.dumps(request_data()).encode(), headers=as_role("intake")
    )
    assert_problem(response, 415)


def test_json_with_a_charset_parameter_is_accepted(client, as_role) -> None:
    body = json.dumps(request_data()).encode()
    headers = as_role("intake") | {"Content-Type": "application/json; charset=utf-8"}
    assert client.post("/api/cases", content=body, headers=headers).status_code == 201


def test_facts_up_to_the_limit_are_accepted_and_beyond_it_named(client, as_role) -> None:
    at_limit = request_data("FACTS-1", facts="f" * 100_000)
    assert client.post("/api/cases", json=at_limit, headers=as_role("intake")).status_code == 201
    over = request_data("FACTS-2", facts="f" * 100_001)
    response = client.post("/api/cases", json=over, headers=as_role("intake"))
    assert_problem(response, 422, "facts")
    assert "expected at most 100000 characters" in detail(response)


def targets(count: int) -> list[dict[str, str]]:
    return [{"kind": "email", "identifier": f"t{n}@example.org"} for n in range(count)]


def test_ten_thousand_targets_are_accepted_and_one_more_is_named(client, as_role) -> None:
    many = request_data("MANY-1", targets=targets(10_000))
    created = client.post("/api/cases", json=many, headers=as_role("intake"))
    assert created.status_code == 201, created.text
    case = client.get(f"/api/cases/{created.json()['id']}", headers=as_role("reviewer")).json()
    assert len(case["request"]["targets"]) == 10_000
    response = client.post(
        "/api/cases", json=request_data("MANY-2", targets=targets(10_001)), headers=as_role("intake")
    )
    assert_problem(response, 422, "targets")
    assert "expected at most 10000 items" in detail(response)


@pytest.mark.parametrize(
    ("change", "field", "expected"),
    [
        ({"received_on": "0001-01-01"}, "received_on", "between 1990-01-01 and 2100-12-31"),
        ({"received_on": "9999-12-31"}, "received_on", "between 1990-01-01 and 2100-12-31"),
        ({"received_on": "10000-01-01"}, "received_on", "expected a date as YYYY-MM-DD"),
        ({"received_on": "2026-02-30"}, "received_on", "expected a date as YYYY-MM-DD"),
        ({"received_on": "-0001-01-01"}, "received_on", "expected a date as YYYY-MM-DD"),
        ({"period": {"start": "0001-01-01", "end": "9999-12-31"}}, "period.start", "between 1990-01-01"),
        ({"authorisation": {"kind": "judicial", "date": "9999-12-31"}}, "authorisation.date", "between"),
    ],
)
def test_dates_far_in_the_past_or_future_are_named(client, as_role, change, field, expected) -> None:
    response = client.post("/api/cases", json=request_data(**change), headers=as_role("intake"))
    assert_problem(response, 422, field)
    assert expected in detail(response)


@pytest.mark.parametrize(
    "url",
    [
        "/api/cases/0",
        "/api/cases/2147483648",
        "/api/cases/99999999999999999999999",
        "/api/cases?page=10000001",
    ],
)
def test_ids_and_pages_beyond_the_database_range_are_a_422(client, as_role, url) -> None:
    assert_problem(client.get(url, headers=as_role("reviewer")), 422)


@pytest.mark.parametrize(("on", "status"), [("0001-01-01", 200), ("9999-12-31", 200), ("10000-01-01", 422)])
def test_the_law_of_a_state_on_any_date(client, on, status) -> None:
    response = client.get(f"/api/law/profiles/XA?on={on}")
    assert response.status_code == status, response.text
    if status == 200:
        assert response.json()["on"] == on
    else:
        assert_problem(response, 422, "on")
