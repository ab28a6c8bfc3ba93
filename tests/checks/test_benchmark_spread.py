"""Two pages time the same libraries on different operations with a benchmark tool's table:
the `Error`/`StdDev` columns are each run's own spread, no side of a cross-source conflict
(realacc6). Pages written for the test (figures echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

from tests.analysis import analyze_paths

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


def test_spread_columns_are_no_side_of_a_cross_source_conflict(tmp_path: Path) -> None:
    pages = []
    for name, text in (("setup.md", SETUP), ("calls.md", CALLS)):
        page = tmp_path / name
        page.write_text(text, encoding="utf-8")
        pages.append(page)
    findings = analyze_paths(pages, tmp_path / "store").findings
    conflicts = findings[findings["kind"] == "conflict"]
    metrics = " ".join(str(e) for e in conflicts["explanation"])
    assert "error" not in metrics.lower() and "stddev" not in metrics.lower()
