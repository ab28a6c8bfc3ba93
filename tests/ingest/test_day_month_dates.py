"""Dates written with a month's name outside English, or as month/year, are no figures."""

from __future__ import annotations

from crosscheck.ingest.parse import parse_snapshot
from crosscheck.ingest.sentence_split import split_sentences

from crosscheck.contracts import Snapshot

_PAGE = (
    "Acme TR-500 review\n\n"
    "We checked this comparison (09/2024) again: the Acme TR-500 weighs 45 kg.\n\n"
    "Updated on 2. Februar 2022 - the Acme TR-500 draws 500 W.\n\n"
    "Le test du 10 déc, 2020 : l'Acme TR-500 consomme 40 W.\n\n"
    "Publicado el 3 de marzo de 2021: la Acme TR-500 pesa 2 kg.\n\n"
    "Shutter 1/2000 s on the Acme TR-500.\n"
)


def _values(text: str) -> list[str]:
    page = parse_snapshot(Snapshot("p.txt", "0" * 64, text, "text/plain", "2026-12-08T00:00:00Z"))
    return [claim["raw_value"] for claim in page.claims]


def test_a_day_before_a_month_name_and_a_month_before_its_year_are_no_figures() -> None:
    values = _values(_PAGE)
    assert {"45 kg", "500 W", "40 W", "2 kg"} <= set(values)
    assert not {"09", "2", "10", "3"} & set(values)


def test_a_fraction_of_a_second_is_still_read() -> None:
    assert "1" in _values("Acme Cam 7 shutter\n\nShutter 1/2000 s on the Acme Cam 7.\n")


def test_a_day_s_ordinal_stop_before_a_month_ends_no_sentence() -> None:
    text = "Am 12. März kam es. Version 1.2. Mai sagt es. Es war 5. Dann nichts."
    assert [s for _, s in split_sentences(text)] == [
        "Am 12. März kam es.",
        "Version 1.2.",
        "Mai sagt es.",
        "Es war 5.",
        "Dann nichts.",
    ]
