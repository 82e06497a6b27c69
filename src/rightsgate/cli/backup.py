"""`rightsgate backup FILE` and `rightsgate restore FILE [--force]`: the whole database, portably."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from rightsgate.backup.archive import BackupError, Manifest
from rightsgate.backup.service import backup, restore
from rightsgate.cli.storage import engine_from_env

BAD_INPUT = 2


def _summary(manifest: Manifest) -> str:
    head = manifest.audit_head
    chain = f"audit head {head.seq}:{head.hash}" if head else "no audit events"
    rows = sum(manifest.tables.values())
    return f"{rows} rows in {len(manifest.tables)} tables, schema {manifest.schema_revision}, {chain}"


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(file: Path) -> None:
    """Write every table, read in one consistent snapshot, to FILE (a checksummed, portable archive)."""
    try:
        manifest = backup(engine_from_env(), file)
    except (BackupError, OSError) as error:
        click.echo(f"error: no backup written: {error}", err=True)
        sys.exit(BAD_INPUT)
    click.echo(f"backed up {_summary(manifest)} to {file}")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace the contents of a database that is not empty.")
def restore_command(file: Path, force: bool) -> None:
    """Load FILE into the configured database, all or nothing, after checking its checksum, schema
    revision, row counts and audit chain."""
    try:
        manifest = restore(engine_from_env(), file, replace=force)
    except BackupError as error:
        click.echo(f"error: nothing restored: {error}", err=True)
        sys.exit(BAD_INPUT)
    click.echo(f"restored {_summary(manifest)}; the audit chain verifies")
