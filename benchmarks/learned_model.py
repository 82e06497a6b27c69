"""Learn the shipped screening model (`src/rightsgate/law/screening/learned.json`) from labelled narratives.

Needs scikit-learn (the `learn` extra: `pip install -c requirements.lock -e '.[learn]'`); rightsgate
itself scores with `rightsgate.law.learned` alone. Steps, all deterministic:

1. TF-IDF over the pieces of words of `rightsgate.law.learned.pieces` (offence name, category, facts),
   pieces seen in fewer than three narratives left out; logistic regression for "protected activity or
   genuine cybercrime", and a second one for the first tag of each protected narrative. It learns from
   every labelled split except the blind `holdout` (`screening_eval.learnable`).
2. The threshold is chosen by cross-validation, never on one split: the narratives are cut into five
   folds, grouped so that narratives sharing most of their pieces (cosine above `NEAR`) stay in one fold
   and stratified by kind; each fold is scored by a model learned from the other four. The threshold is
   the lowest of 0.55, 0.60 … 0.95 at which the lexicon and the learned layer together flag at most
   `ADDED_FLAGS` more of the genuine narratives than the lexicon alone.
3. The tag weights keep the pieces that weigh most for any tag; the chance is checked against
   scikit-learn's own on every narrative learned from before the file is written.

Run: `python -m benchmarks.learned_model [--check | --cv]` (`--check` writes nothing and fails when the
shipped file differs from a fresh one; `--cv` writes nothing and prints the cross-validated figures of
the model alone, the lexicon alone and both, over all the narratives learned from and per split).
"""

from __future__ import annotations

import json
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-not-found]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-not-found]
from sklearn.model_selection import StratifiedGroupKFold  # type: ignore[import-not-found]

from rightsgate.law.files import SHIPPED
from rightsgate.law.learned import LearnedModel, pieces
from rightsgate.law.loader import load_law
from rightsgate.rules.learned_sign import model_text
from rightsgate.rules.screening import screen
from rightsgate.screening_eval import DEFAULT_DATA, GENUINE, Case, learnable, load_cases, trained_on

TARGET = SHIPPED / "screening" / "learned.json"
THRESHOLDS = tuple(round(0.5 + 0.05 * step, 2) for step in range(1, 10))
ADDED_FLAGS = 0.005  # the share of genuine narratives the learned layer may add to the lexicon's flags
FOLDS = 5
NEAR = 0.5  # narratives whose pieces overlap more than this (cosine) are kept in one fold
TAG_PIECES = 2000  # tag weights kept: the pieces weighing most for any tag
STRENGTH = 16.0  # inverse regularisation (C), chosen by the same cross-validation among 1, 4, 16 and 64


def _text(case: Case) -> str:
    return model_text(case.request())


def _analyse(text: str) -> list[str]:
    return list(pieces(text).elements())


def _fit(cases: list[Case]) -> tuple[TfidfVectorizer, LogisticRegression, LogisticRegression]:
    vectoriser = TfidfVectorizer(analyzer=_analyse, sublinear_tf=True, min_df=3)
    features = vectoriser.fit_transform([_text(c) for c in cases])
    protected = LogisticRegression(C=STRENGTH, max_iter=5000, class_weight="balanced")
    protected.fit(features, [bool(c.tags) for c in cases])
    tagged = [i for i, c in enumerate(cases) if c.tags]
    tags = LogisticRegression(C=4.0, max_iter=5000)
    tags.fit(features[tagged], [cases[i].tags[0] for i in tagged])
    return vectoriser, protected, tags


def _groups(cases: list[Case]) -> list[int]:
    """Near-duplicates (pieces overlapping above NEAR) joined into one group, so one fold holds them."""
    vectors = TfidfVectorizer(analyzer=_analyse, sublinear_tf=True).fit_transform([_text(c) for c in cases])
    near = (vectors @ vectors.T).tocoo()
    parent = list(range(len(cases)))

    def root(index: int) -> int:
        while parent[index] != index:
            index = parent[index]
        return index

    for left, right, cosine in zip(near.row, near.col, near.data, strict=True):
        if left < right and cosine > NEAR:
            parent[root(left)] = root(right)
    return [root(index) for index in range(len(cases))]


def out_of_fold(cases: list[Case]) -> list[float]:
    """Each narrative's chance from a model learned on the folds that do not hold it."""
    folds = StratifiedGroupKFold(n_splits=FOLDS, shuffle=True, random_state=0)
    chances = [0.0] * len(cases)
    for learn, held in folds.split(cases, [c.kind for c in cases], _groups(cases)):
        vectoriser, protected, _ = _fit([cases[i] for i in learn])
        found = protected.predict_proba(vectoriser.transform([_text(cases[i]) for i in held]))[:, 1]
        for index, chance in zip(held, found, strict=True):
            chances[index] = float(chance)
    return chances


def _lexicon_flags(cases: list[Case]) -> list[bool]:
    lexicon = load_law().lexicon
    return [bool(screen(c.request(), lexicon).flagged) for c in cases]


def _rates(cases: list[Case], flagged: list[bool]) -> tuple[float, float]:
    """(recall on protected narratives, share of genuine narratives flagged)."""
    protected = [f for c, f in zip(cases, flagged, strict=True) if c.tags]
    genuine = [f for c, f in zip(cases, flagged, strict=True) if c.kind in GENUINE]
    return sum(protected) / max(len(protected), 1), sum(genuine) / max(len(genuine), 1)


def _threshold(cases: list[Case], chances: list[float], lexicon: list[bool]) -> float:
    """The lowest threshold at which the learned layer adds at most ADDED_FLAGS of false flags."""
    _, alone = _rates(cases, lexicon)
    for threshold in THRESHOLDS:
        both = [f or p >= threshold for f, p in zip(lexicon, chances, strict=True)]
        if _rates(cases, both)[1] <= alone + ADDED_FLAGS:
            return threshold
    raise SystemExit("no threshold keeps the learned layer's false flags within the bound")


def _round(value: float) -> float:
    return float(f"{value:.6g}")


def _model(cases: list[Case], threshold: float) -> LearnedModel:
    vectoriser, protected, tags = _fit(cases)
    names = vectoriser.get_feature_names_out()
    kept = np.argsort(-np.abs(tags.coef_).max(axis=0))[:TAG_PIECES]
    return LearnedModel(
        trained_on=trained_on(cases),
        threshold=threshold,
        intercept=_round(protected.intercept_[0]),
        pieces={
            str(n): (_round(idf), _round(w))
            for n, idf, w in zip(names, vectoriser.idf_, protected.coef_[0], strict=True)
        },
        tags=tuple(str(t) for t in tags.classes_),
        tag_intercepts=tuple(_round(b) for b in tags.intercept_),
        tag_weights={str(names[i]): tuple(_round(w) for w in tags.coef_[:, i]) for i in sorted(kept)},
    )


def _check_against(model: LearnedModel, cases: list[Case]) -> None:
    """The shipped scorer gives scikit-learn's chance, to rounding, on every narrative learned from."""
    vectoriser, protected, _ = _fit(cases)
    expected = protected.predict_proba(vectoriser.transform([_text(c) for c in cases]))[:, 1]
    worst = max(abs(model.chance(_text(c)) - e) for c, e in zip(cases, expected, strict=True))
    if worst > 1e-3:
        raise SystemExit(f"the shipped scorer departs from scikit-learn's by {worst:.4f}")


def _line(label: str, cases: list[Case], flagged: list[bool]) -> str:
    recall, genuine = _rates(cases, flagged)
    return f"{label}: recall {recall:.3f}, genuine flagged {genuine:.1%}"


def _print_cv(cases: list[Case], chances: list[float], lexicon: list[bool], threshold: float) -> None:
    """Cross-validated figures, over all narratives learned from and per split."""
    both = [f or p >= threshold for f, p in zip(lexicon, chances, strict=True)]
    for t in THRESHOLDS:
        print(_line(f"p >= {t}: model alone", cases, [p >= t for p in chances]))
    print(f"chosen threshold {threshold}, {FOLDS} folds grouped by near-duplicates")
    for split in ["all", *dict.fromkeys(c.split for c in cases)]:
        rows = [i for i, c in enumerate(cases) if split in ("all", c.split)]
        chosen = [cases[i] for i in rows]
        print(f"{split} ({len(rows)}): " + _line("lexicon alone", chosen, [lexicon[i] for i in rows]))
        print(f"{split} ({len(rows)}): " + _line("with the learned layer", chosen, [both[i] for i in rows]))


def main(check: bool = False, cv: bool = False) -> None:
    cases = learnable(load_cases(DEFAULT_DATA))
    chances, lexicon = out_of_fold(cases), _lexicon_flags(cases)
    threshold = _threshold(cases, chances, lexicon)
    if cv:
        _print_cv(cases, chances, lexicon, threshold)
        return
    model = _model(cases, threshold)
    _check_against(model, cases)
    text = json.dumps(model.model_dump(mode="json"), ensure_ascii=False, sort_keys=True) + "\n"
    if check:
        same = TARGET.read_text(encoding="utf-8") == text
        print("learned.json is up to date" if same else "learned.json differs from a fresh training")
        raise SystemExit(0 if same else 1)
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.name}: {len(model.pieces)} pieces, threshold {model.threshold}")


if __name__ == "__main__":
    main(check="--check" in sys.argv[1:], cv="--cv" in sys.argv[1:])
