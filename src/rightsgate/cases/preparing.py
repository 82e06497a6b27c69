"""Preparing imported lines for opening, in worker processes: validation and assessment, no database.

Each worker gets the law, the settings and the (State, reference) pairs already stored when the import
began, once, when it starts; it then takes chunks of lines and gives back, per line, what to store. The
importing process hands out a few chunks ahead and takes the results back in the file's order, so what
it stores does not depend on the number of workers. A worker whose importing process has died (killed,
say) exits by itself instead of waiting for work that will never come.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice

from rightsgate.cases.opening import Opening, prepare
from rightsgate.intake import FieldError, RequestError, parse_request
from rightsgate.law.loader import Law
from rightsgate.settings import Settings

CHUNK = 50  # lines per piece of work handed to a worker
AHEAD = 3  # chunks per worker handed out before the first result is taken back, at least
ORPHAN_CHECK_SECONDS = 0.5

Prepared = Opening | tuple[str, str] | list[FieldError] | None
"""A line worked out: a request to open, the key of a case already present, the defects of an invalid
line, or None for a blank line."""


@dataclass(frozen=True, slots=True)
class Context:
    """What preparing a line needs."""

    law: Law
    settings: Settings
    present: frozenset[tuple[str, str]]


def prepare_line(line: bytes, context: Context) -> Prepared:
    """Validate the line and, unless its case is already present, assess it for opening."""
    if not line.strip():
        return None
    try:
        request = parse_request(line, filename="line.json")
    except RequestError as error:
        return error.errors
    key = (request.requesting_state, request.reference)
    if key in context.present:
        return key
    return prepare(request, law=context.law, settings=context.settings)


_WORKER: list[Context] = []  # this worker process's context, set once when it starts


def _exit_when_orphaned(importer: int) -> None:
    """Exit once the importing process is gone. (Its pid, not the parent's: the parent of a worker is
    the fork server, which lives as long as its workers do.)"""
    while True:
        try:
            os.kill(importer, 0)
        except ProcessLookupError:
            os._exit(1)
        time.sleep(ORPHAN_CHECK_SECONDS)


def _start_worker(context: Context, importer: int) -> None:
    _WORKER.append(context)
    threading.Thread(target=_exit_when_orphaned, args=(importer,), daemon=True).start()


def _prepare_chunk(lines: list[bytes]) -> list[Prepared]:
    return [prepare_line(line, _WORKER[0]) for line in lines]


def _chunks(lines: Iterable[tuple[int, bytes]]) -> Iterator[list[tuple[int, bytes]]]:
    numbered = iter(lines)
    while chunk := list(islice(numbered, CHUNK)):
        yield chunk


Pending = deque[tuple[list[tuple[int, bytes]], "Future[list[Prepared]]"]]


def _in_pool(
    chunks: Iterator[list[tuple[int, bytes]]], context: Context, workers: int, ahead: int
) -> Iterator[tuple[list[tuple[int, bytes]], list[Prepared]]]:
    """Each chunk with its results, in order, worked out by `workers` processes `ahead` lines ahead
    (at least a few chunks per worker), so they go on while the lines before are being stored."""
    window = max(AHEAD * workers, -(-ahead // CHUNK))
    server = multiprocessing.get_context("forkserver")
    server.set_forkserver_preload(["rightsgate.cases.preparing"])
    with ProcessPoolExecutor(
        workers, server, initializer=_start_worker, initargs=(context, os.getpid())
    ) as pool:
        pending: Pending = deque()
        for chunk in chunks:
            pending.append((chunk, pool.submit(_prepare_chunk, [line for _, line in chunk])))
            if len(pending) >= window:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()


def prepared(
    lines: Iterable[tuple[int, bytes]], context: Context, *, workers: int, ahead: int
) -> Iterator[tuple[int, bytes, Prepared]]:
    """Each numbered line with what to do with it, in order; by `workers` processes (0: this one),
    working `ahead` lines ahead of the line taken."""
    if workers == 0:
        for number, line in lines:
            yield number, line, prepare_line(line, context)
        return
    for chunk, results in _in_pool(_chunks(lines), context, workers, ahead):
        for (number, line), outcome in zip(chunk, results, strict=True):
            yield number, line, outcome
