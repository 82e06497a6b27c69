"""Case routes: submit a request, list and open cases, decide, countersign, add information, write letters.

Each route validates its input, calls one service function in a transaction of its own (one worker
thread from the first query to the commit) and returns the service's read model.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Response
from fastapi import Request as HttpRequest
from pydantic import AfterValidator, Field
from sqlalchemy.orm import Session

from rightsgate.api.deps import LawDep, Reads, SettingsDep, Transaction, require
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
from rightsgate.cases.teams import assign_team
from rightsgate.cases.workflow import transition
from rightsgate.intake import parse_request
from rightsgate.letters.render import render_letter
from rightsgate.rules.facts import Request, without_nul

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
Assigner = Annotated[Actor, Depends(require("case:assign"))]
TeamName = Annotated[
    Annotated[str, AfterValidator(without_nul)] | None,
    Query(max_length=64, description="The team to handle the case (default: the submitter's only team)."),
]


class TeamAssignment(Strict):
    team: Annotated[str, AfterValidator(without_nul)] = Field(min_length=1, max_length=64)


class LetterOrder(Strict):
    kind: Literal["refusal", "more_information", "conditions", "partial"]
    format: Literal["md", "html"] = "md"


@router.post("", status_code=201, openapi_extra=REQUEST_BODY)
async def submit_request(
    actor: Creator,
    request: RequestBody,
    tx: Transaction,
    law: LawDep,
    settings: SettingsDep,
    team: TeamName = None,
) -> CaseRead:
    """Open a case for a new request and store the engine's first assessment."""

    def work(session: Session) -> CaseRead:
        case = open_case(session, request=request, actor=actor, law=law, settings=settings, team=team)
        return refreshed(session, case)

    return await tx(work)


@router.get("")
async def search_cases(where: Annotated[CaseFilter, Query()], reads: Reads, actor: Viewer) -> CasePage:
    """Cases by requesting State, type, status, overdue or flagged, a page at a time."""
    return await reads(lambda session: list_cases(session, where=where, actor=actor))


@router.get("/{case_id}")
async def read_case(case_id: RowId, tx: Transaction, actor: Viewer) -> CaseDetail:
    """The case with its request, assessments, findings, decisions, letters and timeline."""
    return await tx(lambda session: case_detail(session, case_id=case_id, actor=actor))


@router.post("/{case_id}/status")
async def change_status(case_id: RowId, change: StatusChange, tx: Transaction, actor: Mover) -> CaseRead:
    """Move the case (for example into review), with a reason."""

    def work(session: Session) -> CaseRead:
        case = get_case(session, case_id=case_id, actor=actor)
        transition(session, case, to=change.to, actor=actor, reason=change.reason)
        return refreshed(session, case)

    return await tx(work)


@router.post("/{case_id}/team")
async def assign(case_id: RowId, assignment: TeamAssignment, tx: Transaction, actor: Assigner) -> CaseRead:
    """Give the case to a team (supervisors); with team isolation on, only its members handle it."""

    def work(session: Session) -> CaseRead:
        case = get_case(session, case_id=case_id, actor=actor)
        assign_team(session, case, team=assignment.team, actor=actor)
        return refreshed(session, case)

    return await tx(work)


@router.post("/{case_id}/information", openapi_extra=REQUEST_BODY)
async def add_information(
    case_id: RowId,
    actor: Assessor,
    request: RequestBody,
    tx: Transaction,
    law: LawDep,
    settings: SettingsDep,
) -> CaseRead:
    """Take the completed request and assess it again; earlier assessments are kept."""

    def work(session: Session) -> CaseRead:
        case = get_case(session, case_id=case_id, actor=actor)
        reassess(session, case, request=request, actor=actor, law=law, settings=settings)
        return refreshed(session, case)

    return await tx(work)


@router.post("/{case_id}/consultations", status_code=201)
async def consult(
    case_id: RowId, consultation: ConsultationCreate, tx: Transaction, actor: Consulter
) -> CaseRead:
    """Record consultation with the requesting State (needed before a refusal or postponement)."""

    def work(session: Session) -> CaseRead:
        case = get_case(session, case_id=case_id, actor=actor)
        record_consultation(session, case, consultation=consultation, actor=actor)
        return refreshed(session, case)

    return await tx(work)


@router.post("/{case_id}/decisions", status_code=201)
async def decide(
    case_id: RowId,
    decision: DecisionCreate,
    tx: Transaction,
    settings: SettingsDep,
    actor: Decider,
) -> DecisionRead:
    """Record the reviewer's decision; it takes effect now or when a supervisor countersigns."""

    def work(session: Session) -> DecisionRead:
        case = get_case(session, case_id=case_id, actor=actor)
        row = record_decision(session, case, decision=decision, actor=actor, settings=settings)
        return decision_read(row)

    return await tx(work)


@router.post("/{case_id}/decisions/{decision_id}/countersign")
async def approve(case_id: RowId, decision_id: RowId, tx: Transaction, actor: Countersigner) -> DecisionRead:
    """A second person, a supervisor, countersigns the decision (four eyes)."""

    def work(session: Session) -> DecisionRead:
        row = get_decision(session, case_id=case_id, decision_id=decision_id, actor=actor)
        return decision_read(countersign(session, row, actor=actor))

    return await tx(work)


LETTER_TYPES = {"text/markdown": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}}}


@router.post(
    "/{case_id}/letters",
    response_class=Response,
    responses={200: {"description": "The letter, in Markdown or HTML", "content": LETTER_TYPES}},
)
async def write_letter(case_id: RowId, order: LetterOrder, tx: Transaction, actor: LetterWriter) -> Response:
    """A letter to the requesting State, in Markdown or HTML; issuing it is audited."""

    def work(session: Session) -> str:
        case = get_case(session, case_id=case_id, actor=actor)
        return render_letter(session, case, kind=order.kind, fmt=order.format, actor=actor)

    media = "text/html" if order.format == "html" else "text/markdown"
    return Response(await tx(work), media_type=f"{media}; charset=utf-8")
