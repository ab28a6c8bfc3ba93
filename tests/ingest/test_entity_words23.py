"""Entities in prose (realent23): category and property words are never entities (German
compounds by their last noun), a "difference between A and B" title compares A and B, and a
family word that is itself one of the compared products names that product, its sibling's
rest ("the Paperwhite") the sibling.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from crosscheck.ingest.entities import finder_for_page
from crosscheck.ingest.entity_leads import title_entities
from crosscheck.ingest.generic_nouns import is_generic_noun, without_category_tail
from crosscheck.ingest.parse import parse_snapshot

from crosscheck.contracts import Snapshot


def _claims(text: str) -> list[dict[str, Any]]:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return parse_snapshot(Snapshot("mem://page", sha, text, "text/plain", "now")).claims


def _owners(claims: list[dict[str, Any]], raw: str) -> list[str]:
    found = [str(c["entity_raw"]) for c in claims if c["raw_value"] == raw]
    assert found, raw
    return found


@pytest.mark.parametrize(
    "name", ["Drohnen", "Gewicht", "Mini-Drohnen", "Saugroboter", "Hartboden", "reading experience"]
)
def test_category_and_property_words_are_generic(name: str) -> None:
    assert is_generic_noun(name)


@pytest.mark.parametrize("name", ["Kobold", "DJI Mini 5 Pro", "Roomba", "Paperwhite", "Bose"])
def test_product_names_are_not_generic(name: str) -> None:
    assert not is_generic_noun(name)


def test_a_category_word_ending_a_title_name_is_dropped() -> None:
    assert without_category_tail("RX 7591 XT GPUs") == "RX 7591 XT"
    assert without_category_tail("GPUs") == "GPUs"


DRONE_NEWS = """Leichte Fluggeräte im Test

Das hier ist eine ältere Drohne. Die Drohne wiegt 412 Gramm. Hier geht es aber um die neue Drohne.

Viele Mini-Drohnen wiegen dagegen nur 238 Gramm. Verliert die Drohne nun ihre Klasse? Nein.

Das Gewicht liegt bei 249,9 Gramm, sagt der Hersteller.
"""


def test_a_german_category_noun_never_owns_a_figure() -> None:
    claims = _claims(DRONE_NEWS)
    owners = {str(c["entity_raw"]) for c in claims}
    assert claims
    assert not owners & {"Drohne", "Drohnen", "Mini-Drohnen", "Gewicht"}


def test_a_difference_between_title_names_both_products() -> None:
    finder = finder_for_page()
    title = "The Difference Between Zorblat Air and Zorblat Max: Which One to Buy"
    assert title_entities(title, finder) == ["Zorblat Air", "Zorblat Max"]
    assert title_entities("Choosing between speed and safety", finder) == []


READERS = """Difference Between Lumiread and Lumiread Glow

The Lumiread comes in at 212ppi, whereas the Glow is 326ppi. Both weigh under 200 grams.
Battery life favours the Glow with 9 weeks compared to the Lumiread’s 5 weeks.
"""


def test_a_family_word_that_is_a_product_names_that_product() -> None:
    claims = _claims(READERS)
    assert _owners(claims, "212ppi") == ["Lumiread"]
    assert _owners(claims, "326ppi") == ["Lumiread Glow"]
    assert _owners(claims, "5 weeks") == ["Lumiread"]


SHORT_TITLE = """Difference Between Lumiread and Glow

What Is Lumiread?

The Lumiread is the basic reader. It features a 6-inch display.

What Is Lumiread Glow?

The Lumiread Glow is the premium reader. It boasts a 6.8-inch display.
"""


def test_a_family_word_before_a_compared_name_is_one_subject() -> None:
    # the title compares "Lumiread" and "Glow"; "The Lumiread Glow is ..." speaks of the Glow
    claims = _claims(SHORT_TITLE)
    assert _owners(claims, "6-inch") == ["Lumiread"]
    assert _owners(claims, "6.8-inch") == ["Lumiread Glow"]


KNOWN_READERS = """Kindle vs Kindle Paperwhite

The Kindle has a 167ppi screen. The Paperwhite has a 300ppi screen.
"""


def test_a_known_family_word_that_is_compared_is_no_brand_of_its_sibling() -> None:
    # "Kindle" is a listed name and one of the two compared products: never the Paperwhite's
    claims = _claims(KNOWN_READERS)
    assert _owners(claims, "167ppi") == ["Kindle"]
    assert _owners(claims, "300ppi") == ["Paperwhite"] or _owners(claims, "300ppi") == [
        "Kindle Paperwhite"
    ]


CAMERAS = """Zorblat Air vs Zorblat Max

The Zorblat Max's wide camera has three times the pixels of the Zorblat Air, plus a 6x zoom.
"""


def test_the_other_side_of_a_multiplier_owns_no_later_value() -> None:
    claims = _claims(CAMERAS)
    assert _owners(claims, "6x") == ["Zorblat Max"]


SIBLING = """Kindle vs Kindle Paperwhite

The Paperwhite has a 300ppi screen. The Kindle Oasis, the top model, sells for $249.
"""


def test_a_known_sibling_of_a_compared_name_owns_its_figure() -> None:
    # the title compares the Kindle and the Paperwhite; the Oasis of the same family is named
    # in the sentence and owns the price, not the subject of the sentence before
    claims = _claims(SIBLING)
    assert _owners(claims, "$249") == ["Kindle Oasis"]
