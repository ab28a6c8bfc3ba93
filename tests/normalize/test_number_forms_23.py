"""Number forms of realunits23: bound words of other languages before a figure, a link word
between a scale word and its unit, capitalised English scale words, scientific notation, a dot
group after a bound word on a comma-decimal page, and a header naming two quantities."""

from __future__ import annotations

import pandas as pd
import pytest
from crosscheck.normalize import Normalizer, load_vocabulary, normalize_claims
from crosscheck.normalize.quantity import read_quantity
from crosscheck.normalize.units import hint_info

from crosscheck.contracts import CLAIM_COLUMNS, BoundKind


@pytest.mark.parametrize(
    ("text", "bound", "low", "high"),
    [
        ("bis zu 257 Gramm", BoundKind.AT_MOST, 0.0, 0.257),
        ("maximal 5 GByte/s", BoundKind.AT_MOST, 0.0, 5e9),
        ("jusqu’à 7 Go/s", BoundKind.AT_MOST, 0.0, 7e9),
        ("mehr als 2 GByte/s", BoundKind.AT_LEAST, 2e9, float("inf")),
        ("más de 300 horas", BoundKind.AT_LEAST, 300 * 3600.0, float("inf")),
        ("rund 249,9 Gramm", BoundKind.APPROXIMATE, 0.2499, 0.2499),
        ("environ 20 ms", BoundKind.APPROXIMATE, 0.02, 0.02),
    ],
)
def test_bound_words_of_other_languages(
    text: str, bound: BoundKind, low: float, high: float
) -> None:
    parsed = read_quantity(text)
    assert parsed.bound is bound, parsed  # type: ignore[union-attr]
    assert (parsed.low, parsed.high) == (pytest.approx(low), pytest.approx(high))  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "unit", "low"),
    [
        ("1,5 millones de horas", "s", 1.5e6 * 3600),
        ("2 millions d'heures", "s", 2e6 * 3600),
        ("1.5 Million Hours", "s", 1.5e6 * 3600),
        ("1.5 million hours", "s", 1.5e6 * 3600),
        ("1.0E-15", "count", 1e-15),
        ("1.0×10⁻¹⁷", "count", 1e-17),
        ("3 x 10^-4 s", "s", 3e-4),
        ("2.5e6 ops/s", "req/s", 2.5e6),
    ],
)
def test_scale_links_capitals_and_scientific_notation(text: str, unit: str, low: float) -> None:
    parsed = read_quantity(text)
    assert (parsed.unit, parsed.low) == (unit, pytest.approx(low, rel=1e-9))  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "low"), [("10x", 10.0), ("4x10", 4.0), ("5 million users", 5e6)])
def test_look_alikes_read_as_before(text: str, low: float) -> None:
    assert read_quantity(text).low == low  # type: ignore[union-attr]


def test_a_header_naming_two_quantities_gives_no_unit() -> None:
    assert hint_info("TBW / MTBF").unit is None
    assert hint_info("MB/s / IOPS").unit is None
    assert hint_info("IOPS 4k lesen / schreiben").unit is not None  # one quantity, two sides
    assert hint_info("GB / TB").unit is not None  # one dimension


def test_a_dot_group_after_a_bound_word_is_thousands_on_a_comma_page() -> None:
    rows = [
        ("c1", "Hasta 7.450 MB/s"),
        ("c2", "5,4 vatios"),
    ]
    claims = pd.DataFrame(
        [
            {
                "claim_id": cid,
                "source": "es.md",
                "page_sha256": "0" * 64,
                "page_title": None,
                "entity_raw": "Alpha",
                "counterpart_raw": None,
                "label": "lectura",
                "unit_hint": None,
                "raw_value": raw,
                "role": "value",
                "location_kind": "table",
                "locator": cid,
                "row_key": None,
                "evidence": raw,
                "value_start": 0,
                "conditions": None,
            }
            for cid, raw in rows
        ],
        columns=CLAIM_COLUMNS,
    )
    facts = normalize_claims(claims, normalizer=Normalizer(load_vocabulary())).facts
    highs = dict(zip(facts["claim_id"], facts["high"], strict=True))
    assert highs["c1"] == pytest.approx(7.45e9)


@pytest.mark.parametrize(
    ("text", "unit", "low", "high"),
    [
        ("5 a 10 horas", "s", 5 * 3600.0, 10 * 3600.0),  # not 5 years ('a' is 'to')
        ("de 5 à 10 heures", "s", 5 * 3600.0, 10 * 3600.0),
        ("3 à 5 Go", "B", 3e9, 5e9),
        ("1 o 2 TB", "B", 1e12, 1e12),  # 'o' is 'or', not an octet; the unit is both's
        ("550 y 520 MB/s", "B/s", 5.5e8, 5.5e8),
        ("10 o más", "count", 10.0, 10.0),
    ],
)
def test_range_and_alternative_words_of_other_languages(
    text: str, unit: str, low: float, high: float
) -> None:
    parsed = read_quantity(text)
    assert parsed.unit == unit, parsed  # type: ignore[union-attr]
    assert (parsed.low, parsed.high) == (pytest.approx(low), pytest.approx(high))  # type: ignore[union-attr]


def test_or_before_times_keeps_no_ratio() -> None:
    assert read_quantity("3 or 4 times").unit == "count"  # type: ignore[union-attr]
