"""Measuring the screening on labelled narratives: per-tag precision, recall and F1, and false flags.

Each line of the evaluation file is one fictional request narrative with its offence, the tags a careful
reader would give it (none for genuine cybercrime), a kind (`protected`, `dressed`: persecution told in
cybercrime words, `cybercrime`, `political_words`: genuine cybercrime told with political words) and a
split: the lexicon is tuned on `dev` and `train`, the figures are reported on `test`; `old_holdout`,
`spent_holdout` and `spent_holdout3` were blind once and have been read since; `holdout`, when present,
is blind and measured once, never tuned on nor learned from. A case is flagged for a tag when the
screening's sign for it reaches the review threshold.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from rightsgate.law.loader import Law
from rightsgate.rules.facts import Request
from rightsgate.rules.learned_sign import screen_request
from rightsgate.rules.screening import Screening, screen

DEFAULT_DATA = Path("tests") / "data" / "screening" / "narratives.jsonl"
GENUINE = frozenset({"cybercrime", "political_words"})
BLIND = "holdout"  # the split that is measured once and never learned from


class LabelledOffence(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    category: str | None = None


class Case(BaseModel):
    """One labelled narrative."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    split: str
    language: str
    kind: str
    tags: tuple[str, ...]
    offence: LabelledOffence
    facts: str

    def request(self) -> Request:
        """The narrative as a request from fictional XA to XB, with only what screening reads."""
        return Request.model_validate_json(
            json.dumps(
                {
                    "reference": self.id,
                    "received_on": "2026-09-01",
                    "language": self.language,
                    "requesting_state": "XA",
                    "requested_state": "XB",
                    "request_type": "mla_stored_data",
                    "offences": [self.offence.model_dump(exclude_none=True)],
                    "facts": self.facts,
                }
            )
        )


@dataclass(frozen=True)
class Score:
    tag: str
    true_pos: int
    false_pos: int
    false_neg: int

    @property
    def precision(self) -> float:
        return self.true_pos / (self.true_pos + self.false_pos) if self.true_pos + self.false_pos else 1.0

    @property
    def recall(self) -> float:
        return self.true_pos / (self.true_pos + self.false_neg) if self.true_pos + self.false_neg else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True)
class Report:
    """What `rightsgate screening eval` prints."""

    cases: int
    scores: tuple[Score, ...]
    protected_recall: float
    protected_cases: int
    false_flag_rate: float
    genuine_cases: int
    ms_per_request: float
    misses: tuple[str, ...]
    false_flags: tuple[str, ...]


def load_cases(path: Path, split: str | None = None) -> list[Case]:
    """The labelled cases of one split (or all), in file order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    cases = [Case.model_validate_json(line) for line in lines if line.strip()]
    return [case for case in cases if split in (None, case.split)]


def learnable(cases: list[Case]) -> list[Case]:
    """The cases a model may learn from: every split but the blind one."""
    return [case for case in cases if case.split != BLIND]


def trained_on(cases: list[Case]) -> str:
    """What a model learned from: the count of narratives and the SHA-256 of their lines."""
    lines = "\n".join(case.model_dump_json() for case in cases)
    digest = hashlib.sha256(lines.encode()).hexdigest()
    return f"every split but {BLIND}: {len(cases)} narratives, sha256 {digest}"


def _score(tag: str, gold: list[set[str]], flagged: list[set[str]]) -> Score:
    pairs = list(zip(gold, flagged, strict=True))
    return Score(
        tag=tag,
        true_pos=sum(tag in g and tag in f for g, f in pairs),
        false_pos=sum(tag not in g and tag in f for g, f in pairs),
        false_neg=sum(tag in g and tag not in f for g, f in pairs),
    )


def _rate(hits: Iterable[bool]) -> float:
    values = list(hits)
    return sum(values) / len(values) if values else 0.0


def _screener(law: Law, learned: bool) -> Callable[[Request], Screening]:
    """The whole screening, or the lexicon's alone (to measure what the learned layer adds)."""
    return partial(screen_request, law=law) if learned else partial(screen, lexicon=law.lexicon)


def evaluate(cases: list[Case], law: Law, *, learned: bool = True) -> Report:
    """Screen every case and compare the flagged tags with the labels."""
    requests = [case.request() for case in cases]
    screener = _screener(law, learned)
    _ = law.lexicon.matcher  # index the lexicon before timing, as a running engine has
    started = time.perf_counter()
    flagged = [{sign.tag for sign in screener(r).flagged} for r in requests]
    elapsed = time.perf_counter() - started
    gold = [set(case.tags) for case in cases]
    protected = [(c, f) for c, f in zip(cases, flagged, strict=True) if c.tags]
    genuine = [(c, f) for c, f in zip(cases, flagged, strict=True) if c.kind in GENUINE]
    return Report(
        cases=len(cases),
        scores=tuple(_score(tag, gold, flagged) for tag in law.lexicon.tags),
        protected_recall=_rate(bool(f) for _, f in protected),
        protected_cases=len(protected),
        false_flag_rate=_rate(bool(f) for _, f in genuine),
        genuine_cases=len(genuine),
        ms_per_request=1000 * elapsed / len(cases) if cases else 0.0,
        misses=tuple(c.id for c, f in protected if not f),
        false_flags=tuple(f"{c.id} ({', '.join(sorted(f))})" for c, f in genuine if f),
    )
