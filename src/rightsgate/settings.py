"""Configuration: one typed `Settings`, read from `RIGHTSGATE_*` environment variables when built.

Nothing reads the environment at import time; interfaces build `Settings()` and pass it down.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from rightsgate.auth.permissions import Role
from rightsgate.law.loader import DEFAULT_POLICY

HOURS_BY_TYPE = {"preservation": 24, "emergency_disclosure": 24}


class Settings(BaseSettings):
    """Service settings; every value can be overridden by `RIGHTSGATE_<NAME>` (dicts and sets as JSON)."""

    model_config = SettingsConfigDict(env_prefix="RIGHTSGATE_", extra="forbid", frozen=True)

    database_url: str = "sqlite:///./rightsgate.db"
    policy: str = DEFAULT_POLICY
    deadline_hours: dict[str, int] = Field(default_factory=lambda: dict(HOURS_BY_TYPE))
    deadline_days: dict[str, int] = Field(default_factory=dict)
    default_deadline_days: int = Field(default=30, ge=1)
    four_eyes: bool = True
    four_eyes_data: frozenset[str] = frozenset({"content"})
    four_eyes_types: frozenset[str] = frozenset({"real_time_traffic", "interception_content"})
    link_window_days: int = Field(default=180, ge=0)
    retention_days: int = Field(default=730, ge=0)
    min_report_cell: int = Field(default=5, ge=2)
    secret_key: str | None = None
    secure_cookies: bool = True
    max_body_bytes: int = Field(default=1_000_000, ge=1_000)
    team_isolation: bool = False
    all_teams_roles: frozenset[Role] = frozenset({Role.auditor})
    sign_in_attempts: int = Field(default=5, ge=1)
    sign_in_window_seconds: int = Field(default=900, ge=1)
    session_hours: int = Field(default=8, ge=1)
    db_connections: int = Field(default=10, ge=1)
