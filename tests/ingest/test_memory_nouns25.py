"""A chip's memory written after its size (realunits25): "X has 256 KB RAM and 384 KB ROM"
gives X both sizes (a verb of having ties them to the product, data/prose.toml
possession_words and memory_nouns); a test bed's memory stays a condition.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from crosscheck.ingest.parse import parse_snapshot

from crosscheck.contracts import Snapshot


def _claims(text: str) -> list[dict[str, Any]]:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return parse_snapshot(Snapshot("mem://page", sha, text, "text/plain", "now")).claims


@pytest.mark.parametrize(
    ("sentence", "raws"),
    [
        ("The RP2040 has 264 KB RAM and 16 KB ROM.", ["264 KB", "16 KB"]),
        ("The nRF52840 provides 256 KB SRAM plus 2 MB PSRAM.", ["256 KB", "2 MB"]),
    ],
)
def test_memory_after_a_size_owned_by_the_product(sentence: str, raws: list[str]) -> None:
    text = f"# RP2040 vs nRF52840\n\n{sentence}\n"
    claims = _claims(text)
    for raw in raws:
        owners = [c["entity_raw"] for c in claims if c["raw_value"] == raw]
        assert owners and owners[0] in sentence, (raw, owners)


def test_test_bed_memory_stays_out() -> None:
    text = "# RP2040 vs nRF52840\n\nThe tests ran on a laptop with 32 GB RAM.\n"
    assert not [c for c in _claims(text) if c["raw_value"] == "32 GB"]
