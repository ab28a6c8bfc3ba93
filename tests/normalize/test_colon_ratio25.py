"""'N:1' (a contrast ratio, realunits25) reads as a ratio of N, never as a clock ('500 000:1'
had become 5,000,000 s); clock readings keep their two-digit minutes. A range with a unit on
each bound ('32 KB to 2 MB') reads each bound in its own unit."""

from __future__ import annotations

import pytest
from crosscheck.ingest.spans import find_prose_figures
from crosscheck.normalize.quantity import ParsedQuantity, read_quantity
from crosscheck.normalize.quantity_shapes import ShapeReader


@pytest.mark.parametrize(("raw", "value"), [("20 000:1", 20000.0), ("3500:1", 3500.0)])
def test_ratio_to_one(raw: str, value: float) -> None:
    parsed = read_quantity(raw)
    assert isinstance(parsed, ParsedQuantity)
    assert (parsed.low, parsed.unit, parsed.dimension) == (value, "x", "ratio")


def test_clock_is_no_ratio() -> None:
    parsed = read_quantity("12:41")
    assert not (isinstance(parsed, ParsedQuantity) and parsed.dimension == "ratio")


def test_span_keeps_the_one() -> None:
    text = "a native contrast of 1 200:1 and a dynamic 35000:1, at 9:15 a.m."
    assert [s.text for s in find_prose_figures(text)] == ["1 200:1", "35000:1", "9", "15"]


@pytest.mark.parametrize(
    ("raw", "low", "high"), [("64 KB to 4 MB", 64e3, 4e6), ("45 s - 3 min", 45.0, 180.0)]
)
def test_range_with_a_unit_on_each_bound(raw: str, low: float, high: float) -> None:
    parsed = read_quantity(raw)
    assert isinstance(parsed, ParsedQuantity)
    assert (parsed.low, parsed.high) == (low, high)


def test_range_with_a_unit_on_each_bound_in_a_batch() -> None:
    reader = ShapeReader()
    for raw in ("64 KB to 4 MB", "16 KB to 8 MB"):
        parsed = reader.read(raw, None)
        assert isinstance(parsed, ParsedQuantity), parsed
        assert parsed.low < parsed.high


def test_span_of_a_rising_byte_range_and_a_fall() -> None:
    text = "Parts range from 64 KB to 4 MB of flash; the cache fell from 2.5GB to 300MB."
    assert [s.text for s in find_prose_figures(text)] == ["64 KB to 4 MB", "2.5GB", "300MB"]


def test_spanish_kilometres_are_a_length() -> None:
    parsed = read_quantity("42 kilómetros")
    assert isinstance(parsed, ParsedQuantity)
    assert (parsed.low, parsed.dimension) == (42000.0, "length")
    assert [s.text for s in find_prose_figures("una autonomía de 42 kilómetros.")] == [
        "42 kilómetros"
    ]
