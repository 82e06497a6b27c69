"""Seeding a demonstration database: users with printed passwords, then ~300 fictional cases moved
through the workflow by the same service functions the API and the pages use."""

from __future__ import annotations

import json
import random
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from rightsgate.auth.permissions import Actor, Role
from rightsgate.auth.service import add_user
from rightsgate.cases.advice import latest_assessment
from rightsgate.cases.decisions import countersign, record_decision
from rightsgate.cases.models import Case
from rightsgate.cases.opening import open_case
from rightsgate.cases.schemas import ConsultationCreate, DecisionCreate
from rightsgate.cases.service import record_consultation
from rightsgate.cases.workflow import Status, WorkflowError, transition
from rightsgate.demo.requests import fictional_request
from rightsgate.intake import parse_request
from rightsgate.law.loader import Law
from rightsgate.settings import Settings

USERS = {"ines": Role.intake, "rui": Role.reviewer, "sara": Role.supervisor, "sven": Role.supervisor}
USERS |= {"aldo": Role.auditor, "ada": Role.admin}


@dataclass(frozen=True)
class Staff:
    intake: Actor
    reviewer: Actor
    supervisor: Actor


def add_demo_users(session: Session, passwords: dict[str, str] | None = None) -> dict[str, str]:
    """The demo users, each with a given or freshly generated password; returns the passwords."""
    chosen = {name: (passwords or {}).get(name) or secrets.token_urlsafe(12) for name in USERS}
    for name, role in USERS.items():
        add_user(session, username=name, role=role.value, password=chosen[name], actor="demo")
    return chosen


def _advised_grounds(assessed: dict[str, Any]) -> list[str]:
    """The rules behind the advice's grounds or narrowing, as the reviewer would code them."""
    grounds = [g["rule"] for g in assessed["recommendation"].get("grounds") or ()]
    grounds += [f["rule"] for f in assessed["findings"] if f.get("narrowing")]
    return sorted({rule.split(".")[0] for rule in grounds}) or ["proportionality"]


def _decide(session: Session, case: Case, staff: Staff, settings: Settings, rng: random.Random) -> None:
    """Decide as the advice says (refusals after consultation); leave some awaiting approval."""
    advice = latest_assessment(session, case)
    assert advice is not None
    if advice.recommendation == "request_more_information":
        transition(
            session,
            case,
            to=Status.awaiting_information,
            actor=staff.reviewer,
            reason="asked for the missing facts",
        )
        return
    action = {"execute": "execute", "execute_in_part": "execute_in_part", "refuse": "refused"}[
        advice.recommendation
    ]
    if action == "refused":
        about = ConsultationCreate(
            about="refusal", summary="Consulted the requesting State; no cure offered."
        )
        record_consultation(session, case, consultation=about, actor=staff.reviewer)
    assessed = (advice.explained() or {})["assessment"]
    narrowing = assessed["recommendation"].get("narrowing") or {}
    kept = tuple(c for c in narrowing.get("data_categories") or () if c in case.data_requested)
    decision = DecisionCreate.model_validate(
        {
            "action": action,
            "rationale": "Following the engine's advice after review of each finding.",
            "data_categories": kept or None,
            "withheld": () if kept else ("The measures the narrowing withholds.",),
            "grounds": _advised_grounds(assessed) if action != "execute" else (),
        }
    )
    row = record_decision(session, case, decision=decision, actor=staff.reviewer, settings=settings)
    if not row.effective and rng.random() < 0.6:
        countersign(session, row, actor=staff.supervisor)


def _progress(session: Session, case: Case, staff: Staff, settings: Settings, rng: random.Random) -> None:
    """Move some cases into review, and decide some of those."""
    roll = rng.random()
    if roll < 0.3:
        return
    transition(session, case, to=Status.under_review, actor=staff.reviewer, reason="review started")
    if roll < 0.55:
        return
    try:
        with session.begin_nested():
            _decide(session, case, staff, settings, rng)
    except WorkflowError:
        pass


def seed_cases(session: Session, *, law: Law, settings: Settings, count: int = 300, seed: int = 2026) -> int:
    """Open `count` fictional cases and move them through the workflow; returns how many were opened."""
    rng, today = random.Random(seed), datetime.now(UTC).date()
    staff = Staff(Actor("ines", Role.intake), Actor("rui", Role.reviewer), Actor("sara", Role.supervisor))
    for index in range(count):
        request = parse_request(json.dumps(fictional_request(rng, index, today)))
        case = open_case(session, request=request, actor=staff.intake, law=law, settings=settings)
        _progress(session, case, staff, settings, rng)
    return count
