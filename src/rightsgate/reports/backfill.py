"""Backfill: report codes for cases stored before codes were kept beside each assessment.

A report reads a request's legal basis, offence category, identifiers and data categories from the
codes of its newest assessment; an assessment recorded before the codes table existed has none, and
the request then counts as `unknown`. The backfill computes them from the request as stored, for each
case's newest assessment only (an earlier one was made from an earlier version of the request, which is
not kept). A case whose request was purged cannot be coded and is counted instead. Each run that codes
anything is an audited event; running it again finds nothing left to do and records nothing.
A report published before a backfill no longer verifies for the requests it coded: the event says when.

The backfill also rebuilds the report rows (`cases.report_rows`) of the cases it codes, and builds the
rows of cases stored before the rows were kept, so the current report can be counted from them. The rows
are derived data and change no figure, so building them is not an audited event.
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
from rightsgate.cases.report_rows import fill_report_rows, refresh_report_rows
from rightsgate.cases.statistics import AssessmentCodes, store_codes
from rightsgate.law.loader import Law
from rightsgate.rules.facts import Request


@dataclass(frozen=True)
class Backfilled:
    """What one run did: assessments coded, newest assessments left uncoded as the request is purged,
    and report rows built for cases that had none."""

    coded: int
    purged: int
    rows: int = 0


def _uncoded_newest(session: Session) -> list[tuple[int, int, str | None]]:
    """(case id, assessment id, stored request) of each case's newest assessment that has no codes."""
    newest = select(func.max(Assessment.id).label("id")).group_by(Assessment.case_id).subquery()
    query = (
        select(Case.id, Assessment.id, Case.request_json)
        .join(newest, newest.c.id == Assessment.id)
        .join(Case, Case.id == Assessment.case_id)
        .outerjoin(AssessmentCodes, AssessmentCodes.assessment_id == Assessment.id)
        .where(AssessmentCodes.assessment_id.is_(None))
        .order_by(Assessment.id)
    )
    return [(case_id, assessment_id, request) for case_id, assessment_id, request in session.execute(query)]


def backfill_codes(session: Session, *, law: Law, actor: Actor, now: datetime | None = None) -> Backfilled:
    """Code every case's newest assessment that lacks codes, from the request as stored; then bring the
    report rows up to date for the cases coded and build those missing."""
    require(actor, "report:publish")
    found = _uncoded_newest(session)
    items = [(i, Request.model_validate_json(text)) for _, i, text in found if text is not None]
    coded, purged = len(items), len(found) - len(items)
    if coded:
        store_codes(session, items, law=law)
        refresh_report_rows(session, [case_id for case_id, _, text in found if text is not None])
        event = events.ReportCodesBackfilled(actor=actor.username, coded=coded, purged=purged)
        record(session, event, now=now or datetime.now(UTC))
    return Backfilled(coded=coded, purged=purged, rows=fill_report_rows(session))
