"""A printed result block whose starred winner another row beats (checks/marked_winners.py):
the page's other blocks say which way is better; a page whose stars say nothing is left alone.

Pages are written for the test with invented tool names (figures only, no sentence copied)."""

from __future__ import annotations

from pathlib import Path

from tests.analysis import analyze_pages


def _page(blocks: list[tuple[str, list[str]]]) -> str:
    parts = ["Search tool runs.", ""]
    for name, rows in blocks:
        caption = f"{name} (pattern: FOO)"
        parts += [caption, "-" * len(caption), *rows]
    return "\n".join(parts) + "\n"


def _starred_findings(tmp_path: Path, text: str) -> list[str]:
    analysis = analyze_pages(tmp_path, {"runs.txt": text})
    found = analysis.findings
    found = found[(found["kind"] == "logic") & found["explanation"].str.contains("star marks")]
    return sorted(found["explanation"])


GOOD = [
    ("plain", ["zgrep* 0.210 +/- 0.004 (lines: 31)*", "hunt 1.480 +/- 0.051 (lines: 31)"]),
    ("casei", ["zgrep* 0.330 +/- 0.004 (lines: 40)*", "hunt 0.902 +/- 0.010 (lines: 40)"]),
]


def test_a_star_on_a_beaten_row_is_flagged_by_the_pages_own_convention(tmp_path: Path) -> None:
    bad = ("word", ["zgrep* 1.085 +/- 0.004 (lines: 9)*", "hunt 0.107 +/- 0.002 (lines: 9)"])
    found = _starred_findings(tmp_path, _page([*GOOD, bad]))
    assert len(found) == 1
    assert "zgrep (1.085)" in found[0] and "hunt has 0.107" in found[0]


def test_stars_on_every_blocks_best_row_give_no_finding(tmp_path: Path) -> None:
    assert _starred_findings(tmp_path, _page(GOOD)) == []


def test_one_block_alone_says_no_direction(tmp_path: Path) -> None:
    only = [("word", ["zgrep* 1.085 +/- 0.004 (lines: 9)*", "hunt 0.107 +/- 0.002 (lines: 9)"])]
    assert _starred_findings(tmp_path, _page(only)) == []
