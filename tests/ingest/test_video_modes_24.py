"""Video modes ('4K/60p', '8K30', '1080p FullHD @ 120p') are recording settings, never figures
(ingest/resolutions.py): read as figures, '4K' became 4,000 and two cameras with the same mode
raised a unit_scale finding. Figures echo real camera comparison pages; the text is written for
the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from crosscheck.ingest.resolutions import is_video_mode, starts_video_mode
from crosscheck.ingest.table_cells import CellKind, cell_kind

from tests.analysis import analyze_pages


@pytest.mark.parametrize(
    "text",
    ["4K/60p (uncropped)", "4K/60p (1.5x crop)", "8K30", "1080p120", "4K 60fps",
     "1080p FullHD @ 120p", "5.7K/30fps", "4K/60p (Super35), 4K/30p (full width)"],
)  # fmt: skip
def test_video_modes(text: str) -> None:
    assert is_video_mode(text)
    assert cell_kind(text) is not CellKind.NUMBER


@pytest.mark.parametrize("text", ["4K", "60 fps", "24.2 Megapixels", "1920 x 1080", "2K 144Hz"])
def test_figures_and_bare_resolutions_are_no_video_mode(text: str) -> None:
    assert not is_video_mode(text)


def test_a_mode_opens_the_words_after_a_resolution() -> None:
    assert starts_video_mode("4K @ 60p")
    assert starts_video_mode("4K 60fps video")
    assert not starts_video_mode("4K performance")


CAMERAS = """# Camera A vs Camera B

| Feature | Camera A | Camera B |
|---|---|---|
| Sensor Resolution | 24.2 Megapixels | 33.0 Megapixels |
| Max Video Resolution | 4K/60p (uncropped) | 4K/60p (1.5x crop) |
| Max Burst | 40 fps | 10 fps |

Camera A rumoured specs:

- 12fps mechanical and 20fps electronic
- 4K @ 60p
"""


def test_a_video_mode_row_gives_no_fact_and_no_finding(tmp_path: Path) -> None:
    found = analyze_pages(tmp_path, {"cameras.md": CAMERAS})
    raws = set(found.claims["raw_value"])
    assert not {"4K", "60p", "4K/60p (uncropped)"} & raws
    assert {"40 fps", "10 fps", "24.2 Megapixels"} <= raws
    assert found.findings[found.findings["kind"] == "unit_scale"].empty
