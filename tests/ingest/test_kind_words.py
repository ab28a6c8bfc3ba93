"""A page naming only a kind of product, or its products only by model codes (kinds28)."""

from __future__ import annotations

from crosscheck.ingest.kind_words import page_kind
from crosscheck.ingest.model_codes import model_codes
from crosscheck.ingest.parse import parse_snapshot

from crosscheck.contracts import Snapshot

PAC_FR = """La pompe à chaleur en hiver
Une pompe à chaleur air-eau garde un COP de 3,2 à 7 °C.
Par grand froid, la pompe à chaleur descend à un COP de 2,1.
Les pompes à chaleur récentes consomment 1 800 kWh par an."""

TROCKNER_DE = """Kondensationstrockner im Vergleich
Ein guter Kondensationstrockner braucht 2,1 kWh pro Ladung.
Viele Kondensationstrockner sind lauter als 65 dB.
Die meisten Kondensationstrockner wiegen 38 kg."""

KETTLE_JA = """電気ケトルの電気代
電気ケトルで1Lを沸かすと約4分かかります。
電気ケトルの消費電力は1250Wです。
電気ケトルは約2.5円です。"""

CODES = """Laser printers at the office
The HL-L2350DW prints 30 pages per minute.
Toner for the HL-L2350DW lasts 1,200 pages."""


def _page(text: str, name: str = "p.txt") -> Snapshot:
    return Snapshot(f"/tmp/{name}", "0" * 64, text, "text/plain", "2026-12-08T00:00:00Z")


def test_a_joined_french_kind_in_the_title_is_the_kind() -> None:
    assert page_kind("", PAC_FR.splitlines()) == "pompe à chaleur"


def test_a_german_compound_the_page_capitalises_inside_sentences_is_the_kind() -> None:
    assert page_kind("", TROCKNER_DE.splitlines()) == "Kondensationstrockner"


def test_a_spanish_kind_in_its_singular_and_plural_forms_is_one_kind() -> None:
    lines = [
        "Aspiradoras sin cable",
        "Las aspiradoras sin cable duran 40 min.",
        "Una aspiradora sin cable pesa 2 kg.",
    ]
    assert page_kind("", lines) == "Aspiradoras sin cable"


def test_a_maker_and_model_pair_in_capitals_is_no_kind() -> None:
    lines = [
        "Philips Sonicare review",
        "The Philips Sonicare lasts 14 days.",
        "Philips Sonicare: 2 modes",
        "Philips Sonicare costs $40.",
    ]
    assert page_kind("", lines) is None


def test_a_katakana_kind_is_read_without_spaces() -> None:
    assert page_kind("", KETTLE_JA.splitlines()) == "電気ケトル"


def test_an_english_pair_with_its_plural_on_the_second_word_is_left_to_the_category_rule() -> None:
    text = (
        "Memory card sizes\nA memory card holds 4 hours.\nMemory cards cost $9.\nOne memory card."
    )
    assert page_kind("", text.splitlines()) is None


def test_a_repeated_model_code_is_a_name_and_a_quantity_is_not() -> None:
    assert model_codes(CODES.splitlines(), []) == ["HL-L2350DW"]
    assert model_codes(["a 16GB card", "a 16GB card at 1080P", "(256GB)"], []) == []


def test_a_kind_page_owns_its_figures_instead_of_quarantining_them() -> None:
    page = parse_snapshot(_page(PAC_FR))
    assert page.empty_reason is None
    assert {c["entity_raw"] for c in page.claims} == {"pompe à chaleur"}


def test_a_model_code_owns_the_figures_of_its_sentences() -> None:
    page = parse_snapshot(_page(CODES))
    assert {c["entity_raw"] for c in page.claims} == {"HL-L2350DW"}


def test_a_katakana_kind_page_owns_its_figures() -> None:
    page = parse_snapshot(_page(KETTLE_JA))
    assert page.claims
    assert {c["entity_raw"] for c in page.claims} == {"電気ケトル"}


def test_a_code_on_its_own_line_under_a_product_owns_the_lines_after_it() -> None:
    text = (
        "電気ケトル\n\nティファール ジャスティン 1.2L\nKO340175\n湯沸かし時1,250w\n電気代:約0.5円\n"
    )
    assert model_codes(text.splitlines(), []) == ["KO340175"]


def test_a_rate_the_page_measures_is_no_kind() -> None:
    """'requests per second' opens the page twice, joined by 'per': a unit, not a product kind."""
    texts = [
        "Cache notes",
        "One store served 120,000 requests per second in our run.",
        "The other served 95,000 requests per second in the same run.",
    ]
    assert page_kind("Cache notes", texts) is None
