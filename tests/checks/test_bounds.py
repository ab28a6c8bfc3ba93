"""Bounds written in words are bounds (issue 16, docs/reconcile.md "Comparison intervals").

"over N", "more than N", "at least N", "N or more" are open upwards: a larger figure agrees
with them; "under N", "less than N", "at most N", "N or less" are closed above: a larger figure
contradicts them. "N+" stays a rounded figure. Pages are written for the test."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from crosscheck.normalize.quantity import parse_quantity

from crosscheck.common.intervals import IntervalPolicy, comparison_bounds, written_as_bound
from crosscheck.pipeline import Analysis
from tests.analysis import analyze_paths

TABLE = """
| Library | GitHub stars | p99 latency |
|---|---|---|
| Alpha | 68,000 | 40 ms |
| Beta | 12,500 | 7 ms |
"""


def _analyze(tmp_path: Path, sentence: str) -> Analysis:
    page = tmp_path / "libs.md"
    page.write_text(f"# Alpha vs Beta\n\n{sentence}\n{TABLE}", encoding="utf-8")
    return analyze_paths([page], tmp_path / "store")


@pytest.mark.parametrize(
    ("text", "low", "high", "bound"),
    [
        ("over 50,000", 50000, np.inf, "at_least"),
        ("50,000 or more", 50000, np.inf, "at_least"),
        ("no less than 50,000", 50000, np.inf, "at_least"),
        ("10 ms or less", 0.0, 0.01, "at_most"),
        ("below 10 ms", 0.0, 0.01, "at_most"),
        ("5 or fewer", 0.0, 5.0, "at_most"),
    ],
)
def test_bound_words_before_or_after_the_figure(
    text: str, low: float, high: float, bound: str
) -> None:
    parsed = parse_quantity(text)
    assert (parsed.low, parsed.high, parsed.bound) == (low, high, bound)


def test_a_worded_lower_bound_is_open_upwards_and_n_plus_is_rounded() -> None:
    raw = np.array(["over 50,000", "50,000+", "50,000 or more stars", "50k+ stars"], dtype=object)
    assert written_as_bound(raw).tolist() == [True, False, True, False]
    low = np.full(4, 50000.0)
    high = np.full(4, np.inf)
    bound = np.full(4, "at_least", dtype=object)
    _, upper = comparison_bounds(low, high, bound, np.full(4, 0.1), IntervalPolicy(), raw)
    assert upper.tolist() == [np.inf, 65000.0, np.inf, 65000.0]
    # without the raw texts every at-least stays the rounded reading
    _, plain = comparison_bounds(low, high, bound, np.full(4, 0.1), IntervalPolicy())
    assert plain.tolist() == [65000.0] * 4


@pytest.mark.parametrize(
    "sentence",
    [
        "Alpha has collected over 50,000 GitHub stars.",
        "Alpha has collected 50,000 or more GitHub stars.",
        "Alpha keeps its p99 latency above 30 ms under load.",
    ],
)
def test_a_larger_figure_agrees_with_a_lower_bound(tmp_path: Path, sentence: str) -> None:
    analysis = _analyze(tmp_path, sentence)
    prose = analysis.facts[analysis.facts["location_kind"] == "prose"]
    assert list(prose["bound"]) == ["at_least"]
    assert analysis.findings.empty


@pytest.mark.parametrize(
    "sentence",
    [
        "Alpha keeps its p99 latency under 10 ms.",
        "Alpha keeps its p99 latency at 10 ms or less.",
    ],
)
def test_a_larger_figure_contradicts_an_upper_bound(tmp_path: Path, sentence: str) -> None:
    analysis = _analyze(tmp_path, sentence)
    prose = analysis.facts[analysis.facts["location_kind"] == "prose"]
    assert list(prose["bound"]) == ["at_most"]
    conflicts = analysis.findings[analysis.findings["kind"] == "conflict"]
    assert len(conflicts) == 1
    assert conflicts.iloc[0]["entity"] == "Alpha"
