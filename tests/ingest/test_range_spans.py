"""A range whose two ends carry the same unit is one figure, read as one interval (realunits26)."""

from __future__ import annotations

import pytest
from crosscheck.ingest.spans import find_prose_figures
from crosscheck.normalize.quantity import read_quantity


def _texts(text: str) -> list[str]:
    return [span.text for span in find_prose_figures(text)]


@pytest.mark.parametrize(
    ("text", "raw", "low", "high"),
    [
        ("Panels here give 240 watts to 300 watts each.", "240 watts to 300 watts", 240.0, 300.0),
        ("The link runs at 100 Mb/s to 600 Mb/s indoors.", "100 Mb/s to 600 Mb/s", 12.5e6, 75e6),
        ("It loses -0.3% to -0.5% per degree.", "-0.3% to -0.5%", -0.5, -0.3),
        (
            "Output sits between 240 watts and 300 watts.",
            "between 240 watts and 300 watts",
            240,
            300,
        ),
        ("Die Noten reichen von 1,8 bis 2,4 im Test.", "1,8 bis 2,4", 1.8, 2.4),
    ],
)
def test_same_unit_ends_make_one_range(text: str, raw: str, low: float, high: float) -> None:
    assert _texts(text) == [raw]
    parsed = read_quantity(raw)
    assert (getattr(parsed, "low", None), getattr(parsed, "high", None)) == pytest.approx(
        (low, high)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Power fell from 300 W to 200 W.", ["300 W", "200 W"]),  # runs downward: a fall
        ("Power went from 280W to 310W.", ["280W", "310W"]),  # "from": a rise, two figures
        ("Sizes of 5 GB and 10 GB are sold.", ["5 GB", "10 GB"]),  # "and" without "between"
        ("It shipped between 2019 and 2021.", ["2019", "2021"]),  # two years
        ("Rated 5 hours to 10 watts here.", ["5 hours", "10 watts"]),  # units differ
    ],
)
def test_other_neighbours_stay_two_figures(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected
