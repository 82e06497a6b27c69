"""Generating clearly fictional but realistic requests: varied States, request types, offences,
authorisations and narratives, some of which carry signs that protected activity is targeted."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

STATES = ["XA", "XC", "BR", "DE", "GB", "IN", "JP", "NG", "PH", "RU", "SA", "VN"]
REQUESTED = ["XB", "XB", "XB", "DE", "GB", "JP"]
TYPES = {
    "subscriber_info": ["subscriber"],
    "mla_stored_data": ["subscriber", "traffic", "content"],
    "preservation": ["subscriber", "traffic", "content"],
    "production_order": ["subscriber", "traffic"],
    "partial_disclosure_traffic": ["traffic"],
    "real_time_traffic": ["traffic", "location"],
    "interception_content": ["content"],
    "search_seizure": ["device", "content"],
    "emergency_disclosure": ["subscriber", "location"],
}
OFFENCES = [
    ("Computer fraud", "computer_fraud", 8),
    ("Unauthorised access to a computer system", "illegal_access", 3),
    ("Ransomware attack on a hospital", "system_interference", 10),
    ("Distribution of child sexual abuse material", "csam", 10),
    ("Laundering of proceeds of crime", "laundering", 12),
    ("Drug trafficking via a dark-web market", "drug_trafficking", 15),
    ("Extortion of small firms", "extortion", 7),
    ("Investment fraud", "fraud", 6),
    ("Spreading false information", "false_information", 3),
    ("Insulting public officials", "insult_officials_state", 2),
    ("Organising an unauthorised assembly", "unlawful_assembly", 1),
    ("Defamation of a minister", "defamation", 2),
    ("Threats to kill", "threats", 5),
    ("Identity theft", "identity_theft", 4),
]
NARRATIVES = [
    "A fictional group diverted payments from firms in {town} by sending forged invoices from the account.",
    "The account rented botnet capacity that took the {town} regional hospital offline for two days.",
    "Payments from a fictional crypto exchange were routed through the wallet to hide their origin.",
    "The account advertised illegal drugs on a marketplace and arranged deliveries to {town}.",
    "The account holder ran a news blog and published articles criticising the {town} governor.",
    "The suspect, a journalist, posted reports about the protest in {town} and shared videos of the march.",
    "Messages from the account organised a peaceful demonstration against the new {town} labour law.",
    "The suspect, a human rights defender, documented detentions in {town} for a UN rapporteur.",
    "The account sent threats to kill to a shopkeeper in {town} after an unpaid debt.",
    "The suspect opened bank accounts in the names of pensioners from {town} with stolen documents.",
]
TOWNS = ["Avalon", "Brightwater", "Caldor", "Dunmere", "Eastvale", "Fairhaven", "Glenmoor", "Highcliff"]
SURNAMES = ["Roe", "Doe", "Example", "Placeholder", "Sample", "Fictional", "Testperson", "Nobody"]
AUTHORISATION = ["judicial", "judicial", "independent", "prosecutorial", "police", "none", "unknown"]
AUTHORITIES = {
    "judicial": "court",
    "independent": "investigating_judge",
    "prosecutorial": "prosecutor",
    "police": "police",
    "none": "police",
    "unknown": "ministry",
}


def _offence(rng: random.Random) -> dict[str, Any]:
    name, category, years = rng.choice(OFFENCES)
    return {
        "name": name,
        "statute": f"Fictional Penal Code s. {rng.randint(10, 400)}",
        "category": category,
        "max_penalty_years": rng.choice([years, years, None]),
        "death_penalty_possible": rng.choice([False, False, False, None]),
    }


def _period(rng: random.Random, received: date) -> dict[str, str]:
    end = received - timedelta(days=rng.randint(5, 60))
    return {"start": str(end - timedelta(days=rng.choice([30, 90, 180, 400, 800]))), "end": str(end)}


def _targets(rng: random.Random, index: int) -> list[dict[str, str]]:
    kinds = [("email", f"user{index % 260}@example.org"), ("phone", f"+999 555 {index % 260:04d}")]
    kinds.append(("account", f"demo_account_{index % 240}"))
    return [
        {"kind": kind, "identifier": ident, "provider": "Fictional Mail Ltd"}
        for kind, ident in rng.sample(kinds, rng.randint(1, 2))
    ]


CAREFUL = {
    "authorisation": {"kind": "judicial"},
    "assurances": {"specialty": True, "death_penalty_not_imposed": True, "data_protection": True},
    "user_notification_delay_requested": False,
    "decryption_or_key_disclosure": False,
    "purpose": "Identify the account holder.",
    "link_to_offence": "The account sent the messages described.",
    "legal_basis": {"instrument": "uncc", "articles": ["40"]},
}


def fictional_request(rng: random.Random, index: int, today: date) -> dict[str, Any]:
    """One generated request; more than half are drafted carefully, the rest have gaps or problems."""
    data = _drafted(rng, index, today)
    if rng.random() < 0.55:
        data |= CAREFUL
        if rng.random() < 0.6:
            data |= {"requesting_state": rng.choice(["XA", "XC"]), "requested_state": "XB"}
        for offence in data["offences"]:
            offence["max_penalty_years"] = offence["max_penalty_years"] or 8
            offence["death_penalty_possible"] = False
    return data


def _drafted(rng: random.Random, index: int, today: date) -> dict[str, Any]:
    """A request as a requesting State might draft it, with gaps and problems left in."""
    request_type = rng.choice(list(TYPES))
    received = today - timedelta(days=rng.randint(0, 120))
    kind = rng.choice(AUTHORISATION)
    state = rng.choice(STATES)
    town, surname = rng.choice(TOWNS), rng.choice(SURNAMES)
    return {
        "reference": f"DEMO-{state}-{index:04d}",
        "received_on": str(received),
        "language": "en",
        "requesting_state": state,
        "requested_state": rng.choice([s for s in REQUESTED if s != state]),
        "requesting_authority": {
            "name": f"Fictional {AUTHORITIES[kind]} of {town}",
            "kind": AUTHORITIES[kind],
        },
        "legal_basis": {
            "instrument": rng.choice(["uncc", "uncc", "budapest", "reciprocity"]),
            "articles": ["40"],
        },
        "request_type": request_type,
        "urgency": "emergency"
        if request_type == "emergency_disclosure"
        else rng.choice(["routine", "urgent"]),
        "emergency_justification": "A fictional child is reported missing."
        if request_type == "emergency_disclosure"
        else None,
        "offences": [_offence(rng) for _ in range(rng.choice([1, 1, 2]))],
        "facts": rng.choice(NARRATIVES).format(town=town),
        "purpose": rng.choice(["Identify the account holder.", "Trace the payments.", None]),
        "link_to_offence": rng.choice(["The account sent the messages described.", None]),
        "persons": [{"role": "suspect", "name": f"Alex {surname} (fictional)"}],
        "targets": _targets(rng, index),
        "data_requested": rng.sample(TYPES[request_type], rng.randint(1, len(TYPES[request_type]))),
        "period": _period(rng, received),
        "authorisation": {"kind": kind},
        "assurances": {
            "specialty": rng.choice([True, True, None]),
            "death_penalty_not_imposed": rng.choice([True, True, None]),
            "data_protection": rng.choice([True, True, False, None]),
        },
        "user_notification_delay_requested": rng.choice([True, False, False, None]),
        "decryption_or_key_disclosure": rng.choice([False, False, False, None, True]),
    }
