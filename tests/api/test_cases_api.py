"""Case routes: each one's success, validation error, not found and forbidden answer, on both databases."""

from __future__ import annotations

import pytest

from tests.builders import request_data

PROBLEM = "application/problem+json"


def submit(client, as_role, reference="XA-2026-001", **overrides):
    response = client.post("/api/cases", json=request_data(reference, **overrides), headers=as_role("intake"))
    assert response.status_code == 201, response.text
    return response.json()


def start_review(client, as_role, case_id):
    body = {"to": "under_review", "reason": "review started"}
    response = client.post(f"/api/cases/{case_id}/status", json=body, headers=as_role("reviewer"))
    assert response.status_code == 200, response.text


def assert_problem(response, status, field=None):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    if field:
        assert field in [e["field"] for e in body["errors"]], body


def test_submitting_a_request_opens_a_case_with_its_assessment(client, as_role) -> None:
    case = submit(client, as_role)
    assert case["status"] == "received" and case["recommendation"] == "execute"
    detail = client.get(f"/api/cases/{case['id']}", headers=as_role("reviewer")).json()
    (assessment,) = detail["assessments"]
    assert assessment["explanation"]["assessment"]["findings"]
    assert [e["name"] for e in detail["timeline"]][:2] == ["case.created", "case.linked"] or detail[
        "timeline"
    ]
    assert detail["request"]["reference"] == "XA-2026-001"


def test_a_bad_request_is_answered_with_a_problem_naming_the_field(client, as_role) -> None:
    data = request_data(offences=[{"name": "Fraud", "max_penalty_years": -1}])
    response = client.post("/api/cases", json=data, headers=as_role("intake"))
    assert_problem(response, 422, "offences[0].max_penalty_years")


def test_a_body_that_is_not_json_is_a_problem(client, as_role) -> None:
    response = client.post(
        "/api/cases", content=b"{not json", headers=as_role("intake") | {"content-type": "application/json"}
    )
    assert_problem(response, 400)


def test_a_duplicate_request_is_a_conflict(client, as_role) -> None:
    submit(client, as_role)
    response = client.post("/api/cases", json=request_data(), headers=as_role("intake"))
    assert_problem(response, 409)


def test_a_payload_over_the_limit_is_refused_with_413(client, as_role) -> None:
    data = request_data(facts="x" * 2_000_000)
    assert_problem(client.post("/api/cases", json=data, headers=as_role("intake")), 413)


def test_without_a_token_the_api_answers_401(client) -> None:
    assert_problem(client.get("/api/cases"), 401)
    assert_problem(client.get("/api/cases", headers={"Authorization": "Bearer nope"}), 401)


def test_an_auditor_may_not_submit_a_request(client, as_role) -> None:
    assert_problem(client.post("/api/cases", json=request_data(), headers=as_role("auditor")), 403)


def test_cases_are_listed_filtered_and_paginated(client, as_role) -> None:
    for n in range(3):
        submit(client, as_role, f"XA-2026-00{n}")
    submit(client, as_role, "XC-1", requesting_state="XC")
    page = client.get("/api/cases", params={"per_page": 2}, headers=as_role("reviewer")).json()
    assert page["total"] == 4 and len(page["items"]) == 2
    second = client.get("/api/cases", params={"per_page": 2, "page": 2}, headers=as_role("reviewer")).json()
    assert {c["id"] for c in page["items"]}.isdisjoint(c["id"] for c in second["items"])
    only = client.get("/api/cases", params={"state": "XC"}, headers=as_role("auditor")).json()
    assert [c["reference"] for c in only["items"]] == ["XC-1"]
    overdue = client.get("/api/cases", params={"overdue": "true"}, headers=as_role("auditor")).json()
    assert overdue["total"] == 4
    flagged = client.get(
        "/api/cases", params={"flagged": "false", "status": "received"}, headers=as_role("auditor")
    )
    assert flagged.status_code == 200


@pytest.mark.parametrize(
    ("params", "field"),
    [({"per_page": 0}, "per_page"), ({"status": "lost"}, "status"), ({"colour": "red"}, "colour")],
)
def test_bad_filters_name_the_parameter(client, as_role, params, field) -> None:
    assert_problem(client.get("/api/cases", params=params, headers=as_role("reviewer")), 422, field)


def test_listing_cases_is_forbidden_to_the_administrator(client, as_role) -> None:
    assert_problem(client.get("/api/cases", headers=as_role("admin")), 403)


def test_a_missing_case_is_404(client, as_role) -> None:
    assert_problem(client.get("/api/cases/999", headers=as_role("reviewer")), 404)
    assert_problem(client.get("/api/cases/abc", headers=as_role("reviewer")), 422, "case_id")


def test_reading_a_case_is_forbidden_to_the_administrator(client, as_role) -> None:
    case = submit(client, as_role)
    assert_problem(client.get(f"/api/cases/{case['id']}", headers=as_role("admin")), 403)


def test_a_status_change_needs_a_known_status_and_an_allowed_move(client, as_role) -> None:
    case = submit(client, as_role)
    url = f"/api/cases/{case['id']}/status"
    assert_problem(
        client.post(url, json={"to": "nowhere", "reason": "x"}, headers=as_role("reviewer")), 422, "to"
    )
    assert_problem(client.post(url, json={"to": "executed", "reason": "x"}, headers=as_role("reviewer")), 409)
    assert_problem(
        client.post(url, json={"to": "under_review", "reason": "x"}, headers=as_role("intake")), 403
    )
    assert_problem(
        client.post(
            "/api/cases/999/status", json={"to": "under_review", "reason": "x"}, headers=as_role("reviewer")
        ),
        404,
    )


def test_a_refusal_needs_consultation_then_a_supervisors_countersignature(client, as_role) -> None:
    case = submit(client, as_role)
    start_review(client, as_role, case["id"])
    url = f"/api/cases/{case['id']}/decisions"
    refusal = {"action": "refused", "rationale": "The request is a pretext.", "grounds": ["human_rights"]}
    assert_problem(client.post(url, json=refusal, headers=as_role("reviewer")), 409, "consultation")
    consulted = {"about": "refusal", "summary": "Asked XA for reasons; none given."}
    response = client.post(
        f"/api/cases/{case['id']}/consultations", json=consulted, headers=as_role("reviewer")
    )
    assert response.status_code == 201
    unknown = client.post(url, json=refusal | {"grounds": ["politics"]}, headers=as_role("reviewer"))
    assert_problem(unknown, 422, "grounds")
    uncoded = client.post(url, json=refusal | {"grounds": []}, headers=as_role("reviewer"))
    assert_problem(uncoded, 409, "grounds")
    decision = client.post(url, json=refusal, headers=as_role("reviewer")).json()
    assert decision["needs_countersign"] and not decision["effective"]
    assert decision["grounds"] == ["human_rights"]
    sign = f"{url}/{decision['id']}/countersign"
    assert_problem(client.post(sign, headers=as_role("reviewer")), 403)
    signed = client.post(sign, headers=as_role("supervisor"))
    assert signed.status_code == 200 and signed.json()["effective"]
    assert_problem(client.post(sign, headers=as_role("second_supervisor")), 409)
    letter = client.post(
        f"/api/cases/{case['id']}/letters", json={"kind": "refusal"}, headers=as_role("reviewer")
    )
    assert letter.status_code == 200 and letter.headers["content-type"].startswith("text/markdown")


def test_a_supervisor_cannot_countersign_their_own_decision(client, as_role) -> None:
    case = submit(client, as_role, data_requested=["subscriber", "content"])
    body = {"to": "under_review", "reason": "review started"}
    client.post(f"/api/cases/{case['id']}/status", json=body, headers=as_role("supervisor"))
    url = f"/api/cases/{case['id']}/decisions"
    decision = client.post(
        url, json={"action": "execute", "rationale": "ok"}, headers=as_role("supervisor")
    ).json()
    assert_problem(client.post(f"{url}/{decision['id']}/countersign", headers=as_role("supervisor")), 403)


def test_decisions_validate_and_need_the_case(client, as_role) -> None:
    case = submit(client, as_role)
    start_review(client, as_role, case["id"])
    url = f"/api/cases/{case['id']}/decisions"
    assert_problem(client.post(url, json={"action": "maybe"}, headers=as_role("reviewer")), 422, "action")
    assert_problem(
        client.post(url, json={"action": "execute", "x": 1}, headers=as_role("reviewer")), 422, "x"
    )
    assert_problem(
        client.post("/api/cases/999/decisions", json={"action": "execute"}, headers=as_role("reviewer")), 404
    )
    assert_problem(client.post(url, json={"action": "execute"}, headers=as_role("auditor")), 403)
    assert_problem(client.post(f"{url}/999/countersign", headers=as_role("supervisor")), 404)
    response = client.post(url, json={"action": "execute"}, headers=as_role("reviewer"))
    assert response.status_code == 201 and response.json()["effective"]


def test_new_information_is_assessed_again(client, as_role) -> None:
    case = submit(client, as_role, user_notification_delay_requested=None)
    assert case["recommendation"] == "request_more_information"
    for to in ("under_review", "awaiting_information"):
        client.post(
            f"/api/cases/{case['id']}/status", json={"to": to, "reason": "asked"}, headers=as_role("reviewer")
        )
    url = f"/api/cases/{case['id']}/information"
    assert_problem(
        client.post(url, json=request_data(period={"start": "x"}), headers=as_role("reviewer")),
        422,
        "period.start",
    )
    assert_problem(client.post(url, json=request_data(), headers=as_role("auditor")), 403)
    assert_problem(
        client.post("/api/cases/999/information", json=request_data(), headers=as_role("reviewer")), 404
    )
    response = client.post(url, json=request_data(), headers=as_role("reviewer"))
    assert response.status_code == 200
    assert response.json()["assessments"] == 2 and response.json()["recommendation"] == "execute"


def test_letters_validate_their_kind_and_need_a_fitting_decision(client, as_role) -> None:
    case = submit(client, as_role)
    url = f"/api/cases/{case['id']}/letters"
    assert_problem(client.post(url, json={"kind": "love"}, headers=as_role("reviewer")), 422, "kind")
    assert_problem(client.post(url, json={"kind": "refusal"}, headers=as_role("reviewer")), 409)
    assert_problem(client.post(url, json={"kind": "refusal"}, headers=as_role("auditor")), 403)
    assert_problem(
        client.post("/api/cases/999/letters", json={"kind": "refusal"}, headers=as_role("reviewer")), 404
    )


def test_consultations_validate(client, as_role) -> None:
    case = submit(client, as_role)
    url = f"/api/cases/{case['id']}/consultations"
    assert_problem(
        client.post(url, json={"about": "lunch", "summary": "x"}, headers=as_role("reviewer")), 422, "about"
    )
    assert_problem(
        client.post(url, json={"about": "refusal", "summary": "x"}, headers=as_role("intake")), 403
    )
    assert_problem(
        client.post(
            "/api/cases/999/consultations",
            json={"about": "refusal", "summary": "x"},
            headers=as_role("reviewer"),
        ),
        404,
    )


def test_auditors_verify_the_audit_chain(client, as_role) -> None:
    submit(client, as_role)
    result = client.get("/api/audit/verify", headers=as_role("auditor")).json()
    assert result["ok"] and result["count"] > 0 and result["defect"] is None
    assert_problem(client.get("/api/audit/verify", headers=as_role("reviewer")), 403)


def test_an_unexpected_error_is_a_plain_500_and_the_log_holds_no_request_data(
    client, as_role, monkeypatch, caplog
) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("Jane Roe xa-2026-001@example.org")

    monkeypatch.setattr("rightsgate.api.cases.open_case", broken)
    response = client.post("/api/cases", json=request_data(), headers=as_role("intake"))
    assert_problem(response, 500)
    assert "Jane Roe" not in response.text and "Jane Roe" not in caplog.text
    assert "RuntimeError" in caplog.text
