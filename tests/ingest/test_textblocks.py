"""Table-like text that is not a markdown/HTML table: code blocks, flattened tables, bar
charts, ranked lists and stat cards (ingest.codeblocks, flattened, ranked, cards, recovered)."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import pytest
from crosscheck.ingest.blocks import BlockKind
from crosscheck.ingest.flattened import read_flattened
from crosscheck.ingest.html_parser import html_to_blocks
from crosscheck.ingest.parse import parse_snapshot
from crosscheck.ingest.text_parser import text_to_blocks
from crosscheck.ingest.textshapes import read_shape

from crosscheck.contracts import Snapshot
from tests.conftest import SHARED_DIR
from tests.ingest.parsing import parse_file


def _claims(text: str, content_type: str = "text/plain") -> list[dict[str, Any]]:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return parse_snapshot(Snapshot("mem://page", sha, text, content_type, "now")).claims


def _by_raw(claims: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {c["raw_value"]: c for c in claims}


GO_BENCH = """# quickhttp vs stdhttp

stdhttp server:

```
$ GOMAXPROCS=4 go test -bench=Get -benchmem -benchtime=5s
cpu: Test CPU @ 3.10GHz
BenchmarkStdGet1Conn-4      812345      4821 ns/op     3120 B/op     31 allocs/op
BenchmarkStdGet10Conn-4     905511      3377.5 ns/op   2950 B/op     27 allocs/op
```

quickhttp server:

```
$ GOMAXPROCS=4 go test -bench=Get -benchmem
BenchmarkGet1Conn-4        9911002       612 ns/op        0 B/op      0 allocs/op
BenchmarkGet10Conn-4      12000311       488 ns/op        0 B/op      0 allocs/op
```
"""


def test_go_bench_output_gives_per_operation_figures_of_the_captioned_entity() -> None:
    listed = _claims(GO_BENCH)
    assert len(listed) == 12  # 4 lines x (ns/op, B/op, allocs/op); iteration counts are not figures
    claims = _by_raw(listed)
    first = claims["4821 ns/op"]
    assert first["entity_raw"] == "stdhttp"
    assert first["label"] == "ns/op"
    assert first["location_kind"] == "table_cell"
    assert first["conditions"] == "server; GOMAXPROCS=4; BenchmarkStdGet1Conn-4"
    assert claims["3377.5 ns/op"]["row_key"] == claims["2950 B/op"]["row_key"]
    assert claims["612 ns/op"]["entity_raw"] == "quickhttp"
    assert claims["488 ns/op"]["conditions"].endswith("BenchmarkGet10Conn-4")
    raws = " ".join(claims)
    for harness in ("812345", "9911002", "3.10", "5s"):
        assert harness not in raws


def test_tool_summary_lines_in_a_code_block_and_caption_words() -> None:
    text = """# Server shootout

Results for fastsrv:

```
Running 30s test @ http://127.0.0.1:8080/
  8 threads and 256 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   512.40us    0.71ms  10.02ms   91.20%
    Req/Sec    48.10k     6.02k   55.00k    80.10%
Requests/sec: 512034.25
Transfer/sec:    61.2MB
```

All numbers below were taken on one laptop after a warm-up run:

```
Time per request:       42.339 [ms] (mean)
Requests per second:    2361.88 [#/sec] (mean)
```

```yaml
workers: 16
port: 8080
```
"""
    claims = _claims(text)
    got = [(c["entity_raw"], c["label"], c["raw_value"]) for c in claims]
    # wrk (ingest.wrk): every column of the thread stats, the Req/Sec row per thread
    assert got == [
        ("fastsrv", "latency avg", "512.40us"),
        ("fastsrv", "latency stddev", "0.71ms"),
        ("fastsrv", "latency max", "10.02ms"),
        ("fastsrv", "latency share within one stddev", "91.20%"),
        ("fastsrv", "Req/Sec per thread", "48.10k"),
        ("fastsrv", "Req/Sec per thread stddev", "6.02k"),
        ("fastsrv", "Req/Sec per thread max", "55.00k"),
        ("fastsrv", "Req/Sec per thread share within one stddev", "80.10%"),
        ("fastsrv", "Requests/sec", "512034.25"),
        ("fastsrv", "Transfer/sec", "61.2MB"),
        ("Server shootout", "Time per request (mean)", "42.339 [ms]"),
        ("Server shootout", "Requests per second (mean)", "2361.88 [#/sec]"),
    ]
    assert claims[0]["conditions"] == "30s test; 8 threads and 256 connections"


SUB_BENCH = """# quickjson

Legend: small and large inputs, quickjson against stdjson.

```
$ GOMAXPROCS=1 go test -bench=Parse$
goos: linux
BenchmarkParse/small/stdjson-map      \t  200000\t      6969 ns/op\t  27.12 MB/s\t     960 B/op
BenchmarkParse/small/quickjson        \t 3000000\t       424 ns/op\t 444.95 MB/s\t       0 B/op
BenchmarkParse/large/stdjson-map      \t    2000\t    621284 ns/op\t  45.27 MB/s\t  210757 B/op
BenchmarkParse/large/quickjson        \t   30000\t     53548 ns/op\t 525.18 MB/s\t       9 B/op
PASS
```
"""


def test_sub_benchmark_names_carry_the_entity() -> None:
    claims = _claims(SUB_BENCH)
    got = {(c["entity_raw"], c["label"], c["raw_value"]) for c in claims}
    assert ("stdjson-map", "ns/op", "6969 ns/op") in got
    assert ("quickjson", "MB/s", "525.18 MB/s") in got
    assert len(claims) == 12
    first = next(c for c in claims if c["raw_value"] == "6969 ns/op")
    assert first["conditions"] == "GOMAXPROCS=1; BenchmarkParse/small/stdjson-map"


def test_rust_libtest_and_criterion_output() -> None:
    text = """# fastser vs slowser

fastser:

```
test bench_parse_small ... bench:       1,234 ns/iter (+/- 56)
test bench_parse_large ... bench:      98,765 ns/iter (+/- 1,002)
```

slowser:

```
parse small             time:   [26.029 µs 26.251 µs 26.505 µs]
parse large             time:   [812.10 µs 815.20 µs 818.30 µs]
Found 3 outliers among 100 measurements (3.00%)
```
"""
    got = [(c["entity_raw"], c["label"], c["raw_value"], c["conditions"]) for c in _claims(text)]
    assert got == [
        ("fastser", "ns/iter", "1,234 ns/iter", "bench_parse_small"),
        ("fastser", "deviation", "56 ns/iter", "bench_parse_small"),  # '(+/- 56)', as hyperfine's σ
        ("fastser", "ns/iter", "98,765 ns/iter", "bench_parse_large"),
        ("fastser", "deviation", "1,002 ns/iter", "bench_parse_large"),
        ("slowser", "time", "26.251 µs", "parse small"),
        ("slowser", "time", "815.20 µs", "parse large"),
    ]


HYPERFINE = """# quickfind vs find

```
Benchmark 1: quickfind -e txt
  Time (mean ± σ):      20.8 ms ±   1.1 ms    [User: 11.2 ms, System: 31.5 ms]
  Range (min … max):    19.1 ms …  24.9 ms    101 runs

Benchmark 2: find . -name "*.txt"
  Time (mean ± σ):     410.3 ms ±   5.2 ms    [User: 150.2 ms, System: 255.1 ms]
  Range (min … max):   402.0 ms … 420.7 ms    10 runs
```
"""


def test_hyperfine_output_one_row_per_command() -> None:
    got = [
        (c["entity_raw"], c["label"], c["raw_value"], c["conditions"]) for c in _claims(HYPERFINE)
    ]
    assert got == [
        ("quickfind", "mean time", "20.8 ms", "quickfind -e txt"),
        ("quickfind", "stddev time", "1.1 ms", "quickfind -e txt"),  # σ: a spread, labelled so
        ("quickfind", "user CPU time", "11.2 ms", "quickfind -e txt"),
        ("quickfind", "system CPU time", "31.5 ms", "quickfind -e txt"),
        ("quickfind", "min time", "19.1 ms", "quickfind -e txt"),
        ("quickfind", "max time", "24.9 ms", "quickfind -e txt"),
        ("find", "mean time", "410.3 ms", 'find . -name "*.txt"'),
        ("find", "stddev time", "5.2 ms", 'find . -name "*.txt"'),
        ("find", "user CPU time", "150.2 ms", 'find . -name "*.txt"'),
        ("find", "system CPU time", "255.1 ms", 'find . -name "*.txt"'),
        ("find", "min time", "402.0 ms", 'find . -name "*.txt"'),
        ("find", "max time", "420.7 ms", 'find . -name "*.txt"'),
    ]


HYPERFINE_ONE_PROGRAM = """# Direct vs proxied

```
Benchmark 1: kubectl get pods --context remote
  Time (mean ± σ):     763.0 ms ±  24.8 ms    [User: 168.1 ms, System: 45.6 ms]
  Range (min … max):   734.0 ms … 818.9 ms    10 runs

Benchmark 2: kubectl get pods --context remote-proxy
  Time (mean ± σ):     103.6 ms ±   6.2 ms    [User: 94.1 ms, System: 21.8 ms]
  Range (min … max):    93.8 ms … 124.3 ms    30 runs

Summary
  kubectl get pods --context remote-proxy ran
    7.36 ± 0.50 times faster than kubectl get pods --context remote
```
"""


def test_hyperfine_commands_of_one_program_and_the_summary_ratio() -> None:
    # Two commands of one program are two entities (the whole command); the Summary's
    # "N ± e times faster than" is the fastest command's ratio, quoted from both lines.
    claims = _claims(HYPERFINE_ONE_PROGRAM)
    means = [(c["entity_raw"], c["raw_value"]) for c in claims if c["label"] == "mean time"]
    assert means == [
        ("kubectl get pods --context remote", "763.0 ms"),
        ("kubectl get pods --context remote-proxy", "103.6 ms"),
    ]
    (ratio,) = [c for c in claims if c["label"] == "times faster"]
    assert ratio["entity_raw"] == "kubectl get pods --context remote-proxy"
    assert ratio["raw_value"] == "7.36 ± 0.50 times"
    assert ratio["conditions"] == "than kubectl get pods --context remote"
    assert "ran 7.36 ± 0.50 times faster than" in ratio["evidence"]


def test_source_code_config_and_commands_in_code_blocks_yield_no_figures() -> None:
    text = """# Alpha vs Beta

```go
srv := &Server{MaxConns: 4096, Timeout: 30 * time.Second}
for i := 0; i < 100; i++ {
}
```

~~~toml
workers = 16
port = 8080
~~~

```
$ go get -u example.com/alpha@v1.52.0
```

Alpha handles 3,200 requests per second.
"""
    claims = _claims(text)
    assert [c["raw_value"] for c in claims] == ["3,200 requests per second"]


def test_indented_code_blocks_tool_output_and_source() -> None:
    text = """# quickhttp vs slowhttp

quickhttp client:

    BenchmarkGet-8      5000000      240 ns/op      0 B/op      0 allocs/op
    BenchmarkPost-8     4000000      310 ns/op     16 B/op      1 allocs/op

Example:

    srv := quickhttp.New(quickhttp.Config{Port: 8080});
    for i := 0; i < 10; i++ {
    }

quickhttp answers in 12 ms.
"""
    got = [(c["entity_raw"], c["raw_value"]) for c in _claims(text)]
    assert got[:6] == [
        ("quickhttp", "240 ns/op"),
        ("quickhttp", "0 B/op"),
        ("quickhttp", "0 allocs/op"),
        ("quickhttp", "310 ns/op"),
        ("quickhttp", "16 B/op"),
        ("quickhttp", "1 allocs/op"),
    ]
    assert [raw for _, raw in got[6:]] == ["12 ms"]


def test_unfenced_source_code_yields_no_figures() -> None:
    text = """Alpha vs Beta

Alpha answers in 12 ms.

import Chart from 'chart';
const bars = [
    { name: 'Alpha', width: 70, // % width
      height: 100 },
];
export default bars;
"""
    assert [c["raw_value"] for c in _claims(text)] == ["12 ms"]


def test_unfenced_config_and_script_lines_yield_no_figures() -> None:
    text = """Alpha vs Beta

Alpha answers in 12 ms.

[deps]
python = "^3.9"
numpy = "^1.19"
counter = counter + 1
end
"""
    assert [c["raw_value"] for c in _claims(text)] == ["12 ms"]


FIXED_WIDTH = """# Codec benchmark

```
                          ENCODE            DECODE
==== fastcodec ===== small|large ===== small|large ====
input/a.bin        210 MB/s   190 MB/s   640 MB/s   610 MB/s
input/b.bin        205 MB/s   188 MB/s   655 MB/s   590 MB/s

==== slowcodec ===== small|large ===== small|large ====
input/a.bin         90 MB/s    85 MB/s   300 MB/s
input/b.bin         88 MB/s    80 MB/s   310 MB/s
```
"""


def test_fixed_width_code_table_keeps_columns_and_missing_cells() -> None:
    tables = [b for b in text_to_blocks(FIXED_WIDTH) if b.kind is BlockKind.TABLE]
    assert [t.caption for t in tables] == ["fastcodec", "slowcodec"]
    assert tables[0].header == ["", "ENCODE small", "ENCODE large", "DECODE small", "DECODE large"]
    assert tables[1].header == tables[0].header  # the group line holds for the next section
    assert tables[1].rows[0] == ["input/a.bin", "90 MB/s", "85 MB/s", "300 MB/s", ""]
    claims = _claims(FIXED_WIDTH)
    slow = [c for c in claims if c["entity_raw"] == "slowcodec"]
    assert len(slow) == 6 and len(claims) == 14
    decode_small = next(c for c in slow if c["raw_value"] == "300 MB/s")
    assert decode_small["label"] == "DECODE small"
    assert decode_small["conditions"] == "input/a.bin"


def test_flattened_pipe_table_with_a_header_broken_over_lines() -> None:
    text = """Query times

Engine | Queries | Total time
of all queries | Time
per query
Alpha 2.1 | 17 | 0,071 | 0,0042
Beta 4.4 | 21* | 0,1288 | 0,0061
Feature | Alpha | Beta
Replication | Yes | No
"""
    tables = [b for b in text_to_blocks(text) if b.kind is BlockKind.TABLE]
    assert len(tables) == 2
    first, second = tables
    assert first.origin == "flattened"
    assert first.header == ["Engine", "Queries", "Total time of all queries", "Time per query"]
    assert first.rows == [
        ["Alpha 2.1", "17", "0,071", "0,0042"],
        ["Beta 4.4", "21*", "0,1288", "0,0061"],
    ]
    assert second.header == ["Feature", "Alpha", "Beta"]
    assert second.rows == [["Replication", "Yes", "No"]]


def test_markdown_table_without_outer_pipes_is_left_to_the_markdown_reader() -> None:
    lines = ["Load | |", "---|---|", "Alpha | 97% |", "Beta | 90% |"]
    assert read_flattened(lines, 0, 1) is None
    assert read_shape(lines, 0, 1) is None  # nor as one cell per line ('Load | |' ends in '|')


def test_one_cell_per_line_table_with_pipe_ends_and_a_glued_paragraph() -> None:
    paragraph = "We measured two engines on the same virtual machine, " * 2
    text = f"""Alpha vs Beta

{paragraph}|
Test |
Alpha 1.2 |
Beta 3.4
(fast mode) |
T1: insert rows |
Time in ms |
254.6 |
6860.1 |
|
Score
1 - (X / 500) |
49.07% |
-1272.02% |
T2: read rows |
Time in ms |
2995.4 |
19320.9 |
|
Score
1 - (X / 4000) |
25.12% |
-383.02% |
T3: read one row |
Time in ms |
222.5"""
    blocks = text_to_blocks(text)
    tables = [b for b in blocks if b.kind is BlockKind.TABLE]
    assert len(tables) == 1
    table = tables[0]
    assert table.header == ["", "Test", "Alpha 1.2", "Beta 3.4 (fast mode)"]
    assert table.rows[0] == ["T1: insert rows", "Time in ms", "254.6", "6860.1"]
    assert table.rows[1] == ["", "Score 1 - (X / 500)", "49.07%", "-1272.02%"]
    assert table.rows[-1] == ["T3: read one row", "Time in ms", "", ""]  # the cut-off value
    assert any(b.kind is BlockKind.LINE and b.text.startswith("We measured") for b in blocks)


def test_one_cell_per_line_table_under_a_line_of_names() -> None:
    text = """Throughput and latency

  Alpha Beta Gamma
(Mirrored)
Peak Throughput
(MB/s)
605
MB/s
305
MB/s
38
MB/s
p99 Latency
(ms)
5 ms
(200 MB/s load)
25 ms
(200 MB/s load)
1 ms*
(reduced 30 MB/s load)

Gamma degrades above 30 MB/s.
"""
    tables = [b for b in text_to_blocks(text) if b.kind is BlockKind.TABLE]
    assert len(tables) == 1
    assert tables[0].header == ["", "Alpha", "Beta", "Gamma (Mirrored)"]
    assert tables[0].rows == [
        ["Peak Throughput (MB/s)", "605\nMB/s", "305\nMB/s", "38\nMB/s"],
        [
            "p99 Latency (ms)",
            "5 ms\n(200 MB/s load)",
            "25 ms\n(200 MB/s load)",
            "1 ms*\n(reduced 30 MB/s load)",
        ],
    ]


def test_tab_and_space_aligned_tables_outside_code_blocks() -> None:
    tabbed = "Results\n\nEngine\tQPS\tp99\nAlpha\t48 210\t3.1 ms\nBeta\t9 870\t12 ms\n"
    spaced = "Results\n\nEngine      QPS       p99\nAlpha    48 210    3.1 ms\n"
    spaced += "Beta      9 870     12 ms\n"
    for text in (tabbed, spaced):
        tables = [b for b in text_to_blocks(text) if b.kind is BlockKind.TABLE]
        assert len(tables) == 1, text
        assert tables[0].header == ["Engine", "QPS", "p99"]
        assert tables[0].rows == [["Alpha", "48 210", "3.1 ms"], ["Beta", "9 870", "12 ms"]]


def test_name_value_lines_and_double_spaced_prose_stay_prose() -> None:
    text = "Alpha vs Beta\n\nAlpha (tuned):  88,200 req/s\nBeta (default):  11,100 req/s\n"
    text += "Alpha is fast.  Beta is not.\nBoth ran twice.  We kept the best.\n"
    assert not [b for b in text_to_blocks(text) if b.kind is BlockKind.TABLE]


def test_a_single_line_with_a_pipe_is_not_a_table() -> None:
    text = "Alpha vs Beta\n\nWhy Alpha is 10x faster | Read more\n\nAlpha serves 900 rps.\n"
    assert not [b for b in text_to_blocks(text) if b.kind is BlockKind.TABLE]


BAR_CHART = """Alpha vs Beta vs Gamma

Encode Speed (GB/s)
+----------------------------------+
| Alpha Fast ############ 12.5 |
| Beta ######## 8.25 |
| Gamma # 0.9 |
+----------------------------------+
"""


def test_ascii_bar_chart_gives_one_figure_per_bar() -> None:
    claims = _claims(BAR_CHART)
    assert [(c["entity_raw"], c["raw_value"]) for c in claims] == [
        ("Alpha", "12.5"),  # 'Alpha Fast': a mode of Alpha, kept as a condition
        ("Beta", "8.25"),
        ("Gamma", "0.9"),
    ]
    assert {c["label"] for c in claims} == {"Encode Speed"}
    assert {c["unit_hint"] for c in claims} == {"GB/s"}
    assert "entities as rows" in claims[0]["locator"]
    assert claims[0]["conditions"] == "Fast"


def test_bar_chart_in_a_code_block() -> None:
    text = "Alpha vs Beta\n\nCold start (ms):\n\n```\n"
    text += "Alpha  ████████████ 120 ms\nBeta   ████ 40 ms\n```\n"
    got = [(c["entity_raw"], c["label"], c["unit_hint"], c["raw_value"]) for c in _claims(text)]
    assert got == [("Alpha", "Cold start", "ms", "120 ms"), ("Beta", "Cold start", "ms", "40 ms")]


def test_csv_in_a_code_block() -> None:
    text = "Results\n\n```csv\nlibrary,ops/sec,p99 (ms)\nalpha,12000,3.1\nbeta,9000,4.5\n```\n"
    tables = [b for b in text_to_blocks(text) if b.kind is BlockKind.TABLE]
    assert len(tables) == 1
    assert tables[0].header == ["library", "ops/sec", "p99 (ms)"]
    assert tables[0].rows == [["alpha", "12000", "3.1"], ["beta", "9000", "4.5"]]
    calls = "Code\n\n```\nfoo(1, 2)\nbar(3, 4)\nbaz(5, 6)\n```\n"
    assert not [b for b in text_to_blocks(calls) if b.kind is BlockKind.TABLE]


def test_bar_of_an_entity_mode_keeps_the_mode_as_condition() -> None:
    text = "Alpha vs Beta\n\nSpeed (GB/s)\n| Alpha Block ######## 36.6 |\n"
    text += "| Alpha Frame #### 4.8 |\n"
    got = [(c["entity_raw"], c["raw_value"], c["conditions"]) for c in _claims(text)]
    assert got == [("Alpha", "36.6", "Block"), ("Alpha", "4.8", "Frame")]


PSQL = """x

```
 library | ops/s  | p99 (ms)
---------+--------+---------
 alpha   | 12,000 | 3.1
 beta    |  9,000 | 4.5
(2 rows)
```
"""

BOXED = """x

```
┌─────────┬────────┐
│ Library │ ops/s  │
├─────────┼────────┤
│ alpha   │ 12,000 │
│ beta    │  9,000 │
└─────────┴────────┘
```
"""


def test_tables_drawn_with_borders_in_code_blocks() -> None:
    psql = [b for b in text_to_blocks(PSQL) if b.kind is BlockKind.TABLE]
    assert [(t.header, t.rows) for t in psql] == [
        (["library", "ops/s", "p99 (ms)"], [["alpha", "12,000", "3.1"], ["beta", "9,000", "4.5"]])
    ]
    boxed = [b for b in text_to_blocks(BOXED) if b.kind is BlockKind.TABLE]
    assert [(t.header, t.rows) for t in boxed] == [
        (["Library", "ops/s"], [["alpha", "12,000"], ["beta", "9,000"]])
    ]
    code = "x\n\n```\nif a | b {\n  c | d\n}\nx || y\n```\n"
    assert not [b for b in text_to_blocks(code) if b.kind is BlockKind.TABLE]


def test_ranked_list_with_space_thousands_and_decimal_commas() -> None:
    text = """Classement

Moteurs

#1 Alpha 3.2 1,4 ms
41 250
#2 Beta 1.0 2,75 ms
18 007
#3 Gamma Server 5.1 3,9 ms
9 120
"""
    claims = _claims(text)
    values = [(c["entity_raw"], c["raw_value"]) for c in claims]
    assert values == [
        ("Alpha 3.2", "1,4 ms"),
        ("Alpha 3.2", "41 250"),
        ("Beta 1.0", "2,75 ms"),
        ("Beta 1.0", "18 007"),
        ("Gamma Server 5.1", "3,9 ms"),
        ("Gamma Server 5.1", "9 120"),
    ]
    assert {c["conditions"] for c in claims} == {"Moteurs"}


def test_numbered_steps_with_mixed_units_are_not_a_ranked_list() -> None:
    for text in (
        "Setup\n\n1. Install 3 packages\n2. Wait 10 minutes\n",
        "Setup\n\n1. Install Node 18\n2. Upgrade npm 9\n",
    ):
        assert not [b for b in text_to_blocks(text) if b.kind is BlockKind.TABLE]


def test_numbered_leaderboard_with_dotted_leaders() -> None:
    text = "Most starred\n\n1. Alpha .......... 54 210 stars\n2. Beta — 12 345 stars\n"
    tables = [b for b in text_to_blocks(text) if b.kind is BlockKind.TABLE]
    assert len(tables) == 1
    assert tables[0].rows == [["Alpha", "54 210 stars"], ["Beta", "12 345 stars"]]


def test_stat_cards_value_above_unit_under_entity_headings() -> None:
    text = """Runtime showdown

Throughput

Alpha 1.5

185k
req/sec

Beta 23

110k
req/sec
"""
    claims = _claims(text)
    got = {(c["entity_raw"], c["raw_value"], c["label"], c["unit_hint"]) for c in claims}
    assert got == {
        ("Alpha 1.5", "185k", "req/sec", "req/sec"),
        ("Beta 23", "110k", "req/sec", "req/sec"),
    }
    assert {c["location_kind"] for c in claims} == {"card"}


def test_stat_cards_without_names_follow_the_page_entity_order() -> None:
    text = """Alpha vs Beta
Weekly
77.1M
Growth
+40%
Weekly
8.9M
Growth
+11%
"""
    claims = _claims(text)
    got = [(c["entity_raw"], c["label"], c["raw_value"]) for c in claims]
    assert sorted(got) == sorted(
        [
            ("Alpha", "Weekly", "77.1M"),
            ("Alpha", "Growth", "+40%"),
            ("Beta", "Weekly", "8.9M"),
            ("Beta", "Growth", "+11%"),
        ]
    )


def test_stat_list_names_head_their_values() -> None:
    text = """Benchmarks

How each framework did on our hello-world test, all on one machine and one run of it:

Alpha

48020 req/sec (See the code)

66.9%

Beta

36293 req/sec (See the code)

50.5%

Gamma

10147 req/sec (See the code)

14.1%
"""
    claims = _claims(text)
    got = {(c["entity_raw"], c["label"], c["raw_value"], c["conditions"]) for c in claims}
    assert got == {
        ("Alpha", "req/sec", "48020 req/sec", "(See the code)"),
        ("Alpha", "unlabelled value", "66.9%", None),
        ("Beta", "req/sec", "36293 req/sec", "(See the code)"),
        ("Beta", "unlabelled value", "50.5%", None),
        ("Gamma", "req/sec", "10147 req/sec", "(See the code)"),
        ("Gamma", "unlabelled value", "14.1%", None),
    }


def test_html_stat_cards_value_above_label_under_entity_headings() -> None:
    stat = '<div class="stat"><span>{v}</span><span>{k}</span></div>'
    cards = "".join(stat.format(v=v, k=k) for v, k in (("54.2k", "Stars"), ("1,240", "Forks")))
    other = "".join(stat.format(v=v, k=k) for v, k in (("31.5k", "Stars"), ("980", "Forks")))
    html = (
        "<html><head><title>Alpha vs Beta</title></head><body>"
        f'<h3>Alpha</h3><div class="stats">{cards}</div>'
        f'<h3>Beta</h3><div class="stats">{other}</div></body></html>'
    )
    got = {
        (c["entity_raw"], c["label"], c["raw_value"], c["location_kind"])
        for c in _claims(html, "text/html")
    }
    assert got == {
        ("Alpha", "Stars", "54.2k", "card"),
        ("Alpha", "Forks", "1,240", "card"),
        ("Beta", "Stars", "31.5k", "card"),
        ("Beta", "Forks", "980", "card"),
    }


def test_label_colon_value_cards_and_entity_colon_value_lines() -> None:
    text = """Alpha vs Beta

Alpha
Stars: 54.2k
Forks: 1,240
Beta
Stars: 31.5k
Forks: 980

Schema-validated responses

Alpha (with schema):  88,200 req/s
Beta (with validation):  11,100 req/s
Beta (no validation):  14,800 req/s
"""
    got = {(c["entity_raw"], c["label"], c["raw_value"], c["conditions"]) for c in _claims(text)}
    assert got == {
        ("Alpha", "Stars", "54.2k", None),
        ("Alpha", "Forks", "1,240", None),
        ("Beta", "Stars", "31.5k", None),
        ("Beta", "Forks", "980", None),
        ("Alpha", "req/s", "88,200 req/s", "Schema-validated responses; with schema"),
        ("Beta", "req/s", "11,100 req/s", "Schema-validated responses; with validation"),
        ("Beta", "req/s", "14,800 req/s", "Schema-validated responses; no validation"),
    }


def test_pipe_joined_labelled_figures_are_not_a_table() -> None:
    text = "Alpha vs Beta\n\nAlpha 4.x:  92,400 req/s  |  avg: 1.1ms\n"
    text += "Beta 4.x:  14,800 req/s  |  avg: 6.8ms\n"
    assert not [b for b in text_to_blocks(text) if b.kind is BlockKind.TABLE]


def test_name_value_stat_lines_under_a_title() -> None:
    text = "Alpha vs Beta\n\nCold start\n\nAlpha 8ms\nBeta 40ms\n\nAlpha 2.0\n"
    got = {(c["entity_raw"], c["label"], c["raw_value"]) for c in _claims(text)}
    assert got == {("Alpha", "Cold start", "8ms"), ("Beta", "Cold start", "40ms")}


def test_card_headings_with_a_variant_alternate() -> None:
    text = "Alpha vs Beta\nAlpha\nBeta XL 40GB\nTDP\n350W\nTDP\n400W\nBench N/A\n0%\n"
    got = {(c["entity_raw"], c["label"], c["raw_value"]) for c in _claims(text)}
    assert got == {("Alpha", "TDP", "350W"), ("Beta XL 40GB", "TDP", "400W")}


def test_a_ratio_on_a_card_is_a_comparison() -> None:
    text = "Alpha vs Beta\nSpeedup\n2.5x\nStars\n54.2k\n"
    got = {
        (c["entity_raw"], c["counterpart_raw"], c["raw_value"], c["role"]) for c in _claims(text)
    }
    assert got == {("Alpha", "Beta", "2.5x", "ratio"), ("Alpha", None, "54.2k", "value")}


def test_alternating_cards_and_placeholders() -> None:
    text = """Alpha vs Beta
Alpha
Beta
FP32
51.5 TFLOPS
FP32
19.5 TFLOPS
Bench X N/A
0%
Bench X N/A
0%
FP16
102.4 TFLOPS
410.5 TFLOPS Tensor
FP16
78.0 TFLOPS
"""
    claims = _claims(text)
    got = {(c["entity_raw"], c["label"], c["raw_value"], c["conditions"]) for c in claims}
    assert got == {
        ("Alpha", "FP32", "51.5 TFLOPS", None),
        ("Beta", "FP32", "19.5 TFLOPS", None),
        ("Alpha", "FP16", "102.4 TFLOPS", None),
        ("Alpha", "FP16", "410.5 TFLOPS", "Tensor"),
        ("Beta", "FP16", "78.0 TFLOPS", None),
    }


def test_html_pre_is_read_as_a_code_block() -> None:
    html = (
        "<html><head><title>fastlib vs slowlib</title></head><body><p>fastlib client:</p>"
        "<pre>$ GOMAXPROCS=2 go test -bench=.\n"
        "BenchmarkGet-2   100   250 ns/op   16 B/op   1 allocs/op\n"
        "BenchmarkPut-2   100   310 ns/op   32 B/op   2 allocs/op\n</pre>"
        "<pre>x := 42\nfor i := 0; i &lt; 10; i++ {\n}</pre></body></html>"
    )
    _, blocks = html_to_blocks(html)
    tables = [b for b in blocks if b.kind is BlockKind.TABLE]
    assert len(tables) == 1 and tables[0].caption == "fastlib client:"
    claims = _claims(html, "text/html")
    assert {c["entity_raw"] for c in claims} == {"fastlib"}
    assert sorted(c["raw_value"] for c in claims) == sorted(
        ["250 ns/op", "16 B/op", "1 allocs/op", "310 ns/op", "32 B/op", "2 allocs/op"]
    )


# ------------------------------------------------------------------ the real pages (../shared)

REAL_PAGES = SHARED_DIR / "real-pages"
needs_real_pages = pytest.mark.skipif(
    not (REAL_PAGES / "key.json").exists(), reason="../shared/real-pages is not beside the checkout"
)


def _real(name: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    key = json.loads((REAL_PAGES / "key.json").read_text(encoding="utf-8"))["pages"][name]
    return parse_file(REAL_PAGES / name).claims, key


def _value_text(figure: dict[str, Any]) -> str:
    match = re.search(r"value ([^;]+)", figure.get("qualifier") or "")
    return match.group(1).strip() if match else figure["raw"]


@needs_real_pages
def test_real_go_bench_page_every_benchmark_figure_on_its_entity() -> None:
    claims, key = _real("10_fasthttp_readme.md")
    have = {(c["entity_raw"], c["raw_value"], c["label"]) for c in claims}
    bench = [f for f in key["figures"] if f["label"].endswith("/op")]
    assert len(bench) == 201
    missing = [f for f in bench if (f["entity"], f["raw"], f["label"]) not in have]
    assert not missing
    raws = {c["raw_value"] for c in claims}
    assert "722565" not in raws and not any("benchtime" in r for r in raws)


@needs_real_pages
def test_real_fixed_width_code_tables_with_a_missing_cell() -> None:
    claims, key = _real("31_serde_json_benchmark_readme.md")
    have = {(c["entity_raw"], c["raw_value"], c["label"]) for c in claims}
    missing = [f for f in key["figures"] if (f["entity"], _value_text(f), f["label"]) not in have]
    recovered = [c for c in claims if c["locator"].startswith("code block")]
    assert not missing and len(recovered) == len(key["figures"])


@needs_real_pages
def test_real_ranked_lists_bar_charts_and_cards() -> None:
    ranked, key = _real("19_phpbenchmarks_rest_api_fr.txt")
    listed = [f for f in key["figures"] if "rank #" in (f.get("qualifier") or "")]
    for figure in listed:
        value = _value_text(figure)
        assert any(
            c["raw_value"] == value and c["entity_raw"].startswith(figure["entity"]) for c in ranked
        ), figure
    bars, key = _real("35_compressionz_codecs_overview.txt")
    charted = [f for f in key["figures"] if "bar chart" in f["qualifier"]]
    got = {
        (c["entity_raw"].split()[0], c["raw_value"]) for c in bars if "bar chart" in c["locator"]
    }
    assert {(f["entity"], _value_text(f).split()[0]) for f in charted} == got
    cards, key = _real("15_outlinedev_node_bun_deno_showdown.txt")
    card_claims = [c for c in cards if c["location_kind"] == "card"]
    assert {(c["entity_raw"].split()[0], c["raw_value"]) for c in card_claims} == {
        (f["entity"], f["raw"].split()[-1])
        for f in key["figures"]  # '185k', 'Bun 8ms'
    }
    assert not [c for c in cards if "70" in c["raw_value"] or "100" in c["raw_value"]]


@needs_real_pages
def test_real_alternating_stat_cards_skip_placeholders() -> None:
    claims, key = _real("39_hmctech_h100_vs_a100_sxm40.txt")
    cards = [c for c in claims if c["location_kind"] == "card"]
    assert not [c for c in cards if c["raw_value"] == "0%"]  # "N/A" then "0%" placeholders
    order = {"H100": "NVIDIA H100", "A100": "NVIDIA A100 SXM 40GB"}
    right = 0
    for figure in key["figures"]:
        value = figure["raw"].split("\n")[-1] if figure["raw"][0].isalpha() else figure["raw"]
        line = value.split("\n")[0]
        hits = [
            c for c in cards if line.startswith(c["raw_value"]) and c["raw_value"][-1].isalpha()
        ]
        right += any(c["entity_raw"] == order[figure["entity"]] for c in hits)
    assert right >= 40  # of 51: cards the page leaves empty ("-") cannot be told apart


@needs_real_pages
def test_real_one_cell_per_line_tables_and_stat_lists() -> None:
    for name in (
        "17_developpez_postgresql_vs_mysql.txt",
        "24_confluent_kafka_pulsar_rabbitmq.txt",
        "26_copy_of_kafka_pulsar_rabbitmq_benchmark.txt",
        "02_fastify_site_benchmarks.txt",
    ):
        claims, key = _real(name)
        for figure in key["figures"]:
            number = re.match(r"-?[\d.,]+", figure["raw"])
            assert number, figure
            hits = [
                c
                for c in claims
                if c["raw_value"].startswith(number.group())
                and c["entity_raw"].split()[0] == figure["entity"]
            ]
            assert hits, (name, figure["raw"])


def test_a_card_with_several_values_shows_the_values_above_a_later_one() -> None:
    # a spec card of our own: the dense rate, then the sparse one under one name line
    text = """Orca 7 vs Kite 3
Orca 7
Kite 3
FP16
120.5 TFLOPS Tensor
241.0 TFLOPS Tensor Sparse
FP16
80.25 TFLOPS Tensor
160.5 TFLOPS Tensor Sparse
"""
    claims = _by_raw(_claims(text))
    dense, sparse = claims["120.5 TFLOPS"], claims["241.0 TFLOPS"]
    assert dense["label"] == sparse["label"] == "FP16"
    assert "FP16" in dense["evidence"] and "241.0" not in dense["evidence"]
    assert sparse["evidence"] == "FP16: 120.5 TFLOPS Tensor\n241.0 TFLOPS Tensor Sparse"
    assert (
        claims["160.5 TFLOPS"]["evidence"]
        == "FP16: 80.25 TFLOPS Tensor\n160.5 TFLOPS Tensor Sparse"
    )
