"""Bulk import of requests from JSON Lines: validated, assessed, stored, idempotent and resumable.

- A line whose (requesting State, reference) already has a case is skipped, so running the same file
  again stores nothing twice and resumes an interrupted import.
- An invalid line is rejected with its line number and each bad field; it never stops the import.
- Lines are validated and assessed in worker processes (`workers`; 0 works in this process), a chunk
  at a time, and stored here in the file's order, so the cases, their ids and the audit chain are the
  same whatever the number of workers.
- Cases are opened and committed in batches; a case never spans two transactions, so it is stored
  entirely or not at all, and a killed import leaves no half-written case.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TextIO

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from rightsgate.auth.permissions import Actor, require
from rightsgate.cases.models import Case
from rightsgate.cases.opening import Opening, open_prepared, present_keys
from rightsgate.cases.preparing import Context, prepared
from rightsgate.db import session_scope
from rightsgate.intake import FieldError
from rightsgate.law.loader import Law
from rightsgate.settings import Settings


def default_workers() -> int:
    """One worker process per core. The storing process is not given a core of its own: on a small
    database storing a case takes a quarter of the processor time of assessing it, so it mostly waits
    for the workers. (It costs more per case as linked cases accumulate; see the README.)"""
    return os.cpu_count() or 1


@dataclass
class ImportSummary:
    created: int = 0
    skipped: int = 0
    rejected: list[tuple[int, list[FieldError]]] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class Importer:
    """Everything one import run needs besides the lines; `team` names the team of the new cases
    (None: the importing user's own, as `cases.teams.team_for_new_cases` decides)."""

    engine: Engine
    actor: Actor
    law: Law
    settings: Settings
    rejects: TextIO
    batch: int = 100
    workers: int = field(default_factory=default_workers)
    team: str | None = None
    progress: Callable[[int], None] = lambda _done: None


def _reject(
    run: Importer, summary: ImportSummary, number: int, line: bytes, errors: list[FieldError]
) -> None:
    shown = [{"field": e.field, "message": e.message} for e in errors]
    text = line.rstrip(b"\n").decode("utf-8", "replace")
    run.rejects.write(json.dumps({"line": number, "errors": shown, "input": text}, ensure_ascii=False) + "\n")
    summary.rejected.append((number, errors))


def _openings(lines: Iterable[tuple[int, bytes]], run: Importer, summary: ImportSummary) -> Iterator[Opening]:
    """The lines to open, in order; rejects and lines already present at the start are counted here."""
    with session_scope(run.engine) as session:
        present = frozenset((s, r) for s, r in session.execute(select(Case.requesting_state, Case.reference)))
    context = Context(law=run.law, settings=run.settings, present=present)
    for number, line, outcome in prepared(lines, context, workers=run.workers, ahead=2 * run.batch):
        if isinstance(outcome, Opening):
            yield outcome
        elif isinstance(outcome, list):
            _reject(run, summary, number, line, outcome)
        elif outcome is not None:
            summary.skipped += 1
        run.progress(1)


def _store(session: Session, openings: list[Opening], run: Importer, summary: ImportSummary) -> None:
    """Open a case per request not yet present (in the database or earlier in the batch)."""
    present = present_keys(session, [(o.case["requesting_state"], o.case["reference"]) for o in openings])
    new: dict[tuple[str, str], Opening] = {}
    for opening in openings:
        key = (opening.case["requesting_state"], opening.case["reference"])
        if key in present or key in new:
            summary.skipped += 1
        else:
            new[key] = opening
    if new:
        openings = list(new.values())
        open_prepared(session, openings, actor=run.actor, settings=run.settings, team=run.team)
    summary.created += len(new)


def import_requests(lines: Iterable[tuple[int, bytes]], run: Importer) -> ImportSummary:
    """Import numbered lines; report what was created, skipped as already present, and rejected."""
    require(run.actor, "case:create")
    summary = ImportSummary()
    openings = _openings(lines, run, summary)
    while batch := list(islice(openings, run.batch)):
        with session_scope(run.engine) as session:
            _store(session, batch, run, summary)
    return summary
