"""Products named in prose with their generation ('Voltaro Cell 2 has'), glued amperes and
cents in sentences, and a price sheet's volume tiers (ingest/page_products.py, ingest/spans.py,
ingest/cards.py). Pages are written for the test with invented names (figures reused)."""

from __future__ import annotations

from crosscheck.ingest.page_products import page_products
from crosscheck.ingest.text_parser import text_to_blocks

from tests.ingest.parsing import parse_snapshot_text


def _none(_: str) -> list[tuple[int, int]]:
    return []


def _names(text: str) -> list[str]:
    return page_products("", text_to_blocks(text), _none)


GENERATIONS = """How big a home battery do you need?

Sizing your backup

Brumo Vault 2

Brumo Vault 2 packs 13.5 kWh of storage and a continuous output current of 30A.

The older Brumo Vault 1 in 2015 held less.
"""


def test_a_generation_before_a_verb_belongs_to_the_name() -> None:
    names = _names(GENERATIONS)
    assert "Brumo Vault 2" in names
    assert "Brumo Vault 1" in names  # a sibling generation, written once


def test_the_generation_is_no_figure_and_the_figures_go_to_it() -> None:
    page = parse_snapshot_text(GENERATIONS)
    owners = {c["raw_value"]: c["entity_raw"] for c in page.claims}
    assert owners["13.5 kWh"] == "Brumo Vault 2"
    assert owners["30A"] == "Brumo Vault 2"
    assert "2" not in owners


def test_a_count_after_a_name_stays_a_figure() -> None:
    text = "Notes\n\nWe ran Quillo 20 times. Later Quillo 20 times more.\n"
    assert not any(n.startswith("Quillo 20") for n in _names(text))


ONCE = """Untitled

The Norra Cellpack 3 has a total energy storage capacity of 14 kWh, with 13.5 kWh
being usable capacity.
The 0.5 kWh buffer protects the cells.
"""


def test_a_model_named_once_on_a_page_naming_nothing_else() -> None:
    page = parse_snapshot_text(ONCE)
    owners = {c["raw_value"]: c["entity_raw"] for c in page.claims}
    assert owners["14 kWh"] == "Norra Cellpack 3"
    labels = {c["raw_value"]: c["label"] for c in page.claims}
    assert labels["14 kWh"] != labels["13.5 kWh"]  # total and usable are two metrics
    assert labels["0.5 kWh"] == "buffer"


def test_a_short_run_named_once_is_no_product() -> None:
    assert _names("Notes\n\nIt runs on the Class 3 roads and in Windows 11 too.\n") == []


def test_cents_and_amperes_in_sentences_are_figures() -> None:
    text = (
        "Kestrel Store vs Pellow Box\n\n"
        "Kestrel Store charges 2.3¢ per GB per month and Pellow Box charges 1.5¢.\n"
        "A Kestrel Store unit can back up a 20A breaker.\n"
    )
    raws = {c["raw_value"] for c in parse_snapshot_text(text).claims}
    assert {"2.3¢", "1.5¢", "20A"} <= raws


def test_an_article_after_a_number_is_no_ampere() -> None:
    text = "Kestrel Store vs Pellow Box\n\nIn 2024 A new Kestrel Store shipped with 8 GB.\n"
    raws = {c["raw_value"] for c in parse_snapshot_text(text).claims}
    assert not any(r.endswith("A") for r in raws)


TIERS = """Kestrel Store vs Pellow Box

Kestrel Store prices

Storage (Standard):
  First 50TB/month       : $0.023/GB
  Next 450TB/month       : $0.022/GB
  Over 500TB/month       : $0.021/GB
"""


def test_volume_tiers_are_conditions_not_products() -> None:
    claims = parse_snapshot_text(TIERS).claims
    tiers = [c for c in claims if c["raw_value"].endswith("/GB")]
    assert len(tiers) == 3
    assert not any("TB/month" in c["entity_raw"] for c in tiers)
    assert {c["conditions"] for c in tiers} == {
        "First 50TB/month",
        "Next 450TB/month",
        "Over 500TB/month",
    }


def test_a_letter_grade_line_names_no_subject() -> None:
    text = "Brumo Vault\n\nA+\nOverall\nA+\nPrice\n\nThe Brumo Vault 2 stores 13.5 kWh.\n"
    page = parse_snapshot_text(text)
    assert "A+" not in page.entities


def test_a_power_figure_given_in_ac_is_a_figure() -> None:
    text = (
        "Brumo Vault 2 vs Norra Cellpack 3\n\n"
        "The Brumo Vault 2 limits solar charging to 7.6kW AC.\n"
        "The Norra Cellpack 3 gateway has 4 USB ports and draws 10 W DC.\n"
    )
    raws = {c["raw_value"] for c in parse_snapshot_text(text).claims}
    assert "7.6kW" in raws
    assert "10 W" in raws
    assert "4" not in raws  # a count before a capitalised part's name stays out
