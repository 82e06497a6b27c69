"""Rendering an explanation as text for a terminal: findings grouped by rule, each with its law."""

from __future__ import annotations

from itertools import groupby

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from rightsgate.explain import Comparison, Explanation
from rightsgate.rules.findings import Finding, Outcome
from rightsgate.rules.recommend import Recommendation, Scope

STYLE = {
    Outcome.satisfied: ("✔", "green"),
    Outcome.not_applicable: ("–", "dim"),
    Outcome.not_satisfied: ("✘", "red"),
    Outcome.information_missing: ("?", "yellow"),
    Outcome.refusal_required: ("⛔", "bold red"),
    Outcome.refusal_permitted: ("!", "magenta"),
    Outcome.needs_human_review: ("👁", "cyan"),
}
ACTION_STYLE = {
    "execute": "green",
    "execute_in_part": "yellow",
    "request_more_information": "yellow",
    "refuse": "bold red",
}


def _citations(finding: Finding, explanation: Explanation) -> Text:
    text = Text()
    for citation in finding.citations:
        entry = explanation.citations[citation.id]
        badge = "" if entry.verified else " [unverified]"
        text.append(f"    § {citation.id} {entry.title}{badge}", style="dim")
        text.append(f" ({citation.pinpoint})\n" if citation.pinpoint else "\n", style="dim")
    return text


def _details(finding: Finding) -> Text:
    text = Text()
    for fact in finding.missing_facts:
        text.append(f"    missing: {fact.field} ({fact.reason})\n", style="yellow")
    for value in finding.profile_values_used:
        text.append(f"    {value.state} law: {value.value} [source: {value.source}]\n", style="blue")
    for sign in finding.signs:
        text.append(f"    sign: {sign.tag} {sign.confidence:.2f} ({', '.join(sign.signals)})\n", style="cyan")
    for span in finding.evidence:
        text.append(f"      {span.signal} ({span.tag}): “{span.text}” in {span.field}\n", style="cyan")
    if finding.narrowing:
        text.append(f"    narrowing: {finding.narrowing.reason}\n", style="yellow")
    return text


def _finding(finding: Finding, explanation: Explanation) -> Text:
    symbol, style = STYLE[finding.outcome]
    text = Text(f"  {symbol} ", style=style)
    text.append(f"{finding.rule}: ", style="bold")
    text.append(f"{finding.outcome.value}", style=style)
    text.append(f" — {finding.summary}\n")
    return text + _details(finding) + _citations(finding, explanation)


def _scope(scope: Scope) -> str:
    period = f"{scope.period.start} to {scope.period.end}" if scope.period else "as requested"
    withheld = f"; withheld: {', '.join(scope.withheld_measures)}" if scope.withheld_measures else ""
    data, targets = _listed(scope.data_categories), _listed(scope.targets)
    return f"data: {data}; period: {period}; targets: {targets}{withheld}"


def _listed(items: tuple[str, ...] | None) -> str:
    """A dimension of the scope: its items, 'none', or 'as requested' where the request does not state it."""
    return "as requested" if items is None else ", ".join(items) or "none"


def _recommendation(rec: Recommendation) -> Text:
    text = Text("Recommendation: ", style="bold")
    text.append(rec.action.value, style=ACTION_STYLE[rec.action.value])
    for ground in rec.grounds:
        text.append(f"\n  ground: {ground.rule} — {ground.summary}")
    for item in rec.missing:
        text.append(f"\n  ask for: {item.field} ({item.reason}; needed by {', '.join(item.rules)})")
    if rec.narrowing and rec.action.value == "execute_in_part":
        text.append(f"\n  execute only: {_scope(rec.narrowing)}")
    for condition in rec.conditions:
        text.append(f"\n  condition: {condition.text}")
    text.append(f"\n  human review required: {'yes' if rec.human_review_required else 'no'}")
    for reason in rec.review_reasons:
        text.append(f"\n    review: {reason.rule} — {reason.summary}")
    return text


def render(explanation: Explanation, console: Console) -> None:
    """Print one explanation: a header, findings grouped by rule, then the recommendation."""
    assessment = explanation.assessment
    header = (
        f"{assessment.reference} · assessed on {assessment.on} · policy {assessment.policy} · "
        f"engine {assessment.engine_version} · law {assessment.law_digest[:12]}"
    )
    parts: list[Text] = []
    for rule, findings in groupby(assessment.findings, key=lambda f: f.rule.split(".")[0]):
        parts.append(Text(rule, style="bold underline"))
        parts += [_finding(f, explanation) for f in findings]
    parts.append(_recommendation(assessment.recommendation))
    console.print(Panel(Group(*parts), title=escape(header), title_align="left"))


def render_comparison(comparison: Comparison, console: Console) -> None:
    """Two policies side by side: every rule whose outcome differs is a safeguard gap."""
    left, right = comparison.left.assessment, comparison.right.assessment
    table = Table(title=f"{left.reference}: the safeguard gap between policies")
    for column in ("rule", left.policy, right.policy):
        table.add_column(column)
    for row in comparison.rules:
        table.add_row(
            row.rule,
            ", ".join(row.left) or "—",
            ", ".join(row.right) or "—",
            style="bold" if row.differs else "dim",
        )
    table.add_row(
        "recommendation", left.recommendation.action.value, right.recommendation.action.value, style="bold"
    )
    console.print(table)
