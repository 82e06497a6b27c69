"""Publishing, listing and verifying reports. Services never commit; publishing is an audited event.

Verification recomputes a report from the database as of the audit head it states, after checking that
head is still in the chain, and lists every figure that no longer matches.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from rightsgate import __version__
from rightsgate.audit import events
from rightsgate.audit.chain import Head
from rightsgate.audit.service import event_at, record, verify_chain
from rightsgate.auth.permissions import Actor, require
from rightsgate.reports.models import PublishedReport
from rightsgate.reports.periods import parse_period
from rightsgate.reports.schema import Figures, Report
from rightsgate.reports.transparency import digest, report_at


class ReportNotFoundError(LookupError):
    pass


@dataclass
class Check:
    """The outcome of verifying a report: it matches only when `problems` is empty."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def matches(self) -> bool:
        return not self.problems


def publish(
    session: Session, *, report: Report, actor: Actor, now: datetime | None = None
) -> PublishedReport:
    """Keep the report as published and record `report.published` with the head it was computed from."""
    require(actor, "report:publish")
    moment = now or datetime.now(UTC)
    head = report.audit_head
    row = PublishedReport(
        period=report.period.label,
        head_seq=head.seq,
        head_hash=head.hash,
        digest=report.digest,
        published_by=actor.username,
        published_at=moment,
        content=report.model_dump_json(indent=2),
    )
    session.add(row)
    session.flush()
    event = events.ReportPublished(
        actor=actor.username,
        report_id=row.id,
        period=row.period,
        head_seq=head.seq,
        head_hash=head.hash,
        digest=row.digest,
    )
    record(session, event, now=moment)
    return row


def published_reports(session: Session) -> list[PublishedReport]:
    """Every published report, oldest first."""
    return list(session.scalars(select(PublishedReport).order_by(PublishedReport.id)))


def published_report(session: Session, *, report_id: int) -> Report:
    row = session.get(PublishedReport, report_id)
    if row is None:
        raise ReportNotFoundError(f"no published report with id {report_id}")
    return Report.model_validate_json(row.content)


def figures_by_place(figures: Figures) -> dict[str, str]:
    """Every published figure by where it stands, e.g. `outcomes/refused/requests`."""
    places = {f"headline/{name}": cell.text for name, cell in figures.headline}
    timing = figures.timing
    places |= {"timing/decisions": timing.decisions.text, "timing/median_days": str(timing.median_days)}
    places["timing/p90_days"] = str(timing.p90_days)
    for table in figures.tables:
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                places[f"{table.name}/{row.key}/{column}"] = cell.text
    return places


def _differences(stated: Figures, fresh: Figures) -> list[str]:
    left, right = figures_by_place(stated), figures_by_place(fresh)
    return [
        f"{place}: the report says {left.get(place, '-')}, the database gives {right.get(place, '-')}"
        for place in sorted(left.keys() | right.keys())
        if left.get(place) != right.get(place)
    ]


def _head_problems(session: Session, report: Report) -> list[str]:
    head = report.audit_head
    if head.seq == 0:
        return []
    event = event_at(session, seq=head.seq)
    if event is None or event.hash != head.hash:
        return [f"the stated audit head {head.seq}:{head.hash} is no longer in the audit chain"]
    result = verify_chain(session, expect=[Head(head.seq, head.hash)])
    return [f"the audit chain is broken at {result.defect}"] if result.defect else []


def verify_report(session: Session, *, report: Report) -> Check:
    """Recompute the report from the database as of its stated head and compare every figure."""
    check = Check(problems=_head_problems(session, report))
    if check.problems:
        return check
    if digest(report.figures) != report.digest:
        check.problems.append("the figures do not match the report's own digest: the report was altered")
    fresh = report_at(
        session,
        period=parse_period(report.period.label),
        head=report.audit_head,
        threshold=report.protection.threshold,
    )
    check.problems += _differences(report.figures, fresh.figures)
    if report.software.version != __version__:
        check.notes.append(f"computed by rightsgate {report.software.version}, checked with {__version__}")
    return check
