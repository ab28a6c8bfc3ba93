"""realfind16: a percentage "at N% of the cost" reads as a ratio of N/100, not a difference."""

from __future__ import annotations

import pytest
from crosscheck.normalize.relations import interpret_relation


def test_at_a_percentage_of_the_cost_is_a_ratio_below_one() -> None:
    reading = interpret_relation(
        "58%", "hourly cost", "Osprey 3 runs 1.25x faster than Heron 2 at 58% of the hourly cost."
    )
    assert reading is not None
    assert reading.low == pytest.approx(0.58) and reading.high == pytest.approx(0.58)
    assert reading.direction == "lower" and not reading.percent


def test_a_share_of_the_cost_after_for_is_no_ratio_below_one() -> None:
    reading = interpret_relation("70%", "total cost", "Storage accounts for 70% of the total cost.")
    assert reading is None or reading.low != pytest.approx(0.7)
