"""Entities of lists and reviews (realent25): an unknown name in a list beside known products
(an enumeration, a 'Name: ...' line) is a product; a radio technology ("Wi-Fi") and a review's
measurement words ("Helligkeit", "Lumen" after a figure) never own a figure.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from crosscheck.ingest.generic_nouns import is_generic_noun
from crosscheck.ingest.list_siblings import colon_siblings, enumerated_siblings
from crosscheck.ingest.parse import parse_snapshot

from crosscheck.contracts import Snapshot


def _claims(text: str) -> list[dict[str, Any]]:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return parse_snapshot(Snapshot("mem://page", sha, text, "text/plain", "now")).claims


def _owners(claims: list[dict[str, Any]], raw: str) -> list[str]:
    found = [str(c["entity_raw"]) for c in claims if c["raw_value"] == raw]
    assert found, raw
    return found


_KNOWN = {"NordVPN", "Mullvad", "Surfshark", "ExpressVPN"}


def _known(name: str) -> bool:
    return name in _KNOWN


def test_an_enumeration_beside_known_names_names_its_unknown_items() -> None:
    text = "We rank five services: NordVPN, Mullvad, Quiet Tunnel Access, Surfshark, and Zorbix."
    assert enumerated_siblings([text], _known) == ["Quiet Tunnel Access", "Zorbix"]


def test_an_enumeration_of_words_names_nothing() -> None:
    text = "It weighs latency, bandwidth, logging, price, and support."
    assert enumerated_siblings([text], _known) == []


def test_colon_leads_beside_known_leads_are_names() -> None:
    lines = ["1. NordVPN: Download 900Mbps", "2. Mullvad: Download 850Mbps", "3. Zorbix: 700Mbps"]
    assert colon_siblings(lines, _known) == ["Zorbix"]
    assert colon_siblings(["Memory: 2 GB", "Price: $3", "Zorbix: 7"], _known) == []


RANKING = """Five VPN services compared

We tested NordVPN, Mullvad, Surfshark, Quiet Tunnel Access, and Zorbix on one line.

  1. NordVPN: Download 940Mbps, upload 870Mbps.
  2. Mullvad: Download 845Mbps, upload 785Mbps.
  3. Quiet Tunnel Access: Download 815Mbps, upload 755Mbps.

The slowest was Zorbix, with a download of only 445Mbps.
"""


def test_a_three_word_item_and_a_name_after_the_list_own_their_figures() -> None:
    claims = _claims(RANKING)
    assert set(_owners(claims, "815Mbps")) == {"Quiet Tunnel Access"}
    assert set(_owners(claims, "445Mbps")) == {"Zorbix"}


@pytest.mark.parametrize("name", ["Wi-Fi", "Bluetooth", "Helligkeit", "Modus", "Testmuster"])
def test_technology_and_measurement_words_are_generic(name: str) -> None:
    assert is_generic_noun(name)


CHIPS = """Which microcontroller should you pick?

ESP32 is a family of chips that ship with built-in Wi-Fi and Bluetooth radios.

Made in Shanghai, ESP32 is a capable Wi-Fi chip that runs at a top clock of 235 MHz. Its Wi-Fi
radio works in a crowded band, and the Wi-Fi stack is free.
"""


def test_a_technology_word_never_owns_the_subjects_figure() -> None:
    assert set(_owners(_claims(CHIPS), "235 MHz")) == {"ESP32"}


REVIEW = """Helligkeit und Kontrast

Im Modus Hell messen wir 2150 ANSI Lumen. Die Helligkeit liegt im Modus Kino bei 1420 Lumen.
"""


def test_a_unit_written_as_a_noun_after_a_figure_names_nothing() -> None:
    owners = set(_owners(_claims(REVIEW), "1420"))
    assert not owners & {"Lumen", "Helligkeit", "Modus", "Kontrast"}
