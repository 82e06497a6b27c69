"""Property tests of the engine: determinism, monotonicity, a pure recommendation, cited findings.

Requests are generated (tests/strategies.py) and assessed under both shipped policies on dates in 2026.
Monotonicity: asking for more, or with less authority, never makes the recommendation more permissive
(PERMISSIVENESS: execute > execute_in_part > request_more_information > refuse).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
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
from rightsgate.rules.recommend import PERMISSIVENESS, Recommendation, recommend
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
# Each change is checked as stated on every generated request. Four of the five properties fail; each failing
# property keeps its full statement, is marked xfail (strict, so a fix shows up as XPASS) and carries its
# minimal counterexample as an explicit example. A companion test checks the same change on the requests
# outside the failing case, so the rest of the property stays guarded.

ON = date(2026, 9, 1)
CAPITAL_EXTREMISM = Offence(
    name="Extremist content online", max_penalty_years=5, death_penalty_possible=True, category="extremism"
)
PETTY_DEFAMATION = Offence(
    name="Criminal libel", max_penalty_years=0.5, death_penalty_possible=False, category="defamation"
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


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="authorisation unknown -> none: request_more_information becomes execute (convention-minimum, "
    "device data, for which no level is required) or execute_in_part (a known shortfall is narrowed)",
)
@MONOTONICITY
@example(request=_complete({"authorisation": {"kind": "unknown"}, "data_requested": ["device"]}), on=ON)
@given(request=requests(), on=on_dates)
def test_removing_authorisation_is_never_more_permissive(request: Request, on: date) -> None:
    _assert_not_more_permissive(
        request, _without_authorisation(request), on, "setting the authorisation to none"
    )


@MONOTONICITY
@given(request=requests(), on=on_dates)
def test_removing_a_known_authorisation_is_never_more_permissive(request: Request, on: date) -> None:
    """Companion: the original authorisation is known (not absent, not `unknown`)."""
    assume(request.authorisation is not None and request.authorisation.kind is not AuthorisationKind.unknown)
    _assert_not_more_permissive(
        request, _without_authorisation(request), on, "setting the authorisation to none"
    )


def _with_content(request: Request) -> Request:
    return request.model_copy(
        update={"data_requested": (*(request.data_requested or ()), DataCategory.content)}
    )


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="suspected bug: with data_requested unknown, any curable narrowing (here a wildcard "
    "target) leaves 'no data categories' and recommend() refuses; naming content gives execute_in_part",
)
@MONOTONICITY
@example(
    request=_complete(
        {"targets": [*base_request("complete")["targets"], WILDCARD.model_dump()]}, ("data_requested",)
    ),
    on=ON,
)
@given(request=requests(), on=on_dates)
def test_adding_content_is_never_more_permissive(request: Request, on: date) -> None:
    assume(DataCategory.content not in (request.data_requested or ()))
    _assert_not_more_permissive(request, _with_content(request), on, "adding content to data_requested")


@MONOTONICITY
@given(request=requests(), on=on_dates)
def test_adding_content_to_named_data_is_never_more_permissive(request: Request, on: date) -> None:
    """Companion: the request already names its data categories."""
    assume(request.data_requested and DataCategory.content not in request.data_requested)
    _assert_not_more_permissive(request, _with_content(request), on, "adding content to data_requested")


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


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="only non-specific targets -> refuse (nothing left); adding a specific identifier -> "
    "execute_in_part",
)
@MONOTONICITY
@example(request=_complete({"targets": [WILDCARD.model_dump()]}), on=ON, added=[SPECIFIC])
@given(request=requests(), on=on_dates, added=st.lists(specific_targets, min_size=1, max_size=3))
def test_adding_targets_is_never_more_permissive(request: Request, on: date, added: list[Target]) -> None:
    assert request.targets, "the strategy always names at least one target"
    names = ", ".join(t.identifier for t in added)
    _assert_not_more_permissive(request, _with_targets(request, added), on, f"adding targets ({names})")


@MONOTONICITY
@given(request=requests(), on=on_dates, added=st.lists(specific_targets, min_size=1, max_size=3))
def test_adding_targets_to_specific_targets_is_never_more_permissive(
    request: Request, on: date, added: list[Target]
) -> None:
    """Companion: every target the request already names is a specific identifier."""
    assume(all(t.identifier not in UNSPECIFIC_IDENTIFIERS for t in request.targets or ()))
    names = ", ".join(t.identifier for t in added)
    _assert_not_more_permissive(request, _with_targets(request, added), on, f"adding targets ({names})")


def _with_offence(request: Request, offence: Offence) -> Request:
    return request.model_copy(update={"offences": (*(request.offences or ()), offence)})


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="suspected bug (death_penalty): a capital offence with an assurance hides another offence's "
    "unknown death-penalty exposure, so request_more_information becomes execute; also offences unknown "
    "-> one named",
)
@MONOTONICITY
@example(request=_complete(unset=("offences",)), on=ON, offence=PETTY_DEFAMATION)
@example(
    request=_complete({"requesting_state": "XC"}, ("offences.0.death_penalty_possible",)),
    on=ON,
    offence=CAPITAL_EXTREMISM,
)
@given(request=requests(), on=on_dates, offence=expression_offences)
def test_adding_an_expression_offence_is_never_more_permissive(
    request: Request, on: date, offence: Offence
) -> None:
    _assert_not_more_permissive(request, _with_offence(request, offence), on, f"adding {offence!r}")


@MONOTONICITY
@given(request=requests(), on=on_dates, offence=expression_offences)
def test_adding_an_expression_offence_to_known_offences_is_never_more_permissive(
    request: Request, on: date, offence: Offence
) -> None:
    """Companion: the request names its offences, each with its death-penalty exposure known."""
    assume(request.offences and all(o.death_penalty_possible is not None for o in request.offences))
    _assert_not_more_permissive(request, _with_offence(request, offence), on, f"adding {offence!r}")


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
