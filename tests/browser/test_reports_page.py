"""The public transparency report in a real browser: listed without sign-in, its charts drawn."""

from __future__ import annotations

from tests.browser.conftest import shot


def test_a_published_report_is_public_and_shows_its_charts(page) -> None:
    page.goto("/reports")
    page.get_by_role("heading", name="Transparency reports").wait_for()
    page.get_by_role("link", name="2026").click()
    charts = page.locator("svg[role=img]")
    charts.first.wait_for()
    assert all(charts.nth(i).is_visible() for i in range(charts.count()))
    assert page.get_by_text("audit", exact=False).first.is_visible()
    shot(page, "report")
