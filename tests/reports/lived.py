"""Random case histories lived through the case services, so every change a report counts goes through
the code paths that keep the report rows.

Cases are opened (some as emergencies, some for an expression offence, with or without a legal basis or
targets), some left pending, withdrawn or lapsed before review; reviewed ones may be sent back for
information and re-assessed, then decided, re-decided while a first decision awaits its countersignature,
refused after consultation and countersigned (or not yet), postponed and decided again, executed and
closed, or withdrawn after a decision; at the end the expired cases are purged. Time only moves forward.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from rightsgate.cases.decisions import countersign, record_decision
from rightsgate.cases.opening import open_case
from rightsgate.cases.retention import purge_expired
from rightsgate.cases.schemas import ConsultationCreate, DecisionCreate
from rightsgate.cases.service import reassess, record_consultation
from rightsgate.cases.workflow import Status, latest_decision, transition
from tests.builders import ADMIN, INTAKE, REVIEWER, SUPERVISOR, a_request, request_data
from tests.reports.fixture import DEFAMATION

FIRST_DAY = date(2025, 12, 1)
GROUNDS = {"refused": ["human_rights", "dual_criminality"], "execute_in_part": ["proportionality"]}


class Life:
    """One random history; `now()` moves the clock forward a little at every step."""

    def __init__(self, session, law, settings, seed: int) -> None:
        self.session, self.law, self.settings = session, law, settings
        self.rng = random.Random(seed)
        self.clock = datetime(2025, 12, 1, 8, tzinfo=UTC)

    def now(self) -> datetime:
        self.clock += timedelta(hours=self.rng.randint(1, 40))
        return self.clock

    def request(self, n: int, received: date, data: list[str]):
        rng = self.rng
        fields: dict = {"received_on": received.isoformat(), "data_requested": data}
        fields["requesting_state"] = rng.choice(["XA", "XA", "XC"])
        if rng.random() < 0.2:
            fields["urgency"] = "emergency"
        if rng.random() < 0.2:
            fields["offences"] = DEFAMATION
        if rng.random() < 0.15:
            fields["legal_basis"] = None
        elif rng.random() < 0.3:
            fields["legal_basis"] = {"instrument": "budapest"}
        if rng.random() < 0.15:
            fields["targets"] = None
        return a_request(f"L-{n}", **fields)

    def move(self, case, to: Status) -> None:
        transition(self.session, case, to=to, actor=REVIEWER, reason="next step", now=self.now())

    def decide(self, case, action: str):
        data = ["subscriber"] if action == "execute_in_part" else None
        if action in ("refused", "postponed"):
            about = "refusal" if action == "refused" else "postponement"
            consultation = ConsultationCreate(about=about, summary="Called the central authority.")
            record_consultation(self.session, case, consultation=consultation, actor=REVIEWER, now=self.now())
        grounds = GROUNDS.get(action, [])
        grounds = self.rng.sample(grounds, self.rng.randint(1, len(grounds))) if grounds else []
        decision = DecisionCreate(
            action=action, rationale="See the file.", data_categories=data, grounds=grounds
        )
        return record_decision(
            self.session, case, decision=decision, actor=REVIEWER, settings=self.settings, now=self.now()
        )

    def case(self, n: int) -> None:
        rng = self.rng
        received = FIRST_DAY + timedelta(days=rng.randint(0, 420))
        data = rng.choice([["subscriber"], ["subscriber", "traffic"], ["subscriber", "content"]])
        request = self.request(n, received, data)
        case = open_case(
            self.session, request=request, actor=INTAKE, law=self.law, settings=self.settings, now=self.now()
        )
        start = rng.random()
        if start < 0.1:
            return  # pending, never reviewed
        if start < 0.2:
            return self.move(case, rng.choice([Status.withdrawn, Status.lapsed]))
        self.move(case, Status.under_review)
        if rng.random() < 0.3:
            self.reassessed(case, request)
        self.decided(case)

    def reassessed(self, case, request) -> None:
        """Sent back for information, then assessed again on a fuller request."""
        self.move(case, Status.awaiting_information)
        fields = request_data(case.reference, received_on=case.received_on.isoformat())
        fields["requesting_state"] = case.requesting_state
        fuller = a_request(case.reference, **{k: v for k, v in fields.items() if k != "reference"})
        reassess(
            self.session, case, request=fuller, actor=REVIEWER, law=self.law, settings=self.settings,
            now=self.now(),
        )  # fmt: skip

    def decided(self, case) -> None:
        rng = self.rng
        for _ in range(rng.randint(1, 3)):
            if case.status != Status.under_review or rng.random() < 0.1:
                break
            decision = self.decide(case, rng.choice(["execute", "execute_in_part", "refused", "postponed"]))
            if not decision.effective and rng.random() < 0.7:
                countersign(self.session, decision, actor=SUPERVISOR, now=self.now())
            if case.status == Status.decided and decision.action == "postponed":
                self.move(case, Status.under_review)
        self.afterwards(case)

    def afterwards(self, case) -> None:
        """Withdrawn after the decision, or a refusal closed, or an execution carried out."""
        if case.status != Status.decided:
            return
        step, refused = self.rng.random(), latest_decision(self.session, case).action == "refused"
        if step < 0.15:
            self.move(case, Status.withdrawn)
        elif step < 0.5 and refused:
            self.move(case, Status.closed)
        elif step < 0.5 and not case.emergency:
            self.move(case, Status.executed)


def live(session, law, settings, *, seed: int, count: int) -> datetime:
    """Live `count` case histories, purge what has expired, and return the last moment."""
    life = Life(session, law, settings, seed)
    for n in range(1, count + 1):
        life.case(n)
    purge_expired(session, actor=ADMIN, settings=settings, now=life.now() + timedelta(days=800))
    return life.clock
