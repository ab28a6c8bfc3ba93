"""Ranges normalize reads whole (realunits26): a unit or currency written on both ends, two
negative ends, a unit on the first end before "and" after "between"."""

from __future__ import annotations

import pytest
from crosscheck.normalize.quantity import read_quantity


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("$470-$490", 470.0, 490.0, "usd"),
        ("$4 to $9", 4.0, 9.0, "usd"),
        ("-0.2% to -0.6%", -0.6, -0.2, "percent"),
        ("between 180 watts and 220 watts", 180.0, 220.0, "W"),
        ("4 W bis 9 W", 4.0, 9.0, "W"),
    ],
)
def test_both_ends_read(text: str, low: float, high: float, unit: str) -> None:
    parsed = read_quantity(text)
    assert (getattr(parsed, "low", None), getattr(parsed, "high", None)) == (low, high)
    assert getattr(parsed, "unit", None) == unit


def test_and_without_between_is_no_range() -> None:
    parsed = read_quantity("5 GB and 10 GB")
    assert getattr(parsed, "high", None) == 5e9
