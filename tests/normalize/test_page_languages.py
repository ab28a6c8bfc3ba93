"""Pages in other languages: the number convention is decided once per page from its words,
scale words and CJK scale characters come from the vocabulary files. Figures are reused from
real pages; every sentence around them is written for these tests."""

from __future__ import annotations

import pandas as pd
import pytest
from crosscheck.normalize import Normalizer, load_vocabulary, normalize_claims
from crosscheck.normalize.entities import resolve_entity
from crosscheck.normalize.page_style import comma_language
from crosscheck.normalize.quantity import parse_quantity

from crosscheck.contracts import CLAIM_COLUMNS, FactModel


def _claim(number: int, source: str, evidence: str, raw: str, title: str = "") -> dict[str, object]:
    return {
        "claim_id": f"c{number}", "source": source, "page_sha256": "0" * 64,
        "page_title": title or None, "entity_raw": "Alpha", "counterpart_raw": None,
        "label": "single-core", "unit_hint": None, "raw_value": raw, "role": "value",
        "location_kind": "prose", "locator": f"paragraph {number}", "row_key": None,
        "evidence": evidence, "value_start": evidence.find(raw), "conditions": None,
    }  # fmt: skip


def _lows(*rows: dict[str, object]) -> dict[str, float]:
    claims = pd.DataFrame(list(rows), columns=CLAIM_COLUMNS)
    result = normalize_claims(claims, normalizer=Normalizer(load_vocabulary()))
    assert result.quarantine.empty, result.quarantine.to_dict("records")
    FactModel.validate(result.facts)
    return dict(zip(result.facts["claim_id"], result.facts["low"], strict=True))


@pytest.mark.parametrize(
    ("texts", "comma"),
    [
        (["Das Gerät kommt auf 2.214 Punkte und ist damit schneller als der Vorgänger."], True),
        (["Il telefono raggiunge un punteggio di 2.234 e non è il più veloce della serie."], True),
        (["O aparelho marcou 2.193 pontos com um núcleo e também ficou à frente."], True),
        (["Le téléphone obtient 2 234 points sur un cœur et reste derrière le sien."], True),
        (["The phone reaches 2.444 ms per request, and it is faster than the rest."], False),
        (["方案一测试:122.214秒。方案二测试时间较短,性能较好。"], False),
        (["Alpha 2.214 Beta"], False),  # too few words to tell: the English reading stays
    ],
)
def test_a_page_language_is_told_by_its_words(texts: list[str], comma: bool) -> None:
    assert comma_language(texts) is comma


def test_a_lone_dot_group_is_thousands_on_a_page_in_a_comma_language() -> None:
    german = "Das Gerät kommt im Test auf {} Punkte und ist damit nicht so schnell wie das andere."
    english = "In the test the device scores {} points, which is less than the other one."
    lows = _lows(
        _claim(1, "de.txt", german.format("2.214"), "2.214"),
        _claim(2, "de.txt", german.format("6.744"), "6.744"),
        _claim(3, "en.txt", english.format("2.214"), "2.214"),
        _claim(4, "zh.txt", "方案一测试:122.214秒,方案二测试时间较短。", "122.214"),
    )
    assert lows["c1"] == 2214 and lows["c2"] == 6744  # German: dotted thousands
    assert lows["c3"] == pytest.approx(2.214)  # English: a decimal, as before
    assert lows["c4"] == pytest.approx(122.214)  # Chinese writes decimal points


def test_the_page_title_counts_among_its_words() -> None:
    title = "Die Ergebnisse der neuen Geräte im Vergleich mit den alten, und was sie für uns sind"
    lows = _lows(_claim(1, "de.txt", "Alpha: 2.047 Punkte (Single-Core)", "2.047", title))
    assert lows["c1"] == 2047


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2 mln", 2e6),  # Polish
        ("1,65 mln", 1.65e6),
        ("440 tys.", 440e3),
        ("3 Mio.", 3e6),  # German
        ("2,5 млн", 2.5e6),  # Russian
        ("300 mil", 300e3),  # Portuguese
        ("2,1 milhões", 2.1e6),
        ("103 万", 1.03e6),  # Chinese
        ("41.5 万", 415e3),
        ("154만6699", 1546699),  # Korean: a smaller figure after the scale character
        ("1万2千", 12000),
        ("3億", 3e8),
    ],
)
def test_scale_words_of_other_languages(text: str, value: float) -> None:
    parsed = parse_quantity(text)
    assert parsed.low == pytest.approx(value) and parsed.high == pytest.approx(value)


def test_figures_in_the_point_style_overrule_the_words() -> None:
    french = "Le temps de la requête est de {} ms pour le serveur, avec les mêmes données."
    lows = _lows(
        _claim(1, "fr.txt", french.format("254.646"), "254.646 ms"),
        _claim(2, "fr.txt", french.format("12.5"), "12.5 ms"),  # reads only one way
    )
    assert lows["c1"] == pytest.approx(0.254646)  # the page writes decimal points


def test_a_name_in_another_script_resolves_to_the_gazetteers_name() -> None:
    assert resolve_entity("갤럭시 S24 울트라").entity == "Galaxy S24 Ultra"
    assert resolve_entity("骁龙 8 Gen 3").entity == "Snapdragon 8 Gen 3"
