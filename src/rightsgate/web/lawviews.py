"""The law browser: Convention articles, State profiles with sources and dates, the status table."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from rightsgate.api.deps import LawDep
from rightsgate.explain import view
from rightsgate.law.summary import TREATIES, treaty_row, values_in_force
from rightsgate.web.render import page

router = APIRouter(include_in_schema=False)


@router.get("/law")
def articles(request: Request, law: LawDep) -> HTMLResponse:
    """Every citable provision with its heading chain, paraphrase, source and verification badge."""
    entries = [view(entry) for _, entry in sorted(law.citations.items())]
    return page(request, "law_index.html", entries=entries, profiles=sorted(law.profiles.items()))


@router.get("/law/profiles/{code}")
def profile(request: Request, code: str, law: LawDep, on: date | None = None) -> HTMLResponse:
    found = law.profile(code)
    if found is None:
        raise HTTPException(404, f"There is no profile for the State {code.upper()!r}.")
    day = on or date.today()
    return page(request, "law_profile.html", profile=found, on=day, values=values_in_force(found, day))


@router.get("/law/status")
def status(request: Request, law: LawDep) -> HTMLResponse:
    """Signature, ratification and entry into force by State, from the dated profiles."""
    rows = [treaty_row(p) for _, p in sorted(law.profiles.items())]
    return page(request, "law_status.html", rows=rows, treaties=TREATIES)
