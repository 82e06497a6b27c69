"""`rightsgate assess`: run the engine on request files, no database, and explain the result."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path

import click
from rich.console import Console

from rightsgate.cli.render import render, render_comparison
from rightsgate.explain import Comparison, Explanation, compare, explain
from rightsgate.intake import MAX_REQUEST_BYTES, RequestError, parse_request
from rightsgate.law.files import LawFileError
from rightsgate.law.loader import DEFAULT_POLICY, Law, law_path_from_env, load_law
from rightsgate.rules.assess import assess
from rightsgate.rules.facts import Request

BAD_INPUT = 2


def _read(path: str) -> tuple[bytes, str]:
    """The file's bytes, read only up to one byte past the limit so that a huge file is not held whole."""
    if path == "-":
        return sys.stdin.buffer.read(MAX_REQUEST_BYTES + 1), "<stdin>"
    try:
        with Path(path).open("rb") as file:
            return file.read(MAX_REQUEST_BYTES + 1), path
    except OSError as error:
        raise RequestError([]) from error


def _load(path: str, err: Console) -> Request | None:
    """Read and validate one request; print each defect naming the field, and return None if bad."""
    try:
        text, name = _read(path)
        return parse_request(text, filename=name)
    except RequestError as error:
        cause = error.__cause__
        lines = [str(e) for e in error.errors] or [f"cannot read the file: {cause}"]
        for line in lines:
            err.print(f"error: {path}: {line}", markup=False, highlight=False, soft_wrap=True)
        return None


def _other_policy(policy: str, law: Law) -> str:
    others = [name for name in sorted(law.policies) if name != policy]
    return "convention-minimum" if policy != "convention-minimum" else (others[0] if others else policy)


def _explain(
    request: Request, law: Law, on: date | None, policy: str, compare_policies: bool
) -> Explanation | Comparison:
    when = on or request.received_on
    explanation = explain(assess(request, law, on=when, policy=policy), law)
    if not compare_policies:
        return explanation
    baseline = explain(assess(request, law, on=when, policy=_other_policy(policy, law)), law)
    return compare(baseline, explanation)


def _print(results: list[Explanation | Comparison], as_json: bool, single: bool) -> None:
    if as_json:
        dumped = [result.model_dump(mode="json") for result in results]
        click.echo(json.dumps(dumped[0] if single and dumped else dumped, indent=2, ensure_ascii=False))
        return
    console = Console()
    for result in results:
        if isinstance(result, Comparison):
            render_comparison(result, console)
        else:
            render(result, console)


@click.command("assess")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--profile",
    "--policy",
    "policy",
    default=DEFAULT_POLICY,
    show_default=True,
    help="Policy to apply (convention-minimum or rights-respecting).",
)
@click.option(
    "--on",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Assess under the law in force on this date (default: the date the request was received).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as JSON.")
@click.option(
    "--compare",
    "compare_policies",
    is_flag=True,
    help="Show the convention-minimum policy beside the chosen one: the safeguard gap.",
)
def assess_command(
    files: tuple[str, ...], policy: str, on: datetime | None, as_json: bool, compare_policies: bool
) -> None:
    """Assess request files (JSON or YAML; - for standard input) and explain the recommendation."""
    err = Console(stderr=True)
    try:
        law = load_law(law_path_from_env())
        law.policy(policy)
    except (LawFileError, KeyError) as error:
        err.print(f"error: {error}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(BAD_INPUT)
    requests = [_load(path, err) for path in files]
    day = on.date() if on else None
    _print([_explain(r, law, day, policy, compare_policies) for r in requests if r], as_json, len(files) == 1)
    if None in requests:
        sys.exit(BAD_INPUT)
