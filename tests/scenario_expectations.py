"""What a scenario may expect of an assessment: one check per kind, each failing with a readable diff."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import TypeAdapter

from rightsgate.rules.assess import Assessment
from rightsgate.rules.findings import Finding
from rightsgate.rules.recommend import Scope


class ScenarioMismatchError(AssertionError):
    pass


def _only_entry(expected: dict[str, Any]) -> tuple[str, Any]:
    if not isinstance(expected, dict) or len(expected) != 1:
        raise ScenarioMismatchError("this expectation takes exactly one rule id")
    return next(iter(expected.items()))


def _findings(assessment: Assessment, rule: str) -> list[Finding]:
    found = [f for f in assessment.findings if f.rule == rule]
    if not found:
        summary = "; ".join(f"{f.rule}={f.outcome.value}" for f in assessment.findings)
        raise ScenarioMismatchError(f"no finding for rule {rule!r}; findings: {summary}")
    return found


def _summaries(findings: list[Finding]) -> str:
    return "; ".join(f"{f.outcome.value}: {f.summary}" for f in findings)


def finding(assessment: Assessment, expected: dict[str, Any]) -> None:
    """`finding: {rule: outcome}` (every finding of that rule) or `{rule: [outcomes]}` (in order)."""
    rule, outcome = _only_entry(expected)
    found = _findings(assessment, rule)
    actual = [f.outcome.value for f in found]
    wanted = outcome if isinstance(outcome, list) else [outcome] * len(actual)
    if actual != wanted:
        raise ScenarioMismatchError(f"rule {rule}: expected {wanted}, got {actual}\n  {_summaries(found)}")


def recommendation(assessment: Assessment, expected: str) -> None:
    rec = assessment.recommendation
    if rec.action.value != expected:
        why = [f"{g.rule}: {g.summary}" for g in rec.grounds] + [f"missing {m.field}" for m in rec.missing]
        raise ScenarioMismatchError(f"recommendation: expected {expected}, got {rec.action.value}\n  {why}")


def human_review_required(assessment: Assessment, expected: bool) -> None:
    rec = assessment.recommendation
    if rec.human_review_required is not expected:
        reasons = [f"{r.rule}: {r.summary}" for r in rec.review_reasons]
        raise ScenarioMismatchError(
            f"human_review_required: expected {expected}, got {rec.human_review_required} {reasons}"
        )


def missing_facts(assessment: Assessment, expected: list[str]) -> None:
    """The recommendation asks for exactly these fields."""
    actual = sorted(item.field for item in assessment.recommendation.missing)
    if actual != sorted(expected):
        raise ScenarioMismatchError(f"missing facts: expected {sorted(expected)}, got {actual}")


def narrowing(assessment: Assessment, expected: dict[str, Any]) -> None:
    """The remaining scope, on the keys given: data_categories, period, targets, withheld_measures."""
    scope = assessment.recommendation.narrowing
    if scope is None:
        raise ScenarioMismatchError(f"no narrowing; recommendation {assessment.recommendation.action.value}")
    actual = TypeAdapter(Scope).dump_python(scope, mode="json")
    diffs = {k: (v, actual[k]) for k, v in expected.items() if actual.get(k) != v}
    if diffs:
        raise ScenarioMismatchError(f"narrowing differs (expected, actual): {diffs}")


def cites(assessment: Assessment, expected: dict[str, list[str]]) -> None:
    """Every finding of the rule, together, cites at least these ids."""
    rule, ids = _only_entry(expected)
    actual = {c.id for f in _findings(assessment, rule) for c in f.citations}
    if not set(ids) <= actual:
        raise ScenarioMismatchError(
            f"rule {rule} cites {sorted(actual)}; missing {sorted(set(ids) - actual)}"
        )


def profile_values(assessment: Assessment, expected: dict[str, list[str]]) -> None:
    """The findings of the rule show exactly these domestic values (by key)."""
    rule, keys = _only_entry(expected)
    actual = sorted(v.key for f in _findings(assessment, rule) for v in f.profile_values_used)
    if actual != sorted(keys):
        raise ScenarioMismatchError(f"rule {rule}: profile values {actual}, expected {sorted(keys)}")


def evidence(assessment: Assessment, expected: dict[str, list[str]]) -> None:
    """The findings of the rule carry evidence spans for at least these tags."""
    rule, tags = _only_entry(expected)
    actual = {e.tag for f in _findings(assessment, rule) for e in f.evidence}
    if not set(tags) <= actual:
        raise ScenarioMismatchError(
            f"rule {rule}: evidence tags {sorted(actual)}, expected at least {sorted(tags)}"
        )


def conditions(assessment: Assessment, expected: list[str]) -> None:
    """The recommendation attaches at least these conditions of use."""
    actual = {c.code for c in assessment.recommendation.conditions}
    if not set(expected) <= actual:
        raise ScenarioMismatchError(f"conditions {sorted(actual)}, expected at least {sorted(expected)}")


EXPECTATIONS: dict[str, Callable[[Assessment, Any], None]] = {
    "finding": finding,
    "recommendation": recommendation,
    "human_review_required": human_review_required,
    "missing_facts": missing_facts,
    "narrowing": narrowing,
    "cites": cites,
    "profile_values": profile_values,
    "evidence": evidence,
    "conditions": conditions,
}
