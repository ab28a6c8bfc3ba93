"""Benchmark-tool output as READMEs paste it: BenchmarkDotNet and pytest-benchmark tables,
criterion lines with wrapped names (ingest.benchout, tables, table_orientation)."""

from __future__ import annotations

from crosscheck.normalize.label_units import effective_hint
from crosscheck.normalize.quantity import parse_quantity, read_quantity
from crosscheck.normalize.quantity_lex import Failure
from crosscheck.normalize.vocabulary import default_vocabulary

from tests.ingest.parsing import text_claims

BDN = """# Mocking libraries compared

| Method | Mean | Error | StdDev | Allocated |
|--------|------|-------|--------|-----------|
| **Quickmock** | 466.6 ns | 124.67 ns | 6.83 ns | 224 B |
| Slowmock | 1,756.0 ns | 418.56 ns | 22.94 ns | 944 B |
| 'Quickmock (String)' | 324.4 ns | 88.45 ns | 4.85 ns | 160 B |
"""


def test_benchmarkdotnet_table_quoted_names() -> None:
    claims = text_claims(BDN)
    got = {(c["entity_raw"], c["label"], c["raw_value"]) for c in claims}
    assert ("Quickmock (String)", "Mean", "324.4 ns") in got  # quotes off the method name
    assert ("Slowmock", "Allocated", "944 B") in got


def test_a_b_under_a_memory_label_is_a_byte_not_a_billion() -> None:
    allocated = parse_quantity("224 B", effective_hint(None, "Allocated"))
    assert (allocated.low, allocated.unit) == (224.0, "B")
    assert parse_quantity("16", effective_hint(None, "Memory")).unit == "count"  # bare: no unit
    assert parse_quantity("224 B", effective_hint(None, "Revenue")).low == 224e9


PYTEST_BENCHMARK = """# Singleton vs SingletonABC

| Name | Min (ns) | Max (ns) | Mean (ns) | StdDev (ns) | OPS (Mops/s) | Rounds |
| ---- | -------- | -------- | --------- | ----------- | ------------ | ------ |
| test_singleton_performance | 493.0189 | 29,423.0122 | 566.5408 | 424.3932 | 1.7651 | 114969 |
"""


def test_pytest_benchmark_row_is_the_test_not_a_metric() -> None:
    claims = text_claims(PYTEST_BENCHMARK)
    assert {c["entity_raw"] for c in claims} == {"test_singleton_performance"}
    assert [c["label"] for c in claims][:3] == ["Min", "Max", "Mean"]
    ops = next(c for c in claims if c["label"] == "OPS")
    assert ops["unit_hint"] == "Mops/s"
    assert parse_quantity(ops["raw_value"], effective_hint(ops["unit_hint"], ops["label"])).low == (
        1765100.0
    )


CRITERION = """# Hex encoders

```
fastlib::encode         time:   [7.7683 µs 7.8169 µs 7.8819 µs]
                        change: [+3.7564% +4.6695% +5.6205%] (p = 0.00 < 0.05)
slowlib::encode_to_string
                        time:   [56.832 µs 57.056 µs 57.258 µs]
fastlib::decode         time:   [16.136 µs 16.211 µs 16.324 µs]
slowlib::decode         time:   [105.65 µs 106.15 µs 106.65 µs]
```

```
alpha_parse             time:   [1.6484 µs 1.6730 µs 1.7062 µs]
alpha_parse_long        time:   [16.631 µs 16.912 µs 17.265 µs]
beta_parse              time:   [420.42 ns 423.97 ns 428.22 ns]
beta_parse_long         time:   [3.7042 µs 3.7315 µs 3.7676 µs]
```
"""


def test_criterion_wrapped_names_and_the_implementation_in_the_name() -> None:
    got = [(c["entity_raw"], c["raw_value"], c["conditions"]) for c in text_claims(CRITERION)]
    assert got == [
        ("fastlib", "7.8169 µs", "fastlib::encode"),
        ("slowlib", "57.056 µs", "slowlib::encode_to_string"),
        ("fastlib", "16.211 µs", "fastlib::decode"),
        ("slowlib", "106.15 µs", "slowlib::decode"),
        ("alpha", "1.6730 µs", "alpha_parse"),
        ("alpha", "16.912 µs", "alpha_parse_long"),
        ("beta", "423.97 ns", "beta_parse"),
        ("beta", "3.7315 µs", "beta_parse_long"),
    ]


WRK = """# Collectors compared

### ZGC

https://reports.example.org/zgc-run

```
Running 30s test @ http://10.0.0.2:8088/api/hello
  4 threads and 100 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    24.52ms   36.39ms 662.64ms   93.87%
    Req/Sec     1.44k   484.62     2.88k    65.46%
  Latency Distribution
     50%   14.73ms
     99%  214.12ms
  170057 requests in 30.01s, 20.30MB read
Requests/sec:   5666.07
Transfer/sec:    692.68KB
```
"""


def test_wrk_output_is_the_heading_entity_figures_with_a_transfer_rate() -> None:
    # the report link between the heading and the block is no caption; every column of the
    # thread stats is a figure (the per-thread Req/Sec row labelled so), and the totals line
    claims = text_claims(WRK)
    got = [(c["entity_raw"], c["label"], c["raw_value"]) for c in claims]
    assert got == [
        ("ZGC", "latency avg", "24.52ms"),
        ("ZGC", "latency stddev", "36.39ms"),
        ("ZGC", "latency max", "662.64ms"),
        ("ZGC", "latency share within one stddev", "93.87%"),
        ("ZGC", "Req/Sec per thread", "1.44k"),
        ("ZGC", "Req/Sec per thread stddev", "484.62"),
        ("ZGC", "Req/Sec per thread max", "2.88k"),
        ("ZGC", "Req/Sec per thread share within one stddev", "65.46%"),
        ("ZGC", "latency p50", "14.73ms"),
        ("ZGC", "latency p99", "214.12ms"),
        ("ZGC", "total requests", "170057"),
        ("ZGC", "total data read", "20.30MB"),
        ("ZGC", "Requests/sec", "5666.07"),
        ("ZGC", "Transfer/sec", "692.68KB"),
    ]
    transfer = claims[-1]
    rate = parse_quantity(transfer["raw_value"], transfer["unit_hint"])
    assert (rate.low, rate.unit) == (692680.0, "B/s")
    assert "4 threads and 100 connections" in transfer["conditions"]
    assert "Requests/sec: 5666.07" in transfer["evidence"]  # the output as printed


def test_wrk_columns_map_to_their_own_metrics() -> None:
    # a deviation is never the mean's figure, the per-thread rate never the run's total, and
    # the '+/- Stdev' share is a percent of its own
    vocabulary = default_vocabulary()
    assert vocabulary.match_label("latency stddev", None, "time").qualifier == "stddev"
    assert vocabulary.match_label("latency avg", None, "time").qualifier == "average"
    share = vocabulary.match_label("latency share within one stddev", None, "percent")
    assert (share.metric, share.qualifier) == ("stddev_share", "latency")
    rate = vocabulary.match_label("Req/Sec per thread", None, "rate")
    assert (rate.metric, rate.qualifier) == ("throughput", "per thread")
    spread = vocabulary.match_label("Req/Sec per thread stddev", None, "rate")
    assert (spread.metric, spread.qualifier) == ("throughput", "per thread stddev")
    assert vocabulary.match_label("Requests/sec", None, "rate").qualifier == ""


JMH = """Validators timed with JMH.

```
Benchmark                                   Mode  Cnt     Score    Error  Units
ValidateBench.measureDraft_7_Quick          avgt   20     0.508 ±  0.005  ms/op
ValidateBench.measureDraft_7_Slow           avgt   20    76.627 ±  6.336  ms/op
ValidateBench.measureDraft_6_Quick          avgt   20     0.400 ±  0.003  ms/op
ValidateBench.measureDraft_6_Slow           avgt   20    78.241 ±  6.515  ms/op
```
"""


def test_jmh_rows_score_in_its_unit_and_the_implementation_the_name_ends_with() -> None:
    claims = text_claims(JMH)
    got = [(c["entity_raw"], c["raw_value"], c["unit_hint"], c["conditions"]) for c in claims]
    assert got == [
        ("Quick", "0.508", "ms/op", "measureDraft_7_Quick; avgt"),
        ("Slow", "76.627", "ms/op", "measureDraft_7_Slow; avgt"),
        ("Quick", "0.400", "ms/op", "measureDraft_6_Quick; avgt"),
        ("Slow", "78.241", "ms/op", "measureDraft_6_Slow; avgt"),
    ]  # the sample count (Cnt) and the error are no figures


SCENARIOS = """# A mediator library

| Scenario | Execution Time | Heap Allocations (Sync Path) |
|---|---:|---:|
| **Direct Handler Call (Baseline)** | `1.12 ns` | **0 B** |
| **Fastmediator (1 Behavior)** | `3.45 ns` | **0 B** |
| **Slowmediator (1 Behavior)** | `58.20 ns` | `112 B` |
"""


def test_a_scenario_corner_over_names_with_metric_columns_names_the_rows() -> None:
    # unlike 'Scenario | Stock (median) | Patched (median)', whose columns are the entities
    got = [(c["entity_raw"], c["label"], c["raw_value"]) for c in text_claims(SCENARIOS)]
    assert ("Slowmediator (1 Behavior)", "Execution Time", "58.20 ns") in got
    assert ("Slowmediator (1 Behavior)", "Heap Allocations (Sync Path)", "112 B") in got
    assert not any(entity == "Execution Time" for entity, _, _ in got)


def test_outlier_counts_glued_by_a_semicolon_are_no_figure() -> None:
    # pytest-benchmark's Outliers column writes 'mild;severe' counts
    assert isinstance(read_quantity("2081;8156", None), Failure)
    assert read_quantity("3;4 ms", None).low == 3.0  # a spaced or unit-bearing text reads as before


BARE_GO_BENCH = """```
$ go test -bench=. -benchmem -cpu=1,4
goos: linux
BenchmarkBlake3         3100200     388.1 ns/op     0 B/op     0 allocs/op
BenchmarkBlake3-4       3251877     371.9 ns/op     0 B/op     0 allocs/op
BenchmarkScrypt              71    16204113 ns/op    16781472 B/op    23 allocs/op
BenchmarkScrypt-4           140     8398610 ns/op    16781510 B/op    23 allocs/op
```
"""

TITLED_GO_BENCH = """# fastcsv vs encoding/csv

```
BenchmarkRead-4       5000     241003 ns/op     4096 B/op     12 allocs/op
BenchmarkWrite-4      9000     130552 ns/op     2048 B/op      6 allocs/op
```
"""


def test_bare_go_bench_output_names_each_row_by_its_benchmark() -> None:
    """No title, no caption: the rows' own names are the subjects, GOMAXPROCS each condition
    (go omits '-1'); nothing is left without an entity."""
    claims = text_claims(BARE_GO_BENCH)
    got = {(c["entity_raw"], c["raw_value"], c["conditions"]) for c in claims}
    assert ("Blake3", "388.1 ns/op", "GOMAXPROCS=1") in got
    assert ("Scrypt", "8398610 ns/op", "GOMAXPROCS=4") in got
    assert {c["entity_raw"] for c in claims} == {"Blake3", "Scrypt"}


def test_go_bench_under_a_titled_page_stays_the_page_entity() -> None:
    """Operations named by the benchmarks (Read, Write) are conditions of the page's library."""
    claims = text_claims(TITLED_GO_BENCH)
    entities = {c["entity_raw"] for c in claims}
    assert claims and len(entities) == 1 and entities < {"fastcsv", "encoding/csv"}
