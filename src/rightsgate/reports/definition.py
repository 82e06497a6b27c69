"""What every report states about itself: the query definition and the protection method, in words."""

from __future__ import annotations

from rightsgate.reports.schema import Query

QUERY = Query(
    name="rightsgate.reports.counting.counts_statement",
    version="2",
    definition=(
        "One row per request received in the period (by date of receipt), among cases opened at or before "
        "the time of the stated audit chain head; nothing written after that time counts.",
        "Legal basis, offence category, identifiers and data categories come from the newest assessment "
        "recorded by then.",
        "The outcome is withdrawn or lapsed if the case's last status change says so; otherwise it is the "
        "newest decision in effect (countersigned where four eyes apply): executed, executed in part or "
        "refused; otherwise pending. A postponed request is pending.",
        "Refusal grounds are the grounds the decider coded in the refusal in effect (rule ids of the "
        "published rules), whatever the engine advised; a refusal counts under each of its grounds, and one "
        "recorded before grounds were coded counts as not_coded.",
        "Days to decision run from the date of receipt to the UTC date the decision to execute, execute in "
        "part or refuse took effect.",
        "A departure is a decision in effect that differs from the advice it was made on; its direction "
        "compares how far each lets the request go: execute, execute in part, request more information or "
        "postpone, refuse.",
        "No identifier, name, free text or case reference is read.",
    ),
)


def method(threshold: int) -> tuple[str, ...]:
    """The protection method, as printed in every report."""
    band = f"1–{threshold - 1}"
    return (
        f"Counts from 1 to {threshold - 1} are shown only as the band {band}; zero is shown as 0.",
        "Each one-way table, and each row and each column of a two-way table, is treated as if its total "
        "were published. Where a reader could subtract the shown cells from that total to narrow a banded "
        f"cell, further cells are hidden and shown as ≥{threshold} (complementary suppression), until every "
        f"banded cell could still be any value from 1 to {threshold - 1}.",
        "Where no choice of cells achieves that, every cell of the line is withheld.",
        "A count shown in several tables is shown the same way in each. Then a reader combining every "
        "published sum at once (rows and columns with their totals, the outcome counts repeated in the "
        "tables by quarter and by State, the breakdowns adding up to the requests received, the decisions "
        "timed adding up to the requests executed, executed in part or refused) is modelled by linear "
        "programming; while any banded cell could still be narrowed that way, a further cell near it is "
        f"hidden as ≥{threshold}, or its lines are withheld.",
        f"Median and 90th percentile of days to decision are given only for {threshold} or more decisions.",
    )
