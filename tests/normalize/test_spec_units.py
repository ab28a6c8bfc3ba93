"""Spec-sheet units: range in miles and km, speed in mph and km/h, weight in pounds, power in
horsepower, battery in watt-hours, and prices with a bound word or a per-1k period."""

from __future__ import annotations

import pytest
from crosscheck.normalize.quantity import read_quantity


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("310-mile", "m", 310 * 1609.344),
        ("436km", "m", 436_000.0),
        ("115 mph", "m/s", 115 * 0.44704),
        ("112km/hr", "m/s", 112 / 3.6),
        ("2.59 pounds", "kg", 2.59 * 0.45359237),
        ("241 hp", "W", 241 * 745.7),
        ("600bhp", "W", 600 * 745.7),
        ("167 chevaux", "W", 167 * 735.5),
        ("49.9 watt-hours", "J", 49.9 * 3600),
        ("57.5-kWh", "J", 57.5 * 3.6e6),
        ("about $41,000", "usd", 41_000.0),
        ("$0.005/1k", "usd", 0.005),
    ],
)
def test_spec_sheet_units(text: str, unit: str, value: float) -> None:
    parsed = read_quantity(text)
    assert getattr(parsed, "unit", None) == unit, parsed
    assert parsed.low == pytest.approx(value, rel=1e-4)  # type: ignore[union-attr]


def test_a_price_per_thousand_requests_keeps_its_period() -> None:
    parsed = read_quantity("$0.0004 per 1,000")
    assert parsed.unit == "usd" and "per 1,000" in (parsed.note or "")  # type: ignore[union-attr]


def test_ambiguous_short_words_stay_unknown() -> None:
    for text in ("20 m", "12 g"):
        assert getattr(read_quantity(text), "unit", None) is None


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("5,000mAh", "mAh", 5000.0),
        ("4,441 mAh", "mAh", 4441.0),
        ("3.4 miles per kWh", "km/kWh", 3.4 * 1.609344),
        ("5.44km/kWh", "km/kWh", 5.44),
        ("3.1 miles/kwh", "km/kWh", 3.1 * 1.609344),
        ("165 Wh/km", "Wh/km", 165.0),
        ("4.5 out of 5 stars", "score", 4.5),
        ("8/10", "score", 8.0),
    ],
)
def test_battery_efficiency_and_rating_units(text: str, unit: str, value: float) -> None:
    parsed = read_quantity(text)
    assert getattr(parsed, "unit", None) == unit, parsed
    assert parsed.low == pytest.approx(value, rel=1e-4)  # type: ignore[union-attr]


def test_a_rating_keeps_its_scale_and_a_figure_above_it_is_no_rating() -> None:
    parsed = read_quantity("4 out of 5 stars")
    assert "out of 5" in (parsed.note or "")  # type: ignore[union-attr]
    assert getattr(read_quantity("7 out of 5"), "unit", None) is None
    assert getattr(read_quantity("24/7"), "unit", None) is None


def test_an_estimate_is_approximate() -> None:
    parsed = read_quantity("Estimated at 333 miles")
    assert parsed.unit == "m" and parsed.bound == "approximate"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "note"),
    [("$0.0006/credit", "per credit"), ("$4/user/month", "per user; per month")],
)
def test_a_price_per_credit_or_user_keeps_what_it_is_paid_for(text: str, note: str) -> None:
    parsed = read_quantity(text)
    assert parsed.unit == "usd" and parsed.note == note  # type: ignore[union-attr]
