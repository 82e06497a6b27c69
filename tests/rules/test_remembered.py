"""The rules remember answers (rules/context.py): remembering must never change an assessment.

Each request is assessed twice: with the memory a long run has built up (shared across every example),
and with memory emptied first, so every answer is worked out afresh. A key that forgot a fact the rule
reads would hand one request another's answer, and the two assessments would differ.
"""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from rightsgate.law.loader import load_law
from rightsgate.law.profile import Profile
from rightsgate.rules.assess import assess
from rightsgate.rules.facts import Request
from tests.scenario_plugin import build_request, shipped_law
from tests.strategies import YEAR_2026, requests

POLICIES = ("convention-minimum", "rights-respecting")
FRESH = load_law()


def _afresh(request: Request, on: date, policy: str) -> object:
    FRESH.remembered.clear()
    return assess(request, FRESH, on=on, policy=policy)


@settings(max_examples=60, deadline=None, database=None)
@given(st.lists(requests(), min_size=2, max_size=6), st.dates(*YEAR_2026), st.sampled_from(POLICIES))
def test_an_assessment_from_memory_equals_one_worked_out_afresh(
    batch: list[Request], on: date, policy: str
) -> None:
    for request in batch:
        assert assess(request, shipped_law(), on=on, policy=policy) == _afresh(request, on, policy)


def test_two_offences_alike_but_for_their_name_are_each_named_in_their_own_findings() -> None:
    law, on = load_law(), date(2026, 6, 1)
    first = Request.model_validate_json(json.dumps(build_request({}), default=str))
    offence = first.offences[0].model_copy(update={"name": "Diverting payments"})  # type: ignore[index]
    second = first.model_copy(update={"offences": (offence,)})
    assess(first, law, on=on)
    summaries = [f.summary for f in assess(second, law, on=on).findings if f.rule == "dual_criminality"]
    assert summaries and all("Diverting payments" in summary for summary in summaries)


def test_changed_law_data_is_never_answered_from_memory() -> None:
    law, on = load_law(), date(2026, 6, 1)
    request = Request.model_validate_json(json.dumps(build_request({}), default=str))
    before = assess(request, law, on=on)
    profile = law.profiles[request.requested_state]
    law.profiles[request.requested_state] = Profile.model_validate({**profile.model_dump(), "offences": ()})
    after = assess(request, law, on=on)
    outcomes = {f.rule: f.outcome.value for f in after.findings}
    assert {f.rule: f.outcome.value for f in before.findings}["dual_criminality"] == "satisfied"
    assert outcomes["dual_criminality"] != "satisfied"
