"""Reading law data files: YAML with duplicate keys, aliases and deep nesting refused, errors that name the
file and line."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Hashable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

SHIPPED = Path(str(resources.files("rightsgate") / "law"))


class LawFileError(ValueError):
    """A law data file that cannot be used, with where and why."""

    def __init__(self, path: Path, message: str, line: int | None = None) -> None:
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


MAX_YAML_DEPTH = 100


class DataLoader(yaml.SafeLoader):
    """A safe loader for data written by people: no key twice, no aliases, at most MAX_YAML_DEPTH levels.

    Aliases are refused because a few of them can stand for billions of nodes once expanded (the
    "billion laughs"); the depth is bounded so that a deeply nested document gets an error, not a
    RecursionError from the recursive composer.
    """

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            self._refuse("aliases (*name) are not allowed")
        if self.depth >= MAX_YAML_DEPTH:
            self._refuse(f"expected at most {MAX_YAML_DEPTH} levels of nesting")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def _refuse(self, problem: str) -> None:
        mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
        raise yaml.composer.ComposerError(None, None, problem, mark)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, Hashable):
                raise yaml.constructor.ConstructorError(
                    None, None, "expected a text key, got a list or mapping", key_node.start_mark
                )
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


# Dates stay text for the models to validate (so "2024-13-01" gets a proper message), and only true/false
# are booleans (YAML 1.1 would read a key `on` or `no` as a boolean).
DataLoader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
DataLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; any defect becomes a LawFileError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LawFileError(path, f"cannot read: {error}") from error
    try:
        return yaml.load(text, Loader=DataLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise LawFileError(path, error.problem or str(error), line) from error
    except yaml.YAMLError as error:  # a character YAML does not allow, reported over several lines
        raise LawFileError(path, " ".join(str(error).split())) from error


def digest(paths: Iterable[Path], root: Path) -> str:
    """SHA-256 over the law files used, by relative path and content, so an assessment can be reproduced."""
    sha = hashlib.sha256()
    for path in sorted(paths, key=lambda p: str(p)):
        name = str(path.relative_to(root)) if path.is_relative_to(root) else path.name
        sha.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


def line_of(path: Path, loc: tuple[int | str | object, ...]) -> int | None:
    """The line of the value at `loc` (a validation error's location) in a YAML file, if it can be found."""
    try:
        node: yaml.Node | None = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return None
    line = None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if key.value == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            break
        if node is None:
            break
        line = node.start_mark.line + 1
    return line
