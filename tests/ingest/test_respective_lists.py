"""Spec lists written "A vs B, respectively" (realcond21): under a label line, the first value
line is the first name's and the second the second name's."""

from __future__ import annotations

from tests.ingest.parsing import claims_by_raw, text_claims

SPECS = """Two phones side by side

Here is how the two phones compare on paper.
Galaxy S24 vs iPhone 15, respectively
– Weight:
167 grams
171 grams
– Connectivity:
5G, Wi-Fi 7, Bluetooth 5.3
– Battery:
4,000mAh
3,349mAh
– Price:
$799
$829
"""


def test_each_value_line_goes_to_its_name_in_order() -> None:
    claims = claims_by_raw(text_claims(SPECS))
    assert claims["167 grams"]["entity_raw"] == "Galaxy S24"
    assert claims["171 grams"]["entity_raw"] == "iPhone 15"
    assert claims["3,349mAh"]["entity_raw"] == "iPhone 15"
    assert claims["$829"]["label"] == "Price"


def test_without_respectively_the_lines_are_read_as_before() -> None:
    plain = SPECS.replace(", respectively", "")
    claims = claims_by_raw(text_claims(plain))
    assert claims["171 grams"]["label"] != "Weight"
