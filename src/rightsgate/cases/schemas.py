"""What callers hand to the case services and what they get back: strict pydantic models."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator

from rightsgate.cases.workflow import DecisionAction, Status
from rightsgate.rules.assess import RULES
from rightsgate.rules.facts import DataCategory, without_nul

if TYPE_CHECKING:
    from rightsgate.cases.models import Case

Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000),
    AfterValidator(without_nul),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def stored_fields(case: Case) -> dict[str, Any]:
    """The columns every read model of a case shows as stored."""
    return {
        "id": case.id,
        "reference": case.reference,
        "requesting_state": case.requesting_state,
        "requested_state": case.requested_state,
        "request_type": case.request_type,
        "status": Status(case.status),
        "deadline": case.deadline,
        "linked": case.linked,
        "team_id": case.team_id,
    }


class Conditions(Strict):
    """Conditions of use attached to any transfer."""

    purpose: Text = "Use only for the proceedings named in the request (speciality)."
    retention: Text = "Delete when no longer needed for those proceedings."
    onward_transfer: Text = "No onward transfer without prior written consent."
    data_protection: Text = "Protect the data as the requested State's data-protection law requires."
    confidentiality: Text | None = None


GROUNDS = tuple(module.RULE for module in RULES)
"""The grounds a decider can code: the engine's rules, by id, in the order the engine applies them."""


class DecisionCreate(Strict):
    """A reviewer's decision; `rationale` is required whenever it departs from the recommendation.

    `grounds` are rule ids (`GROUNDS`): required for a refusal or a partial execution, and only for them
    (checked by `cases.decisions`). Reports count refusals by these grounds, whatever the engine advised.
    """

    action: DecisionAction
    rationale: Text | None = None
    data_categories: tuple[DataCategory, ...] | None = None
    withheld: tuple[Text, ...] = ()
    conditions: Conditions = Field(default_factory=Conditions)
    grounds: tuple[str, ...] = ()

    @field_validator("grounds")
    @classmethod
    def _known_grounds(cls, grounds: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [ground for ground in grounds if ground not in GROUNDS]
        if unknown:
            raise ValueError(f"expected rule ids among {', '.join(GROUNDS)}; got {', '.join(unknown)}")
        return tuple(dict.fromkeys(grounds))


class ConsultationCreate(Strict):
    about: Literal["refusal", "postponement"]
    summary: Text


class CaseRead(Strict):
    """A case as a reviewer sees it: status, deadline, links and the latest advice."""

    id: int
    reference: str
    requesting_state: str
    requested_state: str
    request_type: str
    status: Status
    received_on: date
    deadline: datetime
    linked: bool
    team_id: int | None
    linked_case_ids: tuple[int, ...]
    recommendation: str | None
    assessments: int
    decision: DecisionAction | None
