"""Reading a request from JSON or YAML text, with errors that name the field and what was expected.

Every interface (CLI, and later the API and bulk import) reads requests through `parse_request`, so a bad
input gets the same clear message everywhere: `offences[0].max_penalty_years: expected a number ≥ 0`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from rightsgate.rules.facts import Request

MAX_ECHO = 40
EXPECTATIONS = {
    "missing": "a value is required",
    "extra_forbidden": "unknown field: not part of the request format",
    "float_type": "expected a number",
    "int_type": "expected a whole number",
    "float_parsing": "expected a number",
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


def field_path(loc: tuple[int | str, ...]) -> str:
    """('offences', 0, 'name') -> 'offences[0].name'."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(request)"


def _expected(error: ErrorDetails) -> str:
    kind, ctx = error["type"], error.get("ctx", {})
    bounds = {"greater_than_equal": ("≥", "ge"), "less_than_equal": ("≤", "le"), "greater_than": (">", "gt")}
    if kind in bounds:
        symbol, key = bounds[kind]
        return f"expected a number {symbol} {ctx[key]:g}"
    if kind == "enum":
        return f"expected one of: {ctx['expected']}"
    if kind in ("too_long", "string_too_long"):
        return (
            f"expected at most {ctx['max_length']} {'characters' if kind == 'string_too_long' else 'items'}"
        )
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return EXPECTATIONS.get(kind, str(error["msg"]))


def _describe(error: ErrorDetails) -> FieldError:
    message, value = _expected(error), error.get("input")
    short = isinstance(value, int | float | bool) or (isinstance(value, str) and len(value) <= MAX_ECHO)
    if short and error["type"] not in ("missing", "value_error") and "got" not in message:
        message += f", got {json.dumps(value, ensure_ascii=False)}"
    return FieldError(field=field_path(tuple(error["loc"])), message=message)


def _as_json(text: str, filename: str) -> str:
    """JSON passes through; YAML (by file name) is converted, so both are validated the same strict way."""
    if not filename.endswith((".yaml", ".yml")):
        return text
    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise RequestError([FieldError(field="(file)", message=f"invalid YAML: {error}")]) from error
    return json.dumps(data, default=str)


def parse_request(text: str, *, filename: str = "<stdin>") -> Request:
    """Validate request text; raise RequestError naming every bad field."""
    if not text.strip():
        raise RequestError([FieldError(field="(file)", message="expected a request, got an empty input")])
    try:
        return Request.model_validate_json(_as_json(text, filename))
    except ValidationError as error:
        if error.errors()[0]["type"] == "json_invalid":
            detail = error.errors()[0].get("ctx", {}).get("error", "")
            raise RequestError([FieldError(field="(file)", message=f"invalid JSON: {detail}")]) from error
        raise RequestError([_describe(e) for e in error.errors()]) from error


def field_errors(errors: list[ErrorDetails], *, skip: int = 0) -> list[FieldError]:
    """Pydantic errors as field-path messages; `skip` drops leading location parts (e.g. "body")."""
    return [_describe(ErrorDetails(**{**e, "loc": tuple(e["loc"])[skip:]})) for e in errors]  # type: ignore[typeddict-item]
