"""Property tests of the engine: determinism, monotonicity, a pure recommendation, cited findings.

Requests are generated (tests/strategies.py) and assessed under both shipped policies on dates in 2026.
Monotonicity: asking for more, or with less authority, never makes the recommendation more permissive
(PERMISSIVENESS: execute > execute_in_part > request_more_information > refuse).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from hypothesis import assume, event, example, given, settings
from hypothesis import strategies as st

from rightsgate.intake import parse_request
from rightsgate.rules.assess import Assessment, assess
from rightsgate.rules.citations import registry
from rightsgate.rules.facts import (
    Authorisation,
    AuthorisationKind,
    DataCategory,
    Offence,
    Period,
    Request,
    Target,
    TargetKind,
)
from rightsgate.rules.findings import Outcome
from rightsgate.rules.recommend import PERMISSIVENESS, Action, Recommendation, recommend
from tests.scenario_plugin import base_request, build_request, shipped_law
from tests.strategies import (
    UNSPECIFIC_IDENTIFIERS,
    YEAR_2026,
    expression_offences,
    requests,
    specific_targets,
)

POLICIES = ("convention-minimum", "rights-respecting")
on_dates = st.dates(*YEAR_2026)
# No example database: the tests write nothing to the working tree, and each run draws afresh.
SETTINGS = settings(max_examples=150, deadline=None, database=None)
MONOTONICITY = settings(max_examples=300, deadline=None, database=None)


def _assess_both(request: Request, on: date) -> dict[str, Assessment]:
    return {policy: assess(request, shipped_law(), on=on, policy=policy) for policy in POLICIES}


def _describe(recommendation: Recommendation) -> str:
    lines = [f"  action: {recommendation.action.value}"]
    lines += [f"  ground {g.rule}: {g.summary}" for g in recommendation.grounds]
    lines += [f"  missing {m.field} ({', '.join(m.rules)})" for m in recommendation.missing]
    if recommendation.narrowing is not None:
        n = recommendation.narrowing
        lines.append(
            f"  narrowing: data={[c.value for c in n.data_categories]} period={n.period} "
            f"targets={list(n.targets)} withheld={list(n.withheld_measures)}"
        )
    return "\n".join(lines)


def _assert_not_more_permissive(before: Request, after: Request, on: date, change: str) -> None:
    """Under each policy, the changed request is recommended no more permissively than the original."""
    for policy in POLICIES:
        was = assess(before, shipped_law(), on=on, policy=policy).recommendation
        now = assess(after, shipped_law(), on=on, policy=policy).recommendation
        event(f"{policy}: {was.action.value} -> {now.action.value}")
        assert PERMISSIVENESS[now.action] <= PERMISSIVENESS[was.action], (
            f"{change} made the recommendation more permissive under {policy} on {on}:\n"
            f"before:\n{_describe(was)}\nafter:\n{_describe(now)}"
        )


# 1. Determinism ------------------------------------------------------------------------------------------


@SETTINGS
@given(request=requests(), on=on_dates)
def test_assessment_is_deterministic(request: Request, on: date) -> None:
    for policy in POLICIES:
        first = assess(request, shipped_law(), on=on, policy=policy)
        assert assess(request, shipped_law(), on=on, policy=policy) == first
        assert assess(request.model_copy(), shipped_law(), on=on, policy=policy) == first
        assert assess(request.model_copy(deep=True), shipped_law(), on=on, policy=policy) == first


# 2. Monotonicity -----------------------------------------------------------------------------------------
#
# Asking for more, or with less authority, never makes the recommendation more permissive. Each property
# starts from a request in which the changed fact is *known*: turning an unknown fact into a known one is
# learning, not asking for more, and may rightly lift `request_more_information` to `execute` (the
# examples below show the engine doing so). Likewise, adding a specific target to a request whose only
# targets are indiscriminate gives it something executable for the first time; the property then holds
# over what is executed (the added targets, never more).

ON = date(2026, 9, 1)
CAPITAL_EXTREMISM = Offence(
    name="Extremist content online", max_penalty_years=5, death_penalty_possible=True, category="extremism"
)
WILDCARD = Target(kind=TargetKind.email, identifier="*@example.org", provider="Mailhost XB (fictional)")
SPECIFIC = Target(
    kind=TargetKind.email, identifier="invoices-desk@example.org", provider="Mailhost XB (fictional)"
)


def _complete(changes: dict[str, Any] | None = None, unset: tuple[str, ...] = ()) -> Request:
    """The complete base request of the scenarios (executable on ON), changed."""
    data = build_request({"request": changes or {}, "unset": list(unset)})
    return parse_request(json.dumps(data, default=str), filename="complete.json")


def _without_authorisation(request: Request) -> Request:
    return request.model_copy(update={"authorisation": Authorisation(kind=AuthorisationKind.none)})


@MONOTONICITY
@given(request=requests(), on=on_dates)
def test_removing_a_known_authorisation_is_never_more_permissive(request: Request, on: date) -> None:
    assume(request.authorisation is not None and request.authorisation.kind is not AuthorisationKind.unknown)
    _assert_not_more_permissive(
        request, _without_authorisation(request), on, "setting the authorisation to none"
    )


def test_an_unknown_authorisation_is_moot_where_nothing_needs_authorising() -> None:
    """Device data under convention-minimum need no level: the engine does not ask who authorised."""
    request = _complete({"authorisation": {"kind": "unknown"}, "data_requested": ["device"]})
    result = assess(request, shipped_law(), on=ON, policy="convention-minimum")
    assert [f.outcome for f in result.findings if f.rule == "authorisation"] == [Outcome.satisfied]


def _with_content(request: Request) -> Request:
    return request.model_copy(
        update={"data_requested": (*(request.data_requested or ()), DataCategory.content)}
    )


@MONOTONICITY
@given(request=requests(), on=on_dates)
def test_adding_content_to_named_data_is_never_more_permissive(request: Request, on: date) -> None:
    assume(request.data_requested and DataCategory.content not in request.data_requested)
    _assert_not_more_permissive(request, _with_content(request), on, "adding content to data_requested")


def test_unstated_data_categories_are_asked_for_not_read_as_none() -> None:
    """With the data unstated, withholding a wildcard target leaves the data unknown, not empty."""
    targets = [*base_request("complete")["targets"], WILDCARD.model_dump()]
    request = _complete({"targets": targets}, ("data_requested",))
    for policy in POLICIES:
        recommendation = assess(request, shipped_law(), on=ON, policy=policy).recommendation
        assert recommendation.action is Action.request_more_information
        assert recommendation.narrowing is not None and recommendation.narrowing.data_categories is None


@MONOTONICITY
@given(request=requests(), on=on_dates, earlier=st.integers(0, 400), later=st.integers(0, 400))
def test_widening_the_period_is_never_more_permissive(
    request: Request, on: date, earlier: int, later: int
) -> None:
    assume(request.period is not None and earlier + later > 0)
    assert request.period is not None
    wider = Period(
        start=request.period.start - timedelta(days=earlier), end=request.period.end + timedelta(days=later)
    )
    after = request.model_copy(update={"period": wider})
    _assert_not_more_permissive(request, after, on, f"widening the period to {wider.start}..{wider.end}")


def _with_targets(request: Request, added: list[Target]) -> Request:
    return request.model_copy(update={"targets": (*(request.targets or ()), *added)})


@MONOTONICITY
@given(request=requests(), on=on_dates, added=st.lists(specific_targets, min_size=1, max_size=3))
def test_adding_targets_is_never_more_permissive(request: Request, on: date, added: list[Target]) -> None:
    """The request already names at least one specific target."""
    assume(any(t.identifier not in UNSPECIFIC_IDENTIFIERS for t in request.targets or ()))
    names = ", ".join(t.identifier for t in added)
    _assert_not_more_permissive(request, _with_targets(request, added), on, f"adding targets ({names})")


def _executed_targets(request: Request, recommendation: Recommendation) -> set[str]:
    """The identifiers a recommendation would execute for."""
    if recommendation.action is Action.execute:
        return {t.identifier for t in request.targets or ()}
    if recommendation.action is Action.execute_in_part and recommendation.narrowing:
        return set(recommendation.narrowing.targets or ())
    return set()


@MONOTONICITY
@given(request=requests(), on=on_dates, added=st.lists(specific_targets, min_size=1, max_size=3))
def test_adding_targets_never_executes_more_than_the_added_targets(
    request: Request, on: date, added: list[Target]
) -> None:
    """Whatever the request named before, a target added to it is the most that adding it can release."""
    after = _with_targets(request, added)
    for policy in POLICIES:
        was = assess(request, shipped_law(), on=on, policy=policy).recommendation
        now = assess(after, shipped_law(), on=on, policy=policy).recommendation
        released = _executed_targets(after, now) - _executed_targets(request, was)
        assert released <= {t.identifier for t in added}, f"{policy}: {released} released by adding {added}"


def _with_offence(request: Request, offence: Offence) -> Request:
    return request.model_copy(update={"offences": (*(request.offences or ()), offence)})


@MONOTONICITY
@example(
    request=_complete({"requesting_state": "XC"}, ("offences.0.death_penalty_possible",)),
    on=ON,
    offence=CAPITAL_EXTREMISM,
)
@given(request=requests(), on=on_dates, offence=expression_offences)
def test_adding_an_expression_offence_is_never_more_permissive(
    request: Request, on: date, offence: Offence
) -> None:
    """The request names its offences (whether each can carry the death penalty may be unknown)."""
    assume(request.offences)
    _assert_not_more_permissive(request, _with_offence(request, offence), on, f"adding {offence!r}")


def test_an_assurance_against_the_death_penalty_makes_unknown_exposure_moot() -> None:
    request = _complete({"requesting_state": "XC"}, ("offences.0.death_penalty_possible",))
    for policy in POLICIES:
        findings = assess(request, shipped_law(), on=ON, policy=policy).findings
        assert [f.outcome for f in findings if f.rule == "death_penalty"] == [Outcome.satisfied]


# 3. The recommendation is a pure function of the findings --------------------------------------------------


@SETTINGS
@given(request=requests(), on=on_dates)
def test_recommendation_is_a_function_of_the_findings(request: Request, on: date) -> None:
    for assessment in _assess_both(request, on).values():
        assert recommend(request, list(assessment.findings)) == assessment.recommendation


# 4. Findings cite the law; missing information names the facts -------------------------------------------


@SETTINGS
@given(request=requests(), on=on_dates)
def test_findings_cite_and_name_missing_facts(request: Request, on: date) -> None:
    known = registry()
    for policy, assessment in _assess_both(request, on).items():
        for finding in assessment.findings:
            assert finding.citations, f"{policy}: {finding.rule} cites nothing"
            unknown = [c.id for c in finding.citations if c.id not in known]
            assert not unknown, f"{policy}: {finding.rule} cites ids not in the registry: {unknown}"
            if finding.outcome is Outcome.information_missing:
                assert finding.missing_facts, (
                    f"{policy}: {finding.rule} is missing information but names none"
                )
