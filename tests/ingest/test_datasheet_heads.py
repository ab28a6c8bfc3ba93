"""Datasheet blocks under a product's own line (realblock28): 'Label: value' lines right under
a short name-shaped line are that product's figures, even where no list knows the name; a kind
of product with a short word ('induction hob') or a digit ('3D scanners') named by the page's
opening is its category.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

import hashlib
from typing import Any

from crosscheck.ingest.datasheet_heads import datasheet_heads
from crosscheck.ingest.page_subject import category_subject
from crosscheck.ingest.parse import parse_snapshot
from crosscheck.ingest.text_parser import text_to_blocks

from crosscheck.contracts import Snapshot


def _page(text: str, source: str = "mem://page") -> Any:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return parse_snapshot(Snapshot(source, sha, text, "text/plain", "now"))


SHEETS = """Which brush to pick in each price band

Quorvel SoftSweep

  • Battery life: 16 days
  • Cleaning modes: 5
  • Travel case: Yes

quorvel zentra 300

Quorvel Zentra 300

  • Battery life: 9 days
  • Cleaning modes: 3
  • Travel case: No
"""


def test_the_line_over_a_datasheet_owns_its_figures() -> None:
    page = _page(SHEETS)
    owners = {(c["entity_raw"], c["raw_value"]) for c in page.claims}
    assert ("Quorvel SoftSweep", "16 days") in owners
    assert ("Quorvel Zentra 300", "9 days") in owners
    assert page.empty_reason is None


def test_a_lower_case_caption_echoing_the_name_is_no_figure() -> None:
    assert not [c for c in _page(SHEETS).claims if c["raw_value"] == "300"]


def test_a_section_word_or_a_caption_heads_no_datasheet() -> None:
    text = """Basic Info

- Capacity: 3000 mAh
- Weight: 47 g

Approximate time to boil a litre

- Induction: 2 minutes
- Gas: 8 minutes
"""
    assert datasheet_heads(text_to_blocks(text), False) == []


def test_one_datasheet_of_one_unit_on_a_named_page_names_nothing() -> None:
    text = """Fixtures

- small: 191 bytes
- large: 2093 bytes
"""
    assert datasheet_heads(text_to_blocks(text), True) == []


CLASS_PAGE = """Quick facts: induction hobs heat the pan itself, not the glass.

The induction hob switches its coil at 20 to 50 kHz.
Most induction hobs sold here have four zones, and an induction hob of 60 cm fits a standard
worktop. Cheap induction hobs share power between zone pairs.
"""


def test_a_kind_with_a_short_word_named_in_the_opening_is_the_category() -> None:
    assert category_subject(CLASS_PAGE.splitlines()) == "induction hobs"
    owners = {c["entity_raw"] for c in _page(CLASS_PAGE).claims if c["raw_value"] == "20 to 50 kHz"}
    assert owners == {"induction hobs"}


def test_a_short_phrase_the_opening_never_names_is_no_category() -> None:
    text = [
        "The Basics:",
        "The two photos show the front of the unit in its usual black.",
        "On the back sit two fans, two ports and a reset button.",
        "The five drive bays lock; the drive bays take 3.5 inch disks.",
        "Each of the drive bays has a light, and two drive bays were empty.",
    ]
    assert category_subject(text) is None


def test_a_kind_led_by_a_digit_named_by_the_address_is_the_category() -> None:
    text = [
        "Scanning turns a real object into points.",
        "Points become a mesh, and the mesh a model.",
        "Here is what the figures mean.",
        "The accuracy of 3D scanners is within 0.01 mm to 0.1 mm.",
        "Most 3D scanners use structured light; cheap 3D scanners use a phone camera.",
    ]
    assert category_subject(text, "https://shop.example/category/3d-scanner/") == "3D scanners"
    assert category_subject(text) is None


def test_a_plural_in_es_counts_with_its_singular() -> None:
    text = [
        "Most electric toothbrushes clean better.",
        "An electric toothbrush runs 2 minutes; an electric toothbrush lasts 14 days.",
    ]
    assert category_subject(text) == "electric toothbrush"


RESULTS = """## Engines

- [Quillet](https://example.org/quillet) v1.2
- [Mortar](https://example.org/mortar) v0.4

## Results

Quillet
  Escaped   : 3381ms
  Unescaped : 38ms

Mortar
  Escaped   : 7797ms
  Unescaped : 153ms
"""


def test_a_named_run_over_repeated_labels_is_that_runs_datasheet() -> None:
    claims = _page(RESULTS).claims
    owners = {(c["entity_raw"], c["label"], c["raw_value"]) for c in claims}
    assert ("Quillet", "Escaped", "3381ms") in owners
    assert ("Mortar", "Unescaped", "153ms") in owners


def test_a_metric_over_its_products_stays_a_metric_list() -> None:
    text = """Camera A and Camera B side by side

Sensor resolution
Camera A: 30.3 MP
Camera B: 24.5 MP

Burst speed
Camera A: 10 fps
Camera B: 12 fps
"""
    owners = {(c["entity_raw"], c["raw_value"]) for c in _page(text).claims}
    assert ("Camera A", "30.3 MP") in owners and ("Camera B", "12 fps") in owners


def test_a_datasheet_row_is_no_metric_heading() -> None:
    text = """Kestrel Drive 800

Heatsink: NO
Sequential read: 3500 MB/s
Sequential write: 2200 MB/s

Kestrel Drive 900

Heatsink: YES
Sequential read: 5150 MB/s
Sequential write: 4900 MB/s
"""
    owners = {(c["entity_raw"], c["raw_value"]) for c in _page(text).claims}
    assert ("Kestrel Drive 800", "3500 MB/s") in owners
    assert ("Kestrel Drive 900", "4900 MB/s") in owners


def test_a_set_up_part_over_its_specs_heads_no_datasheet() -> None:
    text = """Bench notes

Server
- CPU: 8 cores
- RAM: 32 GB

Client 2
- CPU: 4 cores
- RAM: 16 GB
"""
    assert datasheet_heads(text_to_blocks(text), False) == []
