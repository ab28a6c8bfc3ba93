"""A spec table whose cell borders the copy lost to single spaces, cells of words and figures
mixed, under a line naming the compared products (realtab28): each figure goes to the product
whose column its cell is in, found by where the next cell's figure starts."""

from __future__ import annotations

from typing import Any

from crosscheck.ingest.spaced_cells import may_start_spaced_cells, read_spaced_cells

from tests.ingest.parsing import claims_by_raw, text_claims

# figures of two consoles' spec sheets; the sentences are ours
CONSOLES = """Feature Nova One Zephyr Two
Launch Window Spring 2020 Autumn 2020
RAM 16GB GDDR6 RAM (256-bit) 12 GB GDDR6 RAM
Memory Bandwidth 448GB/s 10GB at 560GB/s, 6GB at 336GB/s
Storage 825GB SSD Storage Drive 1 TB NVMe SSD Storage Drive
Video Output 4K, 120hz refresh rate Native 4K, Up to 60 fps
Both consoles were announced within a week of each other.
"""

# a verdict column last, and a row with a cell missing: the row stays text
TABLETS = """Which of the two tablets is lighter? Slate Air and Tab Nine, side by side.

Feature Slate Air Tab Nine Verdict?
Display size 9.7in 10.1in Tab Nine
Weight 607g 565g Tab Nine
Internal memory 16GB, 32GB, or 64GB 16GB or 32GB Slate Air
Expandable memory None Up to 32GB Tab Nine
Battery life 10 hr 9 hr Draw

The Slate Air keeps its lead in apps, the Tab Nine in weight.
"""


def _owner(claims: list[dict[str, Any]], figure: str) -> set[str]:
    """The entities of the claims whose raw text holds `figure` (a cell may be read whole)."""
    return {c["entity_raw"] for c in claims if figure in c["raw_value"]}


def test_each_cell_goes_to_its_column_product() -> None:
    claims = text_claims(CONSOLES)
    assert claims_by_raw(claims)["448GB/s"]["entity_raw"] == "Nova One"
    assert claims_by_raw(claims)["560GB/s"]["entity_raw"] == "Zephyr Two"
    assert _owner(claims, "825GB") == {"Nova One"}
    assert _owner(claims, "1 TB") == {"Zephyr Two"}
    assert _owner(claims, "60 fps") == {"Zephyr Two"}


def test_a_figure_after_a_joining_word_stays_in_its_cell() -> None:
    lines = CONSOLES.splitlines()
    found = read_spaced_cells(lines, 0, 1)
    assert found is not None
    table = found[0][0]
    assert table.header == ["Feature", "Nova One", "Zephyr Two"]
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["Memory Bandwidth"] == ["448GB/s", "10GB at 560GB/s, 6GB at 336GB/s"]
    assert rows["RAM"] == ["16GB GDDR6 RAM (256-bit)", "12 GB GDDR6 RAM"]
    assert "Launch Window" not in rows  # a row of words: no figure with a unit starts a cell
    assert found[1] == 6  # the sentence after the rows is no row


def test_a_verdict_column_is_cut_off_and_a_short_row_stays_text() -> None:
    lines = TABLETS.splitlines()
    assert may_start_spaced_cells(lines, 2)
    found = read_spaced_cells(lines, 2, 1)
    assert found is not None
    table, *others = found[0]
    assert table.header == ["Feature", "Slate Air", "Tab Nine"]
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["Weight"] == ["607g", "565g"]
    assert rows["Battery life"] == ["10 hr", "9 hr"]
    assert rows["Internal memory"] == ["16GB, 32GB, or 64GB", "16GB or 32GB"]
    assert [b.text for b in others] == ["Expandable memory None Up to 32GB Tab Nine"]


def test_a_line_of_words_over_the_names_is_no_header() -> None:
    lines = ["Stats Comparison", "Slate Air Tab Nine", "Weight 607g 565g", "Battery 10 hr 9 hr"]
    text = "Slate Air and Tab Nine compared.\n" + "\n".join(lines)
    all_lines = text.splitlines()
    assert not may_start_spaced_cells(all_lines, 1)
    assert may_start_spaced_cells(all_lines, 2)
    found = read_spaced_cells(all_lines, 2, 1)
    assert found is not None and found[0][0].header == ["", "Slate Air", "Tab Nine"]


def test_a_header_of_words_the_page_writes_nowhere_else_makes_no_table() -> None:
    lines = ["Quick Look Here", "Battery 5000mAh 4500mAh", "Charging 45W 25W"]
    assert may_start_spaced_cells(lines, 0)
    assert read_spaced_cells(lines, 0, 1) is None


# header cells a paragraph each, then the rows run together (figures of a tablet sheet)
STACKED = """Slate Air against Tab Nine: the chart below puts them side by side.

Slate Air

Tab Nine

Screen Size 9.7 inch LED IPS 7 inch TFT LCD
Processor 1 GHz Apple A4 1GHz Cortex A8
Weight 680g 380g
"""


def test_header_cells_in_paragraphs_of_their_own_name_the_columns() -> None:
    lines = STACKED.splitlines()
    assert may_start_spaced_cells(lines, 2)
    found = read_spaced_cells(lines, 2, 1)
    assert found is not None
    table = found[0][0]
    assert table.header == ["", "Slate Air", "Tab Nine"]
    assert table.rows[0] == ["Screen Size", "9.7 inch LED IPS", "7 inch TFT LCD"]
    claims = text_claims(STACKED)
    assert _owner(claims, "380g") == {"Tab Nine"}
    assert _owner(claims, "680g") == {"Slate Air"}


def test_one_product_named_over_a_spec_list_is_no_header() -> None:
    text = (
        "Our review of the Slate Air Pro Max covers its screen and battery.\n"
        "Slate Air Pro Max\n"
        "Display 6.7in 120Hz\n"
        "Battery 4422mAh 27W\n"
    )
    lines = text.splitlines()
    assert read_spaced_cells(lines, 1, 1) is None


def test_a_row_of_years_is_no_figure_row() -> None:
    lines = [
        "Feature Nova One Zephyr Two",
        "Launch 2020 2021",
        "Weight 607g 565g",
        "Battery 10 hr 9 hr",
    ]
    found = read_spaced_cells(lines, 0, 1)
    assert found is not None
    assert [row[0] for row in found[0][0].rows] == ["Weight", "Battery"]


def test_an_empty_cell_mark_keeps_the_next_figure_in_its_own_column() -> None:
    lines = [
        "Specs Nova One vs Zephyr Two",
        "Die Size — 360.45 mm²",
        "Weight 4.2 kg 4.45 kg",
        "Price n/a $499",
    ]
    found = read_spaced_cells(lines, 0, 1)
    assert found is not None
    table = found[0][0]
    assert table.header == ["Specs", "Nova One", "Zephyr Two"]
    assert table.rows[0] == ["Die Size", "", "360.45 mm²"]
    assert table.rows[2] == ["Price", "", "$499"]


def test_rows_a_paragraph_each_under_the_names_line() -> None:
    text = (
        "Which tablet? Slate Air and Tab Nine compared.\n\nSlate Air Tab Nine\n\n"
        "Weight 607g 565g\n\nBattery 10 hr 9 hr\n\nBoth ship in spring. The rest is taste.\n"
    )
    lines = text.splitlines()
    assert may_start_spaced_cells(lines, 2)
    found = read_spaced_cells(lines, 2, 1)
    assert found is not None
    assert found[0][0].rows == [["Weight", "607g", "565g"], ["Battery", "10 hr", "9 hr"]]
    assert lines[found[1]].startswith("Both ship")


def test_a_corner_of_two_words_is_no_name() -> None:
    lines = [
        "Tech Specs Nova One Zephyr Two",
        "Weight 4.2 kg 4.45 kg",
        "Storage 825GB SSD 1 TB SSD",
    ]
    found = read_spaced_cells(lines, 0, 1)
    assert found is not None
    assert found[0][0].header == ["Tech Specs", "Nova One", "Zephyr Two"]
