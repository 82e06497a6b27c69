"""Benchmark: assess 100,000 generated requests in one process.

Reports requests per second, peak memory, and the ratio of full assessment time (validation included)
to pydantic validation alone of the same requests (target: ratio ≤ 3). Run with `make bench`; the
figures are written into the README by hand from this output, never asserted in the test suite.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import time
from datetime import date, timedelta

from rightsgate.law.loader import load_law
from rightsgate.rules.assess import assess
from rightsgate.rules.facts import Request

CATEGORIES = [
    "computer_fraud",
    "illegal_access",
    "system_interference",
    "csam",
    "drug_trafficking",
    "fraud",
    "defamation",
    "false_information",
    "terrorism",
    "extortion",
    "unlawful_assembly",
    "homicide",
]
TYPES = [
    "mla_stored_data",
    "preservation",
    "production_order",
    "subscriber_info",
    "real_time_traffic",
    "interception_content",
    "search_seizure",
    "emergency_disclosure",
    "partial_disclosure_traffic",
]
DATA = ["subscriber", "device", "traffic", "location", "content"]
AUTH = ["judicial", "independent", "prosecutorial", "police", "none", "unknown"]


def generated_request(rng: random.Random, index: int) -> str:
    """One varied request as JSON text, as it would arrive."""
    start = date(2025, 1, 1) + timedelta(days=rng.randrange(500))
    offences = [
        {
            "name": f"Offence {i}",
            "category": rng.choice(CATEGORIES),
            "max_penalty_years": rng.choice([1, 2, 3, 5, 8, None]),
            "death_penalty_possible": rng.choice([False, False, None, True]),
        }
        for i in range(rng.randint(1, 3))
    ]
    request = {
        "reference": f"BENCH-{index}",
        "received_on": "2026-09-01",
        "language": "en",
        "requesting_state": rng.choice(["XA", "XC", "FR", "BR"]),
        "requested_state": "XB",
        "requesting_authority": {"name": "Prosecutor", "kind": "prosecutor"},
        "legal_basis": {"instrument": rng.choice(["uncc", "budapest", "reciprocity"]), "articles": ["40"]},
        "request_type": rng.choice(TYPES),
        "urgency": rng.choice(["routine", "urgent", "emergency"]),
        "offences": offences,
        "facts": "An account was used to divert payments from small firms.",
        "purpose": "Identify the account holder.",
        "link_to_offence": "The account sent the messages.",
        "targets": [
            {"kind": "email", "identifier": f"user{index}-{t}@example.org", "provider": "Mailhost"}
            for t in range(rng.randint(1, 12))
        ],
        "data_requested": rng.sample(DATA, rng.randint(1, 4)),
        "period": {"start": str(start), "end": str(start + timedelta(days=rng.randrange(1, 900)))},
        "authorisation": {"kind": rng.choice(AUTH)},
        "assurances": {
            "specialty": rng.choice([True, None]),
            "death_penalty_not_imposed": rng.choice([True, None]),
            "data_protection": rng.choice([True, False, None]),
        },
        "user_notification_delay_requested": rng.choice([True, False, None]),
        "decryption_or_key_disclosure": rng.choice([False, None, True]),
    }
    return json.dumps(request)


def main(count: int = 100_000) -> None:
    rng = random.Random(2026)
    texts = [generated_request(rng, i) for i in range(count)]
    law = load_law()
    on = date(2026, 9, 1)
    started = time.perf_counter()
    for text in texts:
        Request.model_validate_json(text)
    validation = time.perf_counter() - started
    started = time.perf_counter()
    for text in texts:
        assess(Request.model_validate_json(text), law, on=on)
    full = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"requests assessed:          {count}")
    print(f"validation alone:           {validation:.2f} s ({count / validation:,.0f} requests/s)")
    print(f"validation + assessment:    {full:.2f} s ({count / full:,.0f} requests/s)")
    print(f"ratio full / validation:    {full / validation:.2f} (target <= 3)")
    print(
        f"peak memory (max RSS):      {peak_mb:.0f} MB (includes the {count:,} request texts held in memory)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
