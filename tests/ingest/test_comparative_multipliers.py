"""Comparative phrases read as relations (realfind16): a multiplier before "that of" or
"those of" ("1.7 times that of B") states a ratio, not a plain value."""

from __future__ import annotations

import hashlib

from crosscheck.ingest.parse import ParsedPage, parse_snapshot

from crosscheck.contracts import Snapshot


def _parse(text: str, name: str = "page.txt") -> ParsedPage:
    snapshot = Snapshot(
        f"/tmp/{name}", hashlib.sha256(text.encode()).hexdigest(), text, "text/plain", "now"
    )
    return parse_snapshot(snapshot)


def _ratios(page: ParsedPage) -> set[tuple[str, str | None, str]]:
    return {
        (c["entity_raw"], c["counterpart_raw"], c["raw_value"])
        for c in page.claims
        if c["role"] == "ratio"
    }


def test_times_that_of_is_a_ratio_to_the_named_side() -> None:
    page = _parse(
        "Zephyr X2 vs Zephyr X1\n"
        "The Zephyr X2 reaches 64.2 TFLOPS in FP16, roughly 2.3 times that of the Zephyr X1.\n"
    )
    assert ("Zephyr X2", "Zephyr X1", "roughly 2.3 times") in _ratios(page)
    assert "roughly 2.3" not in {c["raw_value"] for c in page.claims}


def test_verbs_and_german_nouns_of_a_multiple_are_ratios() -> None:
    page = _parse(
        "Kestrel 5 vs Kestrel 4 links\n"
        "The Kestrel 5 link reaches 9,800 MB/s and doubles the bandwidth of the Kestrel 4.\n"
        "Die Kestrel 4 braucht dafür oft um ein Dreifaches länger als die Kestrel 5.\n"
    )
    raws = {raw for _, _, raw in _ratios(page)}
    assert {"doubles", "Dreifaches"} <= raws


def test_triples_as_a_count_noun_stays_out() -> None:
    page = _parse(
        "Graphstore A vs Graphstore B\nGraphstore A loaded 2 billion RDF triples in 41 minutes.\n"
    )
    assert not {raw for _, _, raw in _ratios(page)} & {"triples"}


def test_a_percentage_at_the_price_of_the_other_is_a_ratio_a_share_is_not() -> None:
    page = _parse(
        "Osprey 3 vs Heron 2 instances\n"
        "Osprey 3 (r9.large) delivers 1.25x higher throughput than Heron 2 (h2.large) at 58% of "
        "the hourly cost.\n"
        "On Heron 2, storage accounts for 70% of the total cost.\n"
    )
    roles = {c["raw_value"]: c["role"] for c in page.claims}
    assert roles.get("58%") == "ratio"
    assert roles.get("70%") != "ratio"
