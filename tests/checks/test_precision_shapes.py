"""Findings precision on the shapes of real pages (issue 16): leaderboards of several tests,
'base + increase' cells, with/without-cache columns, repeated tables, bare figures under a
'(thousands)' header, undated ages; and the genuine errors that must still be flagged
(a pasted row, a mean the row's percentiles rule out, an epoch placeholder date).

Each page below is written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.logic import _age_vs_release

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_paths


def _analyze(tmp_path: Path, name: str, text: str) -> Analysis:
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    return analyze_paths([page], tmp_path / "store")


def _kinds(analysis: Analysis) -> list[str]:
    return sorted(analysis.findings["kind"])


def _raws(analysis: Analysis, finding: pd.Series) -> set[str]:
    facts = analysis.facts
    return set(facts.loc[facts["claim_id"].isin(finding["claim_ids"]), "raw_value"])


# --- traps: nothing may be flagged -----------------------------------------------------------

LEADERBOARD = """# Language benchmarks

## Sorting

| Language | Time, s | Memory, MiB |
|---|---|---|
| Alpha | 1.20<sub>±0.01</sub> | 3.10<sub>±0.01</sub> + 0.00<sub>±0.00</sub> |
| Beta | 2.40<sub>±0.02</sub> | 110.50<sub>±0.10</sub> + 45.20<sub>±0.30</sub> |
| Gamma | 3.90<sub>±0.05</sub> | 2.70<sub>±0.01</sub> + 12.00<sub>±0.10</sub> |

## Hashing

| Language | Time, s | Memory, MiB |
|---|---|---|
| Gamma | 0.50<sub>±0.01</sub> | 2.75<sub>±0.01</sub> + 1.20<sub>±0.00</sub> |
| Alpha | 2.40<sub>±0.01</sub> | 3.20<sub>±0.01</sub> + 0.30<sub>±0.00</sub> |
| Beta | 7.80<sub>±0.05</sub> | 115.00<sub>±0.10</sub> + 80.00<sub>±0.20</sub> |
"""


def test_a_leaderboard_of_several_tests_raises_nothing(tmp_path: Path) -> None:
    """'base + increase' memory cells are two measures of one cell (no conflict), and Alpha's
    2.40 s in Hashing equals Beta's 2.40 s in Sorting by coincidence (no misattribution)."""
    analysis = _analyze(tmp_path, "langs.md", LEADERBOARD)
    memory = analysis.facts[analysis.facts["raw_value"].str.contains("3.10|0.00", regex=True)]
    assert len(memory) >= 2, "both figures of the 'base + increase' cell are extracted"
    assert _kinds(analysis) == []


BUILD_TOOLS = """# Build tools

### react-1k

| Name | Startup (no cache) | Startup (with cache) |
|---|---|---|
| Toolone 2.0.0 | 1394ms | 998ms |
| Tooltwo 8.0.9 | 7110ms | 5210ms |

### react-5k

| Name | Startup (no cache) | Startup (with cache) |
|---|---|---|
| Toolone 2.0.0 | 1802ms | 547ms |
| Tooltwo 8.0.9 | 3320ms | 2110ms |
"""


def test_columns_of_one_row_are_never_sides_of_a_conflict(tmp_path: Path) -> None:
    analysis = _analyze(tmp_path, "tools.md", BUILD_TOOLS)
    assert len(analysis.facts) == 8
    assert "conflict" not in _kinds(analysis)


REPEATED_TABLES = """# Store benchmarks

On a small instance:

1. SETs (`--ratio 1:0`):

| Storeone | Storetwo |
|---|---|
| QPS: 159K, P99: 0.82ms | QPS: 173K, P99: 0.9ms |

On a larger instance the gap grows:

1. SETs (`--ratio 1:0`):

| Storeone | Storetwo |
|---|---|
| QPS: 190K, P99: 0.97ms | QPS: 279K, P99: 1.48ms |
"""


def test_repeated_tables_with_one_heading_and_lead_in_are_other_runs(tmp_path: Path) -> None:
    analysis = _analyze(tmp_path, "stores.md", REPEATED_TABLES)
    conditions = set(analysis.facts["conditions"].dropna())
    assert len(conditions) == 2, conditions  # the second table is told apart
    assert "conflict" not in _kinds(analysis)


def test_a_bare_figure_under_a_thousands_header_is_read_not_flagged(tmp_path: Path) -> None:
    page = """# Throughput

| Store | QPS (thousands qps) |
|---|---|
| Storeone | 3844 |
| Storetwo | 210 |
"""
    analysis = _analyze(tmp_path, "qps.md", page)
    assert sorted(analysis.facts["low"]) == [210_000, 3_844_000]  # read with the header
    assert "unit_scale" not in _kinds(analysis)


def test_a_grouped_figure_under_a_thousands_header_is_flagged(tmp_path: Path) -> None:
    page = """# Community

| Metric | Alpha | Beta |
|---|---|---|
| Stack Overflow Questions (thousands) | 41,000 | 12 |
"""
    analysis = _analyze(tmp_path, "community.md", page)
    found = analysis.findings[analysis.findings["kind"] == "unit_scale"]
    assert any("41,000" in _raws(analysis, f) for _, f in found.iterrows())


# --- genuine errors: still flagged -----------------------------------------------------------

RESULTS = """# Results

| Server | Driver | VUs | RPS[K] | min[ms] | max[ms] | avg[ms] | p90[ms] | p95[ms] |
|---|---|---|---|---|---|---|---|---|
| alpha web | pgdriver | 100 | 8.1 | 0.58 | 156 | 7.2 | 15.7 | 22 |
| | | 2K | 2.0 | 1.1 | 39.7s | 964.8 | 2.5s | 3.9s |
| beta web | pgdriver | 250 | 7.7 | 3.2 | 83 | 33 | 26 | 27 |
| | | 10K | 2.0 | 1.1 | 39.7s | 964.8 | 2.5s | 3.9s |
| gamma web | pgdriver | 100 | 6.0 | 0.4 | 90 | 12 | 20 | 24 |
"""


def test_a_row_pasted_under_another_entity_is_flagged(tmp_path: Path) -> None:
    analysis = _analyze(tmp_path, "results.md", RESULTS)
    found = analysis.findings[analysis.findings["kind"] == "identical_columns"]
    copied = {"2.0", "1.1", "39.7s", "964.8", "2.5s", "3.9s"}
    hits = [f for _, f in found.iterrows() if copied <= _raws(analysis, f)]
    assert len(hits) == 1 and hits[0]["severity"] == "high"


def test_a_mean_above_what_the_rows_percentile_and_maximum_allow_is_flagged(
    tmp_path: Path,
) -> None:
    analysis = _analyze(tmp_path, "results.md", RESULTS)
    logic = analysis.findings[analysis.findings["kind"] == "logic"]
    raws = [_raws(analysis, f) for _, f in logic.iterrows()]
    # 0.9 × 26 + 0.1 × 83 = 31.7 ms < 33 ms; the other rows are possible (7.2 ms under
    # 0.9 × 15.7 + 0.1 × 156) and are not flagged
    assert raws == [{"33", "26", "83"}], raws


def test_short_or_constant_rows_are_no_copies(tmp_path: Path) -> None:
    page = """# Results

| Name | a | b | c | d |
|---|---|---|---|---|
| Alpha | 0 | 0 | 0 | 0 |
| Beta | 0 | 0 | 0 | 0 |
| Gamma | 1 | 2 | 3 | 5 |
| Delta | 1 | 2 | 3 | 6 |
"""
    analysis = _analyze(tmp_path, "short.md", page)
    assert "identical_columns" not in _kinds(analysis)


@pytest.mark.parametrize(
    ("cell", "flagged"),
    [
        ('[Oldlib](https://example.org/oldlib "first commit: 1970-01-01")', True),
        ('[Oldlib](https://example.org/oldlib "epoch: 1970-01-01")', False),
        ('[Oldlib](https://example.org/oldlib "first commit: 2004-06-01")', False),
    ],
)
def test_the_unix_epoch_as_a_date_is_a_placeholder(
    tmp_path: Path, cell: str, flagged: bool
) -> None:
    page = f"""# Rank

| name | stars | committers |
|---|---|---|
| {cell} | 5886 | 97 |
| [Newlib](https://example.org/newlib "first commit: 2019-03-25") | 251 | 75 |
"""
    analysis = _analyze(tmp_path, "rank.md", page)
    logic = analysis.findings[analysis.findings["kind"] == "logic"]
    assert (not logic.empty) is flagged
    if flagged:
        assert "1970-01-01" in logic.iloc[0]["explanation"]


def _age_facts(entity: str, year: int, age: str, years: float) -> pd.DataFrame:
    """A release year and an age statement of `entity` on one page, as comparable facts."""
    seconds = years * 31_557_600
    rows = [
        ("release_year", "year", str(year), float(year), float(year)),
        ("age_years", "s", age, seconds, seconds),
    ]
    return pd.DataFrame(
        {
            "claim_id": [f"{entity}-{metric}" for metric, *_ in rows],
            "source": "page.md",
            "locator": "paragraph 1",
            "entity": entity,
            "metric": [r[0] for r in rows],
            "unit": [r[1] for r in rows],
            "raw_value": [r[2] for r in rows],
            "note": None,
            "low": [r[3] for r in rows],
            "cmp_lo": [r[3] for r in rows],
            "cmp_hi": [r[4] for r in rows],
        }
    )


def test_an_age_that_only_dates_the_page_is_not_flagged() -> None:
    """2010 + '12 years' holds for a page written in 2022; 2018 + '15 years' holds never."""
    config = CheckConfig(reference_year=2026)
    assert _age_vs_release(_age_facts("Oldframe", 2010, "12 years", 12), config) == []
    found = _age_vs_release(_age_facts("Newframe", 2018, "15 years", 15), config)
    assert [f.entity for f in found] == ["Newframe"]


def test_characters_lost_to_question_marks_are_an_encoding_finding(tmp_path: Path) -> None:
    page = """# 存儲測試

在測試中回?應 Storeone 的內?存更少。

| Store | QPS |
|---|---|
| Storeone | 3844 |
| Storetwo | 2100 |
"""
    analysis = _analyze(tmp_path, "lost.md", page)
    encoding = analysis.findings[analysis.findings["kind"] == "encoding"]
    assert len(encoding) == 1
    assert "lost in a charset conversion" in encoding.iloc[0]["explanation"]
