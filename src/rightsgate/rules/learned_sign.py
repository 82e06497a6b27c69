"""The learned layer of the screening: a second reader for narratives where the lexicon flags nothing.

Dressed persecution is often told in everyday words no list can hold in advance ("took a job at the
plant and filmed"). Where the lexicon raises no sign at the review threshold, the learned model
(`law/learned.py`) reads the offence names and categories and the facts; when its chance of protected
activity reaches the model's threshold, it adds a sign with the signal `learned`: on the lexicon's
strongest weak sign if there is one (its confidence combined with `LEARNED` as independent signals),
else on the tag the narrative most resembles, at `LEARNED`. It adds no evidence span: the spans a person
sees are still the lexicon's words. Like the lexicon, it only sends a request to a person; it never
refuses, and it never lowers or removes a sign.
"""

from __future__ import annotations

from rightsgate.law.learned import LearnedModel
from rightsgate.law.loader import Law
from rightsgate.rules.facts import Request
from rightsgate.rules.findings import Sign
from rightsgate.rules.screening import REVIEW_THRESHOLD, Screening, screen

LEARNED = REVIEW_THRESHOLD  # the model alone is just enough for a person to look


def model_text(request: Request) -> str:
    """What the model reads: each offence's name and category, then the facts (as it was trained)."""
    offences = [f"{o.name} ({o.category or ''})" for o in request.offences or ()]
    return " ".join([*offences, request.facts or ""])


def _raised(sign: Sign) -> Sign:
    confidence = 1.0 - (1.0 - sign.confidence) * (1.0 - LEARNED)
    return Sign(tag=sign.tag, confidence=round(confidence, 2), signals=(*sign.signals, "learned"))


def with_learned(found: Screening, request: Request, model: LearnedModel) -> Screening:
    """The screening with the model's sign added where the lexicon flagged nothing and the model's
    chance reaches its threshold; otherwise the screening unchanged."""
    if found.flagged or not request.facts:
        return found
    text = model_text(request)
    if model.chance(text) < model.threshold:
        return found
    if found.signs:
        strongest, *others = found.signs
        return Screening(signs=(_raised(strongest), *others), evidence=found.evidence)
    learned = Sign(tag=model.likely_tag(text), confidence=LEARNED, signals=("learned",))
    return Screening(signs=(learned,), evidence=found.evidence)


def screen_request(request: Request, law: Law) -> Screening:
    """The lexicon's screening, with the learned layer's sign where it adds one."""
    return with_learned(screen(request, law.lexicon), request, law.learned)
