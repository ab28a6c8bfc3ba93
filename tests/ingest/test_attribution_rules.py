"""Who a figure belongs to when the page names it short, in another language or through a
part: a part's host, an abbreviation, a model tier, a new member of a known family, "the
chip". Each rule beside its look-alike. Figures are reused from real pages; the sentences
are written for these tests."""

from __future__ import annotations

from crosscheck.ingest.entities import finder_for_page
from crosscheck.ingest.page_names import abbreviations, family_names

from tests.ingest.parsing import claims_by_raw, text_claims


def _owners(page: str) -> dict[str, str]:
    return {raw: c["entity_raw"] for raw, c in claims_by_raw(text_claims(page)).items()}


def test_a_figure_the_host_and_its_part_share_is_the_hosts() -> None:
    page = (
        "Phone scores\n\n"
        "The Pixel 8 Pro and the Galaxy S24 Ultra were tested.\n\n"
        "Das Pixel 8 Pro auf Basis des Tensor G3 kommt auf 1.410 Punkte im Test.\n\n"
        "The Galaxy S24 Ultra with processor Snapdragon 8 Gen 3 obtained 2044067 points.\n"
    )
    owners = _owners(page)
    assert owners["1.410"] == "Pixel 8 Pro"
    assert owners["2044067"] == "Galaxy S24 Ultra"


def test_a_part_named_alone_or_compared_keeps_its_figure() -> None:
    page = (
        "Phone scores\n\n"
        "The Pixel 8 Pro and the Galaxy S24 Ultra were tested.\n\n"
        "The Tensor G3 reaches 1410 points in the test.\n\n"
        "The Pixel 8 Pro scored 1410 points compared with Snapdragon 8 Gen 3 at 2297 points.\n"
    )
    claims = text_claims(page)
    assert {c["entity_raw"] for c in claims if c["raw_value"] == "1410"} == {
        "Tensor G3",
        "Pixel 8 Pro",
    }
    assert _owners(page)["2297"] == "Snapdragon 8 Gen 3"


def test_a_score_word_after_a_figure_keeps_the_metric_and_unit_before_off_it() -> None:
    page = (
        "Phone scores\n\nThe Galaxy S24 Ultra has 12GB de RAM y obtuvo 2044067 puntos en AnTuTu.\n"
    )
    raws = claims_by_raw(text_claims(page))
    assert raws["12GB"]["label"] == "RAM"
    assert raws["2044067"]["label"] != "RAM" and not raws["2044067"]["unit_hint"]


def test_a_capital_abbreviation_names_the_one_subject_it_abbreviates() -> None:
    finder = finder_for_page()
    subjects = ["Dragonfly", "Redis", "PostgreSQL", "Pyramid"]
    found = abbreviations(["DF", "PG", "AWS", "RPS", "P"], subjects, finder)
    # "PG" fits PostgreSQL only; "RPS" fits none; "AWS" is a known name; "P" is too short
    assert found == {"DF": "Dragonfly", "PG": "PostgreSQL"}
    assert abbreviations(["PY"], ["Pyramid", "Pylons"], finder) == {}  # two fit: none


def test_an_abbreviated_table_header_takes_the_subjects_name() -> None:
    page = (
        "Dragonfly notes\n\n"
        "Dragonfly is a cache. We ran Dragonfly and Redis on one box.\n\n"
        "| Redis | DF |\n|---|---|\n| QPS: 194K | QPS: 191K |\n"
    )
    assert {c["entity_raw"] for c in text_claims(page) if "K" in c["raw_value"]} == {
        "Redis",
        "Dragonfly",
    }


def test_a_model_tier_phrase_names_the_one_subject_of_that_tier() -> None:
    page = (
        "Galaxy S24, Galaxy S24+ und Galaxy S24 Ultra\n\n"
        "Le Galaxy S24, le Galaxy S24+ et le Galaxy S24 Ultra arrivent.\n\n"
        "Les scores étaient d’environ 2 000 et 6 500 pour le modèle Plus.\n\n"
        "기본 모델은 2131점을 기록했다.\n\n"
        "플러스 모델은 2139점이었다.\n"
    )
    owners = _owners(page)
    # the bound word joins its figure since cells31 ("environ 2 000": approx)
    assert owners["environ 2 000"] == owners["6 500"] == "Galaxy S24+"
    assert owners["2131"] == "Galaxy S24"
    assert owners["2139"] == "Galaxy S24+"


def test_a_tier_two_subjects_share_names_nobody() -> None:
    page = (
        "iPhone 15 Pro and Pixel 8 Pro\n\n"
        "The iPhone 15 Pro and the Pixel 8 Pro were tested side by side.\n\n"
        "The iPhone 15 Pro did 2922 points. The Pro model then did 7259 points.\n"
    )
    assert _owners(page)["7259"] == "iPhone 15 Pro"  # the sentence before's, not a tier's


def test_a_new_member_of_a_known_family_is_the_pages_name() -> None:
    finder = finder_for_page()
    texts = [
        "Samsung Galaxy S26 Ultra набрал 3 852 балла, iPhone 17 Pro Max около 9 000.",
        "Der Snapdragon 8 Gen 3-Chipset und 骁龙 8 und der Galaxy S24 Ultra.",
    ]
    names = family_names(texts, finder)
    assert "Galaxy S26 Ultra" in " | ".join(names) and "iPhone 17 Pro Max" in names
    assert "骁龙 8" in names
    # known names ("Galaxy S24 Ultra") and a known name's cut ("Snapdragon 8") are no new ones
    assert not any(n.startswith(("Snapdragon", "Galaxy S24")) for n in names)


def test_the_chip_is_the_part_named_last() -> None:
    page = (
        "Galaxy S24 Ultra und Galaxy S24\n\n"
        "Das Galaxy S24 Ultra und das Galaxy S24 sind da.\n\n"
        "Das Galaxy S24 Ultra bekommt den Prozessor Snapdragon 8 Gen 3 statt eines Exynos.\n\n"
        "Die Ergebnisse bescheinigen dem kommenden Chip einen Kern mit 3,30 GHz.\n\n"
        "Die Ergebnisse bescheinigen dem Gerät einen Akku mit 5000 mAh.\n\n"
        "Das Flaggschiff mit dem Prozessor von Samsung erreicht 2193 Punkte.\n"
    )
    owners = _owners(page)
    assert owners["2193"] != "Snapdragon 8 Gen 3"  # "with the processor": a host's
    assert owners["3,30 GHz"] == "Snapdragon 8 Gen 3"
    assert owners["5000 mAh"] == "Galaxy S24 Ultra"  # no chip word: the subject's


def test_a_display_resolution_ending_a_sentence_is_no_figure() -> None:
    page = (
        "Galaxy S24 Ultra notes\n\n"
        "The Galaxy S24 Ultra screen is not the mainstream 2K. The Galaxy S24 Ultra "
        "serves 4K requests per second in the test.\n"
    )
    raws = claims_by_raw(text_claims(page))
    assert "2K" not in raws and "4K requests per second" in raws
