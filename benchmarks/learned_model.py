"""Learn the shipped screening model (`src/rightsgate/law/screening/learned.json`) from the train split.

Needs scikit-learn (the `learn` extra: `pip install -c requirements.lock -e '.[learn]'`); rightsgate
itself scores with `rightsgate.law.learned` alone. Steps, all deterministic:

1. TF-IDF over the pieces of words of `rightsgate.law.learned.pieces` (offence name, category, facts),
   pieces seen in fewer than three train narratives left out; logistic regression for "protected
   activity or genuine cybercrime", and a second one for the first tag of each protected narrative.
2. The threshold is chosen on `dev` and `test`, never on a holdout: the lowest of 0.70, 0.75 … 0.95 at
   which the lexicon or the model flags no more genuine cybercrime than the lexicon alone.
3. The tag weights keep the pieces that weigh most for any tag; the chance is checked against
   scikit-learn's own on every train narrative before the file is written.

Run: `python -m benchmarks.learned_model [--check | --cv]` (`--check` writes nothing and fails when the
shipped file differs from a fresh one; `--cv` writes nothing and prints a five-fold cross-validation of
the model alone on the train split, each fold predicted by a model that never saw it).
"""

from __future__ import annotations

import json
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-not-found]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-not-found]

from rightsgate.law.files import SHIPPED
from rightsgate.law.learned import LearnedModel, pieces
from rightsgate.law.loader import load_law
from rightsgate.rules.learned_sign import model_text
from rightsgate.rules.screening import screen
from rightsgate.screening_eval import DEFAULT_DATA, GENUINE, Case, load_cases, trained_on

TARGET = SHIPPED / "screening" / "learned.json"
THRESHOLDS = (0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
TAG_PIECES = 2000  # tag weights kept: the pieces weighing most for any tag


def _text(case: Case) -> str:
    return model_text(case.request())


def _analyse(text: str) -> list[str]:
    return list(pieces(text).elements())


def _fit(train: list[Case]) -> tuple[TfidfVectorizer, LogisticRegression, LogisticRegression]:
    vectoriser = TfidfVectorizer(analyzer=_analyse, sublinear_tf=True, min_df=3)
    features = vectoriser.fit_transform([_text(c) for c in train])
    protected = LogisticRegression(C=4.0, max_iter=5000, class_weight="balanced")
    protected.fit(features, [bool(c.tags) for c in train])
    tagged = [i for i, c in enumerate(train) if c.tags]
    tags = LogisticRegression(C=4.0, max_iter=5000)
    tags.fit(features[tagged], [train[i].tags[0] for i in tagged])
    return vectoriser, protected, tags


def _threshold(chances: list[float], cases: list[Case]) -> float:
    """The lowest threshold adding no false flag to the lexicon's on `cases` (dev and test)."""
    lexicon = load_law().lexicon
    flagged = [bool(screen(c.request(), lexicon).flagged) for c in cases]
    genuine = [i for i, c in enumerate(cases) if c.kind in GENUINE]
    alone = sum(flagged[i] for i in genuine)
    for threshold in THRESHOLDS:
        if sum(flagged[i] or chances[i] >= threshold for i in genuine) <= alone:
            return threshold
    raise SystemExit("no threshold keeps the false flags of dev and test")


def _round(value: float) -> float:
    return float(f"{value:.6g}")


def _model(train: list[Case], held: list[Case]) -> LearnedModel:
    vectoriser, protected, tags = _fit(train)
    names = vectoriser.get_feature_names_out()
    chances = protected.predict_proba(vectoriser.transform([_text(c) for c in held]))[:, 1]
    kept = np.argsort(-np.abs(tags.coef_).max(axis=0))[:TAG_PIECES]
    return LearnedModel(
        trained_on=trained_on(train),
        threshold=_threshold(list(chances), held),
        intercept=_round(protected.intercept_[0]),
        pieces={
            str(n): (_round(idf), _round(w))
            for n, idf, w in zip(names, vectoriser.idf_, protected.coef_[0], strict=True)
        },
        tags=tuple(str(t) for t in tags.classes_),
        tag_intercepts=tuple(_round(b) for b in tags.intercept_),
        tag_weights={str(names[i]): tuple(_round(w) for w in tags.coef_[:, i]) for i in sorted(kept)},
    )


def _check_against(model: LearnedModel, train: list[Case]) -> None:
    """The shipped scorer gives scikit-learn's chance, to rounding, on every train narrative."""
    vectoriser, protected, _ = _fit(train)
    expected = protected.predict_proba(vectoriser.transform([_text(c) for c in train]))[:, 1]
    worst = max(abs(model.chance(_text(c)) - e) for c, e in zip(train, expected, strict=True))
    if worst > 1e-3:
        raise SystemExit(f"the shipped scorer departs from scikit-learn's by {worst:.4f}")


def _cross_validate(train: list[Case], folds: int = 5) -> None:
    """Each fifth of the train split predicted by a model learned from the other four fifths."""
    chances: dict[str, float] = {}
    for fold in range(folds):
        held = [c for i, c in enumerate(train) if i % folds == fold]
        vectoriser, protected, _ = _fit([c for i, c in enumerate(train) if i % folds != fold])
        found = protected.predict_proba(vectoriser.transform([_text(c) for c in held]))[:, 1]
        chances |= {c.id: float(p) for c, p in zip(held, found, strict=True)}
    protected_ids = [c.id for c in train if c.tags]
    genuine_ids = [c.id for c in train if c.kind in GENUINE]
    for threshold in THRESHOLDS:
        recall = sum(chances[i] >= threshold for i in protected_ids) / len(protected_ids)
        flagged = sum(chances[i] >= threshold for i in genuine_ids) / len(genuine_ids)
        print(f"p >= {threshold}: model alone, cross-validated: recall {recall:.3f}, flagged {flagged:.1%}")


def main(check: bool = False, cv: bool = False) -> None:
    train = load_cases(DEFAULT_DATA, "train")
    if cv:
        _cross_validate(train)
        return
    model = _model(train, load_cases(DEFAULT_DATA, "dev") + load_cases(DEFAULT_DATA, "test"))
    _check_against(model, train)
    text = json.dumps(model.model_dump(mode="json"), ensure_ascii=False, sort_keys=True) + "\n"
    if check:
        same = TARGET.read_text(encoding="utf-8") == text
        print("learned.json is up to date" if same else "learned.json differs from a fresh training")
        raise SystemExit(0 if same else 1)
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.name}: {len(model.pieces)} pieces, threshold {model.threshold}")


if __name__ == "__main__":
    main(check="--check" in sys.argv[1:], cv="--cv" in sys.argv[1:])
