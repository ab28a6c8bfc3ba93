"""Storage, endurance and other-language unit words of realunits23: German and French byte
units, a drive's rated endurance (TBW, DWPD), and percent, dollars, years and watts spelled in
German, Spanish and French (units.toml)."""

from __future__ import annotations

import pytest
from crosscheck.normalize.quantity import read_quantity


@pytest.mark.parametrize(
    ("text", "unit", "low"),
    [
        ("4 TByte", "B", 4e12),
        ("512 MByte", "B", 512e6),
        ("7,46 GByte/s", "B/s", 7.46e9),
        ("2500 MByte/s", "B/s", 2.5e9),
        ("5.2 Go/s", "B/s", 5.2e9),
        ("2,4 Po", "B", 2.4e15),
        ("600 TBW", "B", 6e14),
        ("0.33 DWPD", "x", 0.33),
        ("1400K IOPS", "req/s", 1.4e6),
        ("3 Prozent", "percent", 3.0),
        ("12 por ciento", "percent", 12.0),
        ("399 dólares", "usd", 399.0),
        ("5 años", "s", 5 * 31557600.0),
        ("5 Jahren", "s", 5 * 31557600.0),
        ("2 ans", "s", 2 * 31557600.0),
        ("5,4 vatios", "W", 5.4),
    ],
)
def test_storage_and_language_units(text: str, unit: str, low: float) -> None:
    parsed = read_quantity(text)
    assert getattr(parsed, "unit", None) == unit, parsed
    assert parsed.low == pytest.approx(low, rel=1e-9)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "unit"), [("3 GB", "B"), ("64 bits", "count"), ("16 Gb/s", "B/s")]
)
def test_existing_storage_spellings_unchanged(text: str, unit: str) -> None:
    assert read_quantity(text).unit == unit  # type: ignore[union-attr]
