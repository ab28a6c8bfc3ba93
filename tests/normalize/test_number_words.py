"""Reading figures written with words (normalize/number_words.py through read_quantity)."""

from __future__ import annotations

import math

import pytest
from crosscheck.normalize.quantity import ParsedQuantity, read_quantity


def _read(text: str) -> ParsedQuantity:
    parsed = read_quantity(text)
    assert isinstance(parsed, ParsedQuantity), parsed
    return parsed


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("due porte USB 3.0", 2),
        ("due USB 3.0", 2),
        ("una eSATA", 1),
        ("zwei Mal HDMI 2.1", 2),
        ("einen USB-3.2-Anschluss", 1),
        ("beiden 120-mm-Lüfter", 2),
        ("vier Kerne", 4),
        ("quatre baies", 4),
        ("dos puertos Ethernet", 2),
        ("duas portas", 2),
        ("octa-core", 8),
        ("quad-core", 4),
    ],
)
def test_counts_in_words(text: str, value: float) -> None:
    parsed = _read(text)
    assert (parsed.low, parsed.high, parsed.unit) == (value, value, "count")


def test_a_word_before_no_listed_part_is_no_count() -> None:
    assert not isinstance(read_quantity("una volta"), ParsedQuantity)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("eine JAZ von 4", 4.0, 4.0),
        ("a COP of 4.5", 4.5, 4.5),
        ("un COP de 3", 3.0, 3.0),  # the article "un" is no count
        ("JAZ ≥ 3,5", 3.5, math.inf),
        ("un COP minimum de 4", 4.0, math.inf),
        ("COP compris entre 3,5 et 5", 3.5, 5.0),
        ("der COP üblicherweise zwischen 3 und 5", 3.0, 5.0),
    ],
)
def test_ratios_led_by_their_metric_word(text: str, low: float, high: float) -> None:
    parsed = _read(text)
    assert (parsed.low, parsed.high, parsed.dimension) == (low, high, "ratio")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("il doppio della", 2.0),
        ("doppelt so", 2.0),
        ("el doble de", 2.0),
        ("drei Mal so", 3.0),
        ("doublées", 2.0),
        ("verdoppelt", 2.0),
        ("la metà", 0.5),
    ],
)
def test_multipliers_of_other_languages(text: str, value: float) -> None:
    parsed = _read(text)
    assert (parsed.low, parsed.dimension) == (value, "ratio")


def test_a_count_before_a_sized_part_keeps_the_count() -> None:
    parsed = _read("beiden 120-mm-Lüfter")  # never "2 120" read as 2120
    assert (parsed.low, parsed.unit) == (2.0, "count")


def test_thousands_joined_by_a_word() -> None:
    assert _read("4 mil 350").low == 4350.0
    assert _read("300 mil").low == 300000.0  # the scale word alone still multiplies


def test_a_clause_ending_count() -> None:
    assert (_read("sono sei").low, _read("sind vier").unit) == (6.0, "count")


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("tra il 17% e il 22%", 17.0, 22.0, "percent"),
        ("tra l’9% ed il 12%", 9.0, 12.0, "percent"),
        ("zwischen 4 und 6 kW", 4000.0, 6000.0, "W"),
        ("entre 300 et 400 W", 300.0, 400.0, "W"),
    ],
)
def test_ranges_opened_by_a_word_for_between(text: str, low: float, high: float, unit: str) -> None:
    parsed = _read(text)
    assert (parsed.low, parsed.high, parsed.unit) == (low, high, unit)


def test_kilowatt_hours_spelled_as_prose_writes_them() -> None:
    assert (_read("4 Kwh").low, _read("1 kwh").unit) == (14400000.0, "J")
