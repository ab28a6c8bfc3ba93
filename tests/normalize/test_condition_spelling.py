"""The same condition written twice gives one qualifier (normalize.qualifiers, issue 16):
"threads: 16" and "16 Threads", "1,000 connections" and "1000 connections"; other conditions
stay apart."""

from __future__ import annotations

import pytest
from crosscheck.normalize.qualifiers import normalize_conditions


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("16 Threads;  payload 1 KB", "payload 1 KB; threads: 16"),
        ("Threads = 16", "16 threads"),
        ("concurrent connections: 1,000", "1000 concurrent connections"),
    ],
)
def test_one_condition_written_two_ways_is_one_qualifier(one: str, other: str) -> None:
    assert normalize_conditions(one) == normalize_conditions(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("16 threads", "32 threads"),
        ("ratio 1:0", "ratio 0:1"),  # a SET and a GET mix, not "key: N"
        ("payload 1,5 KB", "payload 15 KB"),  # a decimal comma is no digit group
    ],
)
def test_different_conditions_stay_apart(one: str, other: str) -> None:
    assert normalize_conditions(one) != normalize_conditions(other)


def test_a_glued_setting_reads_as_a_flag() -> None:
    assert normalize_conditions("GOMAXPROCS=4") == "gomaxprocs=4"
