"""Reading a profile as a list of values in force: for `profiles show`, `profiles diff` and `status`.

Each value carries its key, a plain description, the date it took effect and its source, so a reviewer
sees where every value the engine uses comes from and since when it holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from rightsgate.law.profile import Profile, Treaty
from rightsgate.law.sources import Source

TREATIES: tuple[Treaty, ...] = ("uncc", "budapest", "budapest_2ap")


@dataclass(frozen=True, slots=True)
class LawValue:
    key: str
    value: str
    since: date | None
    source: str


def _cite(source: Source) -> str:
    return f"{source.title} ({source.url or source.document})"


def _since(values: Mapping[date, object], on: date) -> date | None:
    return max((d for d in values if d <= on), default=None)


def _offences(profile: Profile, on: date) -> list[LawValue]:
    view = profile.at(on)
    return [
        LawValue(
            f"offences.{found.offence.id}",
            f"{found.offence.statute}: {found.offence.name} "
            f"[{found.offence.category}], {found.penalty.describe()}",
            _since(found.offence.values, on),
            _cite(found.penalty.source),
        )
        for found in (f for group in view.offences_in_force.values() for f in group)
    ]


def _other_values(profile: Profile, on: date) -> list[LawValue]:
    view, found = profile.at(on), []
    for record in profile.not_criminalised:
        if (value := view.not_criminal(record.category)) is not None:
            found.append(
                LawValue(
                    f"not_criminalised.{record.category}",
                    "not an offence",
                    _since(record.values, on),
                    _cite(value.source),
                )
            )
    for regime in profile.authorisation:
        subject = regime.data_category or regime.request_type
        if rule := view.authorisation_for(
            data_category=regime.data_category, request_type=regime.request_type
        ):
            found.append(
                LawValue(
                    f"authorisation.{subject}",
                    rule[0].required,
                    _since(regime.values, on),
                    _cite(rule[0].source),
                )
            )
    if (status := view.death_penalty()) is not None and profile.death_penalty:
        found.append(
            LawValue("death_penalty", status.status, _since(profile.death_penalty, on), _cite(status.source))
        )
    for code, risk_record in view.risks():
        risk = next(r for r in profile.human_rights_risks if r.code == code)
        found.append(
            LawValue(
                f"human_rights_risks.{code}",
                risk_record.summary,
                _since(risk.values, on),
                _cite(risk_record.source),
            )
        )
    return found


def _treaties(profile: Profile, on: date) -> list[LawValue]:
    found = []
    for treaty, status in profile.treaty_status.items():
        for step in ("signature", "ratification", "entry_into_force"):
            event = getattr(status, step)
            if event is not None and event.date <= on:
                found.append(
                    LawValue(
                        f"treaty_status.{treaty}.{step}", str(event.date), event.date, _cite(event.source)
                    )
                )
    return found


def values_in_force(profile: Profile, on: date) -> list[LawValue]:
    """Every value of the profile in force on `on`, with its source."""
    return _treaties(profile, on) + _offences(profile, on) + _other_values(profile, on)


def diff(profile: Profile, before: date, after: date) -> list[tuple[str, str | None, str | None]]:
    """(key, value then, value now) for every value that differs between two dates."""
    old = {v.key: v.value for v in values_in_force(profile, before)}
    new = {v.key: v.value for v in values_in_force(profile, after)}
    return [(key, old.get(key), new.get(key)) for key in sorted({*old, *new}) if old.get(key) != new.get(key)]


def treaty_row(profile: Profile) -> dict[str, str]:
    """One row of the implementation monitor: dates per treaty step, and declarations made."""
    row = {"state": profile.state.code, "name": profile.state.name}
    for treaty in TREATIES:
        status = profile.treaty_status.get(treaty)
        for step in ("signature", "ratification", "entry_into_force"):
            event = getattr(status, step) if status else None
            row[f"{treaty}.{step}"] = str(event.date) if event else "—"
    row["declarations"] = (
        ", ".join(f"{d.instrument} art {d.article} ({d.kind})" for d in profile.declarations) or "—"
    )
    return row
