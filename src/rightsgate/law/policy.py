"""Policies as data: how strictly the requested State applies the safeguards the Convention leaves open.

`convention-minimum` applies only what the Convention itself requires or permits; `rights-respecting`
(the default) applies what human-rights bodies and civil society ask of States implementing it. Every
setting cites the provision or principle it rests on, so the difference between two policies is the
safeguard gap, article by article.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from rightsgate.law.sources import CitationId, LawModel, ShortText

Discretion = Literal["refusal_required", "refusal_permitted", "needs_human_review"]
Level = Literal["judicial", "independent", "prosecutorial", "police", "none"]
Cites = Annotated[tuple[CitationId, ...], Field(min_length=1)]


class DualCriminalityPolicy(LawModel):
    """Which measures need the conduct to be criminal in the requested State, and what follows if not."""

    required_for: tuple[str, ...]
    exempt: tuple[str, ...] = ()
    when_lacking_required: Discretion
    when_lacking_otherwise: Discretion
    cites: Cites


class ScopePolicy(LawModel):
    """What follows when an offence is neither a Convention offence nor a serious crime."""

    out_of_scope: Discretion
    cites: Cites


class ExpressionPolicy(LawModel):
    """What follows when an offence criminalises expression, assembly, belief or identity."""

    refuse_categories: tuple[str, ...]
    on_refuse_category: Discretion
    on_other_expression: Discretion
    cites: Cites


class AuthorisationPolicy(LawModel):
    """The prior authorisation demanded, by data category and by measure, on top of domestic law."""

    by_data_category: dict[str, Level]
    by_request_type: dict[str, Level] = {}
    cites: Cites


class ProportionalityPolicy(LawModel):
    """Structured limits; the weighing itself always stays with a person."""

    intrusive_categories: tuple[str, ...]
    intrusive_min_penalty_years: float | None = Field(default=None, ge=0)
    max_period_days: int | None = Field(default=None, ge=1)
    max_targets: int | None = Field(default=None, ge=1)
    weighing_for_categories: tuple[str, ...] = ()
    weighing_for_request_types: tuple[str, ...] = ()
    cites: Cites


class AssurancePolicy(LawModel):
    """Whether an assurance must be given expressly, and what follows when it is refused."""

    require_express: bool
    when_refused: Discretion
    cites: Cites


class DecryptionPolicy(LawModel):
    """Demands to decrypt or disclose keys: withhold that part, or leave it to a person."""

    when_demanded: Literal["withhold", "needs_human_review"]
    cites: Cites


class NotificationPolicy(LawModel):
    """Whether the request must say if notice to the user is to be delayed."""

    require_status: bool
    cites: Cites


class Policy(LawModel):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
    title: ShortText
    description: ShortText
    dual_criminality: DualCriminalityPolicy
    scope: ScopePolicy
    expression: ExpressionPolicy
    authorisation: AuthorisationPolicy
    proportionality: ProportionalityPolicy
    death_penalty: AssurancePolicy
    data_protection: AssurancePolicy
    speciality: AssurancePolicy
    decryption: DecryptionPolicy
    notification: NotificationPolicy
