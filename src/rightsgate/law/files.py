"""Reading law data files: YAML with duplicate keys rejected, errors that name the file and line."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
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


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a mapping with the same key twice."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; any defect becomes a LawFileError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LawFileError(path, f"cannot read: {error}") from error
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise LawFileError(path, error.problem or str(error), line) from error
    except yaml.YAMLError as error:
        raise LawFileError(path, str(error)) from error


def digest(paths: Iterable[Path], root: Path) -> str:
    """SHA-256 over the law files used, by relative path and content, so an assessment can be reproduced."""
    sha = hashlib.sha256()
    for path in sorted(paths, key=lambda p: str(p)):
        name = str(path.relative_to(root)) if path.is_relative_to(root) else path.name
        sha.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()
