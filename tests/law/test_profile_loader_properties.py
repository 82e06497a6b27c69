"""Property tests of the profile loader: a State profile of any content either loads or is refused with a
LawFileError naming the file, and, for a validation error, each field and what was expected. Nothing
else escapes, and a broken profile never stops the law from loading (it is set aside as a defect).

Inputs: a shipped profile with one value replaced, removed or added at any depth; a shipped profile's
text with bytes inserted, deleted or changed; and arbitrary bytes.
"""

from __future__ import annotations

import copy
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from rightsgate.law.files import SHIPPED, DataLoader, LawFileError
from rightsgate.law.loader import load_law, parse
from rightsgate.law.profile import Profile

SETTINGS = settings(max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck))
SHIPPED_TEXT = {path.stem: path.read_bytes() for path in sorted((SHIPPED / "countries").glob("*.yaml"))}
PROFILES = {code: yaml.load(text, Loader=DataLoader) for code, text in SHIPPED_TEXT.items()}
RAW = ("[type=", "errors.pydantic.dev", "Value error,")  # pydantic's own wording, never shown as is

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(str)
)
yaml_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8,
)


def locations(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += locations(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += locations(inner, (*prefix, index))
    return found


def changed(document: Any, where: tuple[Any, ...], action: str, value: Any) -> Any:
    if not where:
        return value
    result = copy.deepcopy(document)
    *parents, last = where
    holder = result
    for part in parents:
        holder = holder[part]
    if action == "remove":
        del holder[last]
    elif action == "add" and isinstance(holder, dict):
        holder[f"{last}_extra"] = value
    else:
        holder[last] = value
    return result


def assert_loaded_or_clearly_refused(text: bytes, code: str) -> Profile | None:
    """The property, on one profile file: a Profile, or a LawFileError naming the file and each defect."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{code}.yaml"
        path.write_bytes(text)
        try:
            return parse(Profile, path)
        except LawFileError as error:
            assert str(error).startswith(str(path)), error
            assert error.message.strip() and "\n" not in error.message, error
            if isinstance(error.__cause__, ValidationError):
                for defect in error.message.split("; "):
                    where, _, message = defect.partition(": ")
                    assert where and message.strip() and not any(raw in message for raw in RAW), defect
            return None


@SETTINGS
@given(
    code=st.sampled_from(sorted(PROFILES)),
    choice=st.data(),
    action=st.sampled_from(["replace", "remove", "add"]),
    value=yaml_values,
)
def test_a_profile_with_any_value_changed_loads_or_is_clearly_refused(code, choice, action, value) -> None:
    where = choice.draw(st.sampled_from(locations(PROFILES[code])))
    document = changed(PROFILES[code], where, action if where else "replace", value)
    assert_loaded_or_clearly_refused(yaml.safe_dump(document, allow_unicode=True).encode(), code)


@SETTINGS
@given(
    code=st.sampled_from(sorted(PROFILES)),
    position=st.integers(min_value=0),
    cut=st.integers(min_value=0, max_value=12),
    inserted=st.binary(max_size=12)
    | st.sampled_from([b"&a ", b"*a", b"[", b"{", b": :", b"\t", b"!!binary "]),
)
def test_a_profile_with_bytes_mangled_loads_or_is_clearly_refused(code, position, cut, inserted) -> None:
    text = SHIPPED_TEXT[code]
    at = position % (len(text) + 1)
    assert_loaded_or_clearly_refused(text[:at] + inserted + text[at + cut :], code)


@SETTINGS
@given(text=st.binary(max_size=300))
def test_arbitrary_bytes_as_a_profile_are_clearly_refused(text) -> None:
    assert assert_loaded_or_clearly_refused(text, "xz") is None


@settings(max_examples=12, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(choice=st.data(), value=yaml_values)
def test_a_broken_profile_is_set_aside_and_the_law_still_loads(choice, value) -> None:
    where = choice.draw(st.sampled_from(locations(PROFILES["xa"])))
    document = changed(PROFILES["xa"], where, "replace", value)
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "xa.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
        law = load_law(Path(folder))
    set_aside = [defect for defect in law.defects if defect.path.name == "xa.yaml"]
    assert "XB" in law.profiles
    assert ("XA" in law.profiles) != bool(set_aside)


def test_the_shipped_profiles_used_above_load() -> None:
    for code, text in SHIPPED_TEXT.items():
        assert assert_loaded_or_clearly_refused(text, code) is not None
