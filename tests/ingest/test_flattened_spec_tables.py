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
    assert claims["7,538 mAh"]["label"] == "Battery Capacity (mAh)"
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
