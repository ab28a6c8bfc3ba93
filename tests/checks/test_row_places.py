"""A row known only by its place in a table whose condition columns a copy lost
("3 of 4 rows in table 1") is no key to set against another page's row of that place
(checks/conflict.py, crosscheck.common.contracts.ROW_PLACE_QUALIFIER).

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

from crosscheck.common.contracts import ROW_PLACE_QUALIFIER, row_place_condition
from crosscheck.pipeline import Analysis
from tests.analysis import analyze_pages

_HEAD = """Package manager timings

How long one install takes in each scenario.

stepwarmlockfolder_presentnpmpnpmYarnYarn PnP
"""
MONDAY = _HEAD + "install31.2s9.4s8.8s3.1s\ninstall1.4s420ms5.2sn/a\ninstall9.9s3.3s6.1s1.2s\n"
# the same benchmark re-run: its rows may stand in another order, so places say nothing
TUESDAY = _HEAD + "install9.1s3.0s5.9s1.1s\ninstall30.4s9.9s8.1s3.4s\ninstall1.2s610ms4.4sn/a\n"

NAMED_A = (
    "# Install timings\n\n| Tool | cold install |\n|---|---|\n| npm | 31.2s |\n| pnpm | 9.4s |\n"
)
NAMED_B = (
    "# Install timings\n\n| Tool | cold install |\n|---|---|\n| npm | 12.5s |\n| pnpm | 9.6s |\n"
)


def _cross_source(analysis: Analysis) -> list[str]:
    found = analysis.findings
    return sorted(found.loc[found["scope"] == "cross_source", "entity"])


def test_the_row_place_condition_is_what_the_pattern_matches() -> None:
    import re

    assert re.search(ROW_PLACE_QUALIFIER, row_place_condition(3, 9, 1))
    assert re.search(ROW_PLACE_QUALIFIER, "pnp; " + row_place_condition(3, 9, 1))
    assert not re.search(ROW_PLACE_QUALIFIER, "3 of 9 runs")


def test_rows_known_by_place_are_not_compared_across_pages(tmp_path: Path) -> None:
    analysis = analyze_pages(tmp_path, {"mon.txt": MONDAY, "tue.txt": TUESDAY})
    placed = analysis.facts["qualifier"].fillna("").str.contains("rows in table")
    assert placed.sum() >= 16  # both pages' rows were read, each under its place
    assert _cross_source(analysis) == []


def test_rows_with_a_named_condition_are_still_compared_across_pages(tmp_path: Path) -> None:
    analysis = analyze_pages(tmp_path, {"a.md": NAMED_A, "b.md": NAMED_B})
    assert "npm" in _cross_source(analysis)
