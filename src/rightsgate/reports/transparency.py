"""Transparency reports: the figures of one period, computed as of an audit chain head and protected.

`build_report` reads the chain head, counts the report query (`cases.report_query`) in the database as of
that head's time (`counting`), protects every table (`suppression`) and states how: the threshold, the
method, the query definition, the software version and the head, so anyone can recompute and compare.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import datetime

from sqlalchemy.orm import Session

from rightsgate import __version__
from rightsgate.audit.chain import canonical_json
from rightsgate.audit.models import AuditEvent
from rightsgate.audit.service import latest_event
from rightsgate.reports import figures as raw
from rightsgate.reports.counting import count
from rightsgate.reports.current import current_count
from rightsgate.reports.definition import QUERY, method
from rightsgate.reports.periods import Period, parse_period
from rightsgate.reports.schema import (
    AuditHead,
    Cell,
    Figures,
    Headline,
    PeriodOut,
    Protection,
    Report,
    Software,
    Timing,
)
from rightsgate.reports.suppression import protect
from rightsgate.reports.tables import (
    CONSULTATIONS,
    DECISIONS,
    IDENTIFIERS,
    RECEIVED,
    Layout,
    cell,
    state_name,
)
from rightsgate.reports.vocabulary import DIMENSIONS, ground_keys

GENESIS_HEAD = AuditHead(seq=0, hash="0" * 64, created_at=None)
DEPARTURES = ["followed", "more_permissive", "more_restrictive", "departed_same_reach"]
GROUNDS_NOTE = "A refusal counts under every ground its decider coded (rule ids of the published rules)."
IDENTIFIERS_NOTE = "Accounts and other identifiers named in the requests, distinct within each request."


def head_of(event: AuditEvent | None) -> AuditHead:
    if event is None:
        return GENESIS_HEAD
    return AuditHead(seq=event.seq, hash=event.hash, created_at=event.created_at)


def counted_at(session: Session, period: Period, head: AuditHead, *, current: bool = False) -> raw.Figures:
    """The exact figures of `period` as of the head's time; none before the first event. For the current
    head, from the report rows if they hold then (`reports.current`), else counted afresh."""
    if head.created_at is None:
        return raw.Figures()
    as_of = datetime.strptime(head.created_at, "%Y-%m-%dT%H:%M:%S.%f%z")
    quick = current_count(session, period, as_of) if current else None
    return count(session, period, as_of) if quick is None else quick


def _timing(counted: raw.Figures, decisions: Cell, k: int) -> Timing:
    days = counted.days_to_decision
    shown = sum(days.values()) >= k
    return Timing(
        decisions=decisions,
        median_days=raw.percentile(days, 50) if shown else None,
        p90_days=raw.percentile(days, 90) if shown else None,
        note=f"Median and 90th percentile by nearest rank; not given for fewer than {k} decisions.",
    )


def _outcome_tables(layout: Layout, counted: raw.Figures, period: Period) -> None:
    """Outcomes, over time, refusals by ground, and departures from the advice."""
    outcomes = list(raw.OUTCOMES)
    layout.one_way(("outcomes", "Outcomes", None), counted.outcomes, outcomes, RECEIVED)
    cells = {outcome: ("outcomes", outcome) for outcome in outcomes}
    layout.lines.append(((cells["executed"], cells["executed_in_part"], cells["refused"]), DECISIONS))
    quarters = [q.label for q in period.quarters]
    by_quarter = ("outcomes_by_quarter", "quarter", "Outcomes by quarter of receipt")
    layout.two_way(by_quarter, counted.by_quarter, (quarters, outcomes), cells)
    grounds = ("refusals_by_ground", "Refusals by ground", GROUNDS_NOTE)
    layout.one_way(grounds, counted.grounds, ground_keys(counted.grounds), None)
    departures = ("departures", "Decisions and the engine's advice", None)
    layout.one_way(departures, counted.departures, DEPARTURES, None)


def _breakdowns(layout: Layout, counted: raw.Figures) -> None:
    """Requests by requesting State (with outcomes and identifiers) and by each coded dimension."""
    states = sorted({state for state, _ in counted.by_state})
    names = {state: state_name(state) for state in states}
    cells = {outcome: ("outcomes", outcome) for outcome in raw.OUTCOMES}
    by_state = ("requesting_state", "state", "Requests by requesting State")
    layout.two_way(by_state, counted.by_state, (states, list(raw.OUTCOMES)), cells, names)
    identifiers = ("identifiers_by_state", "Identifiers specified, by requesting State", IDENTIFIERS_NOTE)
    counts = counted.identifiers_by_state
    layout.one_way(identifiers, counts, states, IDENTIFIERS, labels=names, column="identifiers")
    for name, (title, keys, note) in DIMENSIONS.items():
        total = None if name == "data_category" else RECEIVED
        layout.one_way((name, title, note or None), counted.dimensions.get(name, Counter()), keys, total)


def lay_out(counted: raw.Figures, period: Period) -> Layout:
    """Every count of the report, the tables showing them and the lines they form."""
    layout = Layout()
    layout.values.update(
        {
            RECEIVED: counted.received,
            IDENTIFIERS: counted.identifiers,
            CONSULTATIONS: counted.consultations,
            DECISIONS: sum(counted.days_to_decision.values()),
        }
    )
    _outcome_tables(layout, counted, period)
    _breakdowns(layout, counted)
    return layout


def protected_figures(counted: raw.Figures, period: Period, k: int) -> Figures:
    """Protect every figure of the report, across all its tables at once."""
    layout = lay_out(counted, period)
    lines = [cells for cells, _ in layout.lines]
    shown = protect(layout.values, lines, k, layout.equations())
    headline = Headline(
        requests_received=cell(shown[RECEIVED]),
        identifiers_specified=cell(shown[IDENTIFIERS]),
        consultations_held=cell(shown[CONSULTATIONS]),
    )
    tables = tuple(spec.table(shown) for spec in layout.specs)
    return Figures(headline=headline, timing=_timing(counted, cell(shown[DECISIONS]), k), tables=tables)


def digest(figures: Figures) -> str:
    """SHA-256 of the figures' canonical JSON: the fingerprint a reader compares."""
    return hashlib.sha256(canonical_json(figures.model_dump(mode="json"))).hexdigest()


def report_at(
    session: Session, *, period: Period, head: AuditHead, threshold: int, current: bool = False
) -> Report:
    """The report of `period` as the database stood at `head` (`current`: the newest head, so the report
    rows may serve; verifying always counts afresh from the case tables)."""
    figures = protected_figures(counted_at(session, period, head, current=current), period, threshold)
    return Report(
        title=f"Transparency report {period.label}",
        period=PeriodOut(label=period.label, start=period.start, end=period.end),
        software=Software(version=__version__),
        audit_head=head,
        query=QUERY,
        protection=Protection(threshold=threshold, method=method(threshold)),
        figures=figures,
        digest=digest(figures),
    )


def build_report(session: Session, *, period: str, threshold: int) -> Report:
    """The report of `period` ("2026", "2026-H1", "2026-Q1") as of the current chain head."""
    head = head_of(latest_event(session))
    return report_at(session, period=parse_period(period), head=head, threshold=threshold, current=True)
