"""Case tables. Personal data (the request, targets, free text) sits in nullable columns and in
`case_targets`, so a retention purge can remove it while the codes, dates and statistics remain."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

import rightsgate.auth.models  # noqa: F401  (the teams table a case refers to)
from rightsgate.db import Base
from rightsgate.rules.facts import Request

Id = Mapped[int]


def fk(target: str) -> Mapped[int]:
    return mapped_column(ForeignKey(target, ondelete="RESTRICT"), index=True)


class Case(Base):
    """A request under handling; `status` moves only through `cases.workflow.transition`."""

    __tablename__ = "cases"
    __table_args__ = (UniqueConstraint("requesting_state", "reference", name="uq_cases_state_reference"),)

    id: Id = mapped_column(primary_key=True)
    requesting_state: Mapped[str] = mapped_column(String(2))
    reference: Mapped[str] = mapped_column(String(500))
    requested_state: Mapped[str] = mapped_column(String(2))
    request_type: Mapped[str] = mapped_column(String(40))
    emergency: Mapped[bool] = mapped_column(Boolean)
    data_requested: Mapped[list[str]] = mapped_column(JSON)
    received_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(32), index=True)
    deadline: Mapped[datetime] = mapped_column(index=True)
    opened_at: Mapped[datetime] = mapped_column()
    closed_at: Mapped[datetime | None] = mapped_column()
    linked: Mapped[bool] = mapped_column(Boolean, default=False)
    request_json: Mapped[str | None] = mapped_column(Text)
    purged_at: Mapped[datetime | None] = mapped_column()
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="RESTRICT"), index=True)
    """The team handling the case; with team isolation on, only its members (and the roles configured
    to see every team) may read or act on it."""

    assessments: Mapped[list[Assessment]] = relationship(order_by="Assessment.ordinal", viewonly=True)
    decisions: Mapped[list[Decision]] = relationship(order_by="Decision.id", viewonly=True)


def normalised_identifiers(request: Request) -> dict[str, str]:
    """Each target identifier, trimmed and in lower case, with its kind: the form cases are linked by."""
    return {t.identifier.strip().lower(): t.kind.value for t in request.targets or ()}


class CaseTarget(Base):
    """A target identifier, normalised, kept to find linked requests; deleted by the retention purge."""

    __tablename__ = "case_targets"

    id: Id = mapped_column(primary_key=True)
    case_id: Id = fk("cases.id")
    kind: Mapped[str] = mapped_column(String(16))
    identifier: Mapped[str] = mapped_column(String(500), index=True)


class CaseLink(Base):
    """Two cases sharing a target identifier, so the same data is not obtained twice by two routes."""

    __tablename__ = "case_links"
    __table_args__ = (UniqueConstraint("case_id", "linked_case_id", name="uq_case_links_pair"),)

    id: Id = mapped_column(primary_key=True)
    case_id: Id = fk("cases.id")
    linked_case_id: Id = fk("cases.id")
    reason: Mapped[str] = mapped_column(String(32))


class Assessment(Base):
    """The engine's advice, kept with the engine version and law digest; never overwritten."""

    __tablename__ = "assessments"
    __table_args__ = (UniqueConstraint("case_id", "ordinal", name="uq_assessments_case_ordinal"),)

    id: Id = mapped_column(primary_key=True)
    case_id: Id = fk("cases.id")
    ordinal: Mapped[int] = mapped_column(Integer)
    on: Mapped[date] = mapped_column(Date)
    policy: Mapped[str] = mapped_column(String(64))
    recommendation: Mapped[str] = mapped_column(String(32))
    human_review_required: Mapped[bool] = mapped_column(Boolean)
    rights_flagged: Mapped[bool] = mapped_column(Boolean, server_default=false())
    """A human-rights finding needs a person or supports refusal: the inbox's "flagged"."""
    engine_version: Mapped[str] = mapped_column(String(32))
    law_digest: Mapped[str] = mapped_column(String(64))
    explanation: Mapped[str | None] = mapped_column(Text)
    """The shared JSON explanation, stored as the text the engine serialised."""
    created_at: Mapped[datetime] = mapped_column()

    def explained(self) -> dict[str, Any] | None:
        """The explanation as data, or None once purged."""
        return json.loads(self.explanation) if self.explanation else None


class Transition(Base):
    """One status change, with who made it and why."""

    __tablename__ = "transitions"

    id: Id = mapped_column(primary_key=True)
    case_id: Id = fk("cases.id")
    from_status: Mapped[str] = mapped_column(String(32))
    to_status: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(128))
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column()


class Consultation(Base):
    """Consultation with the requesting State, required before a refusal or a postponement."""

    __tablename__ = "consultations"

    id: Id = mapped_column(primary_key=True)
    case_id: Id = fk("cases.id")
    about: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(128))
    summary: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column()


class Decision(Base):
    """The reviewer's decision, separate from the recommendation; effective once countersigned if needed."""

    __tablename__ = "decisions"

    id: Id = mapped_column(primary_key=True)
    case_id: Id = fk("cases.id")
    assessment_id: Id = fk("assessments.id")
    action: Mapped[str] = mapped_column(String(32))
    recommendation: Mapped[str] = mapped_column(String(32))
    departs: Mapped[bool] = mapped_column(Boolean)
    rationale: Mapped[str | None] = mapped_column(Text)
    data_categories: Mapped[list[str]] = mapped_column(JSON)
    withheld: Mapped[list[str]] = mapped_column(JSON)
    conditions: Mapped[dict[str, str]] = mapped_column(JSON)
    decided_by: Mapped[str] = mapped_column(String(128))
    decided_at: Mapped[datetime] = mapped_column()
    needs_countersign: Mapped[bool] = mapped_column(Boolean)
    countersigned_by: Mapped[str | None] = mapped_column(String(128))
    countersigned_at: Mapped[datetime | None] = mapped_column()

    coded_grounds: Mapped[list[DecisionGround]] = relationship(
        order_by="DecisionGround.ground", viewonly=True, lazy="selectin"
    )

    @property
    def effective(self) -> bool:
        return not self.needs_countersign or self.countersigned_by is not None

    @property
    def grounds(self) -> tuple[str, ...]:
        """The grounds the decider coded (rule ids), empty for an execution or a postponement."""
        return tuple(row.ground for row in self.coded_grounds)


class DecisionGround(Base):
    """One ground the decider coded for refusing, or executing only in part: a rule id, so transparency
    reports count refusals by the reviewer's own grounds, not the engine's advice."""

    __tablename__ = "decision_grounds"
    __table_args__ = (UniqueConstraint("decision_id", "ground", name="uq_decision_grounds_ground"),)

    id: Id = mapped_column(primary_key=True)
    decision_id: Id = fk("decisions.id")
    ground: Mapped[str] = mapped_column(String(64))


class Authority(Base):
    """A known requesting authority and an independently sourced contact, for out-of-band checks."""

    __tablename__ = "authorities"

    id: Id = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(String(2), index=True)
    name: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class EmergencyCheck(Base):
    """Out-of-band verification of an emergency request before execution, and its re-validation after."""

    __tablename__ = "emergency_checks"

    id: Id = mapped_column(primary_key=True)
    case_id: Id = fk("cases.id")
    authority_id: Id = fk("authorities.id")
    method: Mapped[str] = mapped_column(String(32))
    confirmed: Mapped[bool] = mapped_column(Boolean)
    verified_by: Mapped[str] = mapped_column(String(128))
    verified_at: Mapped[datetime] = mapped_column()
    revalidated: Mapped[bool | None] = mapped_column(Boolean)
    revalidated_by: Mapped[str | None] = mapped_column(String(128))
    revalidated_at: Mapped[datetime | None] = mapped_column()
