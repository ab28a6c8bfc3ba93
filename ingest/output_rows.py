"""A tool's report as a one-row table of the caption's entity.

Why: the figures of a load-test report (wrk, hey/oha, ab) are one run's, so they share the
caption's entity and the run's conditions, and sit in one row: a run's per-thread rate and
its total, or its mean and its maximum, are never two sides of one comparison. The row's
evidence is the lines that printed its figures ('Requests/sec: 129597.70'), not the banner
and progress lines around them nor the values run together.
"""

from __future__ import annotations

from crosscheck.ingest.blocks import Block
from crosscheck.ingest.summary_lines import one_row_table

__all__ = ["report_table"]


def report_table(
    figures: list[tuple[str, str, str]], caption: str | None, conditions: str | None = None
) -> Block:
    """(label, value, line) triples → a one-row caption-entity table, one column a label."""
    table = one_row_table(
        [label for label, _, _ in figures], [value for _, value, _ in figures], caption, conditions
    )
    lines = dict.fromkeys(" ".join(line.split()) for _, _, line in figures)  # in order, once
    table.row_texts = {tuple(table.rows[0]): " ".join(lines)}
    return table
