"""Plain builder functions for service tests: requests, actors, cases."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from rightsgate.auth.permissions import Actor, Role
from rightsgate.cases.opening import open_case
from rightsgate.intake import parse_request
from rightsgate.rules.facts import Request

NOW = datetime(2026, 9, 2, 9, 0, tzinfo=UTC)
INTAKE = Actor("ines", Role.intake)
REVIEWER = Actor("rui", Role.reviewer)
SUPERVISOR = Actor("sara", Role.supervisor)
SECOND_SUPERVISOR = Actor("sven", Role.supervisor)
AUDITOR = Actor("aldo", Role.auditor)
ADMIN = Actor("ada", Role.admin)


def request_data(reference: str = "XA-2026-001", **overrides: object) -> dict:
    """A complete subscriber-information request from XA to XB, as JSON data."""
    data = {
        "reference": reference,
        "received_on": "2026-09-01",
        "language": "en",
        "requesting_state": "XA",
        "requested_state": "XB",
        "requesting_authority": {"name": "Public Prosecutor", "kind": "prosecutor"},
        "legal_basis": {"instrument": "uncc", "articles": ["40"]},
        "request_type": "subscriber_info",
        "urgency": "routine",
        "offences": [
            {
                "name": "Computer fraud",
                "category": "computer_fraud",
                "max_penalty_years": 8,
                "death_penalty_possible": False,
            }
        ],
        "facts": "Payments were diverted from small firms by Jane Roe.",
        "purpose": "Identify the account holder.",
        "link_to_offence": "The account sent the fraudulent invoices.",
        "persons": [{"role": "suspect", "name": "Jane Roe"}],
        "targets": [
            {"kind": "email", "identifier": f"{reference.lower()}@example.org", "provider": "Mailhost"}
        ],
        "data_requested": ["subscriber"],
        "period": {"start": "2026-01-01", "end": "2026-03-31"},
        "authorisation": {"kind": "judicial", "authority": "Court of XA"},
        "assurances": {"specialty": True, "death_penalty_not_imposed": True, "data_protection": True},
        "user_notification_delay_requested": False,
    }
    return data | overrides


def a_request(reference: str = "XA-2026-001", **overrides: object) -> Request:
    return parse_request(json.dumps(request_data(reference, **overrides)))


def a_case(session, law, settings, reference: str = "XA-2026-001", **overrides: object):
    return open_case(
        session, request=a_request(reference, **overrides), actor=INTAKE, law=law, settings=settings, now=NOW
    )
