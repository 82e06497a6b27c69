"""Report rows: one narrow row per case holding what the current transparency report counts it as.

Each row holds a case's codes as everything recorded about it so far makes them (the newest assessment,
the decision in effect, the latest status change, the consultations held), worked out by the same
expressions as the exact count (`cases.report_codes` over `cases.report_query`), with the quarter of
receipt and `as_of`, the moment of the newest record the row was built from. The row is rebuilt in the
same transaction as every change a report counts (`refresh_report_rows`), so the current report is a few
grouped scans of covering indexes instead of six joins per request.

The rows are derived data: the exact count from the case tables stays the reference, used to verify a
report and whenever the rows could differ from it (`reports.current`).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    Delete,
    ForeignKey,
    Index,
    Insert,
    Integer,
    Select,
    String,
    Subquery,
    bindparam,
    case,
    cast,
    delete,
    extract,
    func,
    insert,
    literal_column,
    select,
    union_all,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from rightsgate.cases.models import Assessment, Case, Consultation, Decision, DecisionGround, Transition
from rightsgate.cases.report_codes import days_to_decision, request_codes
from rightsgate.cases.report_query import Which, coded_cases
from rightsgate.db import Base

BATCH = 2_000  # cases per statement when many are rebuilt at once


class ReportRow(Base):
    """A case as the current report counts it. Each index covers one grouping of the report's figures,
    led by the year of receipt, so a year's figures are read from the index alone, already in order."""

    __tablename__ = "report_rows"
    __table_args__ = (
        Index("ix_report_rows_outcomes", "year", "state", "quarter", "outcome", "departure", "identifiers",
              "consultations"),
        Index("ix_report_rows_codes", "year", "legal_basis", "request_type", "data_category",
              "offence_category", "urgency", "quarter"),
        Index("ix_report_rows_days", "year", "days", "quarter"),
        Index("ix_report_rows_grounds", "year", "refusal_grounds", "quarter"),
        Index("ix_report_rows_as_of", "as_of"),
    )  # fmt: skip

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="RESTRICT"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(2))
    outcome: Mapped[str] = mapped_column(String(32))
    departure: Mapped[str | None] = mapped_column(String(32))
    days: Mapped[int | None] = mapped_column(Integer)
    """Days from receipt to the decision taking effect, for executed, executed in part and refused."""
    legal_basis: Mapped[str] = mapped_column(String(16))
    request_type: Mapped[str] = mapped_column(String(40))
    data_category: Mapped[str] = mapped_column(String(64))
    offence_category: Mapped[str] = mapped_column(String(24))
    urgency: Mapped[str] = mapped_column(String(16))
    identifiers: Mapped[int] = mapped_column(Integer)
    refusal_grounds: Mapped[str | None] = mapped_column(String(1000))
    """For a refusal, the grounds its decider coded, separated by spaces (empty: none coded); else None."""
    consultations: Mapped[int] = mapped_column(Integer)
    as_of: Mapped[datetime] = mapped_column()
    """The moment of the newest record of the case the row was built from."""


def _records(which: Which | None) -> Subquery:
    """Per case, the moment of its newest record (opening, assessment, status change, consultation,
    decision or countersignature) and how many consultations it has."""
    moments = [  # (case id, moment, whether it is a consultation)
        (Case.id, Case.opened_at, 0),
        (Assessment.case_id, Assessment.created_at, 0),
        (Transition.case_id, Transition.at, 0),
        (Consultation.case_id, Consultation.at, 1),
        (Decision.case_id, Decision.decided_at, 0),
        (Decision.case_id, Decision.countersigned_at, 0),
    ]
    branches: list[Select[*tuple[Any, ...]]] = [
        select(case_id.label("case_id"), moment.label("at"), literal_column(str(held)).label("held"))
        for case_id, moment, held in moments
    ]
    if which is not None:
        branches = [b.where(which(case_id)) for b, (case_id, _, _) in zip(branches, moments, strict=True)]
    every = union_all(*branches).subquery()
    query = select(
        every.c.case_id, func.max(every.c.at).label("at"), func.sum(every.c.held).label("consultations")
    )
    return query.group_by(every.c.case_id).subquery()


def _grounds(which: Which | None) -> Subquery:
    """Per decision of the selected cases, its coded grounds separated by spaces."""
    grounds = func.aggregate_strings(DecisionGround.ground, " ")
    query = select(DecisionGround.decision_id, grounds.label("grounds")).join(Decision)
    query = query if which is None else query.where(which(Decision.case_id))
    return query.group_by(DecisionGround.decision_id).subquery()


def rows_statement(which: Which | None) -> Select[*tuple[Any, ...]]:
    """The report row of each case `which` selects (every case if None), from everything recorded."""
    row = coded_cases(as_of=None, which=which).subquery("coded")
    codes, records, grounds = request_codes(row.c), _records(which), _grounds(which)
    month = extract("month", row.c.received_on)
    refused = codes["outcome"] == "refused"
    query = select(
        row.c.case_id,
        cast(extract("year", row.c.received_on), Integer).label("year"),
        case((month <= 3, 1), (month <= 6, 2), (month <= 9, 3), else_=4).label("quarter"),
        *(expression.label(name) for name, expression in codes.items()),
        days_to_decision(row.c).label("days"),
        case((refused, func.coalesce(grounds.c.grounds, ""))).label("refusal_grounds"),
        records.c.consultations,
        records.c.at.label("as_of"),
    )
    query = query.join(records, records.c.case_id == row.c.case_id)
    return query.outerjoin(grounds, grounds.c.decision_id == row.c.decision_id)


def _among(column: Any) -> Any:
    return column.in_(bindparam("case_ids", expanding=True))


def _filled(which: Which | None) -> Insert:
    statement = rows_statement(which)
    return insert(ReportRow).from_select(statement.selected_columns.keys(), statement)


@cache
def _refresh() -> tuple[Select[int], Delete, Insert]:
    """Lock the cases, delete their rows, insert them anew: built once, for a list of `case_ids`."""
    locked = select(Case.id).where(_among(Case.id)).order_by(Case.id).with_for_update()
    return locked, delete(ReportRow).where(_among(ReportRow.case_id)), _filled(_among)


def refresh_report_rows(session: Session, case_ids: Collection[int]) -> None:
    """Rebuild the report rows of these cases from everything recorded about them. Call it in the same
    transaction as every change a report counts, after the change. On PostgreSQL the cases are locked
    first, so two transactions changing one case rebuild its row one after the other."""
    session.flush()
    connection, ids = session.connection(), sorted(set(case_ids))
    for start in range(0, len(ids), BATCH):
        chosen = {"case_ids": ids[start : start + BATCH]}
        for statement in _refresh():
            connection.execute(statement, chosen)


def _missing(column: Any) -> Any:
    return column.not_in(select(ReportRow.case_id))


def fill_report_rows(session: Session) -> int:
    """Build the report rows of every case that has none (cases stored before the rows were kept);
    return how many were built."""
    session.flush()
    before = session.scalar(select(func.count()).select_from(ReportRow)) or 0
    session.execute(_filled(_missing))
    return (session.scalar(select(func.count()).select_from(ReportRow)) or 0) - before
