"""Templates, the error page and small display helpers (highlighting screening evidence in the facts)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from rightsgate.intake import FieldError

OUTCOME_LABELS = {
    "not_applicable": "Not applicable",
    "satisfied": "Satisfied",
    "not_satisfied": "Not satisfied",
    "information_missing": "Information missing",
    "refusal_required": "Refusal required",
    "refusal_permitted": "Refusal permitted",
    "needs_human_review": "Needs a person's review",
}


def highlight(text: str | None, spans: list[dict[str, Any]]) -> Markup:
    """The text with each evidence span marked, its screening tag as the mark's title."""
    if not text:
        return Markup("")
    out, at = [], 0
    for span in sorted(spans, key=lambda s: s["start"]):
        if span["start"] < at or span["end"] > len(text):
            continue
        out += [escape(text[at : span["start"]]), _mark(text[span["start"] : span["end"]], span["tag"])]
        at = span["end"]
    out.append(escape(text[at:]))
    return Markup("").join(out)


def _mark(words: str, tag: str) -> Markup:
    return Markup('<mark title="screening sign: {tag}">{words}</mark>').format(tag=tag, words=words)


def evidence_by_field(explanation: dict[str, Any] | None) -> dict[str, list[dict[str, Any]]]:
    """Every screening span of the assessment, by the request field it was found in."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for finding in (explanation or {}).get("assessment", {}).get("findings", []):
        for span in finding.get("evidence", []):
            found[span["field"]].append(span)
    return found


def by_rule(findings: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Findings grouped by the rule module that made them (`scope.offence` under `scope`)."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for finding in findings:
        grouped[finding["rule"].split(".")[0]].append(finding)
    return grouped


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("rightsgate.web"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals |= {"outcome_label": OUTCOME_LABELS.get, "highlight": highlight}
    env.filters["words"] = lambda value: str(value).replace("_", " ")
    env.filters["outcome_label"] = lambda value: OUTCOME_LABELS.get(value, value)
    return env


TEMPLATES = Jinja2Templates(env=_environment())


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a page with the signed-in user, their CSRF token and any notice."""
    context |= {
        "user": request.session.get("user"),
        "role": request.session.get("role"),
        "csrf": request.session.get("csrf", ""),
        "notice": request.session.pop("notice", None),
    }
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status)


def error_page(
    request: Request, status: int, title: str, detail: str, errors: list[FieldError]
) -> HTMLResponse:
    """A clear page for every error, saying what went wrong and where to go next."""
    return page(
        request, "error.html", status=status, status_code=status, title=title, detail=detail, errors=errors
    )
