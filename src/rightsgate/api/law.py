"""The law, published read-only: citations, State profiles, policies, rules and the Convention status.

Publishing the rules is itself a transparency measure, so these routes need no sign-in.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter

from rightsgate.api.deps import LawDep
from rightsgate.api.problems import LookupFailedError
from rightsgate.explain import CitationView, view
from rightsgate.law.summary import treaty_row, values_in_force
from rightsgate.rules.catalogue import rule_entries
from rightsgate.rules.facts import Request

router = APIRouter(prefix="/api/law", tags=["law"])


def _found(table: dict[str, Any], key: str, what: str) -> Any:
    if key not in table:
        raise LookupFailedError(f"no {what} {key!r}")
    return table[key]


@router.get("/citations")
def citations(law: LawDep) -> list[CitationView]:
    """Every citable provision: heading chain, our paraphrase, source and whether its number is verified."""
    return [view(entry) for _, entry in sorted(law.citations.items())]


@router.get("/citations/{citation_id}")
def citation(citation_id: str, law: LawDep) -> CitationView:
    return view(_found(law.citations, citation_id, "citation"))


@router.get("/profiles")
def profiles(law: LawDep) -> list[dict[str, Any]]:
    """The State profiles: code, name and when each was last reviewed."""
    return [
        {"code": code, "name": p.state.name, "last_reviewed": p.metadata.last_reviewed}
        for code, p in sorted(law.profiles.items())
    ]


@router.get("/profiles/{code}")
def profile(code: str, law: LawDep, on: date | None = None) -> dict[str, Any]:
    """A State's values in force on a date (default today), each with its source and start date."""
    found = _found(law.profiles, code.upper(), "State profile")
    day = on or date.today()
    return {
        "code": found.state.code,
        "name": found.state.name,
        "on": day,
        "last_reviewed": found.metadata.last_reviewed,
        "values": [vars_of(value) for value in values_in_force(found, day)],
        "declarations": [d.model_dump(mode="json") for d in found.declarations],
    }


def vars_of(value: Any) -> dict[str, Any]:
    return {"key": value.key, "value": value.value, "since": value.since, "source": value.source}


@router.get("/policies")
def policies(law: LawDep) -> list[str]:
    return sorted(law.policies)


@router.get("/policies/{name}")
def policy(name: str, law: LawDep) -> dict[str, Any]:
    """A policy's settings, each citing what it rests on."""
    found = _found(law.policies, name, "policy")
    return dict(found.model_dump(mode="json"))


@router.get("/rules")
def rules() -> list[dict[str, object]]:
    """Every rule the engine applies, in order, with its outcomes and citations."""
    return rule_entries()


@router.get("/status")
def status(law: LawDep) -> list[dict[str, str]]:
    """Signature, ratification and entry into force of the Convention and Budapest instruments."""
    return [treaty_row(p) for _, p in sorted(law.profiles.items())]


@router.get("/schema")
def schema() -> dict[str, Any]:
    """The JSON Schema of the request format accepted by POST /api/cases."""
    return Request.model_json_schema()
