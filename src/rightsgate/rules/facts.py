"""The request format: everything a rule may read about an incoming request.

The contents follow what a mutual legal assistance request must carry (UNCC art 40, modelled on UNTOC
art 18(15)): the requesting authority, the subject and nature of the proceedings, a summary of the facts,
the assistance sought, the persons concerned and the purpose. Electronic evidence adds the targets, the
data categories, the period and the authorisation. Optional fields may be absent: absent means unknown,
never "no".
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

import pycountry
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from rightsgate.law.taxonomy import category_ids

EARLIEST_DATE = date(1990, 1, 1)
LATEST_DATE = date(2100, 12, 31)
FICTIONAL_STATES = frozenset(f"X{letter}" for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _state_code(value: str) -> str:
    """An ISO 3166-1 alpha-2 code, or a user-assigned code XA-XZ for a fictional state."""
    code = value.upper()
    if code in FICTIONAL_STATES or pycountry.countries.get(alpha_2=code) is not None:
        return code
    raise ValueError(f"expected an ISO 3166-1 alpha-2 country code (or XA-XZ), got {value!r}")


def _language_code(value: str) -> str:
    """An ISO 639-1 two-letter language code."""
    code = value.lower()
    if len(code) == 2 and pycountry.languages.get(alpha_2=code) is not None:
        return code
    raise ValueError(f"expected an ISO 639-1 two-letter language code, got {value!r}")


def _date_in_range(value: date) -> date:
    """A date between 1990 and 2100: anything else is a typing error, not a request."""
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(f"expected a date between {EARLIEST_DATE} and {LATEST_DATE}, got {value}")
    return value


def _category(value: str) -> str:
    """A conduct category of the offence taxonomy (law/taxonomy.yaml)."""
    if value not in category_ids():
        raise ValueError(
            f"expected an offence category of the taxonomy (see `rightsgate law taxonomy`), got {value!r}"
        )
    return value


def without_nul(value: str) -> str:
    """Text without NUL characters, which a database cannot store as text."""
    if "\x00" in value:
        raise ValueError("expected text without NUL characters (\\u0000)")
    return value


Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500), AfterValidator(without_nul)
]
LongText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100_000),
    AfterValidator(without_nul),
]
Article = Annotated[str, StringConstraints(max_length=50), AfterValidator(without_nul)]
StateCode = Annotated[str, StringConstraints(min_length=2, max_length=2), AfterValidator(_state_code)]
LanguageCode = Annotated[str, StringConstraints(max_length=100), AfterValidator(_language_code)]
Day = Annotated[
    date,
    AfterValidator(_date_in_range),
    Field(description=f"A date between {EARLIEST_DATE} and {LATEST_DATE}."),
]
Category = Annotated[str, StringConstraints(max_length=100), AfterValidator(_category)]


class Strict(BaseModel):
    """Frozen, strict, and closed: unknown keys are an error, and numbers must be finite."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)

    @property
    def key(self) -> tuple[Any, ...]:
        """The field values in order, to remember answers by (models compare slowly); flat models only."""
        return tuple(self.__dict__.values())


class AuthorityKind(StrEnum):
    court = "court"
    investigating_judge = "investigating_judge"
    prosecutor = "prosecutor"
    police = "police"
    ministry = "ministry"
    other = "other"


class Instrument(StrEnum):
    uncc = "uncc"
    budapest = "budapest"
    budapest_2ap = "budapest_2ap"
    bilateral = "bilateral"
    reciprocity = "reciprocity"
    other = "other"


class RequestType(StrEnum):
    mla_stored_data = "mla_stored_data"
    preservation = "preservation"
    partial_disclosure_traffic = "partial_disclosure_traffic"
    production_order = "production_order"
    subscriber_info = "subscriber_info"
    real_time_traffic = "real_time_traffic"
    interception_content = "interception_content"
    search_seizure = "search_seizure"
    emergency_disclosure = "emergency_disclosure"


class Urgency(StrEnum):
    routine = "routine"
    urgent = "urgent"
    emergency = "emergency"


class PersonRole(StrEnum):
    suspect = "suspect"
    victim = "victim"
    witness = "witness"
    other = "other"


class TargetKind(StrEnum):
    account = "account"
    email = "email"
    phone = "phone"
    ip = "ip"
    device = "device"
    domain = "domain"
    url = "url"
    wallet = "wallet"
    other = "other"


class DataCategory(StrEnum):
    """Data categories, from least to most intrusive (UNCC art 2(c), (d), (f))."""

    subscriber = "subscriber"
    device = "device"
    traffic = "traffic"
    location = "location"
    content = "content"


class AuthorisationKind(StrEnum):
    judicial = "judicial"
    independent = "independent"
    prosecutorial = "prosecutorial"
    police = "police"
    none = "none"
    unknown = "unknown"


class RequestingAuthority(Strict):
    name: Text | None = None
    kind: AuthorityKind | None = None


class LegalBasis(Strict):
    instrument: Instrument | None = None
    articles: tuple[Article, ...] = Field(default=(), max_length=50)


class Offence(Strict):
    name: Text
    statute: Text | None = None
    max_penalty_years: Annotated[float, Field(ge=0, le=200)] | None = None
    death_penalty_possible: bool | None = None
    category: Category | None = None


class Person(Strict):
    role: PersonRole
    name: Text | None = None
    nationality: StateCode | None = None
    location: Text | None = None


class Target(Strict):
    kind: TargetKind
    identifier: Text
    provider: Text | None = None


class Period(Strict):
    start: Day
    end: Day

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("expected end on or after start")
        return self

    @property
    def days(self) -> int:
        """Length of the period in days, counting both ends."""
        return (self.end - self.start).days + 1


class Authorisation(Strict):
    kind: AuthorisationKind = AuthorisationKind.unknown
    authority: Text | None = None
    reference: Text | None = None
    date: Day | None = None


class Assurances(Strict):
    specialty: bool | None = None
    death_penalty_not_imposed: bool | None = None
    data_protection: bool | None = None


class Request(Strict):
    """An incoming request for electronic evidence, as received: at most 1,000,000 bytes of JSON or YAML."""

    reference: Text
    received_on: Day
    language: LanguageCode | None = None
    requesting_state: StateCode
    requested_state: StateCode
    requesting_authority: RequestingAuthority | None = None
    legal_basis: LegalBasis | None = None
    request_type: RequestType
    urgency: Urgency | None = None
    emergency_justification: LongText | None = None
    offences: tuple[Offence, ...] | None = Field(default=None, max_length=100)
    facts: LongText | None = None
    purpose: LongText | None = None
    link_to_offence: LongText | None = None
    persons: tuple[Person, ...] | None = Field(default=None, max_length=1_000)
    targets: tuple[Target, ...] | None = Field(default=None, max_length=10_000)
    data_requested: tuple[DataCategory, ...] | None = Field(default=None, max_length=5)
    period: Period | None = None
    authorisation: Authorisation | None = None
    assurances: Assurances | None = None
    confidentiality_requested: bool | None = None
    user_notification_delay_requested: bool | None = None
    decryption_or_key_disclosure: bool | None = None
    related_requests: tuple[Text, ...] | None = Field(default=None, max_length=1_000)

    @model_validator(mode="after")
    def _distinct_states(self) -> Request:
        if self.requesting_state == self.requested_state:
            raise ValueError("expected requesting_state and requested_state to differ")
        return self

    @property
    def is_emergency(self) -> bool:
        """The request claims an emergency: by its type or by its stated urgency."""
        return self.request_type is RequestType.emergency_disclosure or self.urgency is Urgency.emergency
