"""The published law: public, read-only routes over citations, profiles, policies, rules and status."""

from __future__ import annotations

import pytest


def test_citations_are_published_with_their_verification_flag(client) -> None:
    entries = client.get("/api/law/citations").json()
    assert entries and all({"id", "paraphrase", "verified", "url"} <= set(e) for e in entries)
    one = client.get(f"/api/law/citations/{entries[0]['id']}").json()
    assert one == entries[0]


def test_profiles_show_values_in_force_with_sources_and_dates(client) -> None:
    codes = [p["code"] for p in client.get("/api/law/profiles").json()]
    assert "XA" in codes
    profile = client.get("/api/law/profiles/xb", params={"on": "2026-09-01"}).json()
    assert profile["code"] == "XB" and profile["values"]
    assert all(v["source"] for v in profile["values"])


def test_policies_rules_status_and_schema_are_published(client) -> None:
    names = client.get("/api/law/policies").json()
    assert "rights-respecting" in names
    assert client.get(f"/api/law/policies/{names[0]}").json()
    rules = client.get("/api/law/rules").json()
    assert rules[0]["rule"] == "completeness" and rules[0]["citations"]
    assert {row["state"] for row in client.get("/api/law/status").json()} >= {"XA", "XB"}
    assert "properties" in client.get("/api/law/schema").json()


@pytest.mark.parametrize(
    "path", ["/api/law/citations/uncc.999", "/api/law/profiles/QQ", "/api/law/policies/lax"]
)
def test_unknown_law_is_404_as_a_problem(client, path) -> None:
    response = client.get(path)
    assert response.status_code == 404 and response.headers["content-type"].startswith(
        "application/problem+json"
    )


def test_a_bad_date_names_the_parameter(client) -> None:
    response = client.get("/api/law/profiles/XA", params={"on": "yesterday"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "on"


def test_the_openapi_document_and_docs_are_served(client) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/cases" in spec["paths"] and "/api/law/citations" in spec["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_every_response_carries_security_headers(client) -> None:
    headers = client.get("/api/health").headers
    assert (
        headers["x-frame-options"] == "DENY"
        and "frame-ancestors 'none'" in headers["content-security-policy"]
    )
    assert headers["x-content-type-options"] == "nosniff"
