"""Hardware reviews and buyer comparisons (realacc11: CPUs, SSDs, headphones, single-board
computers, phones): pages whose subjects the gazetteer did not know gave no claim at all, and
spec-sheet units (megapixels, ounces, megatransfers, events per second) were quarantined.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from crosscheck.ingest.parse import parse_snapshot
from crosscheck.normalize.quantity import read_quantity

from crosscheck.contracts import Snapshot


def _parse(text: str) -> list[dict[str, Any]]:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return parse_snapshot(Snapshot("mem://page", sha, text, "text/plain", "now")).claims


def _owners(claims: list[dict[str, Any]]) -> dict[str, str]:
    return {str(c["raw_value"]): str(c["entity_raw"]) for c in claims}


SSD = """Reading an NVMe spec sheet

Drive makers quote the best case. On the Crucial T705 the data sheet promises sequential reads
of up to 14,500 MB/s, and writes of up to 12,700 MB/s on the 2TB model.
"""

SBC = """Is the new board worth it?

The Pi 5 runs its four cores at 2.4GHz. The Raspberry Pi 4 we had on the bench ran at 1.8GHz.
"""

HEADPHONES = """Battery test

The Sony WH-1000XM5 lasted 29 hours, while the Bose QuietComfort Ultra lasted 23 hours.
"""


def test_a_page_about_one_unlisted_drive_has_that_drive_as_its_subject() -> None:
    owners = _owners(_parse(SSD))
    assert owners["up to 14,500 MB/s"] == "Crucial T705"


def test_single_board_computers_by_their_short_names() -> None:
    owners = _owners(_parse(SBC))
    assert owners["2.4GHz"] in ("Pi 5", "Raspberry Pi 5")
    assert owners["1.8GHz"] == "Raspberry Pi 4"


def test_two_headphones_in_one_sentence_pair() -> None:
    owners = _owners(_parse(HEADPHONES))
    assert owners["29 hours"] == "Sony WH-1000XM5"
    assert owners["23 hours"] == "Bose QuietComfort Ultra"


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("50MP", "count", 50e6),
        ("7.5 ounces", "kg", 7.5 * 0.028349523125),
        ("187 grams", "kg", 0.187),
        ("1,847 events/second", "req/s", 1847.0),
        ("4267 MT/s", "req/s", 4.267e9),
        ("30 frames per second", "Hz", 30.0),
    ],
)
def test_spec_sheet_units_of_phones_and_boards(text: str, unit: str, value: float) -> None:
    parsed = read_quantity(text)
    assert getattr(parsed, "unit", None) == unit, parsed
    assert parsed.low == pytest.approx(value, rel=1e-6)  # type: ignore[union-attr]


def test_network_generations_and_shock_ratings_stay_unknown() -> None:
    for text in ("5G", "1500 G", "12 g", "4 mp"):
        assert getattr(read_quantity(text), "unit", None) is None


BRANDS = """Sony WH-1000XM6 vs Bose QuietComfort Ultra

Sony: Longer battery life of 30 hours.

Bose: Shorter battery life of 24 hours.
"""

FAMILY = """Google Pixel 8 Pro vs iPhone 15 Pro

Pixel: Bigger 6.7 inch display.

iPhone: Smaller 6.1 inch display.

The old Pixel 7 had a 6.3 inch display.
"""


def test_a_brand_word_heading_an_item_names_the_one_subject_of_that_brand() -> None:
    owners = _owners(_parse(BRANDS))
    assert owners["30 hours"] == "Sony WH-1000XM6"
    assert owners["24 hours"] == "Bose QuietComfort Ultra"  # not the item before it


def test_a_family_word_names_its_subject_but_not_another_model() -> None:
    owners = _owners(_parse(FAMILY))
    assert owners["6.7 inch"] == "Pixel 8 Pro"
    assert owners["6.1 inch"] == "iPhone 15 Pro"  # the item's own word, not the title's first
    assert owners["6.3 inch"] != "Pixel 8 Pro"  # "Pixel 7" is another phone


VERSUS = """Google Pixel 8 Pro vs Apple iPhone 15

Why pick the Google Pixel 8 Pro

- Bigger battery capacity: 5050 vs 3349 mAh
"""


def test_the_second_value_of_an_unnamed_pair_is_the_other_compared_phone() -> None:
    # by the number as written: the unit after the pair ('mAh') may stay on the second value
    owners = {k.split()[0]: v for k, v in _owners(_parse(VERSUS)).items()}
    assert owners["5050"] == "Google Pixel 8 Pro"
    assert owners["3349"] == "Apple iPhone 15"
