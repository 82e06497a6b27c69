"""A small, hand-counted set of cases for report tests, built through the case services only.

| ref | state | received   | what happens                                      | outcome          | days |
|-----|-------|------------|---------------------------------------------------|------------------|------|
| A1  | XA    | 2026-01-10 | executed as advised                               | executed         | 10   |
| A2  | XA    | 2026-02-01 | in part against "execute" advice: proportionality | executed_in_part | 20   |
| A3  | XA    | 2026-04-05 | refused against "execute" advice: human_rights    | refused          | 20   |
| A4  | XA    | 2026-04-10 | defamation refused: dual_criminality, human_rights| refused          | 30   |
| A5  | XA    | 2026-07-01 | withdrawn                                         | withdrawn        |      |
| A6  | XA    | 2026-08-01 | emergency, still under review                     | pending          |      |
| C1  | XC    | 2026-10-01 | Budapest basis, two targets, executed as advised  | executed         | 5    |
| Z1  | XA    | 2025-12-31 | outside 2026                                      |                  |      |
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from rightsgate.cases.decisions import countersign, record_decision
from rightsgate.cases.opening import open_case
from rightsgate.cases.schemas import ConsultationCreate, DecisionCreate
from rightsgate.cases.service import record_consultation
from rightsgate.cases.workflow import Status, transition
from tests.builders import INTAKE, REVIEWER, SUPERVISOR, a_request

DEFAMATION = [{"name": "Defamation of a minister", "category": "defamation", "max_penalty_years": 2}]


def at(day: str, hours: int = 9) -> datetime:
    """A moment on a day, in UTC."""
    return datetime.combine(date.fromisoformat(day), time(hours), UTC)


def opened(session, law, settings, reference: str, day: str, **overrides):
    request = a_request(reference, received_on=day, **overrides)
    return open_case(session, request=request, actor=INTAKE, law=law, settings=settings, now=at(day))


def review(session, case, day: str):
    transition(session, case, to=Status.under_review, actor=REVIEWER, reason="picked up", now=at(day, 10))


def decide(session, case, settings, day: str, **fields):
    decision = DecisionCreate(**fields)
    return record_decision(
        session, case, decision=decision, actor=REVIEWER, settings=settings, now=at(day, 11)
    )


def consult(session, case, day: str) -> None:
    consultation = ConsultationCreate(about="refusal", summary="Called the central authority.")
    record_consultation(
        session,
        case,
        consultation=consultation,
        actor=REVIEWER,
        now=at(
            day,
            10,
        ),
    )


def refuse(session, case, settings, day: str, countersigned: str, grounds: list[str]):
    consult(session, case, day)
    decision = decide(
        session, case, settings, day, action="refused", rationale="See the file.", grounds=grounds
    )
    countersign(session, decision, actor=SUPERVISOR, now=at(countersigned, 12))


def build(session, law, settings) -> None:
    """Build the cases of the table above, in time order."""
    z1 = opened(session, law, settings, "Z1", "2025-12-31")
    review(session, z1, "2025-12-31")
    a1 = opened(session, law, settings, "A1", "2026-01-10")
    review(session, a1, "2026-01-10")
    decide(session, a1, settings, "2026-01-20", action="execute")
    a2 = opened(session, law, settings, "A2", "2026-02-01")
    review(session, a2, "2026-02-01")
    decide(
        session,
        a2,
        settings,
        "2026-02-21",
        action="execute_in_part",
        data_categories=["subscriber"],
        rationale="Narrower is enough.",
        grounds=["proportionality"],
    )
    a3 = opened(session, law, settings, "A3", "2026-04-05")
    review(session, a3, "2026-04-05")
    refuse(session, a3, settings, "2026-04-20", countersigned="2026-04-25", grounds=["human_rights"])
    a4 = opened(session, law, settings, "A4", "2026-04-10", offences=DEFAMATION)
    review(session, a4, "2026-04-10")
    grounds = ["human_rights", "dual_criminality"]
    refuse(session, a4, settings, "2026-05-08", countersigned="2026-05-10", grounds=grounds)
    a5 = opened(session, law, settings, "A5", "2026-07-01")
    transition(
        session, a5, to=Status.withdrawn, actor=REVIEWER, reason="withdrawn by XA", now=at("2026-07-02")
    )
    a6 = opened(session, law, settings, "A6", "2026-08-01", urgency="emergency")
    review(session, a6, "2026-08-01")
    targets = [{"kind": "email", "identifier": f"c1-{n}@example.org", "provider": "Mailhost"} for n in (1, 2)]
    c1 = opened(
        session,
        law,
        settings,
        "C1",
        "2026-10-01",
        requesting_state="XC",
        legal_basis={"instrument": "budapest"},
        targets=targets,
    )
    review(session, c1, "2026-10-01")
    decide(session, c1, settings, "2026-10-06", action="execute")
