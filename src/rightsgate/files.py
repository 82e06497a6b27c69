"""Writing a file whole or not at all, so a crash never leaves a half-written report or backup."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO


def write_atomically(path: Path, write: Callable[[IO[bytes]], None], *, mode: int = 0o644) -> None:
    """Write into a hidden file beside `path`, flush it to disk, then rename it over `path`.

    Readers see the old file or the new one, never a part. A crash before the rename leaves only a
    hidden `.NAME.*` file behind; an error removes it. The file gets permissions `mode`.
    """
    folder = path.parent if str(path.parent) else Path(".")
    with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{path.name}.", delete=False) as out:
        try:
            os.fchmod(out.fileno(), mode)
            write(out)
            out.flush()
            os.fsync(out.fileno())
        except BaseException:
            os.unlink(out.name)
            raise
    os.replace(out.name, path)
