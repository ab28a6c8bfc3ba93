"""A maker's word written alone on a page about that maker's one product (realent26): the
sentences it heads give that product's figures ('Samsung verbaut einen Cache von ...' on a page
about the Samsung 960 Pro), not figures of a product called 'Samsung'."""

from __future__ import annotations

from crosscheck.ingest.page_names import maker_subjects

from tests.ingest.parsing import claims_by_raw, text_claims

PAGE = """Angeschlossen wird das Modul über vier Lanes. Samsung verbaut dabei einen Cache von \
1024 MByte, beim Lesen nennt Samsung bis zu 3500 MByte/s.
Samsung gewährt eine Garantie, solange nicht mehr als 1200 Terabyte geschrieben wurden.
Die Samsung 960 Pro erkennt Windows ohne Treiber, Samsung empfiehlt dennoch den eigenen \
Treiber für die 960 Pro.
"""


def test_the_maker_word_alone_names_the_pages_one_product_of_that_maker() -> None:
    claims = claims_by_raw(text_claims(PAGE))
    assert claims["1024 MByte"]["entity_raw"] == "Samsung 960 Pro"
    assert claims["bis zu 3500 MByte/s"]["entity_raw"] == "Samsung 960 Pro"  # bound (cells31)
    # the negated bound is part of the figure: at most 1200 TB (quants28)
    assert claims["nicht mehr als 1200 Terabyte"]["entity_raw"] == "Samsung 960 Pro"


def test_a_maker_word_starting_two_names_stands_for_neither() -> None:
    names = ["Samsung 960 Pro", "Samsung 970 Evo", "Crucial P5"]
    assert maker_subjects(["Samsung", "Crucial"], names) == ["Crucial P5"]
    assert maker_subjects(["Samsung 960 Pro"], names) == []
    assert maker_subjects(["Quopribra"], ["Quopribra (Mirrored)"]) == []
