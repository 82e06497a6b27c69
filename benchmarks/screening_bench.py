"""Benchmark: screening time per request on CPU, on the labelled narratives repeated.

Screens every narrative of the evaluation set (six languages, all kinds) many times in one process and
reports milliseconds per request (target: at most 10 ms), both cold (the first pass, while the lexicon
remembers no word yet) and warm. Run with `make bench`; never asserted in the test suite.
"""

from __future__ import annotations

import sys
import time

from rightsgate.law.loader import load_law
from rightsgate.rules.screening import screen
from rightsgate.screening_eval import DEFAULT_DATA, load_cases


def main(rounds: int = 50) -> None:
    requests = [case.request() for case in load_cases(DEFAULT_DATA)]
    lexicon = load_law().lexicon
    started = time.perf_counter()
    _ = lexicon.matcher
    indexed = time.perf_counter() - started
    started = time.perf_counter()
    for request in requests:
        screen(request, lexicon)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(rounds):
        for request in requests:
            screen(request, lexicon)
    warm = time.perf_counter() - started
    count = rounds * len(requests)
    print(f"lexicon indexed once in:    {1000 * indexed:.1f} ms")
    print(f"first pass ({len(requests)} requests): {1000 * cold / len(requests):.3f} ms per request")
    print(f"screening ({count} requests): {1000 * warm / count:.3f} ms per request (target <= 10)")
    print(f"throughput:                 {count / warm:,.0f} requests/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
