"""Backfill: report codes for cases stored before codes were kept beside each assessment.

A report reads a request's legal basis, offence category, identifiers and data categories from the
codes of its newest assessment; an assessment recorded before the codes table existed has none, and
the request then counts as `unknown`. The backfill computes them from the request as stored, for each
case's newest assessment only (an earlier one was made from an earlier version of the request, which is
not kept). A case whose request was purged cannot be coded and is counted instead. Each run that codes
anything is an audited event; running it again finds nothing left to do and records nothing.
A report published before a backfill no longer verifies for the requests it coded: the event says when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rightsgate.audit import events
from rightsgate.audit.service import record
from rightsgate.auth.permissions import Actor, require
from rightsgate.cases.models import Assessment, Case
from rightsgate.cases.statistics import AssessmentCodes, store_codes
from rightsgate.law.loader import Law
from rightsgate.rules.facts import Request


@dataclass(frozen=True)
class Backfilled:
    """What one run did: assessments coded, and newest assessments left uncoded as the request is purged."""

    coded: int
    purged: int


def _uncoded_newest(session: Session) -> list[tuple[int, str | None]]:
    """(assessment id, stored request) of each case's newest assessment that has no codes."""
    newest = select(func.max(Assessment.id).label("id")).group_by(Assessment.case_id).subquery()
    query = (
        select(Assessment.id, Case.request_json)
        .join(newest, newest.c.id == Assessment.id)
        .join(Case, Case.id == Assessment.case_id)
        .outerjoin(AssessmentCodes, AssessmentCodes.assessment_id == Assessment.id)
        .where(AssessmentCodes.assessment_id.is_(None))
        .order_by(Assessment.id)
    )
    return [(assessment_id, request) for assessment_id, request in session.execute(query)]


def backfill_codes(session: Session, *, law: Law, actor: Actor, now: datetime | None = None) -> Backfilled:
    """Code every case's newest assessment that lacks codes, from the request as stored."""
    require(actor, "report:publish")
    found = _uncoded_newest(session)
    items = [(i, Request.model_validate_json(text)) for i, text in found if text is not None]
    result = Backfilled(coded=len(items), purged=len(found) - len(items))
    if result.coded:
        store_codes(session, items, law=law)
        event = events.ReportCodesBackfilled(actor=actor.username, coded=result.coded, purged=result.purged)
        record(session, event, now=now or datetime.now(UTC))
    return result
