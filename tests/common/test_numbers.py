"""The shared number reader: what normalize's quantity parser and the unit-cost check read."""

from __future__ import annotations

import re

import pytest

from crosscheck.common.numbers import NUMBER, number_value, scale_value


@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        ("adds $400 a month", "400", 400.0),
        ("at $0.00001667 per GB-second", "0.00001667", 0.00001667),
        ("21,338 requests", "21,338", 21338.0),
        ("1,234.5 ms", "1,234.5", 1234.5),
        ("1234,56", "1234", 1234.0),  # a comma not before three digits is no group
    ],
)
def test_a_number_as_written(text: str, written: str, value: float) -> None:
    found = re.search(NUMBER, text)
    assert found is not None and found.group(0) == written
    assert number_value(written) == value


@pytest.mark.parametrize(
    ("word", "value"),
    [("thousand", 1e3), ("Millions", 1e6), ("in billions", 1e9), ("(bn)", 1e9), ("k", 1e3)],
)
def test_scale_words(word: str, value: float) -> None:
    assert scale_value(word) == value


def test_single_letters_keep_their_case() -> None:
    assert scale_value("M") == 1e6 and scale_value("B") == 1e9
    assert scale_value("m") is None and scale_value("b") is None  # minutes, metres, bits
