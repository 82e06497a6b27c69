"""One broken profile per defect: each gives the file, the line, the field and what was expected."""

import shutil
from datetime import date
from pathlib import Path

import pytest

from rightsgate.law.check import check_law

INVALID = Path(__file__).parent / "invalid"
TODAY = date(2026, 11, 23)
EXPECTED = {
    "missing_source.yaml": ("offences.0.values.2020-01-01.source: a value is required", 10),
    "wrong_date.yaml": ("offences.0.values.2020-13-01.[key]: expected a date as YYYY-MM-DD", 10),
    "overlapping_periods.yaml": (
        "offences.pc-9: in force on 2019-07-01 while defamation is recorded as not criminal",
        None,
    ),
    "unknown_category.yaml": ("offences.pc-1: unknown taxonomy category 'hooliganism'", None),
    "duplicate_key.yaml": ("duplicate key 'name'", 8),
    "unknown_key.yaml": ("offences.0.maximum: unknown key", 9),
    "negative_penalty.yaml": ("offences.0.values.2020-01-01.max_penalty_years: expected a number ≥ 0", 10),
    "unsorted_dates.yaml": ("offences.pc-1: dates are not in order", None),
    "source_without_location.yaml": ("a source needs a url or a document identifier", 10),
    "wrong_state_code.yaml": ("state.code XY does not match the file name", None),
    "bad_yaml.yaml": ("xz.yaml:", 7),
    "authorisation_without_subject.yaml": ("give exactly one of data_category or request_type", 5),
    "missing_last_reviewed.yaml": ("metadata.last_reviewed: a value is required", 2),
    "invalid_url.yaml": (
        "offences.0.values.2020-01-01.source.url: expected a web address such as https://example.org/statute",
        10,
    ),
    "unknown_death_penalty_status.yaml": (
        "death_penalty.2020-01-01.status: expected one of 'abolitionist', 'abolitionist_in_practice' or "
        "'retentionist'",
        5,
    ),
    "unknown_treaty.yaml": (
        "treaty_status.malabo.[key]: expected one of 'uncc', 'budapest' or 'budapest_2ap'",
        6,
    ),
}


def test_every_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in INVALID.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_broken_profile_is_reported_with_file_line_field_and_expectation(tmp_path, name) -> None:
    shutil.copy(INVALID / name, tmp_path / "xz.yaml")
    report = check_law(tmp_path, stale_after=None, today=TODAY)
    message, line = EXPECTED[name]
    matching = [d for d in report.defects if message in d]
    assert matching, report.defects
    if line is not None:
        assert f"xz.yaml:{line}:" in matching[0]


def test_all_defects_are_reported_at_once(tmp_path) -> None:
    for code, name in (("xy", "negative_penalty.yaml"), ("xz", "unknown_category.yaml")):
        text = (INVALID / name).read_text(encoding="utf-8").replace("code: XZ", f"code: {code.upper()}")
        (tmp_path / f"{code}.yaml").write_text(text, encoding="utf-8")
    report = check_law(tmp_path, stale_after=None, today=TODAY)
    assert len(report.defects) == 2


def test_a_broken_user_profile_does_not_stop_an_assessment_of_other_states(tmp_path, monkeypatch) -> None:
    from click.testing import CliRunner

    from rightsgate.cli import main
    from tests.conftest import ROOT

    shutil.copy(INVALID / "negative_penalty.yaml", tmp_path / "xz.yaml")
    monkeypatch.setenv("RIGHTSGATE_LAW_PATH", str(tmp_path))
    request = ROOT / "tests" / "scenarios" / "_bases" / "complete.yaml"
    result = CliRunner().invoke(main, ["assess", str(request)])
    assert result.exit_code == 0, result.output
    assert "Recommendation: execute" in result.output


def test_a_stale_profile_is_a_warning_not_a_defect() -> None:
    report = check_law(None, stale_after=30, today=date(2027, 6, 1))
    assert report.defects == []
    assert any("last reviewed" in warning for warning in report.warnings)
