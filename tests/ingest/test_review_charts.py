"""Review pages copied as text (ingest/glued_rows.py, value_columns.py, lzbench.py): per-test
result charts flattened without cell breaks under one header of products, category scores one
line per product, lzbench output on one line, "N versus M" pairs under a "reasons" line.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from typing import Any

from tests.ingest.parsing import text_claims

CHARTS = """Core i9-13900K vs Ryzen 9 7950X3D: twelve games tested

We ran every game at 1080p with the same graphics card.

Total War: Warhammer 3

CPUCore i9-13900KRyzen 9 7950X3D
Average151.2 FPS170.4 FPS
1% Lows101.3 FPS118.6 FPS

Starfield

Average88.5 FPS97.2 FPS
1% Lows61.4 FPS66.9 FPS

The gap is widest in the strategy titles, where the larger cache helps most of all.

Forza Horizon 5

Average210.8 FPS232.1 FPS
1% Lows150.2 FPS161.7 FPS
"""


def _by_value(claims: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {c["raw_value"]: c for c in claims if c["location_kind"] == "table_cell"}


def test_each_glued_chart_gives_each_product_its_figure_under_its_test() -> None:
    cells = _by_value(text_claims(CHARTS))
    assert cells["151.2 FPS"]["entity_raw"] == "Core i9-13900K"
    assert cells["170.4 FPS"]["entity_raw"] == "Ryzen 9 7950X3D"
    assert cells["118.6 FPS"]["label"] == "1% Lows"  # a label led by a figure of its own
    assert "Total War: Warhammer 3" in (cells["151.2 FPS"]["conditions"] or "")
    # later charts print no header: the same products, under their own test
    assert cells["97.2 FPS"]["entity_raw"] == "Ryzen 9 7950X3D"
    assert cells["88.5 FPS"]["conditions"] == "Starfield"
    assert cells["161.7 FPS"]["entity_raw"] == "Ryzen 9 7950X3D"
    assert cells["161.7 FPS"]["conditions"] == "Forza Horizon 5"


def test_a_row_label_seen_again_starts_no_run_when_the_rows_have_no_label() -> None:
    text = "Battery of the three phones\n\nGalaxy S24 Ultra Galaxy S24+ Galaxy S24\n"
    text += "5,000mAh 4,900mAh 4,000mAh\n45W wired charging 45W wired charging 25W wired charging\n"
    cells = _by_value(text_claims(text))
    assert cells["4,900mAh"]["entity_raw"] == "Galaxy S24+"
    assert cells["25W wired charging"]["entity_raw"] == "Galaxy S24"


SPEC = """Crucial T500 vs Samsung 990 Pro

Crucial T500Samsung 990 Pro
Read speed7300 MB/s7450 MB/s
Write speed6800 MB/s6900 MB/s
"""


def test_a_unit_glued_to_the_next_number_breaks_the_cell() -> None:
    cells = _by_value(text_claims(SPEC))
    assert cells["7300 MB/s"]["entity_raw"] == "Crucial T500"
    assert cells["6900 MB/s"]["entity_raw"] == "Samsung 990 Pro"


SCORES = """Galaxy S23 vs Pixel 8
How the two phones score in our tests.
Display
Brightness, colour, refresh
91
85
Camera
Stills and video
79
88
Battery
Runtime and charging
72*
80*
Scores with an asterisk are estimates.
"""


def test_category_scores_one_line_per_product_go_in_the_title_order() -> None:
    cells = _by_value(text_claims(SCORES))
    assert cells["91"]["entity_raw"] == "Galaxy S23"
    assert cells["85"]["entity_raw"] == "Pixel 8"
    assert cells["80*"]["entity_raw"] == "Pixel 8"
    assert cells["85"]["label"].startswith("Display")


def test_two_scores_under_a_category_are_no_table_for_three_products() -> None:
    text = SCORES.replace("Galaxy S23 vs Pixel 8", "Galaxy S23 vs Pixel 8 vs iPhone 15")
    assert not _by_value(text_claims(text))


LZBENCH = (
    "Picking a compressor for backups\n"
    "We ran lzbench on the usual test corpus; here are the fast ones:\n"
    "$ lzbench -elz4/snappy corpus.tar Compressor name Compress. Decompress. Compr. size Ratio"
    " memcpy 10120 MB/s 10090 MB/s 211947520 100.00 lz4 1.9.4 780 MB/s 4300 MB/s 100880800"
    " 47.60 snappy 1.1.10 640 MB/s 1710 MB/s 101512076 47.89\n"
    "Both are far ahead of the others on speed.\n"
)


def test_lzbench_output_on_one_line_is_a_table_of_compressors() -> None:
    cells = _by_value(text_claims(LZBENCH))
    assert cells["780 MB/s"]["entity_raw"] == "lz4"
    assert cells["780 MB/s"]["conditions"] == "1.9.4"
    assert cells["1710 MB/s"]["entity_raw"] == "snappy"
    assert cells["10120 MB/s"]["entity_raw"] == "memcpy"
    assert cells["47.89"]["label"] == "Ratio"


REASONS = """Pixel 8 Pro vs iPhone 15
Reasons to consider the Pixel 8 Pro
- Has 2x more RAM: 12GB versus 6GB
- 12% larger battery: 5050 vs 4500 mAh
- 11% higher pixel density (489 vs 440 PPI)
Reasons to consider the iPhone 15
- 20% better performance in Geekbench (2700 versus 2250)
- 30% faster in the multi-core test: 6600 and 5100 points
"""


def test_a_pair_under_a_reasons_line_belongs_to_that_product_then_the_other() -> None:
    claims = text_claims(REASONS)
    by_raw = {c["raw_value"]: c for c in claims}
    assert by_raw["12GB"]["entity_raw"] == "Pixel 8 Pro"  # a pair's first figure, no setting
    assert by_raw["6GB"]["entity_raw"] == "iPhone 15"
    assert by_raw["20%"]["entity_raw"] == "iPhone 15"  # the section's subject, not the winner above
    assert by_raw["2250"]["entity_raw"] == "Pixel 8 Pro"


HEADERLESS = """Comparison WD Black SN850X 2 TB vs Samsung 990 Pro 2 TB
Add to comparison
Interface PCI-E 4.0 4x on both; a PCIe 3.0 x4 slot halves the speed.
Write speed6600 MB/s6900 MB/s
Read speed7300 MB/s7450 MB/s
Random read IOPS1200 K
TBW1200 TB1200 TB
Warranty5 years5 years
"""


def test_glued_spec_rows_without_a_header_take_the_compared_products_in_order() -> None:
    claims = text_claims(HEADERLESS)
    cells = _by_value(claims)
    assert cells["6600 MB/s"]["entity_raw"] == "WD Black SN850X"
    assert cells["7450 MB/s"]["entity_raw"] == "Samsung 990 Pro"
    assert cells["5 years"]["label"] == "Warranty"
    # a bus's lane count is no ratio
    assert not [c for c in claims if c["raw_value"] in ("4x", "x4")]


README_ROWS = """Why the default level changed
| gzip 1.12 -1 | 2.721 | 98 MB/s | 410 MB/s |
| **zstd 1.5.6 -1** | 2.887 | 510 MB/s | 1580 MB/s |
| lz4 1.9.4 | 2.101 | 700 MB/s | 4000 MB/s |
"""


def test_compressor_rows_quoted_without_their_header_get_the_readme_columns() -> None:
    cells = _by_value(text_claims(README_ROWS))
    assert cells["2.887"]["label"] == "Ratio"
    assert cells["510 MB/s"]["label"] == "Compression"
    assert cells["4000 MB/s"]["label"] == "Decompress."


def test_the_first_of_a_pair_takes_the_second_ones_unit() -> None:
    by_raw = {c["raw_value"]: c for c in text_claims(REASONS)}
    assert by_raw["489"]["unit_hint"] == "PPI"
    assert by_raw["440 PPI"]["entity_raw"] == "iPhone 15"


def test_two_scores_joined_by_and_after_a_comparison_are_the_two_sides() -> None:
    by_raw = {c["raw_value"]: c for c in text_claims(REASONS)}
    assert by_raw["6600"]["entity_raw"] == "iPhone 15"
    assert by_raw["5100"]["entity_raw"] == "Pixel 8 Pro"
