"""Figures with no entity or the wrong one on real pages (realent22): a lead's other side, a
brand word after an article, names before a parenthesised figure beside repeated ones, a story
list's scores, a repeated "field: value" line, a server chip's model number.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

import hashlib
from typing import Any

from crosscheck.ingest.blocks import guess_single_entity
from crosscheck.ingest.entities import finder_for_page
from crosscheck.ingest.page_product_words import ordinary_word
from crosscheck.ingest.paren_names import model_noun_names, paren_names
from crosscheck.ingest.parse import parse_snapshot

from crosscheck.contracts import Snapshot


def _claims(text: str) -> list[dict[str, Any]]:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return parse_snapshot(Snapshot("mem://page", sha, text, "text/plain", "now")).claims


def _owner(claims: list[dict[str, Any]], raw: str) -> str:
    found = [str(c["entity_raw"]) for c in claims if c["raw_value"] == raw]
    assert found, raw
    return found[0]


LEAD_AFTER_A_LOW = """RTX 4080 vs RTX 4090 at 1440p

The RTX 4080 draws 25% less power than the RTX 4090 under load.

At 1440p the RTX 4090 keeps a lead of 15% to 20% over the RTX 4080.
In the first title we measured the bigger card at 121.6 FPS, 29% more than the RTX 4080's 94 FPS.
"""


def test_a_lead_over_the_other_card_is_never_that_cards_own() -> None:
    # the page's last comparison was the RTX 4080's (25% less power); "29% more than the RTX
    # 4080's" is the lead of the card the sentence before speaks of
    claims = _claims(LEAD_AFTER_A_LOW)
    assert _owner(claims, "29%") == "RTX 4090"


PHONES = """Pixel 8 Pro vs iPhone 15 Pro

The Pixel 8 Pro and the iPhone 15 Pro both start at $999.

Battery life matters most to heavy users. Here the Pixel holds 4,950mAh compared to the
iPhone's 3,274mAh.
"""


def test_a_brand_word_after_an_article_names_its_one_subject_in_prose() -> None:
    claims = _claims(PHONES)
    assert _owner(claims, "3,274mAh") == "iPhone 15 Pro"


def test_a_brand_word_heading_a_longer_name_is_not_the_subject() -> None:
    finder = finder_for_page()
    subjects = ["Pixel 8 Pro", "iPhone 15 Pro"]
    finder.add_page_names(subjects)
    finder.add_brand_words(subjects, PHONES.splitlines())
    assert [m.canonical for m in finder.mentions("the iPhone's battery")] == ["iPhone 15 Pro"]
    # "Pixel 7" is a name of its own; neither it nor "Pixel Fold" is the Pixel 8 Pro
    owners = [m.canonical for m in finder.mentions("the Pixel Fold and the Pixel 7")]
    assert "Pixel 8 Pro" not in owners
    assert finder.mentions("Pixel owners") == []  # no article: the maker's word


def test_leading_sentence_and_date_words_are_no_part_of_a_name_before_a_figure() -> None:
    lines = [
        "Top stories: Before GitHub (322 points) and Ghostty is leaving GitHub (1956 points)",
        "der beste Sauger im Februar Miele S8340 EcoLine (ca. 200 €) nahm 85 % auf",
    ]
    assert paren_names(lines, ordinary_word) == ["Miele S8340 EcoLine"]


def test_a_model_before_um_and_a_price_is_named() -> None:
    lines = ["Testsieger ist der Roborock Q7 Max um 450 Euro, knapp vor dem Eufy X8 um 400 Euro."]
    assert paren_names(lines, ordinary_word) == ["Roborock Q7 Max", "Eufy X8"]


VACUUMS = """Saugroboter im Vergleich

Robots tested:
- Vorwerk Kobold VR300 (ca. 900 €), Urteil: gut
- iRobot Roomba i7 (ca. 700 €), Urteil: gut
- Ecovacs Deebot T8 (ca. 480 €),
Urteil: befriedigend
- Medion MD 18500 (ca. 230 €),
Urteil: befriedigend

The Vorwerk Kobold VR300 took 41 % of the dust. The iRobot Roomba i7 took 30 %.
The Vorwerk Kobold VR300 costs 900 € and the iRobot Roomba i7 costs 700 €.
"""


def test_models_named_once_before_their_price_own_it_beside_repeated_ones() -> None:
    claims = _claims(VACUUMS)
    assert _owner(claims, "480 €") == "Ecovacs Deebot T8"
    assert _owner(claims, "230 €") == "Medion MD 18500"


def test_a_repeated_field_line_is_no_single_subject() -> None:
    lines = ["Urteil: befriedigend", "Some prose.", "Urteil: befriedigend", "Kobold"]
    assert guess_single_entity(lines) == []


CLOUD = """Graviton4 vs Intel Xeon

The r7i runs an Intel Xeon Platinum 8580 with 8 cores at 2.5GHz. The Graviton4 has 8 cores
at 2.8GHz.
"""


def test_a_server_chips_model_number_is_no_count() -> None:
    claims = _claims(CLOUD)
    assert not [c for c in claims if c["raw_value"] == "8580"]
    assert _owner(claims, "2.8GHz") == "Graviton4"


def test_an_acronym_before_a_plural_of_parts_keeps_the_count() -> None:
    text = "RTX 4090 vs RTX 4080\n\nThe RTX 4090 packs 16,384 CUDA cores; the RTX 4080 has 9,728.\n"
    claims = _claims(text)
    assert _owner(claims, "16,384") == "RTX 4090"


def test_a_display_size_before_its_panel_acronym_is_a_figure() -> None:
    text = 'Phone A vs Phone B\n\nThe Galaxy S24 Ultra has a 6.8" OLED display with 2600 nits.\n'
    claims = _claims(text)
    assert [c["raw_value"] for c in claims if c["raw_value"].startswith("6.8")] == ['6.8"']


def test_a_name_after_a_model_noun_is_the_pages_model() -> None:
    assert model_noun_names(["solo el modelo EQS 450+ llega a 741 km"]) == ["EQS 450+"]
    assert model_noun_names(["the Tesla Model 3 Long Range goes 602 km"]) == []
    assert model_noun_names(["the model itself is 5 times faster"]) == []
    text = (
        "Autonomía de los eléctricos\n\nDe la marca Mercedes, en concreto el modelo EQS 450+, "
        "ofrece 741 km con una carga.\n"
    )
    assert _owner(_claims(text), "741 km") == "EQS 450+"


FORMER_LATTER = """Gaming at 4K

The GeForce RTX 4090 keeps a lead over the RTX 4080 in every title we ran.
In one title we see the former average 157 FPS, ahead of the RTX 4080's 128 FPS.
Meanwhile the latter draws 320W.
"""


def test_the_former_and_the_latter_name_the_pair_named_before() -> None:
    claims = _claims(FORMER_LATTER)
    assert _owner(claims, "157") == "GeForce RTX 4090"
    assert _owner(claims, "320W") == "RTX 4080"


def test_a_repeated_singular_feature_phrase_is_no_category_subject() -> None:
    text = (
        "Burst shooting\n\nThe electronic shutter mode reaches 20 fps. With the electronic "
        "shutter the files drop to 12-bit, and the electronic shutter distorts fast subjects.\n"
    )
    owners = {c["entity_raw"] for c in _claims(text)}
    assert "electronic shutter" not in owners
