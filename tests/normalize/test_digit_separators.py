"""Apostrophes between digit groups and '@' in a column header (realacc14's unseen set).

Figures echo an ANN library's benchmark README; the lines are written for the test."""

from __future__ import annotations

import pytest
from crosscheck.normalize.errors import QuantityError
from crosscheck.normalize.label_units import label_hint
from crosscheck.normalize.quantity import parse_quantity


@pytest.mark.parametrize(
    ("text", "low", "unit"),
    [("75'640", 75640.0, "count"), ("1'234'567", 1234567.0, "count"),
     ("131’654 QPS", 131654.0, "req/s"), ("128'644", 128644.0, "count")],
)  # fmt: skip
def test_apostrophes_group_thousands(text: str, low: float, unit: str) -> None:
    parsed = parse_quantity(text, None)
    assert (parsed.low, parsed.unit) == (low, unit)


def test_feet_and_inches_are_no_digit_group() -> None:
    with pytest.raises(QuantityError):
        parse_quantity("6'2", None)


@pytest.mark.parametrize("label", ["EF @ A", "EF @ S", "Recall @ K"])
def test_what_follows_an_at_sign_is_no_unit(label: str) -> None:
    assert label_hint(label) is None


def test_a_trailing_unit_without_an_at_sign_still_reads() -> None:
    assert label_hint("Build time s") == "s"
