"""Bulk import of requests from JSON Lines: validated, assessed, stored, idempotent and resumable.

- A line whose (requesting State, reference) already has a case is skipped, so running the same file
  again stores nothing twice and resumes an interrupted import.
- An invalid line is rejected with its line number and each bad field; it never stops the import.
- Cases are opened and committed in batches; a case never spans two transactions, so it is stored
  entirely or not at all, and a killed import leaves no half-written case.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TextIO

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from rightsgate.auth.permissions import Actor, require
from rightsgate.cases.models import Case
from rightsgate.cases.opening import open_cases
from rightsgate.db import session_scope
from rightsgate.intake import FieldError, RequestError, parse_request
from rightsgate.law.loader import Law
from rightsgate.rules.facts import Request
from rightsgate.settings import Settings


@dataclass
class ImportSummary:
    created: int = 0
    skipped: int = 0
    rejected: list[tuple[int, list[FieldError]]] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class Importer:
    """Everything one import run needs besides the lines."""

    engine: Engine
    actor: Actor
    law: Law
    settings: Settings
    rejects: TextIO
    batch: int = 100
    progress: Callable[[int], None] = lambda _done: None


def _reject(run: Importer, summary: ImportSummary, number: int, line: bytes, error: RequestError) -> None:
    errors = [{"field": e.field, "message": e.message} for e in error.errors]
    text = line.rstrip(b"\n").decode("utf-8", "replace")
    run.rejects.write(
        json.dumps({"line": number, "errors": errors, "input": text}, ensure_ascii=False) + "\n"
    )
    summary.rejected.append((number, error.errors))


def _parse(lines: Iterable[tuple[int, bytes]], run: Importer, summary: ImportSummary) -> Iterable[Request]:
    for number, line in lines:
        if line.strip():
            try:
                yield parse_request(line, filename="line.json")
            except RequestError as error:
                _reject(run, summary, number, line, error)
        run.progress(1)


def _store(session: Session, requests: list[Request], run: Importer, summary: ImportSummary) -> None:
    """Open a case per request not yet present (in the database or earlier in the batch)."""
    query = select(Case.requesting_state, Case.reference)
    present = {
        tuple(row)
        for row in session.execute(query.where(Case.reference.in_({r.reference for r in requests})))
    }
    new: dict[tuple[str, str], Request] = {}
    for request in requests:
        key = (request.requesting_state, request.reference)
        if key in present or key in new:
            summary.skipped += 1
        else:
            new[key] = request
    if new:
        open_cases(session, list(new.values()), actor=run.actor, law=run.law, settings=run.settings)
    summary.created += len(new)


def _batches(requests: Iterable[Request], size: int) -> Iterable[list[Request]]:
    batch: list[Request] = []
    for request in requests:
        batch.append(request)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def import_requests(lines: Iterable[tuple[int, bytes]], run: Importer) -> ImportSummary:
    """Import numbered lines; report what was created, skipped as already present, and rejected."""
    require(run.actor, "case:create")
    summary = ImportSummary()
    for batch in _batches(_parse(lines, run, summary), run.batch):
        with session_scope(run.engine) as session:
            _store(session, batch, run, summary)
    return summary
