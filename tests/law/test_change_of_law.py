"""A request assessed on each side of a change of a real State's law gets two different, cited results."""

import json
from datetime import date

from rightsgate.intake import parse_request
from rightsgate.rules.assess import Assessment, assess
from tests.scenario_plugin import base_request, merge, shipped_law

OFFENSIVE_MESSAGES = {
    "name": "Sending offensive messages online",
    "statute": "Communications Act of XA, s 12",
    "max_penalty_years": 3,
    "death_penalty_possible": False,
    "category": "false_information",
}


def assessed_in_india(on: date) -> Assessment:
    """The complete base request, sent to India over an offensive-messages charge in early 2015."""
    changes = {
        "requested_state": "IN",
        "received_on": "2015-03-10",
        "legal_basis": {"instrument": "other", "articles": []},
        "offences": [OFFENSIVE_MESSAGES],
        "period": {"start": "2014-11-01", "end": "2015-01-31"},
        "authorisation": {"date": "2015-03-01"},
    }
    request = parse_request(json.dumps(merge(base_request("complete"), changes)), filename="in.json")
    return assess(request, shipped_law(), on=on)


def dual_criminality(assessment: Assessment):
    return next(f for f in assessment.findings if f.rule == "dual_criminality")


def test_the_day_before_section_66a_was_struck_down_it_meets_dual_criminality_and_is_cited() -> None:
    finding = dual_criminality(assessed_in_india(date(2015, 3, 23)))
    assert finding.outcome == "satisfied"
    [value] = finding.profile_values_used
    assert value.state == "IN" and value.key == "offences.ita-66a"
    assert "s 66A" in value.value and "up to 3 years" in value.value
    assert "Shreya Singhal" in value.source and value.url and value.url.startswith("http")


def test_from_the_day_section_66a_was_struck_down_a_person_must_establish_dual_criminality() -> None:
    finding = dual_criminality(assessed_in_india(date(2015, 3, 24)))
    assert finding.outcome == "needs_human_review"
    assert finding.profile_values_used == ()
    assert "does not record whether false_information conduct is criminal" in finding.summary
    assert {c.id for c in finding.citations} >= {"uncc.35", "untoc.18"}


def test_the_two_assessments_differ_only_where_the_law_changed() -> None:
    before, after = assessed_in_india(date(2015, 3, 23)), assessed_in_india(date(2015, 3, 24))
    changed = {f.rule for f, g in zip(before.findings, after.findings, strict=True) if f != g}
    assert changed == {"dual_criminality"}
