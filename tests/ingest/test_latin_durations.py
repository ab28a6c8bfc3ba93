"""Durations in falling units in Latin-script languages and bound words of other languages
before a figure (cells31): the span finder reads each as one figure, normalize sums the parts
and keeps the bound."""

from __future__ import annotations

import pytest
from crosscheck.ingest.spans import find_prose_figures
from crosscheck.normalize.quantity import ParsedQuantity, read_quantity


def _texts(text: str) -> list[str]:
    return [span.text for span in find_prose_figures(text)]


def _read(raw: str) -> ParsedQuantity:
    parsed = read_quantity(raw)
    assert isinstance(parsed, ParsedQuantity), parsed
    return parsed


@pytest.mark.parametrize(
    ("text", "figure", "seconds"),
    [
        ("Die Ladezeit beträgt 3 Stunden 10 Minuten.", "3 Stunden 10 Minuten", 11400),
        ("Le trajet dure 2 heures et 5 minutes.", "2 heures et 5 minutes", 7500),
        ("La carga tarda 1 hora y 40 minutos.", "1 hora y 40 minutos", 6000),
        ("Laden dauert 2 Std. 15 Min.", "2 Std. 15 Min", 8100),
        ("Recharge complète en 1h45.", "1h45", 6300),
        ("The run took 3 hr 2 min.", "3 hr 2 min", 10920),
        ("Encoding took 6h 47m overall.", "6h 47m", 24420),
        ("Il rendering richiede 1 ora e 20 minuti.", "1 ora e 20 minuti", 4800),
    ],
)
def test_a_duration_in_falling_units_is_one_figure(text: str, figure: str, seconds: int) -> None:
    assert figure in _texts(text)
    parsed = _read(figure)
    assert parsed.low == parsed.high == pytest.approx(seconds)


@pytest.mark.parametrize(
    "text",
    [
        "Windows 11 24H2 and 23H2 builds",  # a release name, no duration
        "A lap of 5 km 300 m",  # a length, not a time
        "Version 1h17.5 of the tool",  # a decimal after the minutes: not a clock
    ],
)
def test_no_duration_where_the_parts_are_not_times(text: str) -> None:
    for raw in _texts(text):
        parsed = read_quantity(raw)
        if isinstance(parsed, ParsedQuantity) and parsed.dimension == "time":
            assert parsed.low is not None and parsed.low < 4000, raw


@pytest.mark.parametrize(
    ("text", "figure", "low", "high"),
    [
        ("Der Akku hält bis zu 12 Stunden durch.", "bis zu 12 Stunden", 0.0, 43200.0),
        ("L'autonomie va jusqu'à 3 h en mode éco.", "jusqu'à 3 h", 0.0, 10800.0),
        ("Le purificateur vise un CADR d'au moins 120.", "au moins 120", 120.0, float("inf")),
        ("Das Modell wiegt unter 300 Gramm.", "unter 300 Gramm", 0.0, 0.3),
        ("Ocupa menos de 15 % del tiempo.", "menos de 15 %", 0.0, 15.0),
        ("Der Druck braucht weniger als 8% der Zeit.", "weniger als 8%", 0.0, 8.0),
    ],
)
def test_a_bound_word_of_another_language_bounds_the_figure(
    text: str, figure: str, low: float, high: float
) -> None:
    assert figure in _texts(text)
    parsed = _read(figure)
    assert (parsed.low, parsed.high) == pytest.approx((low, high))


def test_a_word_for_maximum_is_no_bound_in_prose() -> None:
    # "mit maximal 6,97 GByte/s": a measured peak is the value, read exact
    assert "3,5 GByte/s" in _texts("Beim Lesen kommt sie auf maximal 3,5 GByte/s.")


def test_bare_minutes_follow_only_a_short_hour_sign() -> None:
    assert _read("1h05").low == pytest.approx(3900)
    assert _read("2 hours 15").low == pytest.approx(7200)  # no "h": the 15 is not minutes
