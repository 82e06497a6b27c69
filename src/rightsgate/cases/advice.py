"""Storing the engine's advice: every assessment is kept, with its engine version and law digest."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from rightsgate.audit import events
from rightsgate.audit.service import record_many
from rightsgate.cases.models import Assessment, Case
from rightsgate.cases.report_rows import refresh_report_rows
from rightsgate.cases.statistics import store_codes
from rightsgate.explain import explain
from rightsgate.law.loader import Law
from rightsgate.rules.assess import Assessment as RuleAssessment
from rightsgate.rules.assess import assess
from rightsgate.rules.facts import Request
from rightsgate.rules.findings import Finding, Outcome

FLAGGING = frozenset({Outcome.needs_human_review, Outcome.refusal_required, Outcome.refusal_permitted})


def rights_flagged(findings: Sequence[Finding]) -> bool:
    """Flagged for the reviewer: a human-rights finding (the screening's signs of protected activity,
    an expression offence, the requesting State's recorded risks) needs a person or supports refusal."""
    return any(f.rule.startswith("human_rights.") and f.outcome in FLAGGING for f in findings)


def _row(case_id: int, ordinal: int, result: RuleAssessment, law: Law) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "ordinal": ordinal,
        "on": result.on,
        "policy": result.policy,
        "recommendation": result.recommendation.action.value,
        "human_review_required": result.recommendation.human_review_required,
        "rights_flagged": rights_flagged(result.findings),
        "engine_version": result.engine_version,
        "law_digest": result.law_digest,
        "explanation": explain(result, law).model_dump_json(),
    }


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
    query = select(Assessment.case_id, func.max(Assessment.ordinal)).group_by(Assessment.case_id)
    rows_so_far = session.execute(query.where(Assessment.case_id.in_([i[0] for i in items])))
    last = {case_id: ordinal for case_id, ordinal in rows_so_far}
    results = [assess(request, law, on=on, policy=policy) for _, request, on in items]
    rows = [
        _row(c, last.get(c, 0) + 1, result, law) | {"created_at": now}
        for (c, _, _), result in zip(items, results, strict=True)
    ]
    ids = session.scalars(
        insert(Assessment).returning(Assessment.id, sort_by_parameter_order=True), rows
    ).all()
    recorded = [_event(i, row, actor) for i, row in zip(ids, rows, strict=True)]
    record_many(session, recorded, now=now)
    store_codes(session, [(i, request) for i, (_, request, _) in zip(ids, items, strict=True)], law=law)
    refresh_report_rows(session, [case_id for case_id, _, _ in items])


def latest_assessment(session: Session, case: Case) -> Assessment | None:
    query = select(Assessment).where(Assessment.case_id == case.id).order_by(Assessment.ordinal.desc())
    return session.scalars(query.limit(1)).first()
