"""Free text in other languages: scale words and CJK scale characters stay part of a figure,
and a year-shaped score followed by a score word is a figure. Figures are reused from real
pages; the sentences are written for these tests."""

from __future__ import annotations

import pytest
from crosscheck.ingest.spans import find_prose_figures

from tests.ingest.parsing import claims_by_raw, text_claims


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        (
            "Der Chip schafft mehr als 2 mln punktów, der alte 1,65 mln.",
            ["mehr als 2 mln", "1,65 mln"],
        ),
        ("Im Test CPU 440 tys. punktów, im Test GPU 840 tys.", ["440 tys", "840 tys"]),
        ("Результат: 3 852 балла и 2,5 млн", ["3 852", "2,5 млн"]),
        ("O celular fez 300 mil pontos e depois 2,1 milhões pontos.", ["300 mil", "2,1 milhões"]),
        ("跑分超过了 103 万,随后达到了 99.4 万以及 1万2千", ["103 万", "99.4 万", "1万2千"]),
        ("기본 모델이 154만6699점을 얻었고 2131점을 기록했다", ["154만6699", "2131"]),
        ("Speicher mit 9,6 Gb/s und ein Modem mit bis zu 10 Gb/s", ["9,6 Gb/s", "bis zu 10 Gb/s"]),
    ],
)
def test_scale_words_and_units_of_other_languages_stay_in_the_figure(
    text: str, figures: list[str]
) -> None:
    assert [span.text for span in find_prose_figures(text)] == figures


def test_a_year_shaped_score_followed_by_a_score_word_is_a_figure() -> None:
    page = (
        "Galaxy S24 Ultra vs Galaxy S24+\n\n"
        "Im Single-Core-Test erreichte das Galaxy S24 Ultra 2059 Punkte, im Multi-Core-Test "
        "4506 Punkten.\n\n"
        "Il Galaxy S24+ ha raggiunto rispettivamente 2067 e 6520 punti nel test.\n"
    )
    raws = claims_by_raw(text_claims(page))
    assert {"2059", "4506", "2067", "6520"} <= set(raws)


def test_dashes_around_an_aside_are_no_command_flags() -> None:
    page = (
        "Galaxy S24 Ultra vs iPhone 15 Pro Max\n\n"
        "El Galaxy S24 Ultra obtuvo 2044067 puntos, superando al iPhone 15 Pro Max -con otro "
        "procesador y 8GB de RAM- con 1571621 puntos -una diferencia clara- en la prueba.\n"
    )
    assert {"2044067", "1571621"} <= set(claims_by_raw(text_claims(page)))


def test_a_metric_phrase_leading_into_the_next_figure_is_that_figures() -> None:
    page = (
        "Galaxy S24 Ultra vs iPhone 15 Pro Max\n\n"
        "Il Galaxy S24 Ultra raggiunge un punteggio single-core di 2.234 e un punteggio "
        "multi-core di 6.807 nel test.\n"
    )
    raws = claims_by_raw(text_claims(page))
    assert raws["2.234"]["label"] == "single-core" and raws["6.807"]["label"] == "multi-core"


def test_french_octets_after_a_figure_are_a_unit_not_the_go_language() -> None:
    page = (
        "Galaxy S24 Ultra vs Galaxy S23 Ultra\n\n"
        "Le Galaxy S24 Ultra aura 12 Go de RAM et 1 To de stockage, le Galaxy S23 Ultra 8 Go.\n"
    )
    claims = text_claims(page)
    assert {c["raw_value"] for c in claims} >= {"12 Go", "1 To", "8 Go"}
    assert all(c["entity_raw"] != "Go" for c in claims)


def test_names_in_hangul_are_the_gazetteers_and_a_korean_date_is_no_figure() -> None:
    page = (
        "갤럭시 S24 울트라와 갤럭시 S24 플러스\n\n"
        "지난 18일 공개된 결과에서 갤럭시 S24 울트라는 싱글코어 테스트에서 2289점을 기록했다.\n"
    )
    raws = claims_by_raw(text_claims(page))
    assert "18" not in raws
    assert raws["2289"]["entity_raw"] == "갤럭시 S24 울트라"


def test_a_name_after_an_elided_article_is_found() -> None:
    page = (
        "Galaxy S24 Ultra vs iPhone 15 Pro Max\n\n"
        "Le Galaxy S24 Ultra obtient 6 807 points, loin derrière l’iPhone 15 Pro Max.\n"
    )
    assert "15" not in claims_by_raw(text_claims(page))
