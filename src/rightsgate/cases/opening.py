"""Opening cases: one per request, with targets, links to overlapping cases and the first assessment.

Cases are opened in batches with a few set-based statements, so a bulk import of many requests costs
little more than assessing them; opening a single case is a batch of one. A case sharing a target
identifier (trimmed, lower case, any kind) with an open or recently closed case is linked and flagged,
so the same data is not obtained twice through two routes.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, or_, select, text, update
from sqlalchemy.orm import Session

from rightsgate.audit import events
from rightsgate.audit.service import record_many, utc_text
from rightsgate.auth.permissions import Actor, require
from rightsgate.cases.advice import Advice, advise, store_advice
from rightsgate.cases.models import Case, CaseLink, CaseTarget, normalised_identifiers
from rightsgate.cases.teams import team_for_new_cases
from rightsgate.cases.workflow import TERMINAL, Status
from rightsgate.db import core_insert, insert_keyed
from rightsgate.law.loader import Law
from rightsgate.rules.facts import Request
from rightsgate.settings import Settings


class DuplicateCaseError(ValueError):
    """A case for this (requesting State, reference) already exists."""


def deadline_for(request: Request, settings: Settings) -> datetime:
    """The answer is due hours after receipt for preservation and emergencies, days for the rest."""
    start = datetime.combine(request.received_on, time(), UTC)
    kind = "emergency_disclosure" if request.is_emergency else request.request_type.value
    if kind in settings.deadline_hours:
        return start + timedelta(hours=settings.deadline_hours[kind])
    return start + timedelta(days=settings.deadline_days.get(kind, settings.default_deadline_days))


@dataclass(frozen=True, slots=True)
class Opening:
    """A request worked out for opening, before any database: its case row (without team and time of
    opening), its normalised targets and its first assessment. Prepared in another process, a request
    is opened exactly as it would be here."""

    case: dict[str, Any]
    targets: dict[str, str]
    advice: Advice


def prepare(request: Request, *, law: Law, settings: Settings) -> Opening:
    """Work out everything opening the request stores, assessing it as of its receipt."""
    case = {
        "requesting_state": request.requesting_state,
        "reference": request.reference,
        "requested_state": request.requested_state,
        "request_type": request.request_type.value,
        "emergency": request.is_emergency,
        "data_requested": [c.value for c in request.data_requested or ()],
        "received_on": request.received_on,
        "status": Status.received.value,
        "deadline": deadline_for(request, settings),
        "linked": False,
        "request_json": request.model_dump_json(),
    }
    advice = advise(request, law, on=request.received_on, policy=settings.policy)
    return Opening(case=case, targets=normalised_identifiers(request), advice=advice)


def _among_keys(keys: Iterable[dict[str, Any]]) -> ColumnElement[bool]:
    """Cases of these States and references: both columns constrained, so the unique index on
    (State, reference) is searched, not scanned; pairs not asked for may match too."""
    chosen = list(keys)
    states = {key["requesting_state"] for key in chosen}
    references = {key["reference"] for key in chosen}
    return and_(Case.requesting_state.in_(states), Case.reference.in_(references))


def present_keys(session: Session, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of these (requesting State, reference) pairs already have a case."""
    wanted = set(keys)
    chosen = [{"requesting_state": state, "reference": reference} for state, reference in wanted]
    query = select(Case.requesting_state, Case.reference).where(_among_keys(chosen))
    return {(state, reference) for state, reference in session.execute(query)} & wanted


def _refuse_duplicates(session: Session, keys: Sequence[tuple[str, str]]) -> None:
    taken = present_keys(session, keys)
    if taken or len(set(keys)) < len(keys):
        state, reference = sorted(taken)[0] if taken else keys[0]
        raise DuplicateCaseError(f"a case for {state} {reference} already exists")


def store_targets(session: Session, targets: dict[int, dict[str, str]]) -> None:
    """Replace the stored target identifiers of each case."""
    session.execute(delete(CaseTarget).where(CaseTarget.case_id.in_(targets)))
    _insert_targets(session, targets)


def _insert_targets(session: Session, targets: dict[int, dict[str, str]]) -> None:
    rows = [{"case_id": c, "identifier": i, "kind": k} for c, ids in targets.items() for i, k in ids.items()]
    if rows:
        session.execute(core_insert(CaseTarget), rows)


LINK_LOCKS = 0x5247  # the advisory lock namespace of target identifiers on PostgreSQL


def _lock_identifiers(session: Session, identifiers: set[str]) -> None:
    """Wait until no other transaction is linking one of these identifiers; held until this one ends.

    On SQLite every transaction already holds the database's write lock (`BEGIN IMMEDIATE`)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    keys = sorted(
        {int.from_bytes(hashlib.sha256(i.encode()).digest()[:4], "big", signed=True) for i in identifiers}
    )
    # One statement, taking the locks in the array's (sorted) order, so two openings cannot wait for
    # each other; one round trip instead of one per identifier.
    locking = "SELECT count(pg_advisory_xact_lock(:space, key)) FROM unnest(CAST(:keys AS integer[])) AS key"
    session.execute(text(locking), {"space": LINK_LOCKS, "keys": keys})


def _holders(session: Session, wanted: set[str], since: datetime) -> dict[str, set[int]]:
    """Which open or recently closed cases hold each identifier."""
    query = (
        select(CaseTarget.identifier, CaseTarget.case_id)
        .join(Case, Case.id == CaseTarget.case_id)
        .where(CaseTarget.identifier.in_(wanted))
        .where(or_(Case.status.not_in(TERMINAL), Case.closed_at >= since))
    )
    found: dict[str, set[int]] = defaultdict(set)
    for identifier, case_id in session.execute(query):
        found[identifier].add(case_id)
    return found


def _known_pairs(session: Session, ids: list[int]) -> set[tuple[int, int]]:
    query = select(CaseLink.case_id, CaseLink.linked_case_id)
    query = query.where(or_(CaseLink.case_id.in_(ids), CaseLink.linked_case_id.in_(ids)))
    return {(min(a, b), max(a, b)) for a, b in session.execute(query)}


def link_cases(
    session: Session, targets: dict[int, dict[str, str]], *, actor: str, settings: Settings, now: datetime
) -> None:
    """Link each case to every other open or recent case sharing an identifier, once per pair.

    Each identifier is locked until the transaction ends, so two cases opened at the same moment with
    a shared identifier still see each other."""
    wanted = {i for ids in targets.values() for i in ids}
    if not wanted:
        return
    _lock_identifiers(session, wanted)
    holders = _holders(session, wanted, now - timedelta(days=settings.link_window_days))
    pairs = _known_pairs(session, list(targets))
    found: dict[int, list[int]] = {}
    for case_id in sorted(targets):
        shared = {other for i in targets[case_id] for other in holders[i]} - {case_id}
        found[case_id] = sorted(o for o in shared if (min(o, case_id), max(o, case_id)) not in pairs)
        pairs.update((min(o, case_id), max(o, case_id)) for o in found[case_id])
    rows = [
        {"case_id": c, "linked_case_id": o, "reason": "target_overlap"} for c, os in found.items() for o in os
    ]
    if not rows:
        return
    session.execute(core_insert(CaseLink), rows)
    flagged = {r["case_id"] for r in rows} | {r["linked_case_id"] for r in rows}
    unflagged = Case.id.in_(flagged) & Case.linked.is_(False)  # a row rewritten only when it changes
    session.execute(update(Case).where(unflagged).values(linked=True))
    linked = [events.CaseLinked(actor=actor, case_id=c, linked_case_ids=os) for c, os in found.items() if os]
    record_many(session, linked, now=now)


def open_cases(
    session: Session,
    requests: Sequence[Request],
    *,
    actor: Actor,
    law: Law,
    settings: Settings,
    now: datetime | None = None,
    team: str | None = None,
) -> list[int]:
    """Open one case per request: store it, link it, assess it, audit it; return the new case ids.
    The cases go to the team named, or to the opener's own (`cases.teams.team_for_new_cases`)."""
    openings = [prepare(request, law=law, settings=settings) for request in requests]
    return open_prepared(session, openings, actor=actor, settings=settings, now=now, team=team)


def open_prepared(
    session: Session,
    openings: Sequence[Opening],
    *,
    actor: Actor,
    settings: Settings,
    now: datetime | None = None,
    team: str | None = None,
) -> list[int]:
    """Open one case per prepared request (`prepare`), as `open_cases` does; return the new case ids."""
    require(actor, "case:create")
    moment = now or datetime.now(UTC)
    team_id = team_for_new_cases(session, actor=actor, team=team)
    _refuse_duplicates(session, [(o.case["requesting_state"], o.case["reference"]) for o in openings])
    rows = [{**o.case, "team_id": team_id, "opened_at": moment} for o in openings]
    ids = insert_keyed(session, Case, rows, key=("requesting_state", "reference"))
    created = [
        events.CaseCreated(
            actor=actor.username,
            case_id=case_id,
            reference=row["reference"],
            requesting_state=row["requesting_state"],
            request_type=row["request_type"],
            deadline=utc_text(row["deadline"]),
        )
        for case_id, row in zip(ids, rows, strict=True)
    ]
    record_many(session, created, now=moment)
    store_advice(
        session, [(i, o.advice) for i, o in zip(ids, openings, strict=True)], actor=actor.username, now=moment
    )
    targets = {case_id: o.targets for case_id, o in zip(ids, openings, strict=True)}
    _insert_targets(session, targets)  # new cases: nothing to replace
    link_cases(session, targets, actor=actor.username, settings=settings, now=moment)
    return ids


def open_case(
    session: Session,
    *,
    request: Request,
    actor: Actor,
    law: Law,
    settings: Settings,
    now: datetime | None = None,
    team: str | None = None,
) -> Case:
    """Open the case for one new request."""
    (case_id,) = open_cases(session, [request], actor=actor, law=law, settings=settings, now=now, team=team)
    return session.get_one(Case, case_id)
