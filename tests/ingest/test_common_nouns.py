"""Common nouns a page capitalises are no products (ingest/common_nouns.py via page_products):
a German page's inflected nouns, compound tails and nouns after a contracted article, and an
English page's word written as a hyphenated compound's tail; a brand keeps its product.

Pages are written for the test with invented names (figures reused, no sentences)."""

from __future__ import annotations

from crosscheck.ingest.common_nouns import page_language
from crosscheck.ingest.page_products import page_products
from crosscheck.ingest.text_parser import text_to_blocks


def _names(text: str) -> list[str]:
    return page_products("", text_to_blocks(text), lambda _: [])


# 'Platten' is inflected ('Platte'), written as a compound's tail ('SATA-Platten') and after
# a quantifier: a common noun however often it repeats
GERMAN_NOUN = """Das neue Gehäuse im Test

Im Gehäuse finden vier SATA-Platten Platz, und das Laden der Platten dauert 12 Sekunden.
Die Temperatur der Platten liegt bei 38 Grad, auch wenn mehr Platten eingebaut sind.
Beim Kopieren auf die Platten erreicht das Gerät 110 MB/s und ist dabei nicht laut.
Jede Platte bleibt mit 21 dB leise, das ist für uns ein sehr gutes Ergebnis.
"""

# 'Jahr' after 'im' and an article with an inflected adjective ('das volle Jahr')
GERMAN_YEAR = """Was kostet das Abo?

Das Abo kostet 8,99 Euro, also 107,88 Euro im Jahr, und es ist auch monatlich zu haben.
Wer kündigt, zahlt trotzdem das volle Jahr und bekommt das Geld nicht zurück.
Wer im ersten Jahr bucht, zahlt nur 5,99 Euro und kann dann noch ein weiteres Jahr bleiben.
"""

# a brand the page writes with an article ('der Voltaro'), never inflected: still its product
GERMAN_BRAND = """Zwei Sauger im Vergleich

Auf Teppich fühlt sich der Voltaro wohl, er saugt mit 2.700 Pa und ist dabei leise.
Der Voltaro ist mit 3,1 kg etwas schwerer, und auch Quenbo schafft 120 Minuten mit dem Akku.
Auf Fliesen liegt Quenbo vorn, denn der Voltaro bleibt öfter an Kanten hängen als Quenbo.
"""

ENGLISH_TAIL = """Choosing a scanner

Many scanners publish their Resolution as a point spacing of 0.1 mm between points.
For a car door, a low-resolution scanner at 0.5 mm is enough, and it is cheaper too.
For a coin, a very high Resolution of 0.05 mm matters more than the scan speed does.
You can consider Resolution as the density of the points the scanner measures.
"""


def test_german_noun_is_no_product() -> None:
    assert "Platten" not in _names(GERMAN_NOUN)


def test_german_noun_after_article_and_adjective() -> None:
    assert "Jahr" not in _names(GERMAN_YEAR)


def test_german_brand_with_article_stays() -> None:
    names = _names(GERMAN_BRAND)
    assert "Voltaro" in names and "Quenbo" in names


def test_hyphenated_lower_case_tail_in_english() -> None:
    assert "Resolution" not in _names(ENGLISH_TAIL)


def test_page_language() -> None:
    lang = page_language(GERMAN_NOUN.splitlines())
    assert lang is not None and lang.code == "de" and lang.capitalises_nouns
    english = page_language(ENGLISH_TAIL.splitlines())
    assert english is not None and english.code == "en"


# an address's hyphenated slug ('.../how-we-test-ssds-kestrelworld') writes no compound
ADDRESS_SLUG = """How we test drives

Kestrelworld tests every drive on the same bench, and Kestrelworld reports 7,450 MB/s reads.
Our numbers come from Kestrelworld, which measured 6,900 MB/s writes on the same drive.
Source: https://example.net/how-we-test-ssds-kestrelworld (retrieved 2026)
"""


def test_address_slug_is_no_compound() -> None:
    assert "Kestrelworld" in _names(ADDRESS_SLUG)
