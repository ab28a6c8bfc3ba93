"""Units of spec sheets in several languages (realunits): torque, volume, consumption per
100 km and spelled-out lengths land on one canonical unit per dimension."""

from __future__ import annotations

import pytest
from crosscheck.normalize.quantity import read_quantity


@pytest.mark.parametrize(
    ("text", "unit", "low", "high"),
    [
        ("207 lb-ft", "N·m", 280.654, 280.654),
        ("170 lb-ft of torque", "N·m", 230.489, 230.489),
        ("85 Nm", "N·m", 85.0, 85.0),
        ("85 Newtonmeter", "N·m", 85.0, 85.0),
        ("3.2 Cu.Ft", "m³", 0.0906139, 0.0906139),
        ("21.8 cu. ft.", "m³", 0.617307, 0.617307),
        ("470 litres", "m³", 0.47, 0.47),
        ("16,04-17,69 kWh/100km", "Wh/km", 160.4, 176.9),
        ("16 kWh/100km(3,9 mi/kWh )", "Wh/km", 160.0, 160.0),
        ("28 kWh/100 mi", "Wh/km", 173.984, 173.984),
        ("200 Kilometern", "m", 200000.0, 200000.0),
        ("5,2 pollici", "m", 0.13208, 0.13208),
        ("3.76 µm", "m", 3.76e-6, 3.76e-6),
        ("184 Gramm", "kg", 0.184, 0.184),
        ("1.748,99 Euro", "eur", 1748.99, 1748.99),
        ("59,00 €", "eur", 59.0, 59.0),
    ],
)
def test_spec_units_of_other_shapes(text: str, unit: str, low: float, high: float) -> None:
    parsed = read_quantity(text)
    assert getattr(parsed, "unit", None) == unit, parsed
    assert parsed.low == pytest.approx(low, rel=1e-4)  # type: ignore[union-attr]
    assert parsed.high == pytest.approx(high, rel=1e-4)  # type: ignore[union-attr]


def test_a_slash_before_a_second_figure_still_splits_alternatives() -> None:
    parsed = read_quantity("40GB/80GB")
    assert parsed.unit == "B" and parsed.low == 40e9  # type: ignore[union-attr]
    assert parsed.note == "80GB"  # type: ignore[union-attr]


def test_a_bare_g_and_a_process_node_stay_unknown() -> None:
    assert getattr(read_quantity("12 g"), "unit", None) is None
    assert getattr(read_quantity("7nm TSMC"), "dimension", None) != "torque"


@pytest.mark.parametrize(
    ("text", "low"),
    [("134.1 × 100.5 × 67.5 mm", 0.1341), ("100.5 × 67.5 mm", 0.1005), ("12,5 x 8 cm", 0.125)],
)
def test_the_text_of_a_sizes_side_is_that_side_in_the_unit(text: str, low: float) -> None:
    parsed = read_quantity(text)
    assert parsed.unit == "m" and parsed.low == pytest.approx(low)  # type: ignore[union-attr]
    assert (parsed.note or "").startswith("side of a size")  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["1920 x 1080", "4800 x 1200 dpi", "1080 x 30fps"])
def test_products_of_other_things_are_no_size(text: str) -> None:
    assert getattr(read_quantity(text), "dimension", None) != "length"
