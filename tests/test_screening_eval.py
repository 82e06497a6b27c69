"""The screening's quality gate on the labelled narratives, and the shape of the evaluation set.

The thresholds are the targets of the screening (recall on protected-activity cases at least 0.95,
genuine cybercrime flagged at most 5 %), checked on the test split. Timing is measured by `make bench`,
never asserted here.
"""

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from rightsgate.cli import main
from rightsgate.cli.screening import FALSE_FLAG_TARGET, RECALL_TARGET, SPLITS
from rightsgate.explain import explain
from rightsgate.rules.assess import assess
from rightsgate.screening_eval import BLIND, evaluate, learnable, load_cases, trained_on

RULE = "human_rights.protected_activity"

DATA = Path(__file__).parent / "data" / "screening" / "narratives.jsonl"
LANGUAGES = {"en", "fr", "es", "ar", "ru", "pt"}
KINDS = {"protected", "dressed", "cybercrime", "political_words"}
# `holdout`, the blind split, comes later
REQUIRED_SPLITS = {"train", "dev", "test", "old_holdout", "spent_holdout", "spent_holdout3"}


@pytest.fixture(scope="module")
def test_report(law):
    return evaluate(load_cases(DATA, "test"), law)


def test_recall_on_protected_activity_in_the_test_split_meets_the_target(test_report) -> None:
    assert test_report.protected_recall >= RECALL_TARGET, test_report.misses


def test_genuine_cybercrime_in_the_test_split_is_rarely_flagged(test_report) -> None:
    assert test_report.false_flag_rate <= FALSE_FLAG_TARGET, test_report.false_flags


def test_the_learned_layer_adds_no_false_flag_to_the_lexicon_on_the_test_split(law, test_report) -> None:
    lexicon_alone = evaluate(load_cases(DATA, "test"), law, learned=False)
    assert set(test_report.false_flags) <= set(lexicon_alone.false_flags)
    assert test_report.protected_recall >= lexicon_alone.protected_recall


def test_the_shipped_model_was_learned_from_every_split_but_the_blind_one_as_they_are(law) -> None:
    """Narratives added or changed outside the blind `holdout` without learning the model again fail
    here: run `python -m benchmarks.learned_model` (needs the `learn` extra)."""
    assert law.learned.trained_on == trained_on(learnable(load_cases(DATA)))


def test_the_blind_holdout_is_never_learned_from(tmp_path: Path) -> None:
    cases = load_cases(_with_split(tmp_path, BLIND, 3)) + load_cases(DATA, "test")
    assert {case.split for case in learnable(cases)} == {"test"}
    assert trained_on(learnable(cases)) == trained_on(load_cases(DATA, "test"))


def test_the_evaluation_set_covers_every_tag_language_and_kind_in_each_split(law) -> None:
    cases = load_cases(DATA)
    assert len(cases) >= 200
    assert len({case.id for case in cases}) == len(cases)
    present = {case.split for case in cases}
    assert present >= REQUIRED_SPLITS
    assert present <= set(SPLITS)
    for split in present:
        chosen = [case for case in cases if case.split == split]
        assert {case.language for case in chosen} == LANGUAGES
        assert {case.kind for case in chosen} == KINDS
        assert {tag for case in chosen for tag in case.tags} == set(law.lexicon.tags)


def test_genuine_cybercrime_carries_no_tag_and_protected_cases_carry_one() -> None:
    kinds = Counter((case.kind, bool(case.tags)) for case in load_cases(DATA))
    assert {kind for kind, tagged in kinds if tagged} == {"protected", "dressed"}
    assert {kind for kind, tagged in kinds if not tagged} == {"cybercrime", "political_words"}


def test_screening_eval_prints_per_tag_figures_and_the_false_flag_rate() -> None:
    result = CliRunner().invoke(main, ["screening", "eval", "--data", str(DATA), "--split", "test"])
    assert result.exit_code == 0, result.output
    assert "security_research" in result.output
    assert "recall on protected-activity cases" in result.output
    assert "genuine cybercrime flagged" in result.output
    alone = CliRunner().invoke(
        main, ["screening", "eval", "--data", str(DATA), "--split", "test", "--lexicon-only"]
    )
    assert alone.exit_code == 0, alone.output
    assert "recall on protected-activity cases" in alone.output


def _with_split(tmp_path: Path, split: str, count: int) -> Path:
    """A copy of the first `count` test narratives relabelled as `split`."""
    lines = [c.model_copy(update={"split": split}).model_dump_json() for c in load_cases(DATA, "test")]
    path = tmp_path / "narratives.jsonl"
    path.write_text("\n".join(lines[:count]) + "\n", encoding="utf-8")
    return path


def test_screening_eval_measures_a_holdout_split_when_the_file_has_one(tmp_path: Path) -> None:
    data = _with_split(tmp_path, "holdout", 5)
    result = CliRunner().invoke(main, ["screening", "eval", "--data", str(data), "--split", "holdout"])
    assert "Screening, holdout split: 5 narratives" in result.output
    assert result.exit_code in (0, 1), result.output  # 1: a target missed, which five cases may do


def test_screening_eval_measures_a_split_of_any_name_in_a_new_file(tmp_path: Path) -> None:
    data = _with_split(tmp_path, "holdout4", 5)
    result = CliRunner().invoke(main, ["screening", "eval", "--data", str(data), "--split", "holdout4"])
    assert "Screening, holdout4 split: 5 narratives" in result.output
    assert result.exit_code in (0, 1), result.output


def test_screening_eval_names_a_split_the_file_does_not_hold(tmp_path: Path) -> None:
    data = _with_split(tmp_path, "test", 5)
    result = CliRunner().invoke(main, ["screening", "eval", "--data", str(data), "--split", "holdout"])
    assert result.exit_code == 2
    assert "holds no narrative of split 'holdout'" in result.output


def test_the_json_explanation_carries_tags_confidence_and_spans(law) -> None:
    case = next(c for c in load_cases(DATA, "test") if c.kind == "dressed")
    request = case.request().model_copy(update={"purpose": "To identify the holder."})
    dumped = explain(assess(request, law, on=date(2026, 9, 1)), law).model_dump(mode="json")
    finding = next(f for f in dumped["assessment"]["findings"] if f["rule"] == RULE)
    assert finding["outcome"] == "needs_human_review"
    assert {"tag", "confidence", "signals"} <= set(finding["signs"][0])
    span = finding["evidence"][0]
    assert {"field", "tag", "start", "end", "text", "signal"} <= set(span)
