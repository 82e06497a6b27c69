"""The hash chain: each event's hash covers all its stored fields, including the previous event's hash.

`hash = SHA-256(canonical_json(fields))`, where the canonical form sorts keys, drops insignificant
whitespace, encodes UTF-8 and admits no floats. The first event links to 64 zeros. `verify` walks events
in `seq` order and reports the first defect: an edited event breaks its own hash, a deleted one leaves a
gap, an inserted one breaks its successor's link, and a removed tail misses an expected head.

An expected head (a published report's, or an auditor's anchor kept outside the database) that lies
beyond the end of the chain means the chain is *behind* it: an older copy, such as a restored backup,
or a chain whose newest events were removed. A head the chain holds with another hash means the chain
diverged from it: it was rewritten.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
FIELDS = ("seq", "name", "actor", "case_id", "created_at", "payload", "engine_version", "law_digest")


PLAIN = (str, int, bool, type(None))  # exact types that pass into the canonical form unchanged


def _plain(value: Any) -> bool:
    """Whether the value is already in the form `_no_floats` would give: plain dicts with string keys,
    lists, strings, integers, booleans and None. Checking is cheaper than rebuilding."""
    kind = type(value)
    if kind in PLAIN:
        return True
    if kind is dict:
        return all(type(k) is str and _plain(v) for k, v in value.items())
    if kind is list:
        return all(_plain(v) for v in value)
    return False


def _no_floats(value: Any) -> Any:
    if isinstance(value, float):
        raise TypeError("audit fields may not hold floats: use integers or strings")
    if isinstance(value, Mapping):
        return {str(k): _no_floats(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_no_floats(v) for v in value]
    return value


def canonical_json(fields: Mapping[str, Any]) -> bytes:
    """Sorted keys, no insignificant whitespace, UTF-8, no floats."""
    plain = fields if _plain(fields) else _no_floats(fields)
    text = json.dumps(plain, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def link(fields: Mapping[str, Any], prev_hash: str) -> str:
    """The hash of an event: SHA-256 of its fields together with the previous event's hash."""
    return hashlib.sha256(canonical_json({**fields, "prev_hash": prev_hash})).hexdigest()


@dataclass(frozen=True, slots=True)
class Head:
    seq: int
    hash: str

    @classmethod
    def parse(cls, text: str) -> Head:
        """`SEQ:HASH`, as printed in published reports."""
        seq, _, digest = text.partition(":")
        if not seq.isdigit() or len(digest) != 64:
            raise ValueError(f"expected SEQ:HASH (a number, a colon, 64 hex digits), got {text!r}")
        return cls(int(seq), digest.lower())


@dataclass(frozen=True, slots=True)
class Defect:
    seq: int
    problem: str
    behind: bool = False

    def __str__(self) -> str:
        return f"seq {self.seq}: {self.problem}"


@dataclass(frozen=True, slots=True)
class Verification:
    count: int
    head: Head | None
    defect: Defect | None

    @property
    def ok(self) -> bool:
        return self.defect is None


def _check(row: Mapping[str, Any], seq: int, prev: str) -> Defect | None:
    """The defect of one event, given the seq it should have and the previous event's hash."""
    if row["seq"] != seq:
        return Defect(seq, f"event missing (deleted): the next stored event is seq {row['seq']}")
    if row["prev_hash"] != prev:
        parent = f"seq {seq - 1}" if seq > 1 else "the genesis value"
        return Defect(seq, f"broken link: prev_hash is not the hash of {parent} (an event was inserted)")
    if link({k: row[k] for k in FIELDS}, prev) != row["hash"]:
        return Defect(seq, "hash mismatch: the event was edited after it was written")
    return None


def _missing_heads(hashes: dict[int, str], expected: Iterable[Head], last: int) -> Defect | None:
    for head in expected:
        if head.seq > last:
            problem = (
                f"expected head missing: the chain ends at seq {last}, so it is behind this head "
                "(an older copy such as a restored backup, or its newest events were removed)"
            )
            return Defect(head.seq, problem, behind=True)
        if hashes[head.seq] != head.hash:
            return Defect(head.seq, "expected head differs: the chain was rewritten after it was published")
    return None


def verify(rows: Iterable[Mapping[str, Any]], expect: Iterable[Head] = ()) -> Verification:
    """Walk the chain in seq order; return the count, the head, and the first defect (or None)."""
    prev, seq = GENESIS, 0
    hashes: dict[int, str] = {}
    for row in rows:
        seq += 1
        if defect := _check(row, seq, prev):
            return Verification(count=seq - 1, head=None, defect=defect)
        prev = row["hash"]
        hashes[seq] = prev
    head = Head(seq, prev) if seq else None
    return Verification(count=seq, head=head, defect=_missing_heads(hashes, expect, seq))
