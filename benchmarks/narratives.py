"""Realistic fictional narratives for the generated benchmark requests, in the lexicon's six languages.

`narratives.yaml` gives each narrative's `facts`, `purpose` and `link_to_offence` as templates, with the
conduct categories its offences are usually charged under. Each request fills one in with names, dates,
amounts, a place and a file number, so no two generated requests share a text (as real requests never
do). Most tell ordinary cybercrime; some tell conduct a request may target for being protected activity
(reporting, protest, research), as a real stream of requests does.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).with_name("narratives.yaml")


@dataclass(frozen=True)
class Narrative:
    language: str
    facts: str
    purpose: str
    link: str
    categories: tuple[str, ...]


@cache
def _data() -> dict[str, Any]:
    with DATA.open(encoding="utf-8") as file:
        data: dict[str, Any] = yaml.safe_load(file)
    data["narratives"] = [
        Narrative(**{**n, "categories": tuple(n["categories"])}) for n in data["narratives"]
    ]
    return data


def _day(when: date, language: str) -> str:
    return when.strftime("%d %B %Y") if language == "en" else when.strftime("%d.%m.%Y")


def narrative(rng: random.Random, index: int) -> tuple[Narrative, dict[str, str]]:
    """A narrative and its texts for request `index`, filled in with names, dates, amounts, a place and
    the requesting authority's file number (which the purpose and the link cite, as requests do)."""
    data = _data()
    chosen: Narrative = rng.choice(data["narratives"])
    language = chosen.language
    first, last = data["names"][language]
    start = date(2025, 1, 1) + timedelta(days=rng.randrange(540))
    details = {
        "who": f"{rng.choice(first)} {rng.choice(last)}",
        "day": _day(start, language),
        "day2": _day(start + timedelta(days=rng.randrange(1, 90)), language),
        "amount": f"{rng.randrange(800, 2_500_000):,} {data['currencies'][language]}",
        "firm": rng.choice(data["firms"]),
        "city": rng.choice(data["cities"][language]),
        "n": str(rng.randrange(2, 400)),
        "age": str(rng.randrange(14, 70)),
        "ref": f"{rng.randrange(10, 99)}/{start.year}-{index:06d}",
    }
    cited = data["file"][language].format(**details)
    texts = {
        "facts": chosen.facts.format(**details),
        "purpose": f"{chosen.purpose.format(**details)} {cited}",
        "link_to_offence": f"{chosen.link.format(**details)} {cited}",
    }
    return chosen, texts
