"""Pages that compare kinds of a product (panel types, NAND types, cell chemistries), not
products: the kinds as the page writes them own the figures of the clauses that name them,
and a page that compares products never gets kinds as owners.

Pages are written for the test (figures echo real pages, sentences do not)."""

from __future__ import annotations

from crosscheck.ingest.page_kinds import kind_phrases

from tests.ingest.parsing import text_claims

PANELS_IT = """source: https://example.org/pannelli
Pannelli monocristallini o policristallini: quale scegliere

Resa
I pannelli monocristallini arrivano a una resa del 19% in media. I pannelli policristallini
invece restano sotto, con una resa del 15%.
"""

NAND_EN = """source: https://example.org/nand
Flash endurance compared

QLC SSDs are rated for about 900 P/E cycles, while TLC SSDs reach 2,800 P/E cycles.
"""

PRODUCTS = """source: https://example.org/review
Samsung 990 Pro vs WD Black SN850X

The Samsung 990 Pro uses TLC flash rather than QLC flash and reads at 7,450 MB/s.
The WD Black SN850X reads at 7,300 MB/s.
"""


def _owners(page: str) -> dict[str, str]:
    return {c["raw_value"]: c["entity_raw"] for c in text_claims(page)}


def test_kind_names_own_their_clauses_figures() -> None:
    owners = _owners(PANELS_IT)
    assert owners["19%"] == "pannelli monocristallini"
    assert owners["15%"] == "pannelli policristallini"


def test_kinds_with_head_nouns_after_them() -> None:
    owners = _owners(NAND_EN)
    assert owners["about 900"] == "QLC SSDs"
    assert owners["2,800"] == "TLC SSDs"


def test_a_line_must_name_two_kinds_of_one_domain() -> None:
    assert kind_phrases(["The monocrystalline panel reaches 21%."]) == []
    assert kind_phrases(["LFP or NMC cells?", "LFP cells last longer."]) == [
        "LFP",
        "NMC cells",
        "LFP cells",
    ]


def test_ordinary_words_count_only_with_their_head_noun() -> None:
    assert kind_phrases(["a linear scale and a tactile feel"]) == []
    assert kind_phrases(["linear switches or tactile switches"]) == [
        "linear switches",
        "tactile switches",
    ]


def test_a_page_comparing_products_keeps_its_products() -> None:
    owners = {c["raw_value"]: c["entity_raw"] for c in text_claims(PRODUCTS)}
    assert "TLC" not in " ".join(owners.values())
    assert "QLC" not in " ".join(owners.values())


FLATTENED = """source: https://example.org/flash
How TLC and QLC drives compare

Quick comparison:

Aspect TLC SSD QLC SSD
Bits per Cell 3 4
Price Higher Lower
Rated endurance Up (~2500 cycles) Down (~900 cycles)

TLC SSDs cost more per gigabyte.
"""


def test_a_flattened_table_of_kinds_is_read_by_column() -> None:
    claims = text_claims(FLATTENED)
    by_cell = {(c["entity_raw"], c["label"]): c["raw_value"] for c in claims}
    assert by_cell[("TLC SSD", "Bits per Cell")] == "3"
    assert by_cell[("QLC SSD", "Bits per Cell")] == "4"
    assert by_cell[("TLC SSD", "Rated endurance")] == "Up (~2500 cycles)"
    assert by_cell[("QLC SSD", "Rated endurance")] == "Down (~900 cycles)"
    assert not any(
        " " in c["entity_raw"] and "QLC" in c["entity_raw"] and "TLC" in c["entity_raw"]
        for c in claims
    )


ONE_PRODUCT = """source: https://example.org/one-drive
Crucial P3 review

The Crucial P3 pairs QLC flash with an SLC cache of 12 GB.
Sequential writes reach 1,650 MB/s once that cache is full.
"""


def test_one_product_page_keeps_its_product() -> None:
    owners = {c["raw_value"]: c["entity_raw"] for c in text_claims(ONE_PRODUCT)}
    assert owners and all("P3" in owner for owner in owners.values())


PURIFIERS_DE = """source: https://example.org/luftreiniger
HEPA-Filter oder Ionisator?

Ein HEPA-Filter hält 99,95 % der Partikel zurück, ein Ionisator dagegen nur etwa 80 %.
"""


def test_kinds_of_other_domains_and_languages() -> None:
    owners = _owners(PURIFIERS_DE)
    assert owners["99,95 %"] == "HEPA-Filter"
    assert owners["etwa 80 %"] == "Ionisator"  # the bound word joins its figure (cells31)
