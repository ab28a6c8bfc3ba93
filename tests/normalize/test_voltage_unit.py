"""Volts (normalize/data/units.toml): a charger's or a battery pack's output voltage."""

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
