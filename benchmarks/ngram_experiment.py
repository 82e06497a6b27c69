"""Experiment: would a small learned classifier add recall to the lexicon without adding false flags?

Not part of rightsgate and not run by `make bench`: it needs scikit-learn (1.9.1) installed beside
rightsgate, which is not a dependency. A character n-gram classifier (TF-IDF over 2- to 5-letter
pieces of words, which crosses languages and inflections without a word list, and logistic regression)
learns "protected activity or genuine cybercrime" from the offence name, category and facts of the
`train` split only. It then predicts every other split the file holds, and prints for each: the lexicon
alone, the classifier alone, and the two combined (flag when either flags) at several probability
thresholds, with the classifier's time per narrative. The README records the figures and the decision.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-not-found]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-not-found]

from rightsgate.law.loader import load_law
from rightsgate.rules.screening import screen
from rightsgate.screening_eval import DEFAULT_DATA, GENUINE, Case, load_cases

THRESHOLDS = (0.5, 0.7, 0.8, 0.9)
SPLITS = ("dev", "test", "old_holdout", "spent_holdout", "spent_holdout3")


def _text(case: Case) -> str:
    return f"{case.offence.name} ({case.offence.category}). {case.facts}"


def _rates(cases: list[Case], flagged: list[bool]) -> str:
    protected = [f for c, f in zip(cases, flagged, strict=True) if c.tags]
    genuine = [f for c, f in zip(cases, flagged, strict=True) if c.kind in GENUINE]
    return (
        f"recall {sum(protected) / len(protected):.3f} ({sum(protected)}/{len(protected)}), "
        f"genuine flagged {sum(genuine) / len(genuine):.1%} ({sum(genuine)}/{len(genuine)})"
    )


def _fit(train: list[Case]) -> tuple[TfidfVectorizer, LogisticRegression]:
    vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
    features = vectoriser.fit_transform([_text(c) for c in train])
    model = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")
    model.fit(features, [bool(c.tags) for c in train])
    return vectoriser, model


def _report(split: str, cases: list[Case], fitted: tuple[TfidfVectorizer, LogisticRegression]) -> None:
    vectoriser, model = fitted
    lexicon = load_law().lexicon
    lexical = [bool(screen(c.request(), lexicon).flagged) for c in cases]
    started = time.perf_counter()
    chances = [model.predict_proba(vectoriser.transform([_text(c)]))[0][1] for c in cases]
    elapsed = 1000 * (time.perf_counter() - started) / len(cases)
    print(f"{split}: {len(cases)} narratives; classifier {elapsed:.2f} ms per narrative")
    print(f"  lexicon alone: {_rates(cases, lexical)}")
    for threshold in THRESHOLDS:
        learned = [chance >= threshold for chance in chances]
        both = [a or b for a, b in zip(lexical, learned, strict=True)]
        print(f"  p >= {threshold}: classifier alone {_rates(cases, learned)}")
        print(f"  p >= {threshold}: lexicon or classifier {_rates(cases, both)}")


def main(data: Path = DEFAULT_DATA) -> None:
    train = load_cases(data, "train")
    fitted = _fit(train)
    print(f"learned from {len(train)} train narratives")
    for split in SPLITS:
        if cases := load_cases(data, split):
            _report(split, cases, fitted)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA)
