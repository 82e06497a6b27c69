"""Generated rows for the report benchmark: cases with their advice, codes, decisions and one audit event.

Rows are plain tuples in the column order of `COLUMNS`, with moments and days already written as the text
both databases read (`YYYY-MM-DD HH:MM:SS.ffffff`), booleans as 0/1 and JSON as text, so the loaders can
hand them to SQLite's `executemany` or PostgreSQL's `COPY` unchanged. About one case in ten is assessed
twice, one in twenty decided twice, and refusals and partial executions carry coded grounds.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from rightsgate.audit.chain import GENESIS, link

BATCH = 50_000
STATES = ["XA", "XC", "FR", "BR", "DE", "JP", "NG", "IN", "PH", "VN"]
TYPES = ["mla_stored_data", "preservation", "production_order", "subscriber_info", "emergency_disclosure"]
BASES = ["uncc", "budapest", "budapest_2ap", "bilateral", "reciprocity", "unknown"]
OFFENCES = ["convention_offence", "serious_crime", "expression_related", "other", "unknown"]
DATA = ["subscriber", "traffic", "content", "subscriber traffic", "location"]
ACTIONS = ["execute", "execute_in_part", "refused", "postponed", None, None]
ADVICE = ["execute", "execute_in_part", "refuse", "request_more_information"]
GROUNDS = ["dual_criminality", "human_rights", "death_penalty", "scope", "proportionality"]
COLUMNS: dict[str, tuple[str, ...]] = {
    "cases": (
        "id", "requesting_state", "reference", "requested_state", "request_type", "emergency",
        "data_requested", "received_on", "status", "deadline", "opened_at", "linked",
    ),
    "assessments": (
        "id", "case_id", "ordinal", "on", "policy", "recommendation", "human_review_required",
        "engine_version", "law_digest", "created_at",
    ),
    "assessment_codes": (
        "assessment_id", "legal_basis", "offence_category", "identifiers", "data_categories",
    ),
    "transitions": ("case_id", "from_status", "to_status", "actor", "at"),
    "decisions": (
        "id", "case_id", "assessment_id", "action", "recommendation", "departs", "data_categories",
        "withheld", "conditions", "decided_by", "decided_at", "needs_countersign", "countersigned_by",
        "countersigned_at",
    ),
    "decision_grounds": ("decision_id", "ground"),
    "consultations": ("case_id", "about", "actor", "at"),
    "audit_events": (
        "seq", "name", "actor", "case_id", "created_at", "payload", "engine_version", "law_digest",
        "prev_hash", "hash",
    ),
}  # fmt: skip
Rows = dict[str, list[tuple[Any, ...]]]
START = datetime(2026, 1, 1, 9)
HEAD_AT = datetime(
    2027, 7, 1, tzinfo=UTC
)  # after every generated row: the last decision and its countersignature


def stamp(moment: datetime) -> str:
    """A moment as both databases read it (naive UTC, microseconds always written)."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


class Generator:
    """Deterministic rows for `count` cases; assessments and decisions get their own running ids."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.assessment_id = 0
        self.decision_id = 0

    def case(self, n: int, rows: Rows) -> None:
        """One case and everything hanging off it."""
        rng = self.rng
        opened = START + timedelta(days=rng.randrange(365))
        received = opened.date().isoformat()
        rows["cases"].append(
            (n, rng.choice(STATES), f"B-{n}", "XB", rng.choice(TYPES), int(rng.random() < 0.05), "[]",
             received, "under_review", stamp(opened), stamp(opened), 0)
        )  # fmt: skip
        advice = ""
        for ordinal in range(1, 3 if rng.random() < 0.1 else 2):
            advice = self.assessment(n, ordinal, received, opened + timedelta(days=ordinal - 1), rows)
        rows["transitions"].append((n, "received", "under_review", "b", stamp(opened)))
        for _ in range(2 if rng.random() < 0.05 else 1):
            self.decision(n, advice, opened, rows)

    def assessment(self, n: int, ordinal: int, received: str, at: datetime, rows: Rows) -> str:
        rng = self.rng
        self.assessment_id += 1
        advice = rng.choice(ADVICE)
        rows["assessments"].append(
            (self.assessment_id, n, ordinal, received, "rights-respecting", advice, 0, "0.1.0", "0" * 64,
             stamp(at))
        )  # fmt: skip
        if rng.random() < 0.98:  # a few assessments predate the codes table
            rows["assessment_codes"].append(
                (self.assessment_id, rng.choice(BASES), rng.choice(OFFENCES), rng.randint(1, 12),
                 rng.choice(DATA))
            )  # fmt: skip
        return advice

    def decision(self, n: int, advice: str, opened: datetime, rows: Rows) -> None:
        """For most cases a decision, sometimes after a consultation, sometimes awaiting countersignature."""
        rng = self.rng
        action = rng.choice(ACTIONS)
        if action is None:
            return
        self.decision_id += 1
        decided = opened + timedelta(days=rng.randint(1, 90), hours=rng.randint(0, 8))
        countersigned = stamp(decided + timedelta(days=2)) if action == "refused" else None
        if action in ("refused", "postponed"):
            rows["consultations"].append((n, "refusal", "b", stamp(decided)))
        rows["decisions"].append(
            (self.decision_id, n, self.assessment_id, action, advice, int(action != advice), "[]", "[]",
             "{}", "b", stamp(decided), int(countersigned is not None), "s" if countersigned else None,
             countersigned)
        )  # fmt: skip
        if action in ("refused", "execute_in_part"):
            for ground in sorted(set(rng.choices(GROUNDS, k=rng.randint(1, 2)))):
                rows["decision_grounds"].append((self.decision_id, ground))


def head() -> tuple[Any, ...]:
    """One audit event, dated after every generated row (`HEAD_AT`), as the chain head reports are computed
    at."""
    fields = {
        "seq": 1, "name": "bench.loaded", "actor": "bench", "case_id": None, "payload": {},
        "created_at": HEAD_AT.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), "engine_version": None, "law_digest": None,
    }  # fmt: skip
    event = {**fields, "prev_hash": GENESIS, "hash": link(fields, GENESIS)}
    event["payload"] = json.dumps(event["payload"])
    return tuple(event[column] for column in COLUMNS["audit_events"])


def generated(count: int, seed: int = 2026) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """Batches of rows, table by table, in an order the foreign keys accept."""
    generator = Generator(seed)
    for first in range(1, count + 1, BATCH):
        rows: Rows = {name: [] for name in COLUMNS}
        for n in range(first, min(first + BATCH, count + 1)):
            generator.case(n, rows)
        yield from ((name, batch) for name, batch in rows.items() if batch)
    yield "audit_events", [head()]
