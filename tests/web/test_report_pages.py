"""The public report pages: the list needs no sign-in, a report is served as published, else 404."""

from __future__ import annotations

from datetime import UTC, datetime

from rightsgate.db import session_scope
from rightsgate.reports.service import publish
from rightsgate.reports.transparency import build_report
from tests.builders import SUPERVISOR


def _publish(engine) -> int:
    with session_scope(engine) as session:
        report = build_report(session, period="2026", threshold=5)
        return publish(session, report=report, actor=SUPERVISOR, now=datetime(2026, 12, 1, tzinfo=UTC)).id


def test_the_report_list_is_public_and_says_when_nothing_is_published(client) -> None:
    page = client.get("/reports")
    assert page.status_code == 200
    assert "No report has been published yet." in page.text


def test_a_published_report_is_listed_and_served_with_its_own_policy(app, client) -> None:
    report_id = _publish(app.state.engine)
    assert f'href="/reports/{report_id}"' in client.get("/reports").text
    page = client.get(f"/reports/{report_id}")
    assert page.status_code == 200
    assert "<svg" in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'none'; style-src 'unsafe-inline'")


def test_an_unknown_report_is_a_clear_404(client) -> None:
    page = client.get("/reports/999")
    assert page.status_code == 404
    assert "There is no published report 999." in page.text
