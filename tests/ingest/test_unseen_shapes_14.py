"""Page shapes of realacc14's unseen set (docs/benchmarks.md): name / value line pairs under a
title, bare-integer set-up columns of rows that repeat one name, and wrk output pasted
without its code fence.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from tests.ingest.parsing import claims_by_raw, text_claims

PAIRS = """Runtime size compared

Gzipped size of a minimal app
Preact 10
4.5 KB (gzip)
Lit 3
6.1 KB (gzip)
Alpine + plugins
13.2 KB (gzip)
Mithril
9.7 KB (gzip)
"""


def test_name_lines_each_over_one_value_own_their_values() -> None:
    claims = claims_by_raw(text_claims(PAIRS))
    assert claims["4.5 KB"]["entity_raw"] == "Preact 10"
    assert claims["6.1 KB"]["entity_raw"] == "Lit 3"
    assert claims["13.2 KB"]["entity_raw"] == "Alpine + plugins"
    assert claims["9.7 KB"]["entity_raw"] == "Mithril"
    assert claims["9.7 KB"]["label"] == "Gzipped size of a minimal app"


CARD = """Bun 1.5 vs Deno 2.1

Summary
Bun 1.5
Startup time
12 ms
Memory
30 MB
Throughput
5200 req/s
Deno 2.1
p50
4 ms
p95
9 ms
p99
14 ms
"""


def test_metric_cards_keep_their_labels() -> None:
    claims = claims_by_raw(text_claims(CARD))  # units differ, or percentiles: labels, not names
    assert (claims["12 ms"]["entity_raw"], claims["12 ms"]["label"]) == ("Bun 1.5", "Startup time")
    assert (claims["14 ms"]["entity_raw"], claims["14 ms"]["label"]) == ("Deno 2.1", "p99")


REPEATED = """# Benchmarking an index library

| Vectors | Links | Depth | Inserts, QPS | Searches, QPS |
| :------ | :---: | :---: | :----------: | :-----------: |
| f32 x128 | 16 | 64 | 70'100 | 120'400 |
| f32 x128 | 8 | 64 | 80'900 | 140'200 |
| f32 x128 | 32 | 64 | 60'300 | 98'700 |
"""


def test_set_up_columns_of_a_repeated_row_name_are_conditions() -> None:
    claims = text_claims(REPEATED)
    raws = {c["raw_value"] for c in claims}
    assert "16" not in raws and "64" not in raws  # set-up, not measurements
    by_raw = claims_by_raw(claims)
    assert "Links: 16" in (by_raw["70'100"]["conditions"] or "")
    assert "Links: 8" in (by_raw["140'200"]["conditions"] or "")


DISTINCT = """| Store | Shards | Inserts, QPS |
| --- | --- | --- |
| Alpha | 16 | 70'100 |
| Beta | 8 | 80'900 |
"""


def test_integer_columns_of_distinct_names_stay_figures() -> None:
    raws = {c["raw_value"] for c in text_claims(DISTINCT)}
    assert {"16", "8"} <= raws


WRK = """SearchBox

An embedded search library.

Performance

Queries ran with wrk against a local build.
Running 30s test @ http://127.0.0.1:7700
4 threads and 50 connections
Thread Stats Avg Stdev Max +/- Stdev
Latency 6.20ms 3.10ms 80.40ms 90.00%
Req/Sec 2.05k 210.50 2.60k 70.00%
245000 requests in 30.02s, 41.10MB read
Requests/sec: 8161.22
Transfer/sec: 1.37MB
"""


def test_wrk_output_without_a_fence_is_one_run() -> None:
    claims = claims_by_raw(text_claims(WRK))
    assert claims["8161.22"]["label"] == "Requests/sec"
    assert claims["6.20ms"]["label"] == "latency avg"
    assert claims["6.20ms"]["entity_raw"] != "wrk"
    # the per-thread row is labelled so (never the run's total); its deviation is a spread
    assert claims["2.05k"]["label"] == "Req/Sec per thread"
    assert claims["210.50"]["label"] == "Req/Sec per thread stddev"


def test_time_per_developer_is_an_estimate_not_a_measurement() -> None:
    text = "Vite starts in 1.2s. Faster reloads save ~1 hour per developer per week."
    raws = {c["raw_value"] for c in text_claims(text)}
    assert "1.2s" in raws
    assert not any("hour" in r for r in raws)


def test_set_up_rows_of_a_titled_subject_are_its_own() -> None:
    claims = claims_by_raw(text_claims(REPEATED))
    assert claims["70'100"]["entity_raw"] == "f32 x128"  # no known name in the title: kept
    titled = REPEATED.replace("an index library", "FAISS")
    claims = claims_by_raw(text_claims(titled))
    assert claims["70'100"]["entity_raw"] == "FAISS"
    assert "Vectors: f32 x128" in (claims["70'100"]["conditions"] or "")
