"""Bulk import of requests from JSON Lines: validated, assessed, stored, idempotent and resumable.

- A line whose (requesting State, reference) already has a case is skipped, so running the same file
  again stores nothing twice and resumes an interrupted import.
- An invalid line is rejected with its line number and each bad field; it never stops the import.
- Whole cases are committed in batches; each case sits in its own savepoint, so a case is stored
  entirely or not at all, and a killed import leaves no half-written case.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TextIO

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from rightsgate.auth.permissions import Actor, require
from rightsgate.cases.service import find_case, open_case
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


def _reject(run: Importer, summary: ImportSummary, number: int, line: str, error: RequestError) -> None:
    errors = [{"field": e.field, "message": e.message} for e in error.errors]
    run.rejects.write(
        json.dumps({"line": number, "errors": errors, "input": line}, ensure_ascii=False) + "\n"
    )
    summary.rejected.append((number, error.errors))


def _parse(lines: Iterable[tuple[int, str]], run: Importer, summary: ImportSummary) -> Iterable[Request]:
    for number, line in lines:
        if line.strip():
            try:
                yield parse_request(line, filename="line.json")
            except RequestError as error:
                _reject(run, summary, number, line.rstrip("\n"), error)
        run.progress(1)


def _store(session: Session, requests: list[Request], run: Importer, summary: ImportSummary) -> None:
    """Open a case per new request, each in its own savepoint; skip those already present."""
    for request in requests:
        if find_case(session, requesting_state=request.requesting_state, reference=request.reference):
            summary.skipped += 1
            continue
        with session.begin_nested():
            now = datetime.now(UTC)
            open_case(session, request=request, actor=run.actor, law=run.law, settings=run.settings, now=now)
        summary.created += 1


def _batches(requests: Iterable[Request], size: int) -> Iterable[list[Request]]:
    batch: list[Request] = []
    for request in requests:
        batch.append(request)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def import_requests(lines: Iterable[tuple[int, str]], run: Importer) -> ImportSummary:
    """Import numbered lines; report what was created, skipped as already present, and rejected."""
    require(run.actor, "case:create")
    summary = ImportSummary()
    for batch in _batches(_parse(lines, run, summary), run.batch):
        with session_scope(run.engine) as session:
            _store(session, batch, run, summary)
    return summary
