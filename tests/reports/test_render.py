"""The report formats: long CSV, Google's columns, JSON with its shipped schema, and the HTML page."""

import csv
import io
import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from rightsgate.db import session_scope
from rightsgate.reports import figures as raw
from rightsgate.reports.definition import QUERY, method
from rightsgate.reports.html import render_html, report_from_html
from rightsgate.reports.periods import parse_period
from rightsgate.reports.render import GOOGLE_COLUMNS, json_schema, to_csv, to_google_csv, to_json
from rightsgate.reports.schema import PeriodOut, Protection, Report, Software
from rightsgate.reports.transparency import GENESIS_HEAD, build_report, digest, protected_figures
from tests.reports import fixture

ROOT = Path(__file__).parent.parent.parent
PERSONAL = ("Jane Roe", "example.org", "A1", "Z1", "Narrower is enough", "central authority", "minister")


@pytest.fixture
def report(engine, law, settings):
    with session_scope(engine) as session:
        fixture.build(session, law, settings)
    with session_scope(engine) as session:
        return build_report(session, period="2026", threshold=3)


def test_the_shipped_json_schema_is_current() -> None:
    stored = (ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8")
    assert stored == json_schema(), "run `make schema`"


def test_json_round_trips_and_states_what_it_was_computed_from(report) -> None:
    data = json.loads(to_json(report))
    assert Report.model_validate(data) == report
    assert data["audit_head"]["seq"] > 0 and data["software"]["version"] and data["query"]["definition"]
    assert data["protection"]["threshold"] == 3 and "1–2" in data["protection"]["method"][0]


def test_no_personal_data_or_free_text_appears_in_any_format(report) -> None:
    for text in (to_json(report), to_csv(report), to_google_csv(report), render_html(report)):
        assert not [word for word in PERSONAL if word in text]


def test_the_long_csv_has_a_line_per_cell_and_the_head(report) -> None:
    lines = list(csv.DictReader(io.StringIO(to_csv(report))))
    cells = sum(len(t.rows) * len(t.columns) for t in report.figures.tables)
    assert len([r for r in lines if r["table"] not in ("headline", "timing", "report")]) == cells
    bands = [r for r in lines if r["shown"] == "1–2"]
    assert bands and all((r["low"], r["high"]) == ("1", "2") for r in bands)
    head = next(r for r in lines if r["row"] == "audit_head")
    assert head["shown"] == f"{report.audit_head.seq}:{report.audit_head.hash}"


def test_the_google_variant_has_exactly_googles_columns(report) -> None:
    lines = list(csv.reader(io.StringIO(to_google_csv(report))))
    assert tuple(lines[0]) == GOOGLE_COLUMNS
    xa, xc = (dict(zip(GOOGLE_COLUMNS, line, strict=True)) for line in lines[1:])
    assert xa["Period Ending"] == "2026-12-31" and xa["CLDR Territory Code"] == "XA"
    assert xa["Legal Process"] == "All" and xc["Country"] == "XC (fictional State)"
    # XC's single request is banded, so XA's 6 is hidden too: the total of 7 would give XC away.
    assert (xa["User Data Requests"], xc["User Data Requests"]) == ("≥3", "1–2")
    assert (xa["Users/Accounts Specified"], xc["Users/Accounts Specified"]) == ("≥3", "1–2")
    assert xa["Percentage of requests where some data produced"] == ""


def test_the_html_page_is_self_contained_with_charts_and_its_data(report) -> None:
    page = render_html(report)
    assert page.count("<svg") >= 3 and "<style>" in page and "http" not in page.split("<script")[0]
    assert "Outcomes over time" in page and "Requests by requesting State" in page
    assert report.audit_head.hash in page and "@media print" in page
    assert report_from_html(page) == report


def synthetic(actions: list[str]) -> Report:
    """A report over made-up counts of requests from Germany, each naming two identifiers."""
    outcomes = Counter(raw.FINAL[action] for action in actions)
    counted = raw.Figures(
        received=len(actions),
        identifiers=2 * len(actions),
        outcomes=outcomes,
        by_quarter=Counter({("2026-Q1", outcome): n for outcome, n in outcomes.items()}),
        by_state=Counter({("DE", outcome): n for outcome, n in outcomes.items()}),
        identifiers_by_state=Counter(DE=2 * len(actions)),
    )
    figures = protected_figures(counted, parse_period("2026"), 5)
    return Report(
        title="Synthetic",
        period=PeriodOut(label="2026", start=date(2026, 1, 1), end=date(2026, 12, 31)),
        software=Software(version="0"),
        audit_head=GENESIS_HEAD,
        query=QUERY,
        protection=Protection(threshold=5, method=method(5)),
        figures=figures,
        digest=digest(figures),
    )


def test_the_google_percentage_is_given_where_every_count_it_needs_is_exact() -> None:
    report = synthetic(["execute"] * 10 + ["execute_in_part"] * 5 + ["refused"] * 5)
    line = list(csv.reader(io.StringIO(to_google_csv(report))))[1]
    assert line[1:] == ["Germany", "DE", "All", "20", "75", "40"]
