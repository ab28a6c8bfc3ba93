"""Findings precision on shapes of real pages (twenty-fourth session): a value that writes its
header's own scale, two figures of one sentence, a bare one-digit count two columns share,
blocks of a load tool's output repeated per run, and a load tool's "across all concurrent
requests" line; and the errors that must still be flagged.

Each page below is written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from crosscheck.checks.columns import Columns
from crosscheck.checks.conflict_places import (
    columns_of_one_row,
    extremes_told_apart,
    series_of_blocks,
)
from crosscheck.checks.unit_scale import _restates_header

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_paths


def _analyze(tmp_path: Path, name: str, text: str) -> Analysis:
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    return analyze_paths([page], tmp_path / "store")


def _kinds(analysis: Analysis) -> list[str]:
    return sorted(analysis.findings["kind"])


# --- traps: nothing may be flagged -----------------------------------------------------------


def test_a_value_that_writes_its_headers_scale_has_one_reading() -> None:
    """'270k' under a header read as 'k' (an "IOPS 4k" section title) restates the scale; a
    figure written in another scale than its header's is still two readings."""
    assert _restates_header("270k", "k")
    assert _restates_header("3 thousand", "(thousands)")
    assert not _restates_header("1.2M", "(thousands)")
    assert not _restates_header("41,000", "thousands")


def test_a_video_mode_cell_is_no_scaled_figure(tmp_path: Path) -> None:
    page = """# Canon EOS R6 Mark II vs Sony A7IV

| Feature | Canon EOS R6 Mark II | Sony A7IV |
|---|---|---|
| Sensor Resolution | 24.2 Megapixels | 33.0 Megapixels |
| Max Video Resolution | 4K/60p (full width) | 4K/60p (cropped) |
| Max Stills Burst (Electronic) | 40 fps | 10 fps |
"""
    analysis = _analyze(tmp_path, "video.md", page)
    # a video mode is a condition, never a figure (realunits24), so no scale can be doubted
    assert not analysis.facts["raw_value"].str.startswith("4K").any()
    assert len(analysis.facts) == 4
    assert "unit_scale" not in _kinds(analysis)


def test_a_value_with_another_scale_than_its_header_is_still_flagged(tmp_path: Path) -> None:
    page = """# Community

| Metric | Alpha | Beta |
|---|---|---|
| Downloads (thousands) | 1.2M | 12 |
"""
    analysis = _analyze(tmp_path, "downloads.md", page)
    assert "unit_scale" in _kinds(analysis)


def test_two_figures_of_one_sentence_are_no_conflict(tmp_path: Path) -> None:
    page = """# Canon EOS R6 Mark II review

The Canon EOS R6 Mark II holds 12 fps for about three seconds of bursts.

The Canon EOS R6 Mark II keeps 12 fps on its mechanical shutter and reaches 40 fps on the
electronic one.
"""
    analysis = _analyze(tmp_path, "camera.md", page)
    assert len(analysis.facts[analysis.facts["label"] == "fps"]) == 3
    assert "conflict" not in _kinds(analysis)


def test_two_sentences_that_disagree_are_still_a_conflict(tmp_path: Path) -> None:
    page = """# Storeone review

Storeone handles 48,000 requests per second on our test machine.

In the summary, Storeone handles 12,000 requests per second on our test machine.
"""
    analysis = _analyze(tmp_path, "store.md", page)
    assert "conflict" in _kinds(analysis)


def test_a_one_digit_count_two_columns_share_is_chance(tmp_path: Path) -> None:
    page = """# Databases compared

| Requirement | Baseone | Basetwo |
|---|---|---|
| Min CPU cores | 1 | 1 |
| Max connections | 500 | 120 |
"""
    analysis = _analyze(tmp_path, "reqs.md", page)
    assert "identical_columns" not in _kinds(analysis)


def test_a_one_digit_value_the_page_contradicts_is_a_copy(tmp_path: Path) -> None:
    """Two columns sharing '4' where the page gives one of them 6 lines elsewhere: the shared
    cell was copied over that product's own figure (the synthetic corpus's copied columns)."""
    page = """# Emberly vs Quillon

| Feature | Emberly | Quillon |
|---|---|---|
| Boilerplate | ~4 lines | 6 lines |
| Throughput | 4,500 req/s | 2,900 req/s |
| Lines Of Code (Full App) | 4 | 4 |
"""
    analysis = _analyze(tmp_path, "loc.md", page)
    assert "identical_columns" in _kinds(analysis)


def _laid_out(cells: list[tuple[str, str, float]]) -> Columns:
    """Laid-out figures of one key: (block, label, value) each, compared within 5 %."""
    return Columns(
        pd.DataFrame(
            {
                "row_key": [f"{block}r{i}" for i, (block, _, _) in enumerate(cells)],
                "locator": [
                    f"{block} / line {i} / Serverone" for i, (block, _, _) in enumerate(cells)
                ],
                "label": [label for _, label, _ in cells],
                "point": [value for _, _, value in cells],
                "cmp_lo": [value * 0.95 for _, _, value in cells],
                "cmp_hi": [value * 1.05 for _, _, value in cells],
                "evidence": [f"{label}: {value}" for _, label, value in cells],
            }
        )
    )


def test_a_load_tools_blocks_repeated_per_run_are_a_series() -> None:
    """One 'Total' per block in four blocks, four values: a series of runs, no conflict; one
    block off three that agree (two camps), or two labels, stay a conflict's sides."""
    runs = [("cards 1", "Total", 9.19), ("cards 2", "Total", 54.3), ("cards 3", "Total", 62.0)]
    rows = _laid_out([*runs, ("cards 4", "Total", 258.9)])
    assert series_of_blocks(rows, np.arange(4))
    one_off = _laid_out(
        [("table 1", "Forks", 1400.0), ("table 2", "Forks", 1390.0), ("table 3", "Forks", 5000.0)]
    )
    assert not series_of_blocks(one_off, np.arange(3))
    labels = _laid_out([*runs[:2], ("cards 3", "Grand total", 62.0)])
    assert not series_of_blocks(labels, np.arange(3))


def test_list_items_of_one_label_down_a_page_are_a_series() -> None:
    """'Max speed: 11 Mbps' … 'Max speed: 9.6 Gbps', one per list item under sections of a
    standards list read as one family: a series; a prose sentence among them is no block."""
    speeds = [("list item 2", 11.0), ("list item 5", 54.0), ("list item 9", 600.0)]
    cells = Columns(
        pd.DataFrame(
            {
                "row_key": [None] * 3,
                "locator": [f"{item} chars 11-18" for item, _ in speeds],
                "label": ["Max speed"] * 3,
                "point": [v for _, v in speeds],
                "cmp_lo": [v * 0.95 for _, v in speeds],
                "cmp_hi": [v * 1.05 for _, v in speeds],
            }
        )
    )
    assert series_of_blocks(cells, np.arange(3))
    prose = Columns(
        pd.DataFrame(
            {
                "row_key": [None] * 3,
                "locator": [
                    "list item 2 chars 1-2",
                    "list item 5 chars 1-2",
                    "paragraph 3 chars 4-6",
                ],
                "label": ["Max speed"] * 3,
                "point": [v for _, v in speeds],
                "cmp_lo": [v * 0.95 for _, v in speeds],
                "cmp_hi": [v * 1.05 for _, v in speeds],
            }
        )
    )
    assert not series_of_blocks(prose, np.arange(3))


def test_a_row_or_a_sentence_holding_both_extremes_tells_them_apart() -> None:
    row = _laid_out(
        [("table 1", "update", 1.8), ("table 1", "update", 7.8), ("table 2", "update", 7.7)]
    )
    assert not extremes_told_apart(row, np.arange(3))  # two rows: the table's own sides
    same_row = Columns(
        pd.DataFrame(
            {
                "row_key": ["t1r9", "t1r9", "t2r9"],
                "locator": ["table 1 / row 9 / column A 🦀", "table 1 / row 9 / column A", "x"],
                "evidence": ["", "", ""],
                "point": [1.8, 7.8, 7.7],
            }
        )
    )
    assert extremes_told_apart(same_row, np.arange(3))


def test_a_pair_far_off_the_statement_measures_something_else(tmp_path: Path) -> None:
    """'68 % faster' against a benchmark's version number ('6') read as a score gives 0.004x:
    no writer's slip is 400 times off; the statement is left unflagged."""
    page = """# Google Pixel 8 Pro vs Apple iPhone 15

Why pick the Apple iPhone 15
- 68% faster on the single-core GeekBench 6 run: 2513 and 1500 points
- Lighter by 42 grams
"""
    analysis = _analyze(tmp_path, "phones.md", page)
    assert "relation_mismatch" not in _kinds(analysis)


def test_a_row_giving_one_key_two_columns_is_no_cross_source_side() -> None:
    """'pnpm' and a marked 'pnpm 🦀' column of one row both read as pnpm: the page is no side
    on that key; two figures of one cell ('base + increase') sit in one column."""
    page = pd.DataFrame(
        {
            "source": ["a.md", "a.md", "a.md", "b.md", "b.md"],
            "entity": ["pnpm"] * 5,
            "row_key": ["t1r9", "t1r9", "t1r3", "t1r2", "t1r2"],
            "locator": [
                "table 1 / row 9 / column pnpm 🦀",
                "table 1 / row 9 / column pnpm",
                "table 1 / row 3 / column pnpm",
                "table 1 / row 2 / column pnpm",
                "table 1 / row 2 / column pnpm / figure 2",
            ],
        }
    )
    split = columns_of_one_row(page, ["source", "entity"])
    assert sorted(split["locator"]) == sorted(page["locator"][:2])


AB_RUN = """Server Software:        nginx/1.16.1
Concurrency Level:      {c}
Time taken for tests:   {t} seconds
Complete requests:      20000
Requests per second:    {rps} [#/sec] (mean)
Time per request:       {mean} [ms] (mean)
Time per request:       {across} [ms] (mean, across all concurrent requests)
"""


def test_a_time_across_all_concurrent_requests_is_another_measure(tmp_path: Path) -> None:
    page = "# NGINX\n\n" + "\n\n".join(
        AB_RUN.format(c=c, t=t, rps=r, mean=m, across=a)
        for c, t, r, m, a in [
            ("500", "3.468", "5766.82", "86.703", "0.173"),
            ("100", "2.210", "9049.77", "11.050", "0.110"),
            ("1000", "6.125", "3265.31", "306.250", "0.306"),
        ]
    )
    analysis = _analyze(tmp_path, "ab.md", page)
    times = analysis.facts[analysis.facts["label"].str.startswith("time per request")]
    assert len(times) == 6
    # the line averaged across all concurrent requests is a time, never a count of requests
    assert "concurrent_connections" not in set(times["metric"])
    assert "conflict" not in _kinds(analysis)
