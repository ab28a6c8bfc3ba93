"""checks.declared_ties: a table row of times or rates whose winner cell declares a tie while
its best two figures lie far apart. Rows are made up in the shape of comparison tables."""

from __future__ import annotations

import pandas as pd
from crosscheck.checks.declared_ties import find_declared_ties

from crosscheck.contracts import FindingKind


def _row(evidence: str, cells: list[tuple[str, float]], dimension: str = "time") -> pd.DataFrame:
    """One table row: (entity, value in seconds or per second) per cell."""
    n = len(cells)
    return pd.DataFrame(
        {
            "claim_id": [f"c{i}" for i in range(n)],
            "source": ["t.example"] * n,
            "entity": [e for e, _ in cells],
            "metric": ["auto:first_byte:time"] * n,
            "qualifier": [""] * n,
            "unit": ["s" if dimension == "time" else "req/s"] * n,
            "low": [v for _, v in cells],
            "high": [v for _, v in cells],
            "raw_value": [f"{v * 1000:g}ms" for _, v in cells],
            "evidence": [evidence] * n,
            "row_key": ["t1r2"] * n,
            "dimension": [dimension] * n,
        }
    )


CELLS = [("Orbit", 0.061), ("Nimbus", 0.050), ("Strato", 0.066)]


def test_a_tie_between_figures_a_fifth_apart_is_flagged() -> None:
    row = "| First byte | 61ms | 50ms | 66ms | Tie: Nimbus / Orbit |"
    found = find_declared_ties(_row(row, CELLS))
    assert len(found) == 1 and found[0].kind is FindingKind.LOGIC
    assert set(found[0].claim_ids) == {"c0", "c1"} and "22%" in found[0].explanation


def test_a_close_tie_or_a_named_winner_is_not() -> None:
    close = [("Orbit", 0.052), ("Nimbus", 0.050), ("Strato", 0.066)]
    assert find_declared_ties(_row("| First byte | 52ms | 50ms | 66ms | Tie |", close)) == []
    assert find_declared_ties(_row("| First byte | 61ms | 50ms | 66ms | Nimbus |", CELLS)) == []


def test_a_label_or_a_word_starting_with_tie_declares_nothing() -> None:
    row = "| Tie-break latency | 61ms | 50ms | 66ms | Nimbus |"
    assert find_declared_ties(_row(row, CELLS)) == []
    row = "| First byte | 61ms | 50ms | 66ms | Tie-breaker: Nimbus |"
    assert find_declared_ties(_row(row, CELLS)) == []


def test_rates_are_best_highest() -> None:
    rates = [("Orbit", 900.0), ("Nimbus", 1000.0), ("Strato", 500.0)]
    row = "Requests   Orbit: 900   Nimbus: 1000   Tie"
    assert find_declared_ties(_row(row, rates, "rate")) == []  # 10 % apart
    rates[0] = ("Orbit", 700.0)
    assert len(find_declared_ties(_row(row, rates, "rate"))) == 1
