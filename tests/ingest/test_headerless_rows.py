"""Table rows quoted without their header, and rows a diff marks as removed or added
(realacc10: a commit view of a README's codec table). Figures echo the page; rows our own."""

from __future__ import annotations

from tests.ingest.parsing import claims_by_raw, text_claims

QUOTED = """The fast levels after this change:

| codec-a 2.1 -1 | 2.88 | 290 MB/s | 425 MB/s |
| codec-b 1.3 -1 | 2.74 | 105 MB/s | 390 MB/s |
-| codec-c 1.5 --fast=3 | 2.24 | 635 MB/s | 1980 MB/s |
+| codec-c 1.5 --fast=4 | 2.15 | 665 MB/s | 2050 MB/s |
| codec-d 1.10 | 2.10 | 675 MB/s | 3850 MB/s |
"""


def test_rows_without_a_header_are_one_entity_each() -> None:
    claims = claims_by_raw(text_claims(QUOTED))
    assert claims["675 MB/s"]["entity_raw"].startswith("codec-d")
    # a compressor, a ratio and two speeds: lzbench's README columns (ingest/lzbench.py)
    assert claims["290 MB/s"]["label"] == "Compression"
    assert claims["2.74"]["entity_raw"].startswith("codec-b")


def test_rows_a_diff_removes_or_adds_stay_in_the_table() -> None:
    claims = claims_by_raw(text_claims(QUOTED))
    assert claims["635 MB/s"]["entity_raw"].startswith("codec-c")
    assert claims["2050 MB/s"]["entity_raw"].startswith("codec-c")


def test_a_bulleted_list_of_figures_is_no_headerless_table() -> None:
    text = "Results\n\n- codec-a: 290 MB/s\n- codec-b: 105 MB/s\n- codec-c: 635 MB/s\n"
    claims = text_claims(text)
    assert all(not str(c.get("locator", "")).startswith("table") for c in claims)


def test_a_typical_value_column_names_no_entity() -> None:
    text = (
        "# Redis on one core\n\nRedis serves small values from memory.\n\n"
        "| Metric | Description | Typical Value |\n|---|---|---|\n"
        "| Throughput | Gigabytes parsed per second | 2.5+ GB/s |\n"
        "| Cycles per Byte | CPU cycles per input byte | ~1.5-2.0 |\n"
    )
    claims = claims_by_raw(text_claims(text))
    assert claims["2.5+ GB/s"]["entity_raw"] == "Redis"
