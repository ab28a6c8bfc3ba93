"""The first figure of a slash pair takes the second's unit in prose ("100/100Mbps", "560/510
MB/s"): ingest/figure_hints.py. Figures echo a real Wi-Fi explainer; the text is written for the
test."""

from __future__ import annotations

from pathlib import Path

from tests.analysis import analyze_pages

PAGE = """# Router A

Router A gives each of four devices 100/100Mbps and reads 560/510 MB/s from its disk.

Router A is rated 3/5 stars.
"""


def test_the_first_figure_of_a_slash_pair_shares_the_unit(tmp_path: Path) -> None:
    claims = analyze_pages(tmp_path, {"router.md": PAGE}).claims
    hints = dict(zip(claims["raw_value"], claims["unit_hint"], strict=True))
    assert hints["100"] == "Mbps"
    assert hints["560"] == "MB/s"
    assert not isinstance(hints.get("3"), str)  # "3/5 stars": a score shares no unit (NaN)
