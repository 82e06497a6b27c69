"""The law and the rules are pure: they import nothing of the database, web, CLI or terminal layers."""

import ast
from pathlib import Path

import pytest

import rightsgate

PACKAGE = Path(rightsgate.__file__).parent
FORBIDDEN = (
    "sqlalchemy",
    "alembic",
    "fastapi",
    "starlette",
    "jinja2",
    "click",
    "rich",
    "httpx",
    "requests",
    "rightsgate.cli",
    "rightsgate.cases",
    "rightsgate.api",
    "rightsgate.web",
    "rightsgate.audit",
    "rightsgate.reports",
    "rightsgate.db",
)
PURE_LAYERS = ("rules", "law")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    "path",
    sorted(p for layer in PURE_LAYERS for p in (PACKAGE / layer).rglob("*.py")),
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_pure_layers_import_no_interface_or_storage_code(path: Path) -> None:
    bad = {m for m in imported_modules(path) if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)}
    assert not bad, f"{path.name} imports {sorted(bad)}"


def test_rules_never_read_the_clock() -> None:
    offenders = [
        p.name
        for p in (PACKAGE / "rules").rglob("*.py")
        if any(call in p.read_text(encoding="utf-8") for call in ("date.today", "datetime.now", "time.time"))
    ]
    assert offenders == []


def test_the_check_itself_sees_an_import() -> None:
    sample = PACKAGE / "cli" / "__init__.py"
    assert "click" in imported_modules(sample)
