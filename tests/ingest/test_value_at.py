"""Value chains 'A @ B' (realval28): a spec line's two figures are both read, each the other's
condition; a test bed's "CPU @ clock" stays a setting; a count keeps its counted noun.

Pages are written for the test (figures echo real spec sheets, sentences do not)."""

from __future__ import annotations

import hashlib
from typing import Any

from crosscheck.ingest.cell_lists import unit_list
from crosscheck.ingest.parse import parse_snapshot

from crosscheck.contracts import Snapshot


def _claims(text: str) -> list[dict[str, Any]]:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return parse_snapshot(Snapshot("mem://page.md", sha, text, "text/markdown", "now")).claims


def _by_raw(claims: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(c["raw_value"]): c for c in claims}


SPEC_LIST = """# Xbox Series X vs PlayStation 5

## Xbox Series X

- GPU: 11 TFLOPS, 48 CUs @ 1.9 GHz
- Memory Bandwidth: 12GB @ 520 GB/s, 4GB @ 310 GB/s

## PlayStation 5

The PlayStation 5 has a GPU with 40 CUs at 2.1GHz.
"""


def test_both_figures_of_a_chain_are_read_each_with_the_other_as_condition() -> None:
    claims = _by_raw(_claims(SPEC_LIST))
    assert {"48 CUs", "1.9 GHz", "12GB", "520 GB/s", "4GB", "310 GB/s"} <= set(claims)
    assert claims["1.9 GHz"]["conditions"] == "48 CUs"
    assert claims["48 CUs"]["conditions"] == "@ 1.9 GHz"
    assert claims["12GB"]["conditions"] == "@ 520 GB/s"  # the two pools told apart
    assert claims["4GB"]["conditions"] == "@ 310 GB/s"


def test_a_count_keeps_its_noun_and_takes_no_unit_from_the_figure_before() -> None:
    claims = _by_raw(_claims(SPEC_LIST))
    assert "48" not in claims  # never "48" under the TFLOPS of "11 TFLOPS, 48 CUs"
    assert "40 CUs" in claims and "40" not in claims  # "40 CUs at 2.1GHz"


TEST_BED = """# Benchmark results

The tests ran on this machine.

- CPU: 8 cores @ 3.2 GHz
- cpu: Intel(R) Xeon(R) CPU @ 2.20GHz

Framework One serves 41,000 requests per second.
"""


def test_a_test_beds_clock_stays_a_setting() -> None:
    raws = set(_by_raw(_claims(TEST_BED)))
    assert not raws & {"3.2 GHz", "2.20GHz", "8 cores"}


def test_a_cell_with_a_count_at_a_clock_lists_both() -> None:
    assert unit_list("11 TFLOPS, 48 CUs @ 1.9 GHz") == [
        ("11 TFLOPS", None),
        ("48 CUs", "@ 1.9 GHz"),
        ("1.9 GHz", "48 CUs"),
    ]
    assert unit_list("48 widgets @ 1.9 GHz, 2 GB") is None  # no counted part: no list


def test_a_bus_width_after_a_memory_type_is_a_figure() -> None:
    page = """# Xbox Series X vs PlayStation 5

## PlayStation 5

- Memory interface: 12GB GDDR6 / 192-bit
- Graphics: 9.5 TFLOPs of compute
"""
    claims = _by_raw(_claims(page))
    assert "192-bit" in claims  # sized by the memory type before it
    assert "9.5 TFLOPs" in claims  # a compute rate in its mixed-case spelling, not a bare 9.5


def test_a_spread_after_a_measurement_is_marked_as_one() -> None:
    page = """# Flask vs FastAPI

Flask answers a request in 2.31 ms ± 81.5 µs on our machine.

- FastAPI: 6,210 ns/iter (+/- 512)
"""
    claims = _by_raw(_claims(page))
    assert claims["81.5 µs"]["conditions"] == "± spread"  # never a second latency of Flask
    assert claims["512"]["conditions"] == "± spread"
    assert claims["2.31 ms"]["conditions"] is None
