"""Shapes whose contradictions the synthetic corpus lost for a while (issue 15): a pros item
that leads with a phrase naming no metric ('Small footprint: 43 MB of memory ...') and a
latency row qualified by a scenario that says "get" ('Latency (Simple Get)').

Each page below is written for the test (figures may echo the synthetic corpus, sentences not)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_paths

PROS = """# Alpha vs Beta

| Metric | Alpha | Beta |
|---|---|---|
| Resident Memory (MB) | ~190 MB | ~52 MB |

## Alpha

Pros
- Small footprint: 43 MB of memory per idle worker
- Plenty of plugins

## Beta

Pros
- Small footprint: ~51 MB of memory per idle worker
"""

SIMPLE_GET = """# Alpha vs Beta

| Metric | Alpha | Beta |
|---|---|---|
| Response Time (milliseconds) | ~32 ms | 9.9 ms |
| Latency (Simple Get)(milliseconds) | ~120 | 10 ms |
"""

GET_SET = """# Alpha vs Beta

| Metric | Alpha | Beta |
|---|---|---|
| QPS | 120,000 | 98,000 |
| QPS (GET benchmark) | 410,000 | 350,000 |
| QPS (SET benchmark) | 52,000 | 47,000 |
"""


def _analyze(tmp_path: Path, name: str, text: str) -> Analysis:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return analyze_paths([tmp_path / name], tmp_path / "store")


def _conflict_raws(analysis: Analysis, entity: str, metric: str) -> list[set[str]]:
    found = analysis.findings
    rows = found[
        (found["kind"] == "conflict") & (found["entity"] == entity) & (found["metric"] == metric)
    ]
    claims = analysis.claims.set_index("claim_id")["raw_value"]
    return [{claims[c] for c in ids} for ids in rows["claim_ids"]]


def test_a_pros_item_naming_memory_after_its_figure_is_read_as_memory(tmp_path: Path) -> None:
    analysis = _analyze(tmp_path, "pros.md", PROS)
    facts = analysis.facts
    small = facts[facts["raw_value"].isin(["43 MB", "~51 MB"])]
    assert set(small["metric"]) == {"memory_usage"}
    # the pros item contradicts the table's figure for Alpha, not Beta's (51 vs 52 MB)
    sides = _conflict_raws(analysis, "Alpha", "memory_usage")
    assert any({"43 MB", "~190 MB"} <= raws for raws in sides)
    assert _conflict_raws(analysis, "Beta", "memory_usage") == []


def test_a_simple_get_latency_is_a_side_of_the_latency_comparison(tmp_path: Path) -> None:
    analysis = _analyze(tmp_path, "latency.md", SIMPLE_GET)
    facts = analysis.facts.set_index("raw_value")
    assert facts.loc["~120", "qualifier"] == "simple get"
    sides = _conflict_raws(analysis, "Alpha", "latency")
    assert any({"~120", "~32 ms"} <= raws for raws in sides)
    assert _conflict_raws(analysis, "Beta", "latency") == []


def test_get_and_set_rates_are_other_measurements_not_sides(tmp_path: Path) -> None:
    analysis = _analyze(tmp_path, "kv.md", GET_SET)
    facts = analysis.facts
    qualifiers = set(facts.loc[facts["raw_value"] == "410,000", "qualifier"].map(str))
    assert qualifiers and all(q.startswith("get") for q in qualifiers)
    found = analysis.findings
    assert isinstance(found, pd.DataFrame)
    assert found[found["kind"] == "conflict"].empty


FAST_PAGE = """# Alpha vs Beta

| Metric | Alpha | Beta |
|---|---|---|
| Throughput (req/s) | ~9,400 req/s | 2,100 req/s |

In our run Alpha handled about 9,400 req/s, while Beta handled 2,100 req/s.

## Alpha

- Handles ~8,800 RPS on one core
- Steady at ~9,100 req/s under load tests
"""

SLOW_PAGE = """# Alpha vs Gamma

| Metric | Alpha | Gamma |
|---|---|---|
| Throughput (req/s) | ~1,600 req/s | 4,000 req/s |

Alpha handled ~1,700 req/s, while Gamma handled 4,000 req/s.

## Alpha

- Tops out near ~1,600 req/s
"""


def _analyze_pages(tmp_path: Path, pages: dict[str, str]) -> Analysis:
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return analyze_paths([tmp_path / name for name in pages], tmp_path / "store")


def test_prose_restating_its_table_keeps_the_page_a_side_across_sources(tmp_path: Path) -> None:
    analysis = _analyze_pages(tmp_path, {"fast.md": FAST_PAGE, "slow.md": SLOW_PAGE})
    found = analysis.findings
    across = found[
        (found["kind"] == "conflict")
        & (found["scope"] == "cross_source")
        & (found["entity"] == "Alpha")
    ]
    assert len(across) == 1
    claims = analysis.claims.set_index("claim_id")["source"]
    sources = {claims[c].rsplit("/", 1)[-1] for c in across["claim_ids"].iloc[0]}
    assert sources == {"fast.md", "slow.md"}


LEADERBOARD = """# Hello-world throughput of three servers

| Server | Version | Requests/sec | Transfer (MB/s) |
|---|---|---|---|
| hapi | 3.2.1 | 60,000 | 10.5 |
| koa | 1.9.0 | 40,000 | 7.1 |
| restify | 0.4.2 | 20,000 | 3.6 |

- hapi serves about 4x the requests of koa in this setup.
- hapi serves about 3x the requests of restify in this setup.
"""


def test_a_requests_ratio_is_checked_against_versioned_leaderboard_rows(tmp_path: Path) -> None:
    analysis = _analyze(tmp_path, "board.md", LEADERBOARD)
    relations = analysis.relations
    assert list(relations["metric"]) == ["throughput", "throughput"]
    found = analysis.findings
    mismatches = found[found["kind"] == "relation_mismatch"]
    claims = analysis.claims.set_index("claim_id")["raw_value"]
    flagged = [{claims[c] for c in ids} for ids in mismatches["claim_ids"]]
    # 60,000 / 40,000 is 1.5x, not about 4x; 60,000 / 20,000 is the 3x stated
    assert any({"about 4x", "60,000", "40,000"} <= raws for raws in flagged)
    assert not any("20,000" in raws for raws in flagged)
