"""Benchmark: assess 100,000 generated requests in one process.

Reports requests per second, peak memory, and the ratio of full assessment time (validation included)
to pydantic validation alone of the same requests (target: ratio ≤ 3). Run with `make bench`; the
figures are written into the README by hand from this output, never asserted in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta

from benchmarks.narratives import narrative
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
WARM_UP = 1_000  # requests assessed before the instructions of the measured ones are counted
AUTH = ["judicial", "independent", "prosecutorial", "police", "none", "unknown"]


OFFENCE_NAMES = {
    "computer_fraud": ("Computer fraud", "Penal Code art 263a"),
    "illegal_access": ("Unauthorised access to a computer system", "Penal Code art 202a"),
    "system_interference": ("Interference with a computer system", "Penal Code art 303b"),
    "csam": ("Possession and distribution of child sexual abuse material", "Penal Code art 184b"),
    "drug_trafficking": ("Trafficking in narcotic drugs", "Narcotics Act s 29"),
    "fraud": ("Fraud", "Penal Code art 263"),
    "defamation": ("Defamation of a public official", "Penal Code art 188"),
    "false_information": ("Dissemination of false information", "Media Law art 12"),
    "terrorism": ("Participation in a terrorist group", "Counter-Terrorism Act s 5"),
    "extortion": ("Extortion", "Penal Code art 253"),
    "unlawful_assembly": ("Organising an unauthorised public gathering", "Public Order Act s 14"),
    "homicide": ("Murder", "Penal Code art 211"),
    "threats": ("Threats", "Penal Code art 241"),
    "stalking_harassment": ("Harassment", "Penal Code art 238"),
}
PROVIDERS = ("Mailhost", "Netvista Cloud", "Orbitel Mobile", "Quayside Hosting", "Parlo Messaging")


def _offence(category: str, rng: random.Random) -> dict[str, object]:
    name, statute = OFFENCE_NAMES[category]
    return {
        "name": name,
        "statute": statute,
        "category": category,
        "max_penalty_years": rng.choice([1, 2, 3, 5, 8, None]),
        "death_penalty_possible": rng.choice([False, False, None, True]),
    }


def _target(rng: random.Random, index: int, number: int) -> dict[str, str]:
    """One specific identifier, unique to the request, of a varied kind."""
    kind, identifier = rng.choice(
        [
            ("email", f"user{index}-{number}@example.org"),
            ("phone", f"+99 555 {index:06d}{number:02d}"),
            ("ip", f"198.51.{index % 250}.{number + 1}"),
            ("account", f"user:{index}-{number}"),
            ("wallet", f"bc1q{index:08d}x{number:02d}"),
        ]
    )
    return {"kind": kind, "identifier": identifier, "provider": rng.choice(PROVIDERS)}


def generated_request(rng: random.Random, index: int) -> str:
    """One varied request as JSON text, as it would arrive: a realistic narrative of its own (no two
    requests share a text), offences charged as the narrative suggests and sometimes others."""
    chosen, texts = narrative(rng, index)
    start = date(2025, 1, 1) + timedelta(days=rng.randrange(500))
    categories = [rng.choice(chosen.categories)]
    categories += [rng.choice(CATEGORIES) for _ in range(rng.randint(0, 2))]
    request = {
        "reference": f"BENCH-{index}",
        "received_on": "2026-09-01",
        "language": chosen.language,
        "requesting_state": rng.choice(["XA", "XC", "FR", "BR"]),
        "requested_state": "XB",
        "requesting_authority": {"name": "Prosecutor", "kind": "prosecutor"},
        "legal_basis": {"instrument": rng.choice(["uncc", "budapest", "reciprocity"]), "articles": ["40"]},
        "request_type": rng.choice(TYPES),
        "urgency": rng.choice(["routine", "urgent", "emergency"]),
        "offences": [_offence(category, rng) for category in categories],
        **texts,
        "targets": [_target(rng, index, t) for t in range(rng.randint(1, 12))],
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
    return json.dumps(request, ensure_ascii=False)


def main(count: int = 100_000) -> None:
    """Wall-clock figures: validation alone, then validation and assessment, of the same requests."""
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


def run_phase(phase: str, count: int) -> None:
    """One run for instruction counting: generate, load the law and assess WARM_UP other requests (so
    the rules' memory is as in a long run); then nothing, or validate, or validate and assess `count`."""
    rng = random.Random(2026)
    texts = [generated_request(rng, i) for i in range(WARM_UP + count)]
    law, on = load_law(), date(2026, 9, 1)
    for text in texts[:WARM_UP]:
        assess(Request.model_validate_json(text), law, on=on)
    for text in texts[WARM_UP:] if phase != "setup" else ():
        request = Request.model_validate_json(text)
        if phase == "assess":
            assess(request, law, on=on)


def _instructions(phase: str, count: int) -> int:
    """Instructions executed by one run of `phase` under valgrind's callgrind."""
    with tempfile.TemporaryDirectory() as folder:
        command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={folder}/callgrind.out"]
        command += [sys.executable, "-m", "benchmarks.assess_bench", str(count), "--phase", phase]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        run = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    found = re.search(r"Collected : (\d+)", run.stderr)
    if found is None:
        raise RuntimeError(f"callgrind gave no instruction count: {run.stderr[-500:]}")
    return int(found.group(1))


def instruction_ratio(count: int) -> None:
    """The ratio in instructions, which a shared machine does not disturb: each phase's count less that
    of the run that only sets up and warms up."""
    counts = {phase: _instructions(phase, count) for phase in ("setup", "validate", "assess")}
    validation, full = (counts[phase] - counts["setup"] for phase in ("validate", "assess"))
    print(f"requests measured:          {count} (after {WARM_UP} assessed to warm up)")
    print(f"validation alone:           {validation / count:,.0f} instructions per request")
    print(f"validation + assessment:    {full / count:,.0f} instructions per request")
    print(f"ratio full / validation:    {full / validation:.2f} in instructions (target <= 3)")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("count", type=int, nargs="?", default=100_000)
    parser.add_argument("--instructions", action="store_true", help="count instructions under callgrind")
    parser.add_argument("--phase", choices=("setup", "validate", "assess"), help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    arguments = _arguments()
    if arguments.phase:
        run_phase(arguments.phase, arguments.count)
    elif arguments.instructions:
        instruction_ratio(arguments.count)
    else:
        main(arguments.count)
