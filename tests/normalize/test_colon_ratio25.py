"""'N:1' (a contrast ratio, realunits25) reads as a ratio of N, never as a clock ('500 000:1'
had become 5,000,000 s); clock readings keep their two-digit minutes."""

from __future__ import annotations

import pytest
from crosscheck.ingest.spans import find_prose_figures
from crosscheck.normalize.quantity import ParsedQuantity, read_quantity


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
