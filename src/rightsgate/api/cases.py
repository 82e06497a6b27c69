"""Case routes: submit a request, list and open cases, decide, countersign, add information, write letters.

Each route validates its input, calls one service function and returns the service's read model.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Response
from fastapi import Request as HttpRequest

from rightsgate.api.deps import LawDep, SessionDep, SettingsDep, require
from rightsgate.api.openapi import REQUEST_BODY
from rightsgate.auth.permissions import Actor
from rightsgate.cases.decisions import countersign, record_decision
from rightsgate.cases.opening import open_case
from rightsgate.cases.queries import (
    CaseDetail,
    CaseFilter,
    CasePage,
    DecisionRead,
    StatusChange,
    case_detail,
    decision_read,
    get_decision,
    list_cases,
    refreshed,
)
from rightsgate.cases.schemas import CaseRead, ConsultationCreate, DecisionCreate, Strict
from rightsgate.cases.service import get_case, reassess, record_consultation
from rightsgate.cases.workflow import transition
from rightsgate.intake import parse_request
from rightsgate.letters.render import render_letter
from rightsgate.rules.facts import Request

router = APIRouter(prefix="/api/cases", tags=["cases"])
MAX_ROW_ID = 2**31 - 1
RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID, description="A row id (a 32-bit database integer).")]


async def request_in_body(http: HttpRequest) -> Request:
    """The body read as the request format, exactly as the command line reads a file."""
    return parse_request(await http.body(), filename="body.json")


RequestBody = Annotated[Request, Depends(request_in_body)]


Creator = Annotated[Actor, Depends(require("case:create"))]
Viewer = Annotated[Actor, Depends(require("case:view"))]
Mover = Annotated[Actor, Depends(require("case:transition"))]
Assessor = Annotated[Actor, Depends(require("assessment:run"))]
Consulter = Annotated[Actor, Depends(require("consultation:record"))]
Decider = Annotated[Actor, Depends(require("decision:record"))]
Countersigner = Annotated[Actor, Depends(require("decision:countersign"))]
LetterWriter = Annotated[Actor, Depends(require("letter:issue"))]


class LetterOrder(Strict):
    kind: Literal["refusal", "more_information", "conditions", "partial"]
    format: Literal["md", "html"] = "md"


@router.post("", status_code=201, openapi_extra=REQUEST_BODY)
def submit_request(
    actor: Creator, request: RequestBody, session: SessionDep, law: LawDep, settings: SettingsDep
) -> CaseRead:
    """Open a case for a new request and store the engine's first assessment."""
    case = open_case(session, request=request, actor=actor, law=law, settings=settings)
    return refreshed(session, case)


@router.get("")
def search_cases(where: Annotated[CaseFilter, Query()], session: SessionDep, actor: Viewer) -> CasePage:
    """Cases by requesting State, type, status, overdue or flagged, a page at a time."""
    return list_cases(session, where=where, actor=actor)


@router.get("/{case_id}")
def read_case(case_id: RowId, session: SessionDep, actor: Viewer) -> CaseDetail:
    """The case with its request, assessments, findings, decisions, letters and timeline."""
    return case_detail(session, case_id=case_id, actor=actor)


@router.post("/{case_id}/status")
def change_status(case_id: RowId, change: StatusChange, session: SessionDep, actor: Mover) -> CaseRead:
    """Move the case (for example into review), with a reason."""
    case = get_case(session, case_id=case_id)
    transition(session, case, to=change.to, actor=actor, reason=change.reason)
    return refreshed(session, case)


@router.post("/{case_id}/information", openapi_extra=REQUEST_BODY)
def add_information(
    case_id: RowId,
    actor: Assessor,
    request: RequestBody,
    session: SessionDep,
    law: LawDep,
    settings: SettingsDep,
) -> CaseRead:
    """Take the completed request and assess it again; earlier assessments are kept."""
    case = get_case(session, case_id=case_id)
    reassess(session, case, request=request, actor=actor, law=law, settings=settings)
    return refreshed(session, case)


@router.post("/{case_id}/consultations", status_code=201)
def consult(
    case_id: RowId, consultation: ConsultationCreate, session: SessionDep, actor: Consulter
) -> CaseRead:
    """Record consultation with the requesting State (needed before a refusal or postponement)."""
    case = get_case(session, case_id=case_id)
    record_consultation(session, case, consultation=consultation, actor=actor)
    return refreshed(session, case)


@router.post("/{case_id}/decisions", status_code=201)
def decide(
    case_id: RowId,
    decision: DecisionCreate,
    session: SessionDep,
    settings: SettingsDep,
    actor: Decider,
) -> DecisionRead:
    """Record the reviewer's decision; it takes effect now or when a supervisor countersigns."""
    case = get_case(session, case_id=case_id)
    return decision_read(record_decision(session, case, decision=decision, actor=actor, settings=settings))


@router.post("/{case_id}/decisions/{decision_id}/countersign")
def approve(case_id: RowId, decision_id: RowId, session: SessionDep, actor: Countersigner) -> DecisionRead:
    """A second person, a supervisor, countersigns the decision (four eyes)."""
    row = get_decision(session, case_id=case_id, decision_id=decision_id)
    return decision_read(countersign(session, row, actor=actor))


LETTER_TYPES = {"text/markdown": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}}}


@router.post(
    "/{case_id}/letters",
    response_class=Response,
    responses={200: {"description": "The letter, in Markdown or HTML", "content": LETTER_TYPES}},
)
def write_letter(case_id: RowId, order: LetterOrder, session: SessionDep, actor: LetterWriter) -> Response:
    """A letter to the requesting State, in Markdown or HTML; issuing it is audited."""
    case = get_case(session, case_id=case_id)
    text = render_letter(session, case, kind=order.kind, fmt=order.format, actor=actor)
    media = "text/html" if order.format == "html" else "text/markdown"
    return Response(text, media_type=f"{media}; charset=utf-8")
