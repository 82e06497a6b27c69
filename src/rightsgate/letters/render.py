"""Rendering letters: refusal with grounds and reasons, request for more information with the exact
list, conditions of use for any transfer, and partial execution with what was withheld and why.

Each letter draws only on the stored advice and the effective decision, and issuing one is audited.
One template per letter; the Markdown or HTML form comes from a small macro file, so both say the same.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, StrictUndefined
from sqlalchemy.orm import Session

from rightsgate.audit import events
from rightsgate.audit.service import record
from rightsgate.auth.permissions import Actor, require
from rightsgate.cases.access import ensure_in_scope
from rightsgate.cases.advice import latest_assessment
from rightsgate.cases.models import Case, Decision
from rightsgate.cases.workflow import WorkflowError, latest_decision

Kind = Literal["refusal", "more_information", "conditions", "partial"]
Format = Literal["md", "html"]
ENVIRONMENTS = {
    fmt: Environment(
        loader=PackageLoader("rightsgate.letters"),
        autoescape=fmt == "html",
        undefined=StrictUndefined,
        trim_blocks=True,
        keep_trailing_newline=True,
    )
    for fmt in ("md", "html")
}


def _cited(ground: dict[str, Any], citations: dict[str, Any]) -> str:
    titles = [f"{c['id']} ({citations[c['id']]['title']})" for c in ground["citations"]]
    return f"{ground['summary']} [{'; '.join(titles)}]"


def _conditions(decision: Decision) -> list[str]:
    return [f"{key.replace('_', ' ').capitalize()}: {text}" for key, text in decision.conditions.items()]


def _refusal(advice: dict[str, Any], decision: Decision | None, case: Case) -> dict[str, Any]:
    rec = advice["assessment"]["recommendation"]
    grounds = rec["grounds"] or rec["review_reasons"]
    return {"grounds": [_cited(g, advice["citations"]) for g in grounds]}


def _more_information(advice: dict[str, Any], decision: Decision | None, case: Case) -> dict[str, Any]:
    missing = advice["assessment"]["recommendation"]["missing"]
    return {"missing": [f"{item['field']}: {item['reason']}" for item in missing]}


def _transfer(advice: dict[str, Any], decision: Decision | None, case: Case) -> dict[str, Any]:
    assert decision is not None
    return {"conditions": _conditions(decision)}


def _partial(advice: dict[str, Any], decision: Decision | None, case: Case) -> dict[str, Any]:
    assert decision is not None
    dropped = [c for c in case.data_requested if c not in decision.data_categories]
    narrowing = advice["assessment"]["recommendation"]["narrowing"] or {"reasons": []}
    withheld = [f"{c} data" for c in dropped] + list(decision.withheld) + list(narrowing["reasons"])
    kept = [f"{c} data" for c in decision.data_categories]
    return {"kept": kept, "withheld": withheld or ["Nothing further."], "conditions": _conditions(decision)}


CONTEXT: dict[str, tuple[Callable[..., dict[str, Any]], frozenset[str] | None]] = {
    "refusal": (_refusal, frozenset({"refused"})),
    "more_information": (_more_information, None),
    "conditions": (_transfer, frozenset({"execute", "execute_in_part"})),
    "partial": (_partial, frozenset({"execute_in_part"})),
}


def _basis(session: Session, case: Case, kind: Kind) -> tuple[dict[str, Any], Decision | None]:
    """The stored advice and the effective decision the letter rests on; refuse if they do not fit."""
    advice = latest_assessment(session, case)
    explained = advice.explained() if advice else None
    if advice is None or explained is None:
        raise WorkflowError(f"case {case.id} has no stored assessment to write from")
    decision = latest_decision(session, case)
    needed = CONTEXT[kind][1]
    if needed is None:
        if advice.recommendation != "request_more_information":
            raise WorkflowError(f"case {case.id}: the latest assessment asks for no more information")
        return explained, decision
    if decision is None or not decision.effective or decision.action not in needed:
        raise WorkflowError(
            f"case {case.id}: a {kind} letter needs an effective decision of {sorted(needed)}"
        )
    return explained, decision


def render_letter(
    session: Session, case: Case, *, kind: Kind, fmt: Format, actor: Actor, now: datetime | None = None
) -> str:
    """Render one letter for the case and record that it was issued."""
    require(actor, "letter:issue")
    ensure_in_scope(actor, case)
    advice, decision = _basis(session, case, kind)
    context = CONTEXT[kind][0](advice, decision, case)
    template = ENVIRONMENTS[fmt].get_template(f"{kind}.j2")
    text = template.render(case=case, decision=decision, fmt=f"_{fmt}.j2", **context)
    letter = events.LetterIssued(actor=actor.username, case_id=case.id, kind=kind, format=fmt)
    record(session, letter, now=now or datetime.now(UTC))
    return text
