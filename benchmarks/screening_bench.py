"""Benchmark: screening time per request on CPU, on the labelled narratives repeated.

Screens every narrative of the evaluation set (six languages, all kinds) many times in one process and
reports milliseconds per request (target: at most 10 ms): the whole screening as the engine runs it
(lexicon, then the learned layer where the lexicon flags nothing), cold (the first pass, while the
lexicon remembers no word yet) and warm; the lexicon alone; and the learned model scoring every
narrative, which is the cost it adds when it runs. Run with `make bench`; never asserted in the tests.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from rightsgate.law.loader import load_law
from rightsgate.rules.facts import Request
from rightsgate.rules.learned_sign import model_text, screen_request
from rightsgate.rules.screening import screen
from rightsgate.screening_eval import DEFAULT_DATA, load_cases


def _per_request(work: Callable[[Request], object], requests: list[Request], rounds: int) -> float:
    """Milliseconds per request of `work`, over `rounds` passes, in CPU time of this process."""
    started = time.process_time()
    for _ in range(rounds):
        for request in requests:
            work(request)
    return 1000 * (time.process_time() - started) / (rounds * len(requests))


def main(rounds: int = 50) -> None:
    requests = [case.request() for case in load_cases(DEFAULT_DATA)]
    law = load_law()
    started = time.process_time()
    _ = law.lexicon.matcher
    indexed = time.process_time() - started
    cold = _per_request(lambda r: screen_request(r, law), requests, 1)
    warm = _per_request(lambda r: screen_request(r, law), requests, rounds)
    lexicon = _per_request(lambda r: screen(r, law.lexicon), requests, rounds)
    learned = _per_request(lambda r: law.learned.chance(model_text(r)), requests, max(1, rounds // 5))
    count = rounds * len(requests)
    print(f"lexicon indexed once in:    {1000 * indexed:.1f} ms")
    print(f"first pass ({len(requests)} requests): {cold:.3f} ms per request")
    print(f"screening ({count} requests): {warm:.3f} ms per request (target <= 10)")
    print(f"lexicon alone:              {lexicon:.3f} ms per request")
    print(f"learned model, every text:  {learned:.3f} ms per request")
    print(f"throughput:                 {1000 / warm:,.0f} requests/s of CPU")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
