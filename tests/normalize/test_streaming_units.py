"""Rates and scales of data-infrastructure pages (realacc10): 'ops/second', 'messages/second',
'rows/sec', a glued 'Bn', and a range whose first end is written in full ('500,000-1M')."""

from __future__ import annotations

import pytest
from crosscheck.ingest.spans import find_prose_figures
from crosscheck.normalize.quantity import read_quantity
from crosscheck.normalize.units import resolve_unit


@pytest.mark.parametrize(
    "unit", ["ops/second", "Ops/Second", "messages/second", "msgs/sec", "rows/sec", "records/s"]
)
def test_event_rates_per_second_are_rates(unit: str) -> None:
    info = resolve_unit(unit)
    assert info is not None and info.dimension == "rate" and info.factor == 1.0


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("300,000-2M+ messages/second", 300_000.0, 2_000_000.0),  # first end in full
        ("2-3M ops/s", 2e6, 3e6),  # a trailing scale still covers both ends
        ("7Bn rows/sec", 7e9, 7e9),
        ("5.5 million ops/second", 5.5e6, 5.5e6),
    ],
)
def test_rates_read_with_their_scales(text: str, low: float, high: float) -> None:
    q = read_quantity(text)
    assert not hasattr(q, "reason"), q
    assert (q.low, q.high, q.dimension) == (low, high, "rate")  # type: ignore[union-attr]


def test_prose_keeps_the_rate_after_a_scaled_figure() -> None:
    sentence = "The bigger box now serves 5.5 million ops/second and scans 7Bn rows/sec."
    raws = [m.text for m in find_prose_figures(sentence)]
    assert "5.5 million ops/second" in raws
    assert "7Bn rows/sec" in raws


@pytest.mark.parametrize("label", ["Cycles per Byte", "Instructions per Byte", "Cost per GB"])
def test_a_unit_after_per_in_a_label_is_no_unit_of_the_value(label: str) -> None:
    from crosscheck.normalize.label_units import label_hint

    assert label_hint(label) is None
    assert label_hint("Size GB") == "GB"  # a unit ending the label still is


@pytest.mark.parametrize(
    ("text", "rate"),
    [("164.1 GH/s", 164.1e9), ("184.0 kH/s", 184e3), ("27,000 hashes/sec", 27e3), ("9 H/s", 9.0)],
)
def test_hash_rates_are_rates_with_their_prefixes(text: str, rate: float) -> None:
    q = read_quantity(text)
    assert not hasattr(q, "reason"), q
    assert q.dimension == "rate" and q.low == pytest.approx(rate)  # type: ignore[union-attr]


def test_a_lower_case_h_per_second_is_no_hash_rate() -> None:
    assert resolve_unit("h/s") is None  # case-sensitive: "H/s" is a hash rate, "h" an hour
