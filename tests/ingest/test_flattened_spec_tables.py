"""Spec and battery tables the readers missed on the realtab work set (2026-12-07): a class
column before the names, rows flattened to single spaces, h:mm runtimes under an hours header.
Figures echo the pages; names and sentences are our own."""

from __future__ import annotations

from tests.ingest.parsing import claims_by_raw, text_claims

CLASSED = """Battery sizes of a few gadgets

| Device Type | Example | Battery Capacity (mAh) | Average Usage Time |
|---|---|---|---|
| Phone | Quoin Q5 | 3,900 mAh | 20–24 hours |
| Tablet | Quoin Slate 11 | 7,538 mAh | 10–12 hours |
| Watch | Quoin Band 8 | 308 mAh | ~18 hours |
"""


def test_a_class_column_before_names_leaves_the_names_as_entities() -> None:
    claims = claims_by_raw(text_claims(CLASSED))
    assert claims["3,900 mAh"]["entity_raw"] == "Quoin Q5"
    assert claims["~18 hours"]["entity_raw"] == "Quoin Band 8"
    assert claims["7,538 mAh"]["label"] == "Battery Capacity"
    assert claims["7,538 mAh"]["unit_hint"] == "mAh"  # a battery unit in the header
    # the class is neither a figure nor an entity
    assert not any(c["raw_value"] in ("Phone", "Tablet") for c in text_claims(CLASSED))


def test_a_class_header_over_figures_stays_the_name_column() -> None:
    text = (
        "Hash speed by kind\n\n| Type | Latency (ms) | Throughput (MB/s) |\n|---|---|---|\n"
        "| quoinhash | 3.2 | 410 |\n| slatehash | 4.8 | 380 |\n| bandhash | 2.9 | 455 |\n"
    )
    claims = claims_by_raw(text_claims(text))
    assert claims["3.2"]["entity_raw"] == "quoinhash"
    assert claims["455"]["entity_raw"] == "bandhash"


SPACED = """Port power by standard

Standard Volts Amps Power
QP1.0 5V .5A(500mA) 2.5W
QP1.5/1.6 5V .9A (900mA) 4.5W
QP Fast 5V 1.5A 7.5W
QP3.0 20V 5A 100W
"""


def test_a_spaced_table_keeps_a_restated_figure_and_a_bare_decimal_in_their_cell() -> None:
    claims = claims_by_raw(text_claims(SPACED))
    assert claims[".5A(500mA)"]["entity_raw"] == "QP1.0"
    assert claims[".9A (900mA)"]["entity_raw"] == "QP1.5/1.6"
    assert claims[".9A (900mA)"]["label"] == "Amps"
    assert claims["20V"]["entity_raw"] == "QP3.0"  # a name with a version glued is a name
    assert claims["100W"]["label"] == "Power"


def test_a_parenthesised_word_after_a_figure_is_no_restated_figure() -> None:
    text = "Sizes\n\nTool Size\nquoin 95 MB (est.)\nslate 120 MB (est.)\nband 80 MB (est.)\n"
    assert not any("table" in str(c["locator"]) for c in text_claims(text))


GAPPED = """Quoin 9 Series Battery Only 2.2% Larger Than Quoin 8 Series

Model Battery Size Battery Size Last Model Year Difference %

Quoin 9 Pro Max 4422 mAh 4323 mAh 2.2%

Quoin 9 Pro 3274 mAh 3200 mAh 2.3%

Quoin 9 3349 mAh 3279 mAh 2.1%
"""


def test_rows_a_paragraph_each_under_a_header_of_repeated_labels_are_a_table() -> None:
    claims = claims_by_raw(text_claims(GAPPED))
    # a model number and a tier stay in the row's name
    assert claims["4422 mAh"]["entity_raw"] == "Quoin 9 Pro Max"
    assert claims["3349 mAh"]["entity_raw"] == "Quoin 9"
    # a label repeated with a qualifier starts a column; a unit ends the last label
    assert claims["4323 mAh"]["label"] == "Battery Size Last Model Year"
    assert claims["2.3%"]["label"] == "Difference %"
    assert claims["3274 mAh"]["label"] == "Battery Size"


def test_one_figure_a_paragraph_stays_stat_cards() -> None:
    text = "Startup Time\n\nquoinjs 8ms\n\nslatejs 120ms\n\nbandjs 40ms\n"
    assert not any("table" in str(c["locator"]) for c in text_claims(text))


def test_a_header_neither_cue_splits_stays_prose() -> None:
    text = (
        "Model Battery Size Weight Extra Words Here\n\n"
        "Quoin 9 Pro 4422 mAh 180 g 2.2%\n\nQuoin 9 3349 mAh 170 g 2.1%\n"
    )
    assert not any("table" in str(c["locator"]) for c in text_claims(text))


def test_a_battery_unit_in_a_header_applies_to_its_bare_cells() -> None:
    text = (
        "Charger and battery sheet\n\n| Model | Battery (mAh) | Output (W) | Pack (Wh) |\n"
        "|---|---|---|---|\n| Quoin Q5 | 5000 | 45 | 19.3 |\n| Quoin Q6 | 4900 | 25 | 18.9 |\n"
    )
    claims = claims_by_raw(text_claims(text))
    assert claims["5000"]["unit_hint"] == "mAh"
    assert claims["19.3"]["unit_hint"] == "Wh"
    assert claims["4900"]["entity_raw"] == "Quoin Q6"


def test_clock_durations_under_an_hours_header_are_rows_of_their_names() -> None:
    text = (
        "Quoin drain test\n\nmodel runtime (hours)\nQuoin 9 Ultra at 11:00\nSlate 8 Pro 10:20\n"
        "band 7 pro 08:10\n"
    )
    claims = claims_by_raw(text_claims(text))
    assert claims["11:00"]["entity_raw"] == "Quoin 9 Ultra"  # the copy's stray 'at' dropped
    assert claims["08:10"]["entity_raw"] == "band 7 pro"
    assert claims["10:20"]["label"] == "runtime (hours)"  # normalize reads its unit


ACROSS = """Three drives side by side

Drive
Fastest SATA pick
Quoin Q1 (2TB)
Fastest Gen4 pick
Slate S4 (2TB)
Fastest Gen5 pick
Band B5 (2TB)
Picture
Quoin Q1 2TB SATA drive, a long listing title
Slate S4 2TB Gen4 drive, a long listing title
Band B5 2TB Gen5 drive, a long listing title
Sequential read (max.)
550 MB/s
7,450 MB/s
12,400 MB/s
Sequential write (max.)
530 MB/s
6,900 MB/s
11,800 MB/s
Random
"""


def test_a_table_one_cell_a_line_with_the_products_across() -> None:
    claims = claims_by_raw(text_claims(ACROSS))
    assert claims["7,450 MB/s"]["entity_raw"] == "Slate S4 (2TB)"
    assert claims["11,800 MB/s"]["entity_raw"] == "Band B5 (2TB)"
    assert claims["530 MB/s"]["label"] == "Sequential write (max.)"
    assert "2TB" not in claims  # a header cell's capacity is no figure


def test_one_label_over_figures_is_no_table_of_columns() -> None:
    text = "Scores\n\nModel\nQuoin\nSlate\nBand\nScore\n88\n91\n79\n"
    assert not any("entities as columns" in str(c["locator"]) for c in text_claims(text))
