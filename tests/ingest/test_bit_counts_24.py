"""'12 bits of data in each symbol' counts bits of something: a figure; '64 bits' after a chip
stays its variant (ingest/nonfigures.py). Figures echo a real Wi-Fi 7 explainer; the text is
written for the test."""

from __future__ import annotations

from pathlib import Path

from tests.analysis import analyze_pages

PAGE = """# Router A

Router A encodes 12 bits of data in each symbol. Router A runs a 64 bits firmware.
"""


def test_bits_of_something_are_a_count(tmp_path: Path) -> None:
    raws = set(analyze_pages(tmp_path, {"router.md": PAGE}).claims["raw_value"])
    assert "12" in raws or "12 bits" in raws
    assert not {"64", "64 bits"} & raws
