"""The `rightsgate` command line: thin commands over the same functions every interface uses."""

from __future__ import annotations

import click

from rightsgate import __version__
from rightsgate.cli.assess import assess_command
from rightsgate.cli.backup import backup_command, restore_command
from rightsgate.cli.cases import cases_group
from rightsgate.cli.imports import import_command
from rightsgate.cli.law import law_group, rules_group, schema_command
from rightsgate.cli.profiles import profiles_group, status_command
from rightsgate.cli.reports import report_group
from rightsgate.cli.screening import screening_group
from rightsgate.cli.serve import demo_group, serve_command
from rightsgate.cli.storage import audit_group, db_group
from rightsgate.cli.teams import teams_group
from rightsgate.cli.users import users_group


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rightsgate")
def main() -> None:
    """rightsgate: human-rights safeguards for cross-border requests for electronic evidence."""


main.add_command(assess_command)
main.add_command(schema_command)
main.add_command(rules_group)
main.add_command(law_group)
main.add_command(profiles_group)
main.add_command(status_command)
main.add_command(screening_group)
main.add_command(db_group)
main.add_command(audit_group)
main.add_command(backup_command)
main.add_command(restore_command)
main.add_command(users_group)
main.add_command(teams_group)
main.add_command(import_command)
main.add_command(cases_group)
main.add_command(report_group)
main.add_command(serve_command)
main.add_command(demo_group)
