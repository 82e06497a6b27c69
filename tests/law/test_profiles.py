"""Profiles: dated values at their boundaries, the profile commands, and every shipped profile consistent."""

from datetime import date, timedelta

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
        (date(2012, 6, 2), 4),
        (date(2024, 6, 30), 4),
        (date(2024, 7, 1), 6),
        (date(2024, 7, 2), 6),
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


@pytest.mark.parametrize(
    ("on", "years"),
    [(date(2009, 10, 26), None), (date(2009, 10, 27), 3), (date(2015, 3, 23), 3), (date(2015, 3, 24), None)],
)
def test_a_real_provision_holds_from_its_commencement_until_null_ends_it(on, years) -> None:
    """India's IT Act s 66A: in force from 27 Oct 2009, struck down on 24 March 2015."""
    found = [f for f in shipped_law().profile("IN").at(on).offences_for("false_information")]
    assert [f.penalty.max_penalty_years for f in found] == ([years] if years else [])


@pytest.mark.parametrize(
    ("on", "source"),
    [
        (date(2024, 2, 27), "Cybercrimes (Prohibition, Prevention, etc.) Act 2015, s 24(1)"),
        (date(2024, 2, 28), "Cybercrimes (Prohibition, Prevention, etc.) (Amendment) Act 2024, s 24(1)"),
        (date(2024, 2, 29), "Cybercrimes (Prohibition, Prevention, etc.) (Amendment) Act 2024, s 24(1)"),
    ],
)
def test_a_reworded_provision_cites_the_text_in_force_on_the_day(on, source) -> None:
    """Nigeria's Cybercrimes Act s 24(1) was reworded on 28 Feb 2024 with the same maximum."""
    [found] = shipped_law().profile("NG").at(on).offences_for("false_information")
    assert found.penalty.max_penalty_years == 3 and found.penalty.source.title.startswith(source)


@pytest.mark.parametrize(
    ("state", "offence", "first_day", "years"),
    [
        ("RU", "ukrf-280-1", date(2014, 2, 15), 4),
        ("RU", "ukrf-280-2", date(2014, 8, 1), 5),
        ("SA", "acl-6-1", date(2008, 1, 26), 5),
        ("BR", "cp-139", date(2021, 7, 24), 3),
        ("JP", "ucaa-11", date(2012, 5, 1), 3),
    ],
)
def test_a_corrected_start_date_holds_from_that_day_and_not_before(state, offence, first_day, years) -> None:
    """Russia art 280(1): Federal Law 5-FZ, published 4 Feb 2014, in force ten days later; art 280(2)
    online: June 2014 law, recorded from 1 Aug 2014; Saudi Anti-Cyber Crime Law: applied by 26 Jan 2008;
    Brazil CP art. 141 § 2: the 2021 promulgation, in force by 24 Jul 2021; Japan's Unauthorized Computer
    Access Act art 11: Act No. 12 of 2012, promulgated 31 Mar 2012, in force one month later."""
    profile = shipped_law().profile(state)

    def penalty(on: date) -> int | None:
        found = {
            f.offence.id: f.penalty.max_penalty_years
            for fs in profile.at(on).offences_in_force.values()
            for f in fs
        }
        return found.get(offence)

    assert penalty(first_day - timedelta(days=1)) is None
    assert penalty(first_day) == years


@pytest.mark.parametrize(("on", "status"), [(date(2006, 6, 28), None), (date(2006, 6, 29), "abolitionist")])
def test_a_corrected_death_penalty_status_holds_from_that_day_and_not_before(on, status) -> None:
    """The Philippines' RA 9346 took effect on 29 June 2006, the day of its publication, not 1 July."""
    found = shipped_law().profile("PH").at(on).death_penalty()
    assert (found.status if found else None) == status


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


REAL = {"BR", "DE", "GB", "IN", "JP", "NG", "PH", "RU", "SA", "VN"}


def test_at_least_ten_real_profiles_ship_each_value_sourced_to_a_web_address() -> None:
    law = shipped_law()
    real = {code for code, profile in law.profiles.items() if not profile.fictional}
    assert real >= REAL
    for code in real:
        values = values_in_force(law.profiles[code], date(2026, 12, 1))
        assert values and all("(http" in v.source for v in values), code


def test_the_real_profiles_cover_the_patterns_the_convention_debate_turns_on() -> None:
    """A civil-law EU State, a common-law State, a Budapest party outside Europe, a death-penalty State,
    and States whose cyber laws carry expression offences."""
    law, on = shipped_law(), date(2026, 12, 1)
    views = {code: law.profile(code).at(on) for code in REAL}
    assert views["DE"].offences_for("illegal_access") and views["GB"].offences_for("illegal_access")
    assert views["JP"].in_force("budapest") and views["NG"].in_force("budapest")
    assert {code for code, v in views.items() if (d := v.death_penalty()) and d.status == "retentionist"}
    assert views["VN"].offences_for("sedition") and views["RU"].offences_for("false_information")


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


def test_profiles_show_gives_a_real_provision_only_while_it_is_in_force() -> None:
    assert "ita-66a" in run("profiles", "show", "IN", "--on", "2015-03-23").output
    assert "ita-66a" not in run("profiles", "show", "IN", "--on", "2015-03-24").output


def test_law_check_warns_about_profiles_not_reviewed_within_the_period() -> None:
    result = run("law", "check", "--stale-after", "30", "--today", "2027-06-01")
    assert result.exit_code == 0
    assert "warning: DE: last reviewed 2026-12-05, more than 30 days ago" in result.output


def test_law_check_without_stale_after_gives_no_staleness_warning() -> None:
    result = run("law", "check", "--today", "2030-01-01")
    assert result.exit_code == 0 and "warning:" not in result.output and "0 warnings" in result.output


def test_status_tabulates_the_convention_across_profiles() -> None:
    result = run("status")
    assert result.exit_code == 0 and "2026-06-01" in result.output
