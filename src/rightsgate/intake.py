"""Reading a request from JSON or YAML text, with errors that name the field and what was expected.

Every interface (CLI, and later the API and bulk import) reads requests through `parse_request`, so a bad
input gets the same clear message everywhere: `offences[0].max_penalty_years: expected a number ≥ 0`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails, from_json

from rightsgate.law.files import DataLoader
from rightsgate.rules.facts import Request

MAX_ECHO = 40
MAX_REQUEST_BYTES = 1_000_000
EXPECTATIONS = {
    "missing": "a value is required",
    "extra_forbidden": "unknown field: not part of the request format",
    "float_type": "expected a number",
    "int_type": "expected a whole number",
    "float_parsing": "expected a number",
    "finite_number": "expected a finite number",
    "bool_type": "expected true, false or null",
    "string_type": "expected text",
    "string_too_short": "expected non-empty text",
    "date_type": "expected a date as YYYY-MM-DD",
    "date_parsing": "expected a date as YYYY-MM-DD",
    "date_from_datetime_parsing": "expected a date as YYYY-MM-DD",
    "date_from_datetime_inexact": "expected a date as YYYY-MM-DD, without a time",
    "list_type": "expected a list",
    "tuple_type": "expected a list",
    "model_type": "expected an object",
    "dict_type": "expected an object",
    "model_attributes_type": "expected an object",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "bool_parsing": "expected true or false",
}
BOUNDS = {
    "greater_than_equal": ("≥", "ge"),
    "less_than_equal": ("≤", "le"),
    "greater_than": (">", "gt"),
    "less_than": ("<", "lt"),
}
WITH_CONTEXT = {
    "enum": "expected one of: {expected}",
    "literal_error": "expected one of: {expected}",
    "too_long": "expected at most {max_length} items",
    "string_too_long": "expected at most {max_length} characters",
    "too_short": "expected at least {min_length} items",
    "string_pattern_mismatch": "expected text matching {pattern}",
}


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class RequestError(ValueError):
    """A request that cannot be read, with one FieldError per defect."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(error) for error in errors))


NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def field_path(loc: tuple[int | str, ...]) -> str:
    """('offences', 0, 'name') -> 'offences[0].name'; a key that is not a plain name is quoted: `[""]`."""
    path = ""
    for part in loc:
        if isinstance(part, int) or not NAME.match(part):
            path += f"[{json.dumps(part, ensure_ascii=False)}]"
        else:
            path += f".{part}" if path else part
    return path or "(request)"


def _expected(error: ErrorDetails) -> str:
    kind, ctx = error["type"], error.get("ctx", {})
    if kind in BOUNDS:
        symbol, key = BOUNDS[kind]
        bound = ctx[key]
        return f"expected a number {symbol} {int(bound) if float(bound).is_integer() else bound}"
    if kind in WITH_CONTEXT:
        return WITH_CONTEXT[kind].format(**ctx)
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return EXPECTATIONS.get(kind, str(error["msg"]))


def _describe(error: ErrorDetails) -> FieldError:
    message, value = _expected(error), error.get("input")
    short = isinstance(value, int | float | bool) or (isinstance(value, str) and len(value) <= MAX_ECHO)
    if short and error["type"] not in ("missing", "value_error", "extra_forbidden") and "got" not in message:
        message += f", got {json.dumps(value, ensure_ascii=False)}"
    return FieldError(field=field_path(tuple(error["loc"])), message=message)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object hook for `json.loads` that refuses a key given twice (JSON would keep only the last)."""
    found = dict(pairs)
    if len(found) != len(pairs):
        keys = [key for key, _ in pairs]
        twice = next(key for key in keys if keys.count(key) > 1)
        raise ValueError(f"the key {twice!r} appears twice in one object")
    return found


def read_json(body: bytes) -> Any:
    """Strict JSON: UTF-8, at most 200 levels deep, no NaN or Infinity, no key twice in one object.

    The depth is checked first by a parser that does not recurse, so a deeply nested document is an
    error, never a RecursionError. Raises ValueError saying what is wrong and where.
    """
    text = utf8_text(body)
    try:
        from_json(body, allow_inf_nan=False)
    except ValueError as error:
        raise ValueError(f"invalid JSON: {_json_defect(body, error)}") from error
    return json.loads(text, object_pairs_hook=_unique_keys)


def _json_defect(body: bytes, error: ValueError) -> str:
    """What is wrong with a body the strict parser refused, saying so when NaN or Infinity was the cause."""
    try:
        from_json(body, allow_inf_nan=True)
    except ValueError:
        return str(error)
    return f"NaN and Infinity are not JSON numbers ({error})"


def _as_json(text: str, filename: str) -> str:
    """JSON passes through; YAML (by file name) is converted, so both are validated the same strict way."""
    if not filename.endswith((".yaml", ".yml")):
        return text
    try:
        data: Any = yaml.load(text, Loader=DataLoader)  # noqa: S506 - a SafeLoader subclass
        return json.dumps(data, allow_nan=False)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise _unreadable(f"invalid YAML{where}: {error.problem or error.context}") from error
    except yaml.YAMLError as error:  # a character YAML does not allow, reported over several lines
        raise _unreadable(f"invalid YAML: {' '.join(str(error).split())}") from error
    except (TypeError, ValueError) as error:  # a tagged value (!!binary, !!set), NaN, a 5,000-digit number
        raise _unreadable(
            f"expected plain YAML data (text, finite numbers, lists, mappings): {error}"
        ) from error


def _unreadable(message: str) -> RequestError:
    return RequestError([FieldError(field="(file)", message=message)])


def utf8_text(raw: bytes) -> str:
    """The bytes as text; ValueError naming the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"expected UTF-8 text, got an invalid byte at position {error.start}") from error


def _decoded(data: str | bytes) -> str:
    """The request as text, refusing more than MAX_REQUEST_BYTES and anything that is not UTF-8."""
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    if len(raw) > MAX_REQUEST_BYTES:
        raise _unreadable(f"expected at most {MAX_REQUEST_BYTES} bytes; this input is larger")
    try:
        return utf8_text(raw)
    except ValueError as error:
        raise _unreadable(str(error)) from error


def parse_request(data: str | bytes, *, filename: str = "<stdin>") -> Request:
    """Validate request text (or UTF-8 bytes); raise RequestError naming every bad field."""
    text = _decoded(data)
    if not text.strip():
        raise _unreadable("expected a request, got an empty input")
    json_text = _as_json(text, filename)
    try:
        request = Request.model_validate_json(json_text)
    except ValidationError as error:
        if error.errors()[0]["type"] == "json_invalid":
            detail = error.errors()[0].get("ctx", {}).get("error", "")
            raise _unreadable(f"invalid JSON: {detail}") from error
        raise RequestError([_describe(e) for e in error.errors()]) from error
    try:
        json.loads(json_text, object_pairs_hook=_unique_keys)
    except ValueError as error:
        raise _unreadable(str(error)) from error
    return request


def field_errors(errors: list[ErrorDetails], *, skip: int = 0) -> list[FieldError]:
    """Pydantic errors as field-path messages; `skip` drops leading location parts (e.g. "body")."""
    return [_describe(ErrorDetails(**{**e, "loc": tuple(e["loc"])[skip:]})) for e in errors]  # type: ignore[typeddict-item]
