"""Two figures of free text joined by a word or a slash share the unit after the second one
(normalize/quantity_pairs.py); a table cell's pair keeps its header's units."""

from __future__ import annotations

import numpy as np
import pytest
from crosscheck.normalize.quantity import read_quantity
from crosscheck.normalize.quantity_pairs import pair_units


def _hint(raw: str, evidence: str, in_table: bool = False) -> str | None:
    hints = pair_units(
        np.array([None], dtype=object),
        np.array([raw], dtype=object),
        np.array([evidence], dtype=object),
        np.array([evidence.find(raw)]),
        np.array([in_table]),
    )
    return hints[0]


@pytest.mark.parametrize(
    ("raw", "evidence", "unit", "low", "high"),
    [
        ("up to 7,450", "and up to 7,450/6,900 MB/s for reads", "B/s", 0.0, 7.45e9),
        ("1.2M", "plus 1.2M/1.55M IOPS, it is", "req/s", 1.2e6, 1.2e6),
        (
            "up to 1,400,000",
            "of up to 1,400,000 and 1,550,000 IOPS respectively",
            "req/s",
            0,
            1.4e6,
        ),
        ("1,4", "knapp 1,4 beziehungsweise 1,15 Millionen IOPS ermittelt", "req/s", 1.4e6, 1.4e6),
        ("550", "secuenciales de 550 y 520 MB/s, de lectura", "B/s", 5.5e8, 5.5e8),
    ],
)
def test_the_first_figure_of_a_pair_takes_the_second_ones_unit(
    raw: str, evidence: str, unit: str, low: float, high: float
) -> None:
    parsed = read_quantity(raw, _hint(raw, evidence))
    assert parsed.unit == unit, parsed  # type: ignore[union-attr]
    assert (parsed.low, parsed.high) == (pytest.approx(low), pytest.approx(high))  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("raw", "evidence", "in_table"),
    [
        ("200", "| TBW / MTBF | 200 / 1,5 Mio h |", True),  # two quantities in one cell
        ("567K", "des scores IOPS de 567K et 539K en lecture", False),  # no unit after
        ("4", "runs 4 and 8 threads", False),  # a count stays a count
        ("7 GB", "7 GB and 9 ms", False),  # a figure with its own unit
    ],
)
def test_no_unit_is_taken_where_none_is_shared(raw: str, evidence: str, in_table: bool) -> None:
    assert _hint(raw, evidence, in_table) is None
