"""The one explanation object every interface renders: the assessment with its citations resolved.

The CLI (text or JSON), and later the API and the web pages, all render an `Explanation`, so the
reasoning a reviewer reads is the same everywhere.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from rightsgate.law.loader import Law
from rightsgate.law.registry import CitationEntry
from rightsgate.rules.assess import Assessment

SCHEMA_VERSION = "1"


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CitationView(Frozen):
    id: str
    title: str
    heading_chain: tuple[str, ...]
    paraphrase: str
    source: str
    url: str
    confidence: str
    verified: bool


class Explanation(Frozen):
    schema_version: str = SCHEMA_VERSION
    assessment: Assessment
    citations: dict[str, CitationView]


def view(entry: CitationEntry) -> CitationView:
    return CitationView(
        id=entry.id,
        title=entry.title,
        heading_chain=entry.heading_chain,
        paraphrase=entry.paraphrase,
        source=entry.source.symbol,
        url=str(entry.source.url),
        confidence=entry.confidence.value,
        verified=entry.verified,
    )


def _cited_ids(assessment: Assessment) -> list[str]:
    recommendation = assessment.recommendation
    citations = [c for f in assessment.findings for c in f.citations]
    citations += [c for g in (*recommendation.grounds, *recommendation.review_reasons) for c in g.citations]
    citations += [c for condition in recommendation.conditions for c in condition.citations]
    return sorted({c.id for c in citations})


def explain(assessment: Assessment, law: Law) -> Explanation:
    """Attach every cited provision's title, heading chain, paraphrase and source."""
    return Explanation(
        assessment=assessment, citations={cid: view(law.citations[cid]) for cid in _cited_ids(assessment)}
    )


class RuleComparison(Frozen):
    rule: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    differs: bool


class Comparison(Frozen):
    """The same request under two policies; each rule whose outcomes differ is a safeguard gap."""

    left: Explanation
    right: Explanation
    rules: tuple[RuleComparison, ...]


def _outcomes_by_rule(assessment: Assessment) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for finding in assessment.findings:
        found[finding.rule] = (*found.get(finding.rule, ()), finding.outcome.value)
    return found


def compare(left: Explanation, right: Explanation) -> Comparison:
    """Line up two explanations rule by rule."""
    a, b = _outcomes_by_rule(left.assessment), _outcomes_by_rule(right.assessment)
    rules = tuple(
        RuleComparison(
            rule=rule, left=a.get(rule, ()), right=b.get(rule, ()), differs=a.get(rule) != b.get(rule)
        )
        for rule in dict.fromkeys([*a, *b])
    )
    return Comparison(left=left, right=right, rules=rules)
