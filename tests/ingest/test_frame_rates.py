"""Frame rates glued to their figure ("12fps", "20fps*") are figures; the rate that closes a
video mode ("4K 60fps video") stays a recording setting (ingest/data/prose.toml spec_unit_marks,
ingest/nonfigures.py). Figures echo camera pages; the sentences are written for the test."""

from __future__ import annotations

from tests.ingest.parsing import text_claims

PAGE = """# Camera A vs Camera B

Camera A shoots 15fps with the mechanical shutter and 30fps electronic.

Camera B records 4K 60fps video and manages 8fps* bursts.
"""


def test_glued_frame_rates_are_figures_and_a_video_mode_is_not() -> None:
    raws = {c["raw_value"] for c in text_claims(PAGE)}
    assert {"15fps", "30fps", "8fps"} <= raws
    assert "60fps" not in raws and "4K" not in raws
