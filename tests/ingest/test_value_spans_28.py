"""quants28: the value of a figure as a careful reader reads it: a range whose unit is written
once after a joining word of another language, a doubled-hyphen dash, numbers in words with a
unit (halves, an elided bound before "one"), negated bounds, LaTeX's escaped percent, and a
label whose figure names a test answered by a verdict mark."""

from __future__ import annotations

import pytest
from crosscheck.ingest.spans import find_prose_figures
from crosscheck.normalize.quantity import read_quantity

from crosscheck.contracts import BoundKind


def _read(text: str) -> list[tuple[str, float, float, str]]:
    out = []
    for span in find_prose_figures(text):
        parsed = read_quantity(span.text)
        low, high = getattr(parsed, "low", None), getattr(parsed, "high", None)
        out.append((span.text, low, high, getattr(parsed, "unit", "")))
    return out


@pytest.mark.parametrize(
    ("text", "raw", "low", "high", "unit"),
    [
        ("Die Geräte kosten zwischen 310 bis 980 Euro im Handel.", "zwischen 310 bis 980 Euro",
         310, 980, "eur"),
        ("Ils consomment 2 à 7 Go par mois.", "2 à 7 Go", 2e9, 7e9, "B"),
        ("Sie brauchen 12 bis 16 Liter Wasser.", "12 bis 16 Liter", 0.012, 0.016, "m³"),
        ("Der Speicher belegt 40--70 MB im Leerlauf.", "40--70 MB", 40e6, 70e6, "B"),
        ("GPU 3--9% (idle)", "3--9%", 3, 9, "percent"),
    ],
)  # fmt: skip
def test_ranges_with_the_unit_written_once(
    text: str, raw: str, low: float, high: float, unit: str
) -> None:
    (found,) = [r for r in _read(text) if r[0] == raw]
    assert found[1:3] == pytest.approx((low, high)) and found[3] == unit


@pytest.mark.parametrize(
    "text",
    [
        "zwischen 2019 bis 2024 Euro",  # a pair of years stays two figures
        "von 8 bis 5 Stunden",  # runs downward: no range
    ],
)
def test_no_range_for_years_or_downward_ends(text: str) -> None:
    assert len(_read(text)) == 2


@pytest.mark.parametrize(
    ("text", "raw", "value", "unit", "bound"),
    [
        ("Es reichen knapp elf Liter Wasser.", "knapp elf Liter", 0.011, "m³",
         BoundKind.APPROXIMATE),
        ("Das Programm dauert rund dreieinhalb Stunden.", "rund dreieinhalb Stunden", 12600.0,
         "s", BoundKind.APPROXIMATE),
        ("Il faut plus d’une heure pour encoder.", "plus d’une heure", 3600.0, "s",
         BoundKind.AT_LEAST),
        ("Sie verbrauchen rund drei Kilowattstunden.", "rund drei Kilowattstunden", 1.08e7, "J",
         BoundKind.APPROXIMATE),
        ("Er speichert nicht mehr als 800 Terabyte.", "nicht mehr als 800 Terabyte", 8e14, "B",
         BoundKind.AT_MOST),
        ("La batería dura no más de 3 horas.", "no más de 3 horas", 10800.0, "s",
         BoundKind.AT_MOST),
    ],
)  # fmt: skip
def test_worded_and_bounded_quantities(
    text: str, raw: str, value: float, unit: str, bound: BoundKind
) -> None:
    (span,) = [s for s in find_prose_figures(text) if s.text == raw]
    parsed = read_quantity(span.text)
    top = parsed.high if bound is BoundKind.AT_MOST else parsed.low  # type: ignore[union-attr]
    assert top == pytest.approx(value)
    assert parsed.unit == unit and parsed.bound is bound  # type: ignore[union-attr]


def test_an_article_alone_is_no_count() -> None:
    assert _read("Il faut une heure.") == []


def test_latex_escaped_percent() -> None:
    assert _read(r"a saving of about 41\% for AV1") == [(r"about 41\%", 41.0, 41.0, "percent")]


@pytest.mark.parametrize("text", ["12V to Earth: ✓", "-5V to Earth: ✗", "HDMI 2.1: Yes"])
def test_a_figure_in_a_label_answered_by_a_mark_is_no_figure(text: str) -> None:
    assert find_prose_figures(text) == []


def test_a_label_with_a_figure_value_keeps_it() -> None:
    assert [s.text for s in find_prose_figures("Battery: 5000 mAh")] == ["5000 mAh"]


@pytest.mark.parametrize(
    ("text", "raw", "hz"),
    [("Test box: 8 cores, 3.2 Ghz", "3.2 Ghz", 3.2e9), ("a 1Ghz quad core", "1Ghz", 1e9),
     ("memory at 800 Mhz", "800 Mhz", 8e8)],
)  # fmt: skip
def test_frequency_units_with_slipped_case(text: str, raw: str, hz: float) -> None:
    assert [r for r in _read(text) if r[0] == raw] == [(raw, hz, hz, "Hz")]


@pytest.mark.parametrize(
    ("text", "raw"),
    [("CPU: 6x Cores @ 3.1 GHz", "6x Cores"), ("a 6x Zen 3 Cores part", "6x Zen 3 Cores")],
)
def test_a_multiplier_before_a_counted_part_is_a_count(text: str, raw: str) -> None:
    found = _read(text)
    assert found[0] == (raw, 6.0, 6.0, "count")
    assert all(r[0] != "3" for r in found)  # the "3" of "Zen 3" is part of the name


@pytest.mark.parametrize("text", ["It has 3x more cores", "runs 3x Faster Cores"])
def test_a_multiplier_before_a_comparative_stays_a_ratio(text: str) -> None:
    assert _read(text) == [("3x", 3.0, 3.0, "x")]


def test_a_model_number_before_a_part_is_no_count() -> None:
    assert all(r[0] != "8200x port" for r in _read("The ryzen 7 8200x port in vcpkg is kept"))
