"""The benchmark's generated requests are valid and as varied as real ones: no two share a narrative, so
no answer keyed on a text can be reused from one request to the next."""

from __future__ import annotations

import json
import random

from benchmarks.assess_bench import generated_request

from rightsgate.rules.facts import Request


def test_generated_requests_are_valid_and_no_two_share_a_text() -> None:
    rng = random.Random(7)
    requests = [Request.model_validate_json(generated_request(rng, i)) for i in range(3_000)]
    for field in ("facts", "purpose", "link_to_offence"):
        assert len({getattr(request, field) for request in requests}) == len(requests)
    assert {request.language for request in requests} == {"en", "fr", "es", "pt", "ru", "ar"}


def test_each_narrative_is_written_in_the_language_the_request_declares() -> None:
    rng = random.Random(11)
    texts = [json.loads(generated_request(rng, i)) for i in range(200)]
    cyrillic = [t for t in texts if any("\u0400" <= c <= "\u04ff" for c in t["facts"])]
    assert cyrillic and all(t["language"] == "ru" for t in cyrillic)
