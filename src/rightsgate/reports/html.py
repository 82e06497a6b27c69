"""The self-contained HTML report: one file, inline CSS and SVG, no scripts, readable printed.

`render_html(report)` is a plain function, so a web page can serve the same text.
"""

from __future__ import annotations

import json

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from rightsgate.reports.charts import COLOURS, stacked
from rightsgate.reports.render import table
from rightsgate.reports.schema import Report

DATA_ID = "rightsgate-report"


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("rightsgate.reports", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def embedded(report: Report) -> str:
    """The report's JSON, safe inside a script element, so `rightsgate report verify` can read the page."""
    return report.model_dump_json().replace("<", "\\u003c")


def render_html(report: Report) -> str:
    """The report as one HTML page with its charts and its JSON embedded for verification."""
    template = _environment().get_template("report.html.j2")
    by_quarter = table(report, "outcomes_by_quarter")
    return template.render(
        report=report,
        by_quarter=by_quarter,
        quarter_bars=stacked(by_quarter),
        ground_bars=stacked(table(report, "refusals_by_ground")),
        legend=list(zip(by_quarter.columns[:-1], COLOURS, strict=False)),
        states=table(report, "requesting_state"),
        data_id=DATA_ID,
        data=embedded(report),
    )


def report_from_html(text: str) -> Report:
    """The report embedded in a page made by `render_html`."""
    marker = f'<script type="application/json" id="{DATA_ID}">'
    start = text.index(marker) + len(marker)
    return Report.model_validate(json.loads(text[start : text.index("</script>", start)]))
