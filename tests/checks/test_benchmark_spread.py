"""Two pages time the same libraries on different operations with a benchmark tool's table:
the `Error`/`StdDev` columns are each run's own spread, and `Mean`/`Allocated` summarise an
operation only the page's title names: no side of a cross-source conflict (realacc6). A
metric that names what was measured still is. Pages written for the test (figures echo real
pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

from tests.analysis import analyze_pages

SETUP = """# Mock setup cost

| Method | Mean | Error | StdDev |
|--------|------|-------|--------|
| Quickmock | 2.828 μs | 0.0513 μs | 0.0455 μs |
| Slowmock | 136.434 μs | 0.6351 μs | 0.4959 μs |
"""

CALLS = """# Mock call cost

| Method | Mean | Error | StdDev |
|--------|------|-------|--------|
| Quickmock | 466.6 ns | 124.67 ns | 6.83 ns |
| Slowmock | 811.6 ns | 230.66 ns | 12.64 ns |
"""


SETUP_MEMORY = """# Mock setup cost

| Method | Mean | Allocated |
|--------|------|-----------|
| Quickmock | 2.828 μs | 944 B |
| Slowmock | 136.434 μs | 5120 B |
"""

CALLS_MEMORY = """# Mock call cost

| Method | Mean | Allocated |
|--------|------|-----------|
| Quickmock | 466.6 ns | 376 B |
| Slowmock | 811.6 ns | 304 B |
"""

SERVERS_A = """# Web servers under load

| Server | Requests/sec |
|--------|--------------|
| Quickserve | 48,210 |
| Slowserve | 9,870 |
"""

SERVERS_B = """# Another look at web servers

| Server | Requests/sec |
|--------|--------------|
| Quickserve | 12,400 |
| Slowserve | 9,900 |
"""


def _conflicts(tmp_path: Path, *texts: tuple[str, str]) -> list[str]:
    findings = analyze_pages(tmp_path, dict(texts)).findings
    conflicts = findings[findings["kind"] == "conflict"]
    return [str(e).lower() for e in conflicts["explanation"]]


def test_spread_columns_are_no_side_of_a_cross_source_conflict(tmp_path: Path) -> None:
    explained = " ".join(_conflicts(tmp_path, ("setup.md", SETUP), ("calls.md", CALLS)))
    assert "error" not in explained and "stddev" not in explained


def test_a_statistic_label_alone_is_no_side_across_pages(tmp_path: Path) -> None:
    explained = _conflicts(tmp_path, ("setup.md", SETUP_MEMORY), ("calls.md", CALLS_MEMORY))
    assert not [e for e in explained if "across" in e], explained


def test_a_named_metric_still_conflicts_across_pages(tmp_path: Path) -> None:
    explained = _conflicts(tmp_path, ("a.md", SERVERS_A), ("b.md", SERVERS_B))
    assert any("quickserve" in e and "across" in e for e in explained), explained
