"""Reports as JSON, as CSV (a line per published cell), and as CSV in Google's user-data-requests columns."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from rightsgate.reports.schema import Cell, Report, Table

LONG_COLUMNS = ("period", "table", "row", "label", "column", "shown", "low", "high")
GOOGLE_COLUMNS = (
    "Period Ending",
    "Country",
    "CLDR Territory Code",
    "Legal Process",
    "User Data Requests",
    "Percentage of requests where some data produced",
    "Users/Accounts Specified",
)


def to_json(report: Report) -> str:
    return report.model_dump_json(indent=2) + "\n"


def json_schema() -> str:
    """The JSON Schema of the report format, as shipped in `schemas/report.schema.json`."""
    return json.dumps(Report.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


def _csv(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _about(report: Report) -> list[tuple[str, str]]:
    head = report.audit_head
    return [
        ("audit_head", f"{head.seq}:{head.hash}"),
        ("software", f"{report.software.name} {report.software.version}"),
        ("query", f"{report.query.name} v{report.query.version}"),
        ("threshold", str(report.protection.threshold)),
        ("digest", report.digest),
    ]


def to_csv(report: Report) -> str:
    """Every published cell on its own line, then what the report was computed from (table `report`)."""
    label = report.period.label
    figures = report.figures
    rows: list[tuple[object, ...]] = [
        (label, "headline", name, name, "value", cell.text, cell.low, cell.high)
        for name, cell in figures.headline
    ]
    timing = figures.timing
    for name, value in (("median_days", timing.median_days), ("p90_days", timing.p90_days)):
        rows.append((label, "timing", name, name, "days", "" if value is None else value, value, value))
    for table in figures.tables:
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                rows.append((label, table.name, row.key, row.label, column, cell.text, cell.low, cell.high))
    rows += [(label, "report", key, key, "value", value, "", "") for key, value in _about(report)]
    return _csv(LONG_COLUMNS, rows)


def table(report: Report, name: str) -> Table:
    return next(t for t in report.figures.tables if t.name == name)


def _share(cells: dict[str, Cell]) -> str:
    """Percentage of requests where some data was produced, when every count it needs is shown exactly."""
    needed = (cells["executed"], cells["executed_in_part"], cells["total"])
    if any(c.low != c.high for c in needed) or not needed[2].low:
        return ""
    return str(round(100 * (needed[0].low + needed[1].low) / needed[2].low))


def to_google_csv(report: Report) -> str:
    """One line per requesting State, in the columns of Google's `google-user-data-requests.csv`."""
    states = table(report, "requesting_state")
    identifiers = {row.key: row.cells[0].text for row in table(report, "identifiers_by_state").rows}
    rows = []
    for row in states.rows[:-1]:
        cells = dict(zip(states.columns, row.cells, strict=True))
        rows.append(
            (
                report.period.end.isoformat(),
                row.label,
                row.key,
                "All",
                cells["total"].text,
                _share(cells),
                identifiers[row.key],
            )
        )
    return _csv(GOOGLE_COLUMNS, rows)
