"""State profiles: the law of one State as dated, sourced values (`law/countries/<iso2>.yaml`).

A profile records what the engine needs of a State's law: which conduct is criminal and how it is
punished, which authorisation a measure needs, the death-penalty status, recorded human-rights risks,
data-protection law and the State's treaty status. Every dated value carries its source; `at(on)` gives
the law in force on a date. What a profile does not record is unknown, never "not criminal".
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from rightsgate.law.policy import Level
from rightsgate.law.sources import Dated, LawModel, ShortText, Source, value_at

Treaty = Literal["uncc", "budapest", "budapest_2ap"]
DocId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$")]


class SourcedEvent(LawModel):
    date: date
    source: Source


class TreatyStatus(LawModel):
    signature: SourcedEvent | None = None
    ratification: SourcedEvent | None = None
    entry_into_force: SourcedEvent | None = None

    def in_force_on(self, on: date) -> bool:
        return self.entry_into_force is not None and self.entry_into_force.date <= on


class Declaration(LawModel):
    """A reservation, declaration or notification a State made to a treaty (`effect` is our summary)."""

    id: DocId
    instrument: Treaty
    article: ShortText
    kind: Literal["reservation", "declaration", "notification"]
    effect: ShortText
    date: date
    source: Source


class Penalty(LawModel):
    max_penalty_years: float | None = Field(ge=0)
    life_imprisonment: bool = False
    death_penalty: bool | None = None
    source: Source

    def describe(self) -> str:
        """The maximum penalty in words: years, life imprisonment or death."""
        if self.death_penalty:
            return "up to the death penalty"
        if self.life_imprisonment:
            return "up to life imprisonment"
        return (
            "maximum unknown" if self.max_penalty_years is None else f"up to {self.max_penalty_years:g} years"
        )


class DomesticOffence(LawModel):
    """A domestic provision and the conduct category it covers, with its dated penalties."""

    id: DocId
    statute: ShortText
    name: ShortText
    category: ShortText
    elements: tuple[ShortText, ...] = ()
    values: Dated[Penalty]


class NotCriminal(LawModel):
    source: Source
    note: ShortText | None = None


class NotCriminalised(LawModel):
    """A conduct category established (with a source) not to be an offence in this State."""

    category: ShortText
    values: Dated[NotCriminal]


class AuthorisationRule(LawModel):
    required: Level
    source: Source


class AuthorisationRegime(LawModel):
    """Who must authorise a measure for one data category, or for one measure as such, in this State."""

    data_category: ShortText | None = None
    request_type: ShortText | None = None
    values: Dated[AuthorisationRule]

    @model_validator(mode="after")
    def _one_subject(self) -> AuthorisationRegime:
        if (self.data_category is None) == (self.request_type is None):
            raise ValueError("give exactly one of data_category or request_type")
        return self


class DeathPenaltyStatus(LawModel):
    status: Literal["abolitionist", "abolitionist_in_practice", "retentionist"]
    source: Source


class RiskRecord(LawModel):
    summary: ShortText
    source: Source


class HumanRightsRisk(LawModel):
    """A documented risk (torture, persecution of journalists …) recorded with its source."""

    code: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    values: Dated[RiskRecord]


class DataProtection(LawModel):
    law: ShortText
    convention_108_plus: bool | None = None
    transfer_conditions: ShortText | None = None
    source: Source


class Contact(LawModel):
    name: ShortText
    source: Source


class StateInfo(LawModel):
    code: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    name: ShortText


class Metadata(LawModel):
    last_reviewed: date
    reviewers: tuple[ShortText, ...] = ()
    profile_version: ShortText


class Profile(LawModel):
    state: StateInfo
    fictional: bool = False
    metadata: Metadata
    treaty_status: dict[Treaty, TreatyStatus] = {}
    declarations: tuple[Declaration, ...] = ()
    offences: tuple[DomesticOffence, ...] = ()
    not_criminalised: tuple[NotCriminalised, ...] = ()
    authorisation: tuple[AuthorisationRegime, ...] = ()
    death_penalty: Dated[DeathPenaltyStatus] | None = None
    human_rights_risks: tuple[HumanRightsRisk, ...] = ()
    data_protection: Dated[DataProtection] | None = None
    central_authority: Contact | None = None
    contact_point_24_7: Contact | None = None

    @cached_property
    def views(self) -> dict[date, ProfileAt]:
        """The views already made, by date: the law does not change between two assessments."""
        return {}

    def at(self, on: date) -> ProfileAt:
        """The law of this State in force on `on`."""
        if on not in self.views:
            self.views[on] = ProfileAt(profile=self, on=on)
        return self.views[on]


class InForceOffence(LawModel):
    offence: DomesticOffence
    penalty: Penalty


class ProfileAt(LawModel):
    """A profile seen on one date: only the values in force then."""

    profile: Profile
    on: date

    @property
    def code(self) -> str:
        return self.profile.state.code

    @cached_property
    def offences_in_force(self) -> dict[str, tuple[InForceOffence, ...]]:
        """Domestic provisions in force on the date, by conduct category."""
        found: dict[str, tuple[InForceOffence, ...]] = {}
        for offence in self.profile.offences:
            if (penalty := value_at(offence.values, self.on)) is not None:
                entry = InForceOffence(offence=offence, penalty=penalty)
                found[offence.category] = (*found.get(offence.category, ()), entry)
        return found

    def offences_for(self, category: str) -> tuple[InForceOffence, ...]:
        """Domestic provisions in force that cover a conduct category."""
        return self.offences_in_force.get(category, ())

    def not_criminal(self, category: str) -> NotCriminal | None:
        """The sourced record that a conduct category is not criminal, if there is one in force."""
        for record in self.profile.not_criminalised:
            if record.category == category and (value := value_at(record.values, self.on)):
                return value
        return None

    def authorisation_for(
        self, *, data_category: str | None = None, request_type: str | None = None
    ) -> tuple[AuthorisationRule, ...]:
        """The authorisation rules in force for a data category, or for a measure as such."""
        rules = []
        for regime in self.profile.authorisation:
            applies = (data_category is not None and regime.data_category == data_category) or (
                request_type is not None and regime.request_type == request_type
            )
            if applies and (rule := value_at(regime.values, self.on)):
                rules.append(rule)
        return tuple(rules)

    def death_penalty(self) -> DeathPenaltyStatus | None:
        return value_at(self.profile.death_penalty, self.on) if self.profile.death_penalty else None

    def risks(self) -> tuple[tuple[str, RiskRecord], ...]:
        found = ((risk.code, value_at(risk.values, self.on)) for risk in self.profile.human_rights_risks)
        return tuple((code, record) for code, record in found if record is not None)

    def in_force(self, instrument: Treaty) -> bool | None:
        """Whether a treaty is in force for this State on the date; None if the profile does not say."""
        status = self.profile.treaty_status.get(instrument)
        return None if status is None else status.in_force_on(self.on)
