"""Figures written with a number word before a unit, glued voltages and CJK figures
(notfound30): the span finder reads them and normalize gives them their unit."""

from __future__ import annotations

import pytest
from crosscheck.ingest.lexicon import load_lexicon
from crosscheck.ingest.nonfigures import why_not
from crosscheck.ingest.sentence_text import sentence_text
from crosscheck.ingest.spans import find_prose_figures
from crosscheck.normalize.quantity import ParsedQuantity, read_quantity


def _texts(text: str) -> list[str]:
    return [span.text for span in find_prose_figures(text)]


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Der Akku hält bis zu vier Stunden durch.", "bis zu vier Stunden"),
        ("La garantía cubre tres años completos.", "tres años"),
        ("Le modèle pèse deux grammes de plus.", "deux grammes"),
        ("Il NAS ha due anni e costa 300 euro.", "due anni"),
    ],
)
def test_a_number_word_before_a_unit_is_a_figure(text: str, figure: str) -> None:
    assert figure in _texts(text)


@pytest.mark.parametrize(
    "text",
    [
        "Eine Woche später kam das Update.",  # an article, no count
        "Un año después llegó la versión nueva.",
        "The two cores share one cache.",  # English words count no parts
        "Both engines took two hours of setup.",  # nor units: a comparison's are the lexicon's
        "Ao longo dos anos o preço caiu.",  # Portuguese "of the years", no Spanish "two"
    ],
)
def test_articles_and_english_parts_are_no_unit_counts(text: str) -> None:
    assert _texts(text) == []


@pytest.mark.parametrize(
    ("value", "low", "high", "unit"),
    [
        ("bis zu vier Stunden", 0.0, 14400.0, "s"),
        ("tres años", 94672800.0, 94672800.0, "s"),
        ("due anni", 63115200.0, 63115200.0, "s"),
    ],
)
def test_normalize_reads_the_worded_unit(value: str, low: float, high: float, unit: str) -> None:
    parsed = read_quantity(value)
    assert isinstance(parsed, ParsedQuantity)
    assert (parsed.low, parsed.high, parsed.unit) == (low, high, unit)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("The cut-off voltage under load is 2.5V for this cell.", "2.5V"),
        ("Charge cut-off current: 50mA (std chg)", "50mA"),
        ("It outputs 2.1 amps at 5 volts.", "5 volts"),
    ],
)
def test_a_glued_voltage_or_current_is_a_figure(text: str, figure: str) -> None:
    assert figure in _texts(text)


def test_a_model_name_ending_in_v_stays_a_name() -> None:
    assert _texts("The Fujifilm X100V is small.") == []


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("電気代:約7円", "約7円"),  # a bound word glued before the figure
        ("年間電気代約1200円", "約1200円"),
        ("沸くまでⒶ6分12秒でした", "6分12秒"),  # one duration, not "6" and "12秒"
        ("充電は1.5時間で終わる", "1.5時間"),
        ("水温はⒷが77.5℃でした", "77.5℃"),
    ],
)
def test_cjk_figures(text: str, figure: str) -> None:
    assert figure in _texts(text)


def test_a_cjk_lead_before_a_bare_number_is_no_figure() -> None:
    assert _texts("約3回目") == []


@pytest.mark.parametrize(
    ("value", "low", "unit"),
    [
        ("約7円", 7.0, "jpy"),
        ("6分12秒", 372.0, "s"),
        ("1.5時間", 5400.0, "s"),
        ("77.5℃", 77.5, "°C"),
    ],
)
def test_normalize_reads_cjk_units(value: str, low: float, unit: str) -> None:
    parsed = read_quantity(value)
    assert isinstance(parsed, ParsedQuantity)
    assert (parsed.low, parsed.unit) == (low, unit)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The 3.3V rail stays lower than the others.", False),  # which rail, no figure
        ("Its +12V rails share one OCP point.", False),
        ("The charger outputs 5V at 3A.", True),
    ],
)
def test_a_voltage_naming_a_rail_is_no_figure(text: str, kept: bool) -> None:
    lex = load_lexicon()
    voltage = next(s for s in sentence_text(text, lex).spans if s.text.endswith("V"))
    assert (why_not(text, voltage, lex, set()) is None) is kept
