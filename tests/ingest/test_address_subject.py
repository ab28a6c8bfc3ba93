"""A review's later page names its product only in its address: the one model code there
('.../test-orbix-pq950-beamer/3') owns the figures no name on the page claims; an address
with no code, or a format's code ('h265'), names nobody.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from crosscheck.ingest.address_subject import address_subject

from crosscheck.contracts import NO_ENTITY_RAW
from tests.ingest.parsing import parse_snapshot_text

REVIEW_PAGE = """source: https://example.org/tests/test-orbix-pq950-beamer-fuer-kinoabende/3
Shop: 27 Zoll Gaming-Monitor Velta Nox QX270B 299,00 € (- 10 %) *
Shop: 32 Zoll Gaming-Monitor Corvi Strato MZ320C 349,00 € (- 12 %) *
Helligkeit und Kontrast

Laut Datenblatt erreicht der Projektor eine Helligkeit von 3000 ANSI-Lumen.
Im hellsten Bildmodus messen wir einen Lichtstrom von 2590 Lumen.
Die Angaben von Orbix nennen einen Kontrast von 10 000:1.
"""


def test_the_address_code_owns_an_unnamed_review_page() -> None:
    page = parse_snapshot_text(REVIEW_PAGE)
    owners = {c["raw_value"]: c["entity_raw"] for c in page.claims}
    assert owners["2590"] == "Orbix pq950"
    assert page.empty_reason is None
    # a shop's line naming another model keeps its figures unowned (quarantined)
    assert owners["299,00 €"] == NO_ENTITY_RAW


def test_the_source_address_counts_like_the_note() -> None:
    texts = ["Helligkeit", "Der Projektor schafft 2590 Lumen."]
    assert address_subject("https://example.org/content/nx4120_2", texts) == "nx4120"


def test_the_slug_names_the_maker_the_page_never_writes() -> None:
    texts = ["Der Projektor schafft 2590 Lumen."]
    url = "https://example.org/tests/test-orbix-pq950-beamer/3"
    assert address_subject(url, texts) == "Orbix pq950"
    # a slug's own word before the code ('test', 'review') is no maker
    assert address_subject("https://example.org/tests/test-pq950-beamer/3", texts) == "pq950"


def test_no_code_or_a_format_code_names_nobody() -> None:
    texts = ["Encoding at 8 Mbps keeps the file small."]
    assert address_subject("https://example.org/guide/h265-bitrate-guide", texts) is None
    assert address_subject("https://example.org/guide/how-long-a-16gb-card-lasts", texts) is None
    assert address_subject("https://example.org/a/tk800-vs-tk850", texts) is None
    # a code-hosting address's first segment is its owner, no product
    assert address_subject("https://example.org/dev4242/bench/blob/main/README.md", texts) is None
