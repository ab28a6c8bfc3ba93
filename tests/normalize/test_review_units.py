"""Units of hardware reviews (realcond21): inch marks after a screen size and frames per watt or
per dollar, each read into its own canonical unit rather than quarantined or taken for a price."""

from __future__ import annotations

import pytest
from crosscheck.normalize.quantity import ParsedQuantity, read_quantity


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ('27"', "m", 0.6858),
        ("6.1″", "m", 0.15494),
        ("6.7”", "m", 0.17018),
        ("15.6''", "m", 0.39624),
        ("2.4 FPS/W", "fps/W", 2.4),
        ("1.7 fps per watt", "fps/W", 1.7),
        ("0.52 FPS/$", "fps/usd", 0.52),
    ],
)
def test_review_units_land_on_their_canonical_unit(text: str, unit: str, value: float) -> None:
    got = read_quantity(text)
    assert isinstance(got, ParsedQuantity), got
    assert got.unit == unit
    assert got.low == pytest.approx(value)


def test_frames_per_watt_are_not_a_frame_rate_or_a_power() -> None:
    per_watt = read_quantity("2.4 FPS/W")
    rate = read_quantity("140 FPS")
    assert isinstance(per_watt, ParsedQuantity) and isinstance(rate, ParsedQuantity)
    assert per_watt.dimension == "frame_efficiency"
    assert rate.dimension == "frequency"
