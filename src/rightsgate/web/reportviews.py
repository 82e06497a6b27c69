"""Published transparency reports: a public list, and each report as its own self-contained page.

Reports carry no personal data by construction (codes and protected counts only), so reading them needs
no sign-in: publishing the figures is the point. A report page is the same HTML `rightsgate report
--format html` writes; its charts and styles are inline, so it gets a policy allowing inline styles
and nothing else.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from rightsgate.api.deps import SessionDep
from rightsgate.reports.html import render_html
from rightsgate.reports.service import ReportNotFoundError, published_report, published_reports
from rightsgate.web.render import page

router = APIRouter(include_in_schema=False)
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'"
)


@router.get("/reports")
def report_list(request: Request, session: SessionDep) -> HTMLResponse:
    """Every published report, with the period, the audit head it was computed from and its digest."""
    return page(request, "report_list.html", reports=published_reports(session))


@router.get("/reports/{report_id}")
def report_page(report_id: int, session: SessionDep) -> HTMLResponse:
    """One published report, exactly as published."""
    try:
        report = published_report(session, report_id=report_id)
    except ReportNotFoundError as error:
        raise HTTPException(404, f"There is no published report {report_id}.") from error
    return HTMLResponse(render_html(report), headers={"content-security-policy": REPORT_CSP})
