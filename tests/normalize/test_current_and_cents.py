"""Amperes, cents, calls per second and power spelled out (normalize/data/units.toml): a
breaker's or a battery's current, a storage price in cents, a server's call rate."""

from __future__ import annotations

import pytest
from crosscheck.normalize.quantity import read_quantity


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("20A", "A", 20.0),
        ("30 amps", "A", 30.0),
        ("200 amp", "A", 200.0),
        ("up to 60A", "A", 60.0),
        ("9¢", "usd", 0.09),
        ("2.3¢", "usd", 0.023),
        ("1.5¢ per GB per month", "usd", 0.015),
        ("10 cents", "usd", 0.1),
        ("400 calls/second", "req/s", 400.0),
        ("11.5 kilowatts", "W", 11_500.0),
        ("13.5 kilowatt-hours", "J", 13.5 * 3.6e6),
    ],
)
def test_units_of_batteries_and_prices(text: str, unit: str, value: float) -> None:
    parsed = read_quantity(text)
    assert getattr(parsed, "unit", None) == unit, parsed
    assert parsed.high == pytest.approx(value, rel=1e-6)  # type: ignore[union-attr]


def test_a_lower_case_a_is_no_ampere() -> None:
    parsed = read_quantity("20 a")
    assert getattr(parsed, "unit", None) != "A"
