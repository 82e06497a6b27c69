"""Profiles: dated values at their boundaries, the profile commands, and every shipped profile consistent."""

from datetime import date

import pytest
from click.testing import CliRunner

from rightsgate.cli import main
from rightsgate.law.summary import diff, values_in_force
from tests.scenario_plugin import shipped_law


@pytest.fixture(scope="module")
def xb():
    return shipped_law().profile("XB")


@pytest.mark.parametrize(
    ("on", "years"),
    [
        (date(2012, 5, 31), None),
        (date(2012, 6, 1), 4),
        (date(2024, 6, 30), 4),
        (date(2024, 7, 1), 6),
        (date(2030, 1, 1), 6),
    ],
)
def test_a_dated_penalty_holds_from_its_effective_date(xb, on, years) -> None:
    found = xb.at(on).offences_for("computer_fraud")
    assert [f.penalty.max_penalty_years for f in found] == ([years] if years else [])


@pytest.mark.parametrize(
    ("on", "criminal", "recorded_not_criminal"),
    [
        (date(2019, 6, 30), True, False),
        (date(2019, 7, 1), False, True),
    ],
)
def test_null_ends_a_value_and_a_later_record_takes_over(xb, on, criminal, recorded_not_criminal) -> None:
    view = xb.at(on)
    assert bool(view.offences_for("defamation")) is criminal
    assert (view.not_criminal("defamation") is not None) is recorded_not_criminal


def test_a_category_the_profile_is_silent_about_is_unknown_not_lawful(xb) -> None:
    view = xb.at(date(2026, 9, 1))
    assert view.offences_for("extremism") == () and view.not_criminal("extremism") is None


def test_every_value_in_force_names_its_source(xb) -> None:
    values = values_in_force(xb, date(2026, 9, 1))
    assert values and all(v.source for v in values)


def test_diff_lists_exactly_the_changes_between_two_dates(xb) -> None:
    changes = {key for key, _, _ in diff(xb, date(2024, 1, 1), date(2025, 6, 1))}
    assert changes == {"offences.pc-307", "offences.pc-222"}


def test_every_shipped_profile_loads() -> None:
    law = shipped_law()
    assert law.defects == ()
    assert {"XA", "XB", "XC"} <= set(law.profiles)


def run(*args):
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "250"})


def test_profiles_list_shows_every_profile() -> None:
    result = run("profiles", "list")
    assert result.exit_code == 0 and all(code in result.output for code in ("XA", "XB", "XC"))


def test_profiles_show_gives_the_law_on_a_date() -> None:
    assert "up to 4 years" in run("profiles", "show", "XB", "--on", "2020-01-01").output
    assert "up to 6 years" in run("profiles", "show", "XB", "--on", "2025-01-01").output


def test_profiles_show_for_an_unknown_state_is_a_clear_error() -> None:
    result = run("profiles", "show", "QQ")
    assert result.exit_code == 2 and "no profile for QQ" in result.output


def test_profiles_diff_shows_the_change_of_law() -> None:
    result = run("profiles", "diff", "XB", "--from", "2024-01-01", "--to", "2025-06-01")
    assert "pc-307" in result.output and "up to 6 years" in result.output


def test_status_tabulates_the_convention_across_profiles() -> None:
    result = run("status")
    assert result.exit_code == 0 and "2026-06-01" in result.output
