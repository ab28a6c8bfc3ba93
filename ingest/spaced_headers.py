"""The column labels of a header line flattened to single spaces whose words do not split one
word a column: a label repeated with a qualifier, a unit symbol ending the last label.

Why: a stored copy writes 'Model Battery Size Battery Size Last Model Year Difference %' over
rows 'Phone X 4422 mAh 4323 mAh 2.2%'. The second column's label repeats the first one's and
adds to it; the last one ends with the unit its cells carry. Both cues are the header's own;
a header neither cue splits into exactly as many labels as the rows have figures stays no
table (the lines stay prose).
"""

from __future__ import annotations

import itertools

from crosscheck.ingest.table_headers import vocabulary

__all__ = ["repeated_labels"]

_MAX_LEAD = 3  # words of a repeated label's lead ('Battery Size')


def _unit_tail(words: list[str], last_cells: list[str]) -> int:
    """How many words end the header as the last column's label: a unit word or symbol
    ('%', 'mAh') every last cell ends with, and the one word before it ('Difference %')."""
    if len(words) < 2:
        return 0
    unit = words[-1]
    if unit.lower() not in vocabulary().units or (unit[:1].isalnum() and len(unit) < 2):
        return 0
    if not last_cells or not all(c.endswith(unit) for c in last_cells):
        return 0
    return 2


def _lead_starts(words: list[str]) -> list[int]:
    """Where a label repeated later starts ('Battery Size ... Battery Size Last Model Year'):
    the longest lead of up to three words that recurs; each occurrence starts a column."""
    for size in range(min(_MAX_LEAD, len(words) // 2), 0, -1):
        lead = words[:size]
        starts = [i for i in range(len(words) - size + 1) if words[i : i + size] == lead]
        if len(starts) >= 2 and all(b - a >= size for a, b in itertools.pairwise(starts)):
            return starts
    return []


def repeated_labels(rest: list[str], width: int, last_cells: list[str]) -> list[str] | None:
    """`width` column labels from the header's words after the corner, or None."""
    tail = _unit_tail(rest, last_cells) if width >= 2 else 0
    head = rest[: len(rest) - tail] if tail else rest
    starts = _lead_starts(head)
    if len(starts) != width - (1 if tail else 0):
        return None
    bounds = [*starts, len(head)]
    labels = [" ".join(head[a:b]) for a, b in itertools.pairwise(bounds)]
    return [*labels, " ".join(rest[len(head) :])] if tail else labels
