"""Units of model-serving and tooling pages: tokens per second ('4,200 tok/s', a 't/s'
column), a time per token (TPOT in ms/token) and lines of code per second. Figures only;
the texts are written for these tests."""

from __future__ import annotations

import pytest
from crosscheck.normalize.quantity import parse_quantity
from crosscheck.normalize.units import resolve_unit


@pytest.mark.parametrize(
    "text", ["tok/s", "tokens/s", "tokens/sec", "tokens per second", "t/s", "LOC/s", "lines/s"]
)
def test_token_and_line_rates_are_rates(text: str) -> None:
    info = resolve_unit(text)
    assert info is not None, text
    assert (info.canonical_unit, info.factor) == ("req/s", pytest.approx(1.0))


def test_a_rate_of_tokens_reads_its_thousands() -> None:
    q = parse_quantity("~4,200 tok/s")
    assert (q.low, q.unit) == (4200, "req/s")


def test_a_time_per_token_keeps_its_time_unit() -> None:
    q = parse_quantity("14.6", "ms/token")
    assert (q.low, q.unit, q.per) == (pytest.approx(0.0146), "s", "per operation")
