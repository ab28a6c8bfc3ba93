"""Volts (normalize/data/units.toml) and clock-shaped durations (normalize/quantity.py): a
charger's output voltage, a battery test's runtime written h:mm under an hours header."""

from __future__ import annotations

import pytest
from crosscheck.normalize.quantity import read_quantity


@pytest.mark.parametrize(
    ("text", "hint", "value"),
    [("5V", None, 5.0), ("20 V", None, 20.0), ("48 volts", None, 48.0), ("29.4", "V", 29.4)],
)
def test_volts(text: str, hint: str | None, value: float) -> None:
    parsed = read_quantity(text, hint)
    assert getattr(parsed, "unit", None) == "V", parsed
    assert parsed.high == pytest.approx(value)  # type: ignore[union-attr]


def test_a_lower_case_v_stays_a_version() -> None:
    assert getattr(read_quantity("v2"), "unit", None) == "version"


@pytest.mark.parametrize(
    ("text", "hint", "seconds"),
    [("11:00", "hours", 39_600.0), ("08:10", "h", 29_400.0), ("3:30", "min", 210.0)],
)
def test_a_clock_shaped_duration_under_an_hours_or_minutes_header(
    text: str, hint: str, seconds: float
) -> None:
    parsed = read_quantity(text, hint)
    assert getattr(parsed, "unit", None) == "s", parsed
    assert parsed.high == pytest.approx(seconds)  # type: ignore[union-attr]


def test_a_clock_shape_without_a_time_header_is_no_duration() -> None:
    assert getattr(read_quantity("16:9"), "unit", None) is None
    assert getattr(read_quantity("11:00", "ms"), "unit", None) is None
