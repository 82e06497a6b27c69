"""The reviewer's day in a real browser: sign in, open a flagged case, read a citation, decide, have
a supervisor approve, see the audit timeline, sign out. Screenshots of the main pages are saved."""

from __future__ import annotations

from tests.browser.conftest import PASSWORD, shot


def sign_in(page, username: str) -> None:
    page.goto("/signin")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Inbox").wait_for()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in").wait_for()


def test_a_flagged_case_is_decided_and_approved_by_a_supervisor(page) -> None:
    page.goto("/signin")
    shot(page, "signin")
    sign_in(page, "rui")
    shot(page, "inbox")
    page.goto("/cases?flagged=true&per_page=100")
    page.get_by_role("row").filter(has_text="XA-FLAGGED-1").get_by_role("link").click()
    page.get_by_role("heading", name="Findings by rule").wait_for()
    citation = page.locator("details.citation").first
    citation.locator("summary").click()
    assert citation.locator("p.chain").is_visible()
    assert page.locator("mark").count() > 0, "screening signs are highlighted in the facts"
    case_url = page.url
    shot(page, "case")
    page.get_by_role("button", name="Start review").click()
    page.get_by_label("execute", exact=True).check()
    page.get_by_label("Rationale").fill("Content is needed to show who wrote the messages.")
    page.get_by_role("button", name="Record decision").click()
    assert page.get_by_text("awaiting supervisor approval").is_visible()
    sign_out(page)

    sign_in(page, "sara")
    page.goto(case_url)
    page.get_by_role("button", name="Approve this decision").click()
    assert page.get_by_text("approved by sara").is_visible()
    timeline = page.locator("ol.timeline")
    assert "decision.countersigned" in timeline.inner_text()
    assert "decision.recorded" in timeline.inner_text()
    shot(page, "case-decided")
    sign_out(page)
    page.goto("/cases")
    assert page.url.endswith("/signin")


def test_the_law_pages_render(page) -> None:
    page.goto("/law")
    page.get_by_role("heading", name="Provisions cited").wait_for()
    shot(page, "law", full_page=False)
    page.goto("/law/status")
    page.get_by_role("heading", name="Convention status by State").wait_for()
    shot(page, "convention-status")
    page.goto("/law/profiles/XB")
    assert page.locator("table tbody tr").count() > 0
    shot(page, "profile")
