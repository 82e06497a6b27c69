"""Storing the engine's advice: every assessment is kept, with its engine version and law digest."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rightsgate.audit import events
from rightsgate.audit.service import record_many
from rightsgate.cases.models import Assessment, Case
from rightsgate.cases.report_rows import refresh_report_rows
from rightsgate.cases.statistics import codes_of, store_coded
from rightsgate.db import insert_keyed
from rightsgate.explain import explain
from rightsgate.law.loader import Law
from rightsgate.rules.assess import assess
from rightsgate.rules.facts import Request
from rightsgate.rules.findings import Finding, Outcome

FLAGGING = frozenset({Outcome.needs_human_review, Outcome.refusal_required, Outcome.refusal_permitted})


def rights_flagged(findings: Sequence[Finding]) -> bool:
    """Flagged for the reviewer: a human-rights finding (the screening's signs of protected activity,
    an expression offence, the requesting State's recorded risks) needs a person or supports refusal."""
    return any(f.rule.startswith("human_rights.") and f.outcome in FLAGGING for f in findings)


@dataclass(frozen=True, slots=True)
class Advice:
    """An assessment worked out and serialised, before any database: the assessment's stored fields
    and the request's statistical codes. Worked out in another process, it is stored the same."""

    fields: dict[str, Any]
    codes: dict[str, Any]


def advise(request: Request, law: Law, *, on: date, policy: str) -> Advice:
    """Assess the request on `on` and serialise the explanation, ready to store."""
    result = assess(request, law, on=on, policy=policy)
    fields = {
        "on": result.on,
        "policy": result.policy,
        "recommendation": result.recommendation.action.value,
        "human_review_required": result.recommendation.human_review_required,
        "rights_flagged": rights_flagged(result.findings),
        "engine_version": result.engine_version,
        "law_digest": result.law_digest,
        "explanation": explain(result, law).model_dump_json(),
    }
    return Advice(fields=fields, codes=codes_of(request, law))


def _event(assessment_id: int, row: dict[str, Any], actor: str) -> events.AssessmentRecorded:
    return events.AssessmentRecorded(
        actor=actor,
        case_id=row["case_id"],
        assessment_id=assessment_id,
        ordinal=row["ordinal"],
        recommendation=row["recommendation"],
        human_review_required=row["human_review_required"],
        engine_version=row["engine_version"],
        law_digest=row["law_digest"],
    )


def store_advice(session: Session, items: Sequence[tuple[int, Advice]], *, actor: str, now: datetime) -> None:
    """Add each (case id, advice) as that case's next assessment, with its codes and event; earlier
    assessments stay. The cases' report rows are rebuilt."""
    query = select(Assessment.case_id, func.max(Assessment.ordinal)).group_by(Assessment.case_id)
    rows_so_far = session.execute(query.where(Assessment.case_id.in_([c for c, _ in items])))
    last = {case_id: ordinal for case_id, ordinal in rows_so_far}
    rows = [
        {"case_id": c, "ordinal": last.get(c, 0) + 1, **advice.fields, "created_at": now}
        for c, advice in items
    ]
    ids = insert_keyed(session, Assessment, rows, key=("case_id", "ordinal"))
    record_many(session, [_event(i, row, actor) for i, row in zip(ids, rows, strict=True)], now=now)
    store_coded(session, [(i, advice.codes) for i, (_, advice) in zip(ids, items, strict=True)])
    refresh_report_rows(session, [case_id for case_id, _ in items])


def store_assessments(
    session: Session,
    items: Sequence[tuple[int, Request, date]],
    *,
    law: Law,
    policy: str,
    actor: str,
    now: datetime,
) -> None:
    """Assess each (case id, request, date) and add it as that case's next assessment; earlier ones stay."""
    advice = [(c, advise(request, law, on=on, policy=policy)) for c, request, on in items]
    store_advice(session, advice, actor=actor, now=now)


def latest_assessment(session: Session, case: Case) -> Assessment | None:
    query = select(Assessment).where(Assessment.case_id == case.id).order_by(Assessment.ordinal.desc())
    return session.scalars(query.limit(1)).first()
