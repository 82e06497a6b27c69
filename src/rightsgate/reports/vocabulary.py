"""The codes each one-way table lists, all of them, so a zero is shown as a zero and rows never move."""

from __future__ import annotations

from collections import Counter

from rightsgate.reports.figures import NOT_CODED, UNKNOWN
from rightsgate.rules.facts import DataCategory, Instrument, RequestType

OFFENCE_CATEGORIES = ("convention_offence", "serious_crime", "expression_related", "other", UNKNOWN)
MANY = "A request asking for several categories counts once under each."

# name -> (title, codes in order, note)
DIMENSIONS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "legal_basis": ("Requests by legal basis", (*(i.value for i in Instrument), UNKNOWN), ""),
    "request_type": ("Requests by type", tuple(t.value for t in RequestType), ""),
    "data_category": ("Requests by data category", (*(c.value for c in DataCategory), UNKNOWN), MANY),
    "offence_category": (
        "Requests by offence category",
        OFFENCE_CATEGORIES,
        "One category per request, the first that applies: expression-related, Convention offence "
        "(arts 7-17), serious crime (art 2(h)), other.",
    ),
    "urgency": ("Requests by urgency", ("emergency", "routine"), ""),
}


def ground_keys(grounds: Counter[str]) -> list[str]:
    """The refusal grounds that occurred, by rule id, with refusals whose grounds were not coded last."""
    return sorted(grounds, key=lambda rule: (rule == NOT_CODED, rule))
