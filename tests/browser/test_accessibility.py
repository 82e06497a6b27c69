"""The reviewer pages in a real browser: every visible text meets WCAG AA contrast (4.5:1, or 3:1 for
large text), computed from the colours the browser applies; and the pages work from the keyboard: a
skip link first, a visible focus ring on every stop, and a name for every form control."""

from __future__ import annotations

from pathlib import Path

from tests.browser.test_review_flow import sign_in

CONTRAST = (Path(__file__).parent / "contrast.js").read_text(encoding="utf-8")
NAMELESS_CONTROLS = """() => [...document.querySelectorAll("input, select, textarea, button")]
  .filter((e) => e.type !== "hidden" && e.getClientRects().length)
  .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute("aria-label")
    && !e.getAttribute("aria-labelledby") && !(e.tagName === "BUTTON" && e.textContent.trim()))
  .map((e) => e.outerHTML.slice(0, 80))"""
FOCUS_RING = """() => {
  const e = document.activeElement, s = getComputedStyle(e), box = e.getBoundingClientRect();
  return {tag: e.tagName.toLowerCase(), cls: e.className, ring: s.outlineStyle !== "none"
    && parseFloat(s.outlineWidth) >= 2, shown: box.width > 0 && box.left >= 0 && box.top >= 0};
}"""


def _pages(page) -> list[str]:
    """The main pages, signed in as a reviewer: inbox, flagged, a case, its comparison, the law, reports."""
    page.goto("/cases?flagged=true&per_page=100")
    case = page.get_by_role("row").filter(has_text="XA-FLAGGED-1").get_by_role("link").get_attribute("href")
    page.goto("/reports")
    report = page.get_by_role("link", name="2026").get_attribute("href")
    return [
        "/cases",
        "/cases?flagged=true",
        case,
        f"{case}/compare",
        "/law",
        "/law/profiles/XA",
        "/law/status",
        "/reports",
        report,
        "/no-such-page",
    ]


def test_every_text_on_the_main_pages_meets_wcag_aa_contrast(page) -> None:
    page.goto("/signin")
    failures = {"/signin": page.evaluate(CONTRAST)}
    sign_in(page, "rui")
    for path in _pages(page):
        page.goto(path)
        failures[path] = page.evaluate(CONTRAST)
    assert {path: found for path, found in failures.items() if found} == {}


def test_every_form_control_has_a_name(page) -> None:
    page.goto("/signin")
    nameless = {"/signin": page.evaluate(NAMELESS_CONTROLS)}
    sign_in(page, "rui")
    for path in _pages(page):
        page.goto(path)
        nameless[path] = page.evaluate(NAMELESS_CONTROLS)
    assert {path: found for path, found in nameless.items() if found} == {}


def test_the_skip_link_comes_first_and_moves_focus_to_the_content(page) -> None:
    sign_in(page, "rui")
    page.goto("/cases")
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_RING)
    assert first == {"tag": "a", "cls": "skip", "ring": True, "shown": True}
    assert page.evaluate(CONTRAST) == []  # the skip link, now shown, is readable too
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_every_keyboard_stop_shows_a_focus_ring(page) -> None:
    sign_in(page, "rui")
    for path in _pages(page)[:3]:
        page.goto(path)
        stops = []
        for _ in range(40):
            page.keyboard.press("Tab")
            stops.append(page.evaluate(FOCUS_RING))
        assert [stop for stop in stops if not stop["ring"] and stop["tag"] != "body"] == [], path
