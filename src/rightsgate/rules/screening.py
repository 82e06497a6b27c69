"""Screening the narrative for signs that protected activity is targeted (simple multilingual lexicon).

Requests aimed at journalists, protesters, researchers and others rarely say so; the words describing
the conduct often do. This returns the evidence spans for a person to weigh; it never refuses by itself.
"""

from __future__ import annotations

from rightsgate.law.lexicon import Lexicon
from rightsgate.rules.facts import Request
from rightsgate.rules.findings import Evidence


def _texts(request: Request) -> list[tuple[str, str]]:
    """The free-text fields that describe the conduct, by field path."""
    texts = [
        ("facts", request.facts),
        ("purpose", request.purpose),
        ("link_to_offence", request.link_to_offence),
    ]
    texts += [(f"offences[{i}].name", o.name) for i, o in enumerate(request.offences or ())]
    return [(field, text) for field, text in texts if text]


def screen(request: Request, lexicon: Lexicon) -> tuple[Evidence, ...]:
    """Every lexicon match in the request's free text, in order of field and position."""
    found = {
        Evidence(field=field, tag=tag, start=start, end=end, text=text[start:end])
        for field, text in _texts(request)
        for tag, start, end in lexicon.matcher.find(text)
    }
    return tuple(sorted(found, key=lambda e: (e.field, e.start, e.tag)))
