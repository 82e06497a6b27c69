"""The reviewer's pages: inbox, case page, decision and approval forms, letters and policy comparison.

Views are thin: they read the form, call the same service functions as the API, and render the stored
explanation. Every form carries the session's CSRF token.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError

from rightsgate.api.deps import LawDep, SessionDep, SettingsDep
from rightsgate.auth.permissions import can
from rightsgate.auth.teams import team_names
from rightsgate.cases.decisions import countersign, record_decision
from rightsgate.cases.queries import CaseFilter, case_detail, get_decision, list_cases
from rightsgate.cases.schemas import GROUNDS, ConsultationCreate, DecisionCreate
from rightsgate.cases.service import get_case, record_consultation
from rightsgate.cases.teams import assign_team
from rightsgate.cases.workflow import DecisionAction, Status, transition
from rightsgate.explain import compare, explain
from rightsgate.intake import RequestError, field_errors, parse_request
from rightsgate.letters.render import render_letter
from rightsgate.rules.assess import assess
from rightsgate.web import auth, lawviews, reportviews
from rightsgate.web.render import by_rule, error_page, evidence_by_field, page

router = APIRouter(include_in_schema=False, dependencies=[auth.Csrf])
pages = APIRouter(include_in_schema=False)
STATIC = Path(__file__).parent / "static"


def _back(request: Request, case_id: int, notice: str) -> RedirectResponse:
    request.session["notice"] = notice
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@pages.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/cases", status_code=303)


@pages.get("/cases")
def inbox(
    request: Request, where: Annotated[CaseFilter, Query()], session: SessionDep, actor: auth.WebUser
) -> HTMLResponse:
    """The inbox: cases by deadline, filtered by State, type, status, overdue or flagged."""
    found = list_cases(session, where=where, actor=actor)
    teams = team_names(session)
    return page(request, "case_list.html", found=found, where=where, statuses=list(Status), teams=teams)


@pages.get("/cases/{case_id}")
def case_page(request: Request, case_id: int, session: SessionDep, actor: auth.WebUser) -> HTMLResponse:
    """The case: request, recommendation, findings by rule with citations, decisions and timeline."""
    detail = case_detail(session, case_id=case_id, actor=actor)
    latest = detail.assessments[-1].explanation if detail.assessments else None
    findings = (latest or {}).get("assessment", {}).get("findings", [])
    return page(
        request,
        "case_detail.html",
        detail=detail,
        explanation=latest,
        groups=by_rule(findings),
        evidence=evidence_by_field(latest),
        actions=list(DecisionAction),
        grounds=GROUNDS,
        teams=team_names(session),
        may_assign=can(actor.role, "case:assign"),
    )


@router.post("/cases/{case_id}/status")
def move(
    request: Request,
    case_id: int,
    session: SessionDep,
    actor: auth.WebUser,
    to: Annotated[Status, Form()],
    reason: Annotated[str, Form(min_length=1, max_length=2000)],
) -> RedirectResponse:
    transition(session, get_case(session, case_id=case_id, actor=actor), to=to, actor=actor, reason=reason)
    return _back(request, case_id, f"Case moved to {to.value.replace('_', ' ')}.")


@router.post("/cases/{case_id}/team")
def hand_over(
    request: Request,
    case_id: int,
    session: SessionDep,
    actor: auth.WebUser,
    team: Annotated[str, Form(min_length=1, max_length=64)],
) -> RedirectResponse:
    """Give the case to another team (supervisors); audited like every change."""
    assign_team(session, get_case(session, case_id=case_id, actor=actor), team=team, actor=actor)
    return _back(request, case_id, f"Case handed to team {team}.")


@router.post("/cases/{case_id}/decisions")
def decide(
    request: Request,
    case_id: int,
    session: SessionDep,
    settings: SettingsDep,
    actor: auth.WebUser,
    action: Annotated[DecisionAction, Form()],
    rationale: Annotated[str, Form(max_length=10_000)] = "",
    data_categories: Annotated[list[str] | None, Form()] = None,
    grounds: Annotated[list[str] | None, Form()] = None,
) -> RedirectResponse:
    """Record the reviewer's decision from the form, with the grounds ticked for a refusal or part."""
    fields = {"action": action, "rationale": rationale.strip() or None, "grounds": grounds or ()}
    try:
        decision = DecisionCreate.model_validate(fields | {"data_categories": data_categories or None})
    except ValidationError as error:
        raise RequestError(field_errors(list(error.errors()))) from error
    row = record_decision(
        session,
        get_case(session, case_id=case_id, actor=actor),
        decision=decision,
        actor=actor,
        settings=settings,
    )
    waiting = " It takes effect when a supervisor approves it." if not row.effective else ""
    return _back(request, case_id, f"Decision recorded: {row.action.replace('_', ' ')}.{waiting}")


@router.post("/cases/{case_id}/decisions/{decision_id}/countersign")
def approve(
    request: Request, case_id: int, decision_id: int, session: SessionDep, actor: auth.WebUser
) -> RedirectResponse:
    countersign(
        session, get_decision(session, case_id=case_id, decision_id=decision_id, actor=actor), actor=actor
    )
    return _back(request, case_id, "Decision approved: it is now in effect.")


@router.post("/cases/{case_id}/consultations")
def consult(
    request: Request,
    case_id: int,
    session: SessionDep,
    actor: auth.WebUser,
    about: Annotated[str, Form()],
    summary: Annotated[str, Form(min_length=1, max_length=10_000)],
) -> RedirectResponse:
    consultation = ConsultationCreate.model_validate({"about": about, "summary": summary})
    record_consultation(
        session, get_case(session, case_id=case_id, actor=actor), consultation=consultation, actor=actor
    )
    return _back(request, case_id, "Consultation recorded.")


@router.post("/cases/{case_id}/letters")
def letter(
    request: Request, case_id: int, session: SessionDep, actor: auth.WebUser, kind: Annotated[str, Form()]
) -> HTMLResponse:
    """Issue a letter and show it, ready to print."""
    case = get_case(session, case_id=case_id, actor=actor)
    text = render_letter(session, case, kind=kind, fmt="html", actor=actor)  # type: ignore[arg-type]
    return page(request, "letter.html", case=case, kind=kind, letter=text)


@pages.get("/cases/{case_id}/compare")
def compare_policies(
    request: Request, case_id: int, session: SessionDep, law: LawDep, actor: auth.WebUser
) -> HTMLResponse:
    """The request under both policies, rule by rule: where they differ is the safeguard gap."""
    detail = case_detail(session, case_id=case_id, actor=actor)
    if detail.request is None:
        return error_page(request, 410, "Purged", "The request was purged under the retention policy.", [])
    parsed = parse_request(json.dumps(detail.request))
    left, right = (
        explain(assess(parsed, law, on=parsed.received_on, policy=p), law) for p in sorted(law.policies)
    )
    return page(request, "compare.html", detail=detail, comparison=compare(left, right))


def install(app: FastAPI) -> None:
    """Add the pages, the static files, the sign-in redirect and the HTML error page to the app."""
    app.state.error_page = error_page
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for part in (auth.router, pages, router, lawviews.router, reportviews.router):
        app.include_router(part)

    async def to_sign_in(_request: Request, _error: Exception) -> RedirectResponse:
        return RedirectResponse("/signin", status_code=303)

    app.add_exception_handler(auth.SignInRequiredError, to_sign_in)
