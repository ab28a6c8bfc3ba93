"""Findings precision on shapes of pages nobody keyed (twenty-sixth session harvests): the rows
of a leaderboard whose name column the reader did not use, and list items whose only "label"
is the figure itself (an enum's levels); and the errors that must still be flagged.

Each page below is written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from crosscheck.checks.columns import Columns
from crosscheck.checks.conflict_places import rows_named_apart
from crosscheck.checks.unit_labels import nameless_metrics

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_paths


def _analyze(tmp_path: Path, name: str, text: str) -> Analysis:
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    return analyze_paths([page], tmp_path / "store")


def _conflicts(analysis: Analysis) -> pd.DataFrame:
    findings = analysis.findings
    return findings[findings["kind"] == "conflict"]


def _rows(evidence: list[str], row_keys: list[str | None], locators: list[str]) -> Columns:
    return Columns(pd.DataFrame({"evidence": evidence, "row_key": row_keys, "locator": locators}))


def test_rows_that_name_other_things_past_their_label_are_apart() -> None:
    at = np.arange(2)
    rows = _rows(
        ["parse | 1 | alpha-md | best | 91.8 | 3", "parse | 4 | beta-md | 4.0 | 0"],
        ["t2r1", "t2r4"],
        ["table 2 / row 1 / column Score", "table 2 / row 4 / column Score"],
    )
    assert rows_named_apart(rows, at)


def test_rows_that_differ_only_in_their_label_or_figures_are_one_measure() -> None:
    at = np.arange(2)
    label_only = _rows(
        ["Memory | 16 GB | 12 GB", "RAM | 16 GB | 8 GB"],
        ["t1r3", "t1r7"],
        ["table 1 / row 3 / column B", "table 1 / row 7 / column B"],
    )
    assert not rows_named_apart(label_only, at)
    figures_only = _rows(
        ["Max speed | 25 km/h | 20 km/h", "Max speed | 25 km/h | 32 km/h"],
        ["t1r2", "t1r5"],
        ["table 1 / row 2 / column B", "table 1 / row 5 / column B"],
    )
    assert not rows_named_apart(figures_only, at)
    worded_values = _rows(
        ["Battery | Up to 20 hours | 18 hours", "Battery life | Up to 15 hours | 18 hours"],
        ["t1r4", "t1r9"],
        ["table 1 / row 4 / column B", "table 1 / row 9 / column B"],
    )
    assert not rows_named_apart(worded_values, at)
    two_tables = _rows(
        ["parse | 1 | alpha-md | 91.8", "parse | 4 | beta-md | 4.0"],
        ["t2r1", "t3r4"],
        ["table 2 / row 1 / column Score", "table 3 / row 4 / column Score"],
    )
    assert not rows_named_apart(two_tables, at)
    prose = _rows(
        ["Alpha scores 91.8 here.", "Alpha scores 4.0 there."],
        [None, None],
        ["paragraph 2", "paragraph 5"],
    )
    assert not rows_named_apart(prose, at)


def test_a_metric_named_by_no_word_is_no_side() -> None:
    """'auto:1:count' is made of the figure itself (an enum's "(InfoLevel, 1)"): no measure is
    named, so no conflict may set it against another figure; a named one stays a side."""
    df = pd.DataFrame(
        {"metric": ["auto:1:count", "auto:-1:count", "auto:内存:count", "auto:p95:time", "latency"]}
    )
    assert nameless_metrics(df).tolist() == [True, True, False, False, False]


def test_enum_levels_in_a_list_are_no_conflict(tmp_path: Path) -> None:
    page = """# Fastlog

## Levels

Fastlog has these levels, from the highest:

- panic (`fastlog.PanicLevel`, 5)
- error (`fastlog.ErrorLevel`, 3)
- info (`fastlog.InfoLevel`, 1)
- debug (`fastlog.DebugLevel`, 0)
- trace (`fastlog.TraceLevel`, -1)
"""
    analysis = _analyze(tmp_path, "levels.md", page)
    assert _conflicts(analysis).empty


def test_a_spec_table_that_states_one_measure_twice_is_still_a_conflict(tmp_path: Path) -> None:
    page = """# Volta X1 vs Volta X2

| Spec | Volta X1 | Volta X2 |
|---|---|---|
| Battery capacity | 13.5 kWh | 10 kWh |
| Continuous power | 5 kW | 7 kW |
| Battery capacity | 9.5 kWh | 10 kWh |
"""
    analysis = _analyze(tmp_path, "volta.md", page)
    conflicts = _conflicts(analysis)
    assert len(conflicts) == 1
    assert conflicts["entity"].iloc[0] == "Volta X1"


FLATTENED = """# QuickKV against Redis

We ran redis-benchmark with 50 parallel clients on one machine.

Operation QuickKV Redis 7.2 Gain
SET 187,402 ops/sec 148,810 ops/sec +25.9%
GET 198,807 ops/sec 154,321 ops/sec +28.8%
LPUSH 191,204 ops/sec 142,653 ops/sec +34.0%
LPOP 193,610 ops/sec 147,929 ops/sec +30.9%
"""


def test_rows_of_a_table_without_separators_are_no_conflict(tmp_path: Path) -> None:
    """Each line is one operation's record (two products' figures and a gain): lines of one
    shape are a table's rows, not one measure stated four times."""
    analysis = _analyze(tmp_path, "flat.txt", FLATTENED)
    assert _conflicts(analysis).empty


def test_two_sentences_that_restate_one_figure_differently_still_conflict(
    tmp_path: Path,
) -> None:
    page = """# QuickKV review

QuickKV handles 187,000 ops/sec on a single node in our setup.

On the same setup we later saw QuickKV handle 98,000 ops/sec on a single node.
"""
    analysis = _analyze(tmp_path, "review.txt", page)
    assert len(_conflicts(analysis)) == 1
