"""Loading the law: the citation registry, taxonomy, policies, lexicon, parameters and state profiles.

`load_law()` reads the shipped data, plus any profiles in the folder named by `RIGHTSGATE_LAW_PATH`
(they override or extend the shipped ones). A broken profile is kept aside as a defect, so it never
stops the assessment of a request that does not involve that State.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from rightsgate.law.files import SHIPPED, LawFileError, digest, line_of, read_yaml
from rightsgate.law.learned import LearnedModel
from rightsgate.law.lexicon import Lexicon
from rightsgate.law.parameters import TreatyParameters
from rightsgate.law.policy import Policy
from rightsgate.law.profile import Profile
from rightsgate.law.registry import CitationEntry, InstrumentFile
from rightsgate.law.taxonomy import TAXONOMY_FILE, Taxonomy

M = TypeVar("M", bound=BaseModel)
DEFAULT_POLICY = "rights-respecting"


@dataclass(frozen=True)
class Law:
    """Everything the rules may read besides the request itself."""

    instruments: dict[str, InstrumentFile]
    citations: dict[str, CitationEntry]
    taxonomy: Taxonomy
    policies: dict[str, Policy]
    lexicon: Lexicon
    learned: LearnedModel
    parameters: TreatyParameters
    profiles: dict[str, Profile]
    digest: str
    defects: tuple[LawFileError, ...] = field(default=())
    remembered: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    """What the rules worked out from this law, for the rules' own memory (see rules/context.py)."""

    def profile(self, code: str) -> Profile | None:
        return self.profiles.get(code.upper())

    def policy(self, name: str = DEFAULT_POLICY) -> Policy:
        if name not in self.policies:
            raise KeyError(f"unknown policy {name!r}; expected one of: {', '.join(sorted(self.policies))}")
        return self.policies[name]


def parse(model: type[M], path: Path) -> M:
    """Validate one file against its model; errors name the file and the field."""
    data: Any = read_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise LawFileError(
            path, "; ".join(_describe(e) for e in error.errors()), line_of(path, error.errors()[0]["loc"])
        ) from error


def parse_json(model: type[M], path: Path) -> M:
    """Validate one JSON data file (too large to read quickly as YAML); errors name the file and field."""
    try:
        return model.model_validate_json(path.read_bytes())
    except OSError as error:
        raise LawFileError(path, f"cannot read: {error}") from error
    except ValidationError as error:
        raise LawFileError(path, "; ".join(_describe(e) for e in error.errors())) from error


MESSAGES = {
    "extra_forbidden": "unknown key",
    "missing": "a value is required",
    "date_from_datetime_parsing": "expected a date as YYYY-MM-DD",
    "date_parsing": "expected a date as YYYY-MM-DD",
    "date_type": "expected a date as YYYY-MM-DD",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "url_parsing": "expected a web address such as https://example.org/statute",
    "url_scheme": "expected a web address such as https://example.org/statute",
}


def _describe(error: ErrorDetails) -> str:
    """`offences.0.values.2024-07-01.max_penalty_years: Input should be greater than or equal to 0`."""
    where = ".".join(str(part) for part in error["loc"]) or "(top level)"
    if error["type"] == "greater_than_equal":
        return f"{where}: expected a number ≥ {error.get('ctx', {}).get('ge')}"
    if error["type"] == "literal_error":
        return f"{where}: expected one of {error.get('ctx', {}).get('expected')}"
    message = MESSAGES.get(error["type"], str(error["msg"]).removeprefix("Value error, "))
    return f"{where}: {message}"


def _profile_files(extra: Path | None) -> dict[str, Path]:
    files = {p.stem.upper(): p for p in sorted((SHIPPED / "countries").glob("*.yaml"))}
    if extra is not None:
        files.update({p.stem.upper(): p for p in sorted(extra.glob("*.yaml"))})
    return files


def _load_profiles(files: dict[str, Path]) -> tuple[dict[str, Profile], list[LawFileError]]:
    profiles: dict[str, Profile] = {}
    defects: list[LawFileError] = []
    for code, path in files.items():
        try:
            profile = parse(Profile, path)
        except LawFileError as defect:
            defects.append(defect)
            continue
        if profile.state.code != code:
            defects.append(
                LawFileError(path, f"state.code {profile.state.code} does not match the file name")
            )
            continue
        profiles[code] = profile
    return profiles, defects


def law_path_from_env() -> Path | None:
    value = os.environ.get("RIGHTSGATE_LAW_PATH")
    return Path(value) if value else None


def load_law(extra_profiles: Path | None = None) -> Law:
    """Read and validate all law data.

    Treaty, taxonomy and policy defects are fatal; profile defects are kept aside in `defects`.
    """
    instrument_files = sorted((SHIPPED / "treaty").glob("*.yaml"))
    instruments = {f.instrument.id: f for f in (parse(InstrumentFile, p) for p in instrument_files)}
    policy_files = sorted((SHIPPED / "policies").glob("*.yaml"))
    policies = {p.id: p for p in (parse(Policy, path) for path in policy_files)}
    lexicon_file = SHIPPED / "screening" / "lexicon.yaml"
    learned_file = SHIPPED / "screening" / "learned.json"
    parameters_file = SHIPPED / "treaty" / "parameters" / "uncc.yaml"
    profile_files = _profile_files(extra_profiles)
    profiles, defects = _load_profiles(profile_files)
    used = [
        *instrument_files,
        *policy_files,
        TAXONOMY_FILE,
        lexicon_file,
        learned_file,
        parameters_file,
        *profile_files.values(),
    ]
    return Law(
        instruments=instruments,
        citations={e.id: e for f in instruments.values() for e in f.entries},
        taxonomy=parse(Taxonomy, TAXONOMY_FILE),
        policies=policies,
        lexicon=parse(Lexicon, lexicon_file),
        learned=parse_json(LearnedModel, learned_file),
        parameters=parse(TreatyParameters, parameters_file),
        profiles=profiles,
        digest=digest(used, SHIPPED),
        defects=tuple(defects),
    )
