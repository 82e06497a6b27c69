"""The service layer (cases, audit, auth, letters) imports no interface code: no click, rich or CLI."""

from pathlib import Path

import pytest

from tests.test_layers import PACKAGE, imported_modules

INTERFACES = ("click", "rich", "fastapi", "starlette", "rightsgate.cli", "rightsgate.api", "rightsgate.web")
SERVICE_LAYERS = ("cases", "audit", "auth", "letters")


@pytest.mark.parametrize(
    "path",
    sorted(p for layer in SERVICE_LAYERS for p in (PACKAGE / layer).rglob("*.py")),
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_services_import_no_interface_code(path: Path) -> None:
    bad = {m for m in imported_modules(path) if any(m == f or m.startswith(f + ".") for f in INTERFACES)}
    assert not bad, f"{path.name} imports {sorted(bad)}"
