"""Generated rows for the report benchmark: cases with their advice, codes, decisions and events."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from rightsgate.audit.chain import GENESIS, link

BATCH = 20_000
STATES = ["XA", "XC", "FR", "BR", "DE", "JP", "NG", "IN", "PH", "VN"]
TYPES = ["mla_stored_data", "preservation", "production_order", "subscriber_info", "emergency_disclosure"]
BASES = ["uncc", "budapest", "budapest_2ap", "bilateral", "reciprocity", "unknown"]
OFFENCES = ["convention_offence", "serious_crime", "expression_related", "other", "unknown"]
DATA = ["subscriber", "traffic", "content", "subscriber traffic", "location"]
ACTIONS = ["execute", "execute_in_part", "refused", "postponed", None, None]
ADVICE = ["execute", "execute_in_part", "refuse", "request_more_information"]
GROUNDS = ["dual_criminality", "human_rights.expression_offence", "death_penalty", "scope.offence"]
Rows = list[dict[str, Any]]


def _moment(day: date, hours: int) -> datetime:
    return datetime.combine(day, time(), UTC) + timedelta(hours=hours)


def _case(rng: random.Random, n: int, tables: dict[str, Rows]) -> None:
    """One case and everything hanging off it, ids equal to `n` where there is one per case."""
    received = date(2026, 1, 1) + timedelta(days=rng.randrange(365))
    opened = _moment(received, 9)
    tables["cases"].append(
        {
            "id": n, "requesting_state": rng.choice(STATES), "reference": f"B-{n}", "requested_state": "XB",
            "request_type": rng.choice(TYPES), "emergency": rng.random() < 0.05, "data_requested": [],
            "received_on": received, "status": "under_review", "deadline": opened, "opened_at": opened,
            "closed_at": None, "linked": False, "request_json": None, "purged_at": None,
        }
    )  # fmt: skip
    advice = rng.choice(ADVICE)
    tables["assessments"].append(
        {
            "id": n, "case_id": n, "ordinal": 1, "on": received, "policy": "rights-respecting",
            "recommendation": advice, "human_review_required": False, "engine_version": "0.1.0",
            "law_digest": "0" * 64, "explanation": None, "created_at": opened,
        }
    )  # fmt: skip
    tables["assessment_codes"].append(
        {
            "assessment_id": n, "legal_basis": rng.choice(BASES), "offence_category": rng.choice(OFFENCES),
            "identifiers": rng.randint(1, 12), "data_categories": rng.choice(DATA),
        }
    )  # fmt: skip
    if advice == "refuse":
        tables["assessment_grounds"].append({"assessment_id": n, "rule": rng.choice(GROUNDS)})
    _outcome(rng, n, advice, opened, tables)


def _outcome(rng: random.Random, n: int, advice: str, opened: datetime, tables: dict[str, Rows]) -> None:
    """A status change to review, and for most cases a decision, sometimes after a consultation."""
    tables["transitions"].append(
        {"case_id": n, "from_status": "received", "to_status": "under_review", "actor": "b", "at": opened}
    )
    action = rng.choice(ACTIONS)
    if action is None:
        return
    decided = opened + timedelta(days=rng.randint(1, 90))
    if action in ("refused", "postponed"):
        tables["consultations"].append({"case_id": n, "about": "refusal", "actor": "b", "at": decided})
    tables["decisions"].append(
        {
            "case_id": n, "assessment_id": n, "action": action, "recommendation": advice,
            "departs": action != advice, "data_categories": [], "withheld": [], "conditions": {},
            "decided_by": "b", "decided_at": decided, "needs_countersign": False,
        }
    )  # fmt: skip


def _head() -> dict[str, Any]:
    fields = {
        "seq": 1, "name": "bench.loaded", "actor": "bench", "case_id": None, "payload": {},
        "created_at": "2027-01-01T00:00:00.000000Z", "engine_version": None, "law_digest": None,
    }  # fmt: skip
    return {**fields, "prev_hash": GENESIS, "hash": link(fields, GENESIS)}


def generated(count: int, seed: int = 2026) -> Iterator[tuple[str, Rows]]:
    """Batches of rows, table by table, in an order the foreign keys accept."""
    rng = random.Random(seed)
    names = ["cases", "assessments", "assessment_codes", "assessment_grounds"]
    names += ["transitions", "decisions", "consultations"]
    for first in range(1, count + 1, BATCH):
        tables: dict[str, Rows] = {name: [] for name in names}
        for n in range(first, min(first + BATCH, count + 1)):
            _case(rng, n, tables)
        yield from ((name, tables[name]) for name in names if tables[name])
    yield "audit_events", [_head()]
