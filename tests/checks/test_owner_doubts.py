"""Findings precision when the owner of a figure was guessed (checks.owner_doubts), and the
ratios a sentence states between its own figures (checks.flanked_ratios).

Each page below is written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from crosscheck.checks import conflict
from crosscheck.checks.owner_doubts import (
    carried_names,
    misread_comparisons,
    repeated_card_records,
)

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_pages, analyze_paths
from tests.test_dask_findings import _assert_same, _left
from tests.test_dask_partitions import _config

# A table names both servers; each memory sentence names its own server, the second glued
# to CJK text, so the reader carried the first server's name into it.
_MEMORY = """# 服务器压测对比

| 程序 | QPS |
|---|---|
| Golang | 95000 |
| Node.js | 61000 |

## 内存占用

Golang 压测十次以后内存从2900K涨到5600K，之后保持稳定

Node.js压测以后内存持续增长，内存从5900K涨到6100K。
"""

# One figure, then two ratios each followed by the figure they compare it with.
_WORKED = """source: https://example.org/scores (test page)
Scoring

Extensions PHP json, mbstring, opcache

Each benchmark run is repeated three times and the best run counts.

A score of 8 000 is 2x faster than a score of 4 000, {ratio} faster than a score of 2 000 etc.

The score is computed per test and per concurrency level.
"""


def _conflicts(analysis: Analysis) -> pd.DataFrame:
    return analysis.findings[analysis.findings["kind"] == "conflict"]


def _frame(rows: list[tuple[str, str, str, str, str | None]]) -> pd.DataFrame:
    """Comparable-like rows: source, entity, entity_raw, evidence, row_key (prose if None);
    each figure starts at its evidence's first digit."""
    df = pd.DataFrame(rows, columns=["source", "entity", "entity_raw", "evidence", "row_key"])
    kind = df["row_key"].isna().map({True: "prose", False: "card"})
    start = df["evidence"].map(lambda t: re.search(r"\d", t).start())
    return df.assign(location_kind=kind, value_start=start)


def test_a_sentence_naming_another_entity_of_its_page_not_its_own_is_carried() -> None:
    df = _frame(
        [
            ("a", "Go", "Golang", "Golang grew from 2920K to 5580K", None),
            ("a", "Go", "Golang", "Node.js grew from 5930K to 6060K", None),
            ("a", "Go", "Golang", "Node.js | 5930K", "t1r2"),  # laid out: not narrated
            ("a", "Go", "Golang", "**desk 1180 req/sec**", None),  # names nobody: kept
            ("a", "Go", "Golang", "Node.jsx rose to 6060K", None),  # another word
            ("a", "Go", "Golang", "It rose to 6060K, while Node.js stayed flat", None),
            ("a", "Node.js", "Node.js", "Node.js | 61000", "t1r3"),
            ("b", "Go", "Golang", "Node.js grew from 5930K to 6060K", None),  # not on b
        ]
    )
    expected = [False, True, False, False, False, False, False, False]
    assert carried_names(df).tolist() == expected


def test_card_runs_laid_out_alike_with_other_values_are_other_records() -> None:
    labels = ["Best WER", "Latency", "Price/hr"]
    rows = []
    for run, values in (("cards2", [2.8, 4.2, 0.36]), ("cards3", [2.3, 3.8, 2.16])):
        rows += [("a", "Nova", run, label, v) for label, v in zip(labels, values, strict=True)]
    rows.append(("a", "Nova", "cards1", "Latency", 0.45))  # one label only: another layout
    df = pd.DataFrame(rows, columns=["source", "entity", "row_key", "label", "low"])
    df["location_kind"] = "card"
    assert repeated_card_records(df).tolist() == [True] * 6 + [False]
    # a run that repeats the other's values but one restates the record: a side still
    same = df.copy()
    same.loc[3:4, "low"] = [2.8, 4.2]
    assert not repeated_card_records(same).any()


def test_a_sentence_about_another_entity_gives_its_carried_owner_no_conflict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "on").mkdir()
    (tmp_path / "off").mkdir()
    analysis = analyze_pages(tmp_path / "on", {"memory.md": _MEMORY})
    assert _conflicts(analysis).empty
    # without the guard, Node.js's memory given to Go was Go conflicting with itself
    monkeypatch.setattr(conflict, "carried_names", lambda df: np.zeros(len(df), dtype=bool))
    before = _conflicts(analyze_pages(tmp_path / "off", {"memory.md": _MEMORY}))
    assert set(before["entity"]) == {"Go"}


def test_a_ratio_between_a_sentence_s_own_figures_is_recomputed(tmp_path: Path) -> None:
    (tmp_path / "wrong").mkdir()
    (tmp_path / "right").mkdir()
    wrong = analyze_pages(tmp_path / "wrong", {"scores.txt": _WORKED.format(ratio="3x")})
    found = wrong.findings[wrong.findings["kind"] == "diff_mismatch"]
    assert len(found) == 1
    assert "'3x'" in found["explanation"].iloc[0] and "4.00×" in found["explanation"].iloc[0]
    assert found["severity"].iloc[0] == "medium"  # the sentence's other ratio holds
    right = analyze_pages(tmp_path / "right", {"scores.txt": _WORKED.format(ratio="4x")})
    assert not (right.findings["kind"] == "diff_mismatch").any()


def test_the_partitioned_run_gives_the_same_findings(tmp_path: Path) -> None:
    pages = {"memory.md": _MEMORY, "scores.txt": _WORKED.format(ratio="3x")}
    paths = []
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    expected = analyze_paths(paths, tmp_path / "store")
    assert (expected.findings["kind"] == "diff_mismatch").any()
    _assert_same(expected.findings, _left(expected, _config(tmp_path), 3))


def test_a_comparing_sentence_giving_one_key_two_figures_is_no_side() -> None:
    rows = pd.DataFrame(
        {
            "source": ["a"] * 5,
            "entity": ["Neo"] * 5,
            "metric": ["latency"] * 5,
            "evidence": [
                "Similar latency (0.35ms vs 0.34ms)",
                "Similar latency (0.35ms vs 0.34ms)",
                "Best latency (0.37ms vs 0.40ms Falcon, 1.00ms Neo)",
                "Neo answers in 0.9ms.",  # one figure, no comparison: a side
                "Neo answers in 0.8ms while idle.",  # compares, but one figure of the key
            ],
            "row_key": [None] * 5,
            "point": [0.35, 0.34, 0.37, 0.9, 0.8],
        }
    )
    got = misread_comparisons(rows, ["source", "entity", "metric"])
    assert got.tolist() == [True, True, False, False, False]
