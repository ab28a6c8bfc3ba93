"""The hostile-page section of the benchmark measures what the unit tests assert: each page ends
parsed, cut or quarantined, with its note (the timings are reported, never asserted)."""

from __future__ import annotations

from bench.hostile import CASES, measure


def test_every_case_has_a_generator_and_a_declared_type() -> None:
    for make, declared in CASES.values():
        assert callable(make) and declared


def test_small_cases_end_parsed_or_quarantined_with_their_note() -> None:
    xhtml = measure("XHTML with encoding declaration")
    assert xhtml["claims"] == 1 and xhtml["note"] == ""
    utf16 = measure("UTF-16 without BOM")
    assert utf16["claims"] == 1 and utf16["note"] == "encoding: UTF-16 without a byte-order mark"
    deep = measure("5,000-deep nesting")
    assert deep["claims"] == 0 and str(deep["note"]).startswith("quarantined: elements nested")
