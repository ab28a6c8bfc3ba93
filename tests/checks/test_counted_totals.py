"""checks.counted_totals: a total stated for a count of parts ("four lanes, for a total of ...")
against the page's per-part figure. Figures are made up in the shape of real spec prose; totals
a per-part figure gives, pages without a per-part figure and counts of other parts never fire."""

from __future__ import annotations

import pandas as pd
from crosscheck.checks.counted_totals import find_counted_totals

from crosscheck.contracts import FindingKind

Row = tuple[str, str, float, str, str]  # entity, raw value, value, unit, sentence


def _facts(rows: list[Row]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "claim_id": [f"c{i}" for i in range(len(rows))],
            "source": ["a.txt"] * len(rows),
            "entity": [r[0] for r in rows],
            "raw_value": [r[1] for r in rows],
            "low": [r[2] for r in rows],
            "high": [r[2] for r in rows],
            "bound": [None] * len(rows),
            "unit": [r[3] for r in rows],
            "evidence": [r[4] for r in rows],
        }
    )


_PER = ("Std A", "600 Mbps", 7.5e7, "B/s", "Std A carries 600 Mbps per stream.")


def test_a_total_no_per_part_figure_gives_is_flagged() -> None:
    # five streams x 600 Mbps = 3,000 Mbps, stated as 3,400
    total = (
        "Std A",
        "3,400 Mbps",
        4.25e8,
        "B/s",
        "It allows five streams, for a total of 3,400 Mbps.",
    )
    findings = find_counted_totals(_facts([_PER, total]))
    assert [(f.kind, f.claim_ids) for f in findings] == [(FindingKind.DIFF_MISMATCH, ("c0", "c1"))]


def test_a_total_the_per_part_figure_gives_is_not_flagged() -> None:
    total = (
        "Std A",
        "3,000 Mbps",
        3.75e8,
        "B/s",
        "It allows 5 streams, for a total of 3,000 Mbps.",
    )
    assert find_counted_totals(_facts([_PER, total])) == []


def test_a_total_without_a_per_part_figure_is_not_compared() -> None:
    total = (
        "Std A",
        "3,400 Mbps",
        4.25e8,
        "B/s",
        "It allows five streams, for a total of 3,400 Mbps.",
    )
    assert find_counted_totals(_facts([total])) == []


def test_a_count_of_other_parts_is_not_a_count_of_streams() -> None:
    # the per-lane figure says nothing about streams
    per = ("Bus B", "2 GB/s", 2e9, "B/s", "Bus B moves 2 GB/s per lane.")
    total = (
        "Std A",
        "3,400 Mbps",
        4.25e8,
        "B/s",
        "It allows five streams, for a total of 3,400 Mbps.",
    )
    assert find_counted_totals(_facts([per, total])) == []
