"""`rightsgate screening eval`: measure the screening on a labelled set of narratives."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from rightsgate.law.loader import load_law
from rightsgate.screening_eval import DEFAULT_DATA, Report, evaluate, load_cases

RECALL_TARGET = 0.95
FALSE_FLAG_TARGET = 0.05
SPLITS = ("test", "train", "dev", "old_holdout", "spent_holdout", "spent_holdout3", "holdout", "all")


@click.group("screening")
def screening_group() -> None:
    """The screening of narratives for signs of protected activity."""


def _table(report: Report, split: str) -> Table:
    table = Table(title=f"Screening, {split} split: {report.cases} narratives")
    for column in ("tag", "precision", "recall", "F1", "TP", "FP", "FN"):
        table.add_column(column, justify="left" if column == "tag" else "right")
    for s in report.scores:
        figures = (f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}")
        table.add_row(s.tag, *figures, str(s.true_pos), str(s.false_pos), str(s.false_neg))
    return table


def _summary(report: Report) -> list[str]:
    recall_ok = report.protected_recall >= RECALL_TARGET
    flags_ok = report.false_flag_rate <= FALSE_FLAG_TARGET
    return [
        f"recall on protected-activity cases: {report.protected_recall:.3f} of {report.protected_cases} "
        f"(target >= {RECALL_TARGET}) {'ok' if recall_ok else 'BELOW TARGET'}",
        f"genuine cybercrime flagged: {report.false_flag_rate:.1%} of {report.genuine_cases} "
        f"(target <= {FALSE_FLAG_TARGET:.0%}) {'ok' if flags_ok else 'ABOVE TARGET'}",
        f"screening time: {report.ms_per_request:.3f} ms per request (see `make bench` for the engine)",
        f"missed: {', '.join(report.misses) or 'none'}",
        f"falsely flagged: {', '.join(report.false_flags) or 'none'}",
    ]


@screening_group.command("eval")
@click.option(
    "--data",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=DEFAULT_DATA,
    show_default=True,
    help="The labelled narratives (JSON lines).",
)
@click.option(
    "--split",
    default="test",
    show_default=True,
    help=f"One split of the file ({', '.join(SPLITS[:-1])}, or another it holds), or `all`. "
    "`holdout` is the blind split, measured once; it may not be in the file yet.",
)
@click.option("--lexicon-only", is_flag=True, help="Leave out the learned layer, to measure what it adds.")
def screening_eval(data: Path, split: str, lexicon_only: bool) -> None:
    """Print per-tag precision, recall and F1, and how often genuine cybercrime is flagged."""
    cases = load_cases(data, None if split == "all" else split)
    if not cases:
        raise click.UsageError(f"{data} holds no narrative of split {split!r}")
    report = evaluate(cases, load_law(), learned=not lexicon_only)
    console = Console()
    console.print(_table(report, split))
    for line in _summary(report):
        console.print(line, markup=False, highlight=False)
    missed = report.protected_recall < RECALL_TARGET or report.false_flag_rate > FALSE_FLAG_TARGET
    sys.exit(1 if missed else 0)
