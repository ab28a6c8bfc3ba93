"""Spec-sheet units of realunits22: die areas, display brightness, rupee prices with Indian digit
grouping, hours in other languages, and sizes in bytes under a code-size label."""

from __future__ import annotations

import pytest
from crosscheck.normalize.label_units import effective_hint
from crosscheck.normalize.quantity import read_quantity


@pytest.mark.parametrize(
    ("text", "unit", "low", "high"),
    [
        ("608 mm2", "m²", 608e-6, 608e-6),
        ("378.6 mm²", "m²", 378.6e-6, 378.6e-6),
        ("10 km²", "m²", 1e7, 1e7),
        ("1600 nits (HDR)", "nit", 1600.0, 1600.0),
        ("₹1,06,999", "inr", 106999.0, 106999.0),
        ("₹ 79,999", "inr", 79999.0, 79999.0),
        ("Rs. 12,34,567", "inr", 1234567.0, 1234567.0),
        ("INR 59,900", "inr", 59900.0, 59900.0),
        ("3 - 7 horas", "s", 10800.0, 25200.0),
        ("2 heures", "s", 7200.0, 7200.0),
    ],
)
def test_spec_units_land_on_their_dimension(text: str, unit: str, low: float, high: float) -> None:
    parsed = read_quantity(text)
    assert getattr(parsed, "unit", None) == unit, parsed
    assert parsed.low == pytest.approx(low, rel=1e-6)  # type: ignore[union-attr]
    assert parsed.high == pytest.approx(high, rel=1e-6)  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "value"), [("45 ms¹", 0.045), ("1,06", 1.06), ("12,345", 12345)])
def test_other_marks_and_groupings_read_as_before(text: str, value: float) -> None:
    assert read_quantity(text).low == pytest.approx(value)  # type: ignore[union-attr]


def test_a_leading_euro_sign_stays_unread() -> None:
    assert not hasattr(read_quantity("€55"), "low")


@pytest.mark.parametrize("label", ["Code size", "Binary size", "compiled code size (bytes)"])
def test_a_b_under_a_code_size_label_is_a_byte(label: str) -> None:
    parsed = read_quantity("1 297 B", effective_hint(None, label))
    assert (parsed.unit, parsed.low) == ("B", 1297.0)  # type: ignore[union-attr]


def test_a_b_elsewhere_is_still_a_billion() -> None:
    assert read_quantity("7 B", effective_hint(None, "Parameters")).low == 7e9  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "unit", "low", "note"),
    [
        ("4K at 144Hz or 8K at 60Hz with DSC", "Hz", 144.0, "at 4K"),
        ("1440p @ 165 Hz", "Hz", 165.0, "at 1440p"),
    ],
)
def test_a_resolution_before_at_is_a_condition(text: str, unit: str, low: float, note: str) -> None:
    parsed = read_quantity(text)
    assert (parsed.unit, parsed.low) == (unit, low)  # type: ignore[union-attr]
    assert note in (parsed.note or "")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "unit", "noun"),
    [
        ("2x DisplayPort(3)", "count", "DisplayPort"),
        ("4x USB-C", "count", "USB-C"),
        ("8x A100", "count", "A100"),
        ("2x HDMI 2.1", "count", "HDMI"),
        ("3x Faster", "x", None),
        ("2.5x", "x", None),
    ],
)
def test_n_times_a_part_is_a_count_of_parts(text: str, unit: str, noun: str | None) -> None:
    parsed = read_quantity(text)
    assert (parsed.unit, parsed.noun) == (unit, noun)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("12.500 EUR", 12500.0, 12500.0), ("1.240 bis 1.570 Euro", 1240.0, 1570.0),
     ("1.5 Euro", 1.5, 1.5), ("2.999,00 €", 2999.0, 2999.0)],
)  # fmt: skip
def test_a_dot_before_three_digits_groups_a_euro_price(text: str, low: float, high: float) -> None:
    parsed = read_quantity(text)
    assert (parsed.unit, parsed.low, parsed.high) == ("eur", low, high)  # type: ignore[union-attr]


def test_a_dot_before_three_digits_elsewhere_is_a_decimal_point() -> None:
    assert read_quantity("1.199 s").low == pytest.approx(1.199)  # type: ignore[union-attr]


def test_a_glued_g_under_a_weight_hint_is_a_gram() -> None:
    parsed = read_quantity("213g", "weight")
    assert (parsed.unit, parsed.low) == ("kg", pytest.approx(0.213))  # type: ignore[union-attr]
