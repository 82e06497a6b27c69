"""Case routes: submit a request, list and open cases, decide, countersign, add information, write letters.

Each route validates its input, calls one service function and returns the service's read model.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Query
from fastapi.responses import PlainTextResponse
from pydantic import Field

from rightsgate.api.deps import LawDep, SessionDep, SettingsDep, require
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

router = APIRouter(prefix="/api/cases", tags=["cases"])
RequestBody = Annotated[
    dict[str, Any], Body(description="A request in the request format (see /api/law/schema).")
]


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
    str | None,
    Query(max_length=64, description="The team to handle the case (default: the submitter's only team)."),
]


class TeamAssignment(Strict):
    team: str = Field(min_length=1, max_length=64)


class LetterOrder(Strict):
    kind: Literal["refusal", "more_information", "conditions", "partial"]
    format: Literal["md", "html"] = "md"


@router.post("", status_code=201)
def submit_request(
    body: RequestBody,
    session: SessionDep,
    law: LawDep,
    settings: SettingsDep,
    actor: Creator,
    team: TeamName = None,
) -> CaseRead:
    """Open a case for a new request and store the engine's first assessment."""
    request = parse_request(json.dumps(body))
    case = open_case(session, request=request, actor=actor, law=law, settings=settings, team=team)
    return refreshed(session, case)


@router.get("")
def search_cases(where: Annotated[CaseFilter, Query()], session: SessionDep, actor: Viewer) -> CasePage:
    """Cases by requesting State, type, status, overdue or flagged, a page at a time."""
    return list_cases(session, where=where, actor=actor)


@router.get("/{case_id}")
def read_case(case_id: int, session: SessionDep, actor: Viewer) -> CaseDetail:
    """The case with its request, assessments, findings, decisions, letters and timeline."""
    return case_detail(session, case_id=case_id, actor=actor)


@router.post("/{case_id}/status")
def change_status(case_id: int, change: StatusChange, session: SessionDep, actor: Mover) -> CaseRead:
    """Move the case (for example into review), with a reason."""
    case = get_case(session, case_id=case_id, actor=actor)
    transition(session, case, to=change.to, actor=actor, reason=change.reason)
    return refreshed(session, case)


@router.post("/{case_id}/team")
def assign(case_id: int, assignment: TeamAssignment, session: SessionDep, actor: Assigner) -> CaseRead:
    """Give the case to a team (supervisors); with team isolation on, only its members handle it."""
    case = get_case(session, case_id=case_id, actor=actor)
    assign_team(session, case, team=assignment.team, actor=actor)
    return refreshed(session, case)


@router.post("/{case_id}/information")
def add_information(
    case_id: int,
    body: RequestBody,
    session: SessionDep,
    law: LawDep,
    settings: SettingsDep,
    actor: Assessor,
) -> CaseRead:
    """Take the completed request and assess it again; earlier assessments are kept."""
    case = get_case(session, case_id=case_id, actor=actor)
    request = parse_request(json.dumps(body))
    reassess(session, case, request=request, actor=actor, law=law, settings=settings)
    return refreshed(session, case)


@router.post("/{case_id}/consultations", status_code=201)
def consult(
    case_id: int, consultation: ConsultationCreate, session: SessionDep, actor: Consulter
) -> CaseRead:
    """Record consultation with the requesting State (needed before a refusal or postponement)."""
    case = get_case(session, case_id=case_id, actor=actor)
    record_consultation(session, case, consultation=consultation, actor=actor)
    return refreshed(session, case)


@router.post("/{case_id}/decisions", status_code=201)
def decide(
    case_id: int,
    decision: DecisionCreate,
    session: SessionDep,
    settings: SettingsDep,
    actor: Decider,
) -> DecisionRead:
    """Record the reviewer's decision; it takes effect now or when a supervisor countersigns."""
    case = get_case(session, case_id=case_id, actor=actor)
    return decision_read(record_decision(session, case, decision=decision, actor=actor, settings=settings))


@router.post("/{case_id}/decisions/{decision_id}/countersign")
def approve(case_id: int, decision_id: int, session: SessionDep, actor: Countersigner) -> DecisionRead:
    """A second person, a supervisor, countersigns the decision (four eyes)."""
    row = get_decision(session, case_id=case_id, decision_id=decision_id, actor=actor)
    return decision_read(countersign(session, row, actor=actor))


@router.post("/{case_id}/letters", response_class=PlainTextResponse)
def write_letter(
    case_id: int, order: LetterOrder, session: SessionDep, actor: LetterWriter
) -> PlainTextResponse:
    """A letter to the requesting State, in Markdown or HTML; issuing it is audited."""
    case = get_case(session, case_id=case_id, actor=actor)
    text = render_letter(session, case, kind=order.kind, fmt=order.format, actor=actor)
    media = "text/html" if order.format == "html" else "text/markdown"
    return PlainTextResponse(text, media_type=f"{media}; charset=utf-8")
