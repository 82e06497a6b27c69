"""Random case histories written straight into the tables, and a plain count of them to compare with.

The histories are full of the awkward cases: requests received either side of a period's bounds or
opened after the moment counted; assessments, decisions, status changes and consultations written after
it; several assessments (some without codes), several decisions (some awaiting a countersignature, some
countersigned too late), refusals with and without coded grounds. `plain_count` works the figures out
from these rows in memory, one request at a time, following the report's definition word for word.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from rightsgate.cases.models import Assessment, Case, Consultation, Decision, DecisionGround, Transition
from rightsgate.cases.statistics import AssessmentCodes
from rightsgate.reports.figures import FINAL, NOT_CODED, REACH, STOPPED, UNKNOWN, Figures
from rightsgate.reports.periods import Period

FIRST_DAY = date(2025, 12, 20)
STATUSES = ["under_review", "decided", "withdrawn", "lapsed", "awaiting_information"]
ACTIONS = ["execute", "execute_in_part", "refused", "postponed", "request_more_information"]
ADVICE = ["execute", "execute_in_part", "refuse", "request_more_information"]
GROUNDS = ["dual_criminality", "human_rights", "scope"]
CODES = {
    "legal_basis": ["uncc", "budapest", "bilateral"],
    "offence_category": ["convention_offence", "serious_crime", "unknown"],
    "data_categories": ["subscriber", "subscriber traffic", "content", ""],
}


@dataclass
class History:
    """Rows by table, as written."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        rows = self.tables.setdefault(table, [])
        row.setdefault("id", len(rows) + 1)
        rows.append(row)
        return row


def _moment(rng: random.Random, after: datetime) -> datetime:
    return after + timedelta(days=rng.randint(0, 60), hours=rng.randint(0, 23))


def _case(rng: random.Random, history: History, n: int) -> None:
    received = FIRST_DAY + timedelta(days=rng.randint(0, 400))
    late = timedelta(days=rng.choice([0, 0, 0, 3, 30]))  # some are opened well after they arrived
    opened = datetime.combine(received, time(rng.randint(0, 23)), UTC) + late
    history.add(
        "cases",
        {"id": n, "requesting_state": rng.choice(["XA", "XC", "FR"]), "reference": f"G-{n}",
         "requested_state": "XB", "request_type": rng.choice(["preservation", "mla_stored_data"]),
         "emergency": rng.random() < 0.2, "data_requested": [], "received_on": received,
         "status": "received", "deadline": opened, "opened_at": opened, "linked": False},
    )  # fmt: skip
    for ordinal in range(1, rng.randint(1, 3) + 1):
        _assessment(rng, history, n, ordinal, _moment(rng, opened))
    for _ in range(rng.randint(0, 3)):
        status = rng.choice(STATUSES)
        history.add(
            "transitions",
            {"case_id": n, "from_status": "received", "to_status": status, "actor": "g",
             "at": _moment(rng, opened)},
        )  # fmt: skip
    for _ in range(rng.randint(0, 2)):
        history.add(
            "consultations", {"case_id": n, "about": "refusal", "actor": "g", "at": _moment(rng, opened)}
        )
    assessments = [a for a in history.tables["assessments"] if a["case_id"] == n]
    for _ in range(rng.randint(0, 3)):
        _decision(rng, history, rng.choice(assessments), _moment(rng, opened))


def _assessment(rng: random.Random, history: History, n: int, ordinal: int, at: datetime) -> None:
    row = history.add(
        "assessments",
        {"case_id": n, "ordinal": ordinal, "on": at.date(), "policy": "p",
         "recommendation": rng.choice(ADVICE), "human_review_required": False, "engine_version": "0",
         "law_digest": "0", "created_at": at},
    )  # fmt: skip
    if rng.random() < 0.8:
        codes = {name: rng.choice(values) for name, values in CODES.items()}
        identifiers = rng.choice([None, 0, 1, 3])
        history.add("assessment_codes", {"assessment_id": row["id"], "identifiers": identifiers, **codes})


def _decision(rng: random.Random, history: History, advice: dict[str, Any], at: datetime) -> None:
    action = rng.choice(ACTIONS)
    countersign = rng.random() < 0.4
    countersigned_at = _moment(rng, at) if countersign and rng.random() < 0.8 else None
    row = history.add(
        "decisions",
        {"case_id": advice["case_id"], "assessment_id": advice["id"], "action": action,
         "recommendation": advice["recommendation"], "departs": rng.random() < 0.5,
         "data_categories": [], "withheld": [], "conditions": {}, "decided_by": "g", "decided_at": at,
         "needs_countersign": countersign, "countersigned_by": "s" if countersigned_at else None,
         "countersigned_at": countersigned_at},
    )  # fmt: skip
    if action in FINAL and action != "execute":
        for ground in rng.sample(GROUNDS, rng.randint(0, 2)):
            history.add("decision_grounds", {"decision_id": row["id"], "ground": ground})


def generate(seed: int, count: int) -> History:
    rng = random.Random(seed)
    history = History()
    for n in range(1, count + 1):
        _case(rng, history, n)
    return history


MODELS = {
    "cases": Case,
    "assessments": Assessment,
    "assessment_codes": AssessmentCodes,
    "transitions": Transition,
    "consultations": Consultation,
    "decisions": Decision,
    "decision_grounds": DecisionGround,
}


def store(session: Session, history: History) -> None:
    """Write the rows, parents first."""
    for table, model in MODELS.items():
        rows = history.tables.get(table, [])
        if table == "assessment_codes":
            rows = [{k: v for k, v in row.items() if k != "id"} for row in rows]
        if rows:
            session.execute(insert(model), rows)


def _newest(rows: list[dict[str, Any]], case_id: int, when: str, as_of: datetime) -> dict[str, Any] | None:
    mine = [r for r in rows if r["case_id"] == case_id and r[when] <= as_of]
    return max(mine, key=lambda r: r["id"]) if mine else None


def _in_effect(decision: dict[str, Any], as_of: datetime) -> bool:
    signed = decision["countersigned_at"]
    return not decision["needs_countersign"] or (signed is not None and signed <= as_of)


def _departure(decision: dict[str, Any]) -> str:
    decided, advised = REACH[decision["action"]], REACH[decision["recommendation"]]
    if not decision["departs"]:
        return "followed"
    if decided == advised:
        return "departed_same_reach"
    return "more_permissive" if decided > advised else "more_restrictive"


class PlainCount:
    """The figures, counted one request at a time from the rows in memory."""

    def __init__(self, history: History, period: Period, as_of: datetime) -> None:
        self.tables, self.period, self.as_of = history.tables, period, as_of
        self.figures = Figures()

    def rows(self, table: str) -> list[dict[str, Any]]:
        return self.tables.get(table, [])

    def count(self) -> Figures:
        for case in self.rows("cases"):
            received = case["received_on"]
            if self.period.start <= received <= self.period.end and case["opened_at"] <= self.as_of:
                self.request(case)
        return self.figures

    def request(self, case: dict[str, Any]) -> None:
        as_of, figures, n = self.as_of, self.figures, case["id"]
        advice = _newest(self.rows("assessments"), n, "created_at", as_of)
        codes = next(
            (c for c in self.rows("assessment_codes") if advice and c["assessment_id"] == advice["id"]), {}
        )
        in_effect = [d for d in self.rows("decisions") if _in_effect(d, as_of)]
        decision = _newest(in_effect, n, "decided_at", as_of)
        status = _newest(self.rows("transitions"), n, "at", as_of)
        outcome = self.outcome(status, decision)
        state, quarter = (
            case["requesting_state"],
            next(q.label for q in self.period.quarters if q.start <= case["received_on"] <= q.end),
        )
        identifiers = codes.get("identifiers") or 0
        figures.received += 1
        figures.identifiers += identifiers
        figures.consultations += sum(
            1 for c in self.rows("consultations") if c["case_id"] == n and c["at"] <= as_of
        )
        figures.outcomes[outcome] += 1
        figures.by_quarter[(quarter, outcome)] += 1
        figures.by_state[(state, outcome)] += 1
        figures.identifiers_by_state[state] += identifiers
        self.dimensions(case, codes)
        self.decision(case, decision, outcome)

    def outcome(self, status: dict[str, Any] | None, decision: dict[str, Any] | None) -> str:
        if status and status["to_status"] in STOPPED:
            return str(status["to_status"])
        return FINAL.get(decision["action"], "pending") if decision else "pending"

    def dimensions(self, case: dict[str, Any], codes: dict[str, Any]) -> None:
        found = {
            "legal_basis": [codes.get("legal_basis") or UNKNOWN],
            "request_type": [case["request_type"]],
            "data_category": (codes.get("data_categories") or UNKNOWN).split(),
            "offence_category": [codes.get("offence_category") or UNKNOWN],
            "urgency": ["emergency" if case["emergency"] else "routine"],
        }
        for name, values in found.items():
            self.figures.dimensions.setdefault(name, Counter()).update(values)

    def decision(self, case: dict[str, Any], decision: dict[str, Any] | None, outcome: str) -> None:
        if decision is None:
            return
        figures = self.figures
        figures.departures[_departure(decision)] += 1
        if outcome in FINAL.values():
            took_effect = (
                decision["countersigned_at"] if decision["needs_countersign"] else decision["decided_at"]
            )
            figures.days_to_decision[(took_effect.date() - case["received_on"]).days] += 1
        if outcome == "refused":
            grounds = [
                g["ground"] for g in self.rows("decision_grounds") if g["decision_id"] == decision["id"]
            ]
            figures.grounds.update(grounds or [NOT_CODED])
