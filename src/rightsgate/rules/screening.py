"""Screening a request for signs that protected activity is targeted, with a confidence per sign.

Requests aimed at journalists, protesters, researchers and others rarely say so; the conduct they
describe often does. Three signals are combined per tag, each kept as evidence spans for a person to
weigh: the conduct described in the facts, purpose, link to the offence and offence names (lexicon
terms, in any of the lexicon's languages); an offence category that is itself a sign (a charge of
unlawful assembly suggests protest); and a charge whose category contrasts with the conduct (a "hacking"
charge where the conduct described is reporting a flaw). Words in the facts describing harm to systems
or victims (ransom, wiped data, stolen funds), or a charge that names a victim (fraud, threats) which
the tag does not list as a contrast, halve the confidence drawn from the conduct, because genuine
cybercrime is often told with political words or aimed at a journalist, an NGO or a church. A sign at or
above `REVIEW_THRESHOLD` goes to a person; screening never refuses by itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rightsgate.law.lexicon import HARM, Hit, Lexicon, Tag
from rightsgate.rules.facts import Request
from rightsgate.rules.findings import Evidence, Sign

REVIEW_THRESHOLD = 0.5
FIRST_TERM = 0.6  # one distinct term; each further distinct term halves the remaining doubt
CATEGORY = 0.7  # the offence category is itself a sign
CONTRAST = 0.5  # the charge's category contrasts with the conduct described
HARM_FACTOR = 0.5  # harm described, or a charge naming a victim, halves what the conduct suggests


@dataclass(frozen=True, slots=True)
class Screening:
    """Every sign found (flagged or not) and the evidence behind them."""

    signs: tuple[Sign, ...]
    evidence: tuple[Evidence, ...]

    @property
    def flagged(self) -> tuple[Sign, ...]:
        """The signs confident enough for a person to review."""
        return tuple(sign for sign in self.signs if sign.confidence >= REVIEW_THRESHOLD)


NOTHING = Screening(signs=(), evidence=())


def _texts(request: Request) -> list[tuple[str, str]]:
    """The free-text fields that describe the conduct, by field path."""
    texts = [
        ("facts", request.facts),
        ("purpose", request.purpose),
        ("link_to_offence", request.link_to_offence),
    ]
    texts += [(f"offences[{i}].name", o.name) for i, o in enumerate(request.offences or ())]
    return [(field, text) for field, text in texts if text]


def _spans(request: Request, lexicon: Lexicon) -> list[tuple[str, str, Hit]]:
    """(field, text, hit) for every lexicon term found in the request's free text; harm words count
    only in the facts, where the conduct is told (a purpose may repeat a charge's wording)."""
    return [
        (field, text, hit)
        for field, text in _texts(request)
        for hit in lexicon.matcher.find(text)
        if field == "facts" or hit.entry.tag != HARM
    ]


def _evidence(field: str, text: str, hit: Hit) -> Evidence:
    tag, signal = ("harm", "harm") if hit.entry.tag == HARM else (hit.entry.tag, "conduct")
    return Evidence(
        field=field, tag=tag, start=hit.start, end=hit.end, text=text[hit.start : hit.end], signal=signal
    )


def _charges(request: Request, tag: str, categories: tuple[str, ...], signal: str) -> list[Evidence]:
    """The offences whose category is one of `categories`, as evidence for the tag."""
    return [
        Evidence(field=f"offences[{i}].category", tag=tag, start=0, end=len(cat), text=cat, signal=signal)
        for i, offence in enumerate(request.offences or ())
        if (cat := offence.category) in categories
    ]


def _either(*chances: float) -> float:
    """The chance that at least one of independent signals is right (noisy or)."""
    doubt = 1.0
    for chance in chances:
        doubt *= 1.0 - chance
    return 1.0 - doubt


def _term_confidence(terms: int) -> float:
    """One distinct term gives FIRST_TERM; each further distinct term halves the remaining doubt."""
    return 1.0 - (1.0 - FIRST_TERM) * 0.5 ** (terms - 1) if terms else 0.0


def _sign(
    name: str,
    tag: Tag,
    request: Request,
    conduct: list[Evidence],
    context: tuple[bool, bool, tuple[str, ...]],
) -> tuple[Sign, list[Evidence]] | None:
    """Combine the signals for one tag, keeping their evidence; None when there is none.

    `context` is (harm described, conduct of any tag described, the charges that name a victim): an
    offence category is a sign of its tag where the narrative describes no conduct, or conduct of that
    same tag; conduct of another tag is more specific than the charge's name."""
    harmed, described, victim_categories = context
    terms = len({e.text.casefold() for e in conduct})
    contrast = _charges(request, name, tag.contrast, "contrast") if terms else []
    category = [] if described and not terms else _charges(request, name, tag.categories, "offence_category")
    if not (terms or category):
        return None
    uncontrasted = tuple(c for c in victim_categories if c not in tag.contrast)
    victim = _charges(request, name, uncontrasted, "victim_charge") if terms else []
    from_conduct = _either(_term_confidence(terms), CONTRAST if contrast else 0.0)
    from_conduct *= HARM_FACTOR if harmed or victim else 1.0
    signals = {
        "conduct": terms,
        "contrast": contrast,
        "offence_category": category,
        "harm": harmed and terms,
        "victim_charge": victim,
    }
    sign = Sign(
        tag=name,
        confidence=round(_either(from_conduct, CATEGORY if category else 0.0), 2),
        signals=tuple(label for label, present in signals.items() if present),
    )
    return sign, [*conduct, *contrast, *category, *victim]


def _position(evidence: Evidence) -> tuple[str, int, str, int, str, str]:
    """A total order of evidence, so the explanation is the same in every process."""
    return evidence.field, evidence.start, evidence.tag, evidence.end, evidence.signal, evidence.text


def screen(request: Request, lexicon: Lexicon) -> Screening:
    """Every tag with any signal and its confidence; the evidence of all, harm words included."""
    found = {_evidence(field, text, hit) for field, text, hit in _spans(request, lexicon)}
    charged = [lexicon.by_category.get(o.category or "", ()) for o in request.offences or ()]
    if not (found or any(charged)):
        return NOTHING
    by_tag: dict[str, list[Evidence]] = defaultdict(list)
    for item in found:
        by_tag[item.tag].append(item)
    context = (bool(by_tag.get("harm")), any(tag != "harm" for tag in by_tag), lexicon.victim_categories)
    named = {*by_tag, *(name for names in charged for name in names)}
    found_signs = [
        result
        for name, tag in lexicon.tags.items()
        if name in named and (result := _sign(name, tag, request, by_tag.get(name, []), context))
    ]
    evidence = [e for _, spans in found_signs for e in spans]
    evidence += by_tag.get("harm", []) if found_signs else []
    signs = sorted((sign for sign, _ in found_signs), key=lambda s: (-s.confidence, s.tag))
    return Screening(signs=tuple(signs), evidence=tuple(sorted(evidence, key=_position)))
