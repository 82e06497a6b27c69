"""Documentation that the tests keep true: generated files current, every command documented."""

import json
from pathlib import Path

import click

from rightsgate.cli import main
from rightsgate.rules.assess import RULES
from rightsgate.rules.catalogue import rules_markdown
from rightsgate.rules.facts import Request

ROOT = Path(__file__).parent.parent


def command_paths(group: click.Group, prefix: str = "rightsgate") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            paths += command_paths(command, f"{prefix} {name}")
        else:
            paths.append(f"{prefix} {name}")
    return paths


def test_the_request_schema_file_is_current() -> None:
    stored = json.loads((ROOT / "schemas" / "request.schema.json").read_text(encoding="utf-8"))
    assert stored == Request.model_json_schema(), "run `make schema`"


def test_docs_rules_md_is_generated_from_the_rules() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(), "run `make docs`"


def test_every_cli_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [path for path in command_paths(main) if f"`{path}" not in readme]
    assert missing == []


def test_every_rule_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [m.RULE for m in RULES if f"`{m.RULE}`" not in readme] == []


def test_every_rule_function_states_its_rule_in_a_docstring() -> None:
    for module in RULES:
        assert module.__doc__ and module.check.__doc__, module.RULE
