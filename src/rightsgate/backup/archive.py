"""The backup file: a tar archive holding `manifest.json` and `data.jsonl.gz`, readable with `tar` and
`zcat` alone.

- `data.jsonl.gz` is gzip-compressed JSON Lines. For each table, in an order that satisfies the foreign
  keys, a header line `{"table": NAME, "columns": [...]}` and then one JSON array per row, in primary-key
  order. Dates and times are ISO 8601 text; times are UTC without an offset, as stored.
- `manifest.json` names the format and its version, the software and database that made the backup,
  the schema revision, the row count of every table, the audit chain head, and the SHA-256 of the
  uncompressed data, which a restore checks before it commits anything.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

MANIFEST, DATA = "manifest.json", "data.jsonl.gz"


class BackupError(ValueError):
    """A backup that cannot be read or restored, with the reason in plain words."""


class ChainHead(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    seq: int
    hash: str


class Manifest(BaseModel):
    """What a backup holds, and how to check it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    format: Literal["rightsgate-backup"] = "rightsgate-backup"
    version: Literal[1] = 1
    created_at: datetime
    software_version: str
    database: str
    schema_revision: str
    tables: dict[str, int]
    audit_head: ChainHead | None
    data_sha256: str


def _plain(value: Any) -> str:
    if isinstance(value, date):  # datetimes too
        return value.isoformat()
    raise TypeError(f"a {type(value).__name__} value cannot be written to a backup")


class DataWriter:
    """Writes the JSON lines of the data, compressed, and hashes them uncompressed."""

    def __init__(self, file: IO[bytes]) -> None:
        self._gzip = gzip.GzipFile(fileobj=file, mode="wb", mtime=0)
        self._sha = hashlib.sha256()

    def line(self, item: Any) -> None:
        data = json.dumps(item, default=_plain, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
        self._sha.update(data)
        self._gzip.write(data)

    def close(self) -> str:
        """Finish the compressed stream; return the SHA-256 of the uncompressed lines."""
        self._gzip.close()
        return self._sha.hexdigest()


def pack(out: IO[bytes], manifest: Manifest, data: IO[bytes]) -> None:
    """The archive: the manifest first, so `tar -xOf FILE manifest.json` shows it at once."""
    text = manifest.model_dump_json(indent=2).encode() + b"\n"
    moment = int(manifest.created_at.timestamp())
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mtime = len(text), moment
        tar.addfile(info, io.BytesIO(text))
        info = tarfile.TarInfo(DATA)
        info.size, info.mtime = data.seek(0, io.SEEK_END), moment
        data.seek(0)
        tar.addfile(info, data)


def _lines(stream: IO[bytes], expected: str) -> Iterator[Any]:
    """Each data line, parsed; after the last, the checksum must match the manifest's."""
    sha = hashlib.sha256()
    try:
        with gzip.GzipFile(fileobj=stream, mode="rb") as lines:
            for line in lines:
                sha.update(line)
                yield json.loads(line)
    except (OSError, EOFError, zlib.error, ValueError) as error:
        raise BackupError(f"the backup data is damaged: {error}") from error
    if sha.hexdigest() != expected:
        raise BackupError("the backup data does not match its checksum: the file was altered or damaged")


def _open(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, mode="r:")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path} is not a readable rightsgate backup: {error}") from error


def _members(tar: tarfile.TarFile, path: Path) -> tuple[Manifest, IO[bytes]]:
    try:
        manifest, data = tar.extractfile(MANIFEST), tar.extractfile(DATA)
        if manifest is None or data is None:
            raise KeyError(f"{MANIFEST} or {DATA} is not a file")
        return Manifest.model_validate_json(manifest.read()), data
    except (OSError, tarfile.TarError, KeyError, ValidationError) as error:
        raise BackupError(f"{path} is not a readable rightsgate backup: {error}") from error


@contextmanager
def read_backup(path: Path) -> Iterator[tuple[Manifest, Iterator[Any]]]:
    """The manifest, and the data lines checked against it as they are read."""
    with _open(path) as tar:
        manifest, data = _members(tar, path)
        yield manifest, _lines(data, manifest.data_sha256)
