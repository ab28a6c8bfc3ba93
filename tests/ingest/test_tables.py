"""Tables of every orientation become claims for the right entity, label, unit and conditions.

Fixtures are written here (figures only); one test reads the real pages from ../shared.
"""

from __future__ import annotations

import hashlib
from typing import Any

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.extract import PageContext, extract_claims
from crosscheck.ingest.parse import parse_snapshot
from crosscheck.ingest.table_cells import clean_cell, split_figures
from crosscheck.ingest.table_headers import header_labels, header_variant, split_header

from crosscheck.contracts import Snapshot


def _claims(text: str, content_type: str = "text/markdown") -> list[dict[str, Any]]:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return parse_snapshot(Snapshot("http://t.example/page", sha, text, content_type, "now")).claims


def _by(claims: list[dict[str, Any]], entity: str, label: str) -> list[dict[str, Any]]:
    return [
        c
        for c in claims
        if c["entity_raw"] == entity and c["label"] == label and c["role"] == "value"
    ]


LEADERBOARD = """# Router benchmark

## Results

| # | Framework | Version | Requests/s | Latency (ms) | Memory, MiB | Released |
|:-:|-----------|---------|-----------:|-------------:|------------:|---------:|
| 1 | **alpha** | 2.1.0 | 41250.5🥇 | 12.10 | [88](# "peak RSS") | 2019-04-02 |
| 2 | beta* | v3.0.1 | 38900.2🥈 | 13.45 | 120 | 2020-01-15 |
| 3 | gamma | 1.4.12 | 20114.0 | 25.90 | 64 | 2017-09-30 |
"""


def test_leaderboard_entities_as_rows_with_header_units() -> None:
    claims = _claims(LEADERBOARD)
    rps = _by(claims, "alpha 2.1.0", "Requests/s")
    assert [c["raw_value"] for c in rps] == ["41250.5"]
    assert rps[0]["unit_hint"] == "Requests/s"
    assert "(entities as rows)" in rps[0]["locator"]
    assert "column Requests/s" in rps[0]["locator"]
    latency = _by(claims, "beta v3.0.1", "Latency")  # footnote mark dropped, version kept
    assert [(c["raw_value"], c["unit_hint"]) for c in latency] == [("13.45", "ms")]
    memory = _by(claims, "alpha 2.1.0", "Memory")
    assert [(c["raw_value"], c["unit_hint"]) for c in memory] == [("88", "MiB")]
    raws = {c["raw_value"] for c in claims}
    assert not raws & {"1", "2", "3", "2.1.0", "v3.0.1", "2019-04-02"}  # ranks, versions, dates
    assert all(c["conditions"] is None for c in claims)  # a lone table's heading is a title


COLUMNS = """# Storage engines compared

| Metric | Quarry | Basalt | Diff |
|---|---|---|---|
| Write throughput (ops/s) | 120,000 | 95,000 | +26% |
| Read latency p99(ms) | 0.82 | 1.10 | -25% |
| Cache results | QPS: 159K, P99: 0.65ms | QPS: 173K, P99: 0.9ms | |
| Memory options | 40GB/80GB HBM | 80GB | |
"""


def test_entities_as_columns_with_row_units_and_multi_figure_cells() -> None:
    claims = _claims(COLUMNS)
    write = _by(claims, "Quarry", "Write throughput")
    assert [(c["raw_value"], c["unit_hint"]) for c in write] == [("120,000", "ops/s")]
    assert "(entities as columns)" in write[0]["locator"]
    diff = [c for c in claims if c["role"] == "diff"]
    assert {(c["entity_raw"], c["counterpart_raw"], c["raw_value"]) for c in diff} == {
        ("Quarry", "Basalt", "+26%"),
        ("Quarry", "Basalt", "-25%"),
    }
    pairs = {(c["entity_raw"], c["label"], c["raw_value"]) for c in claims}
    assert {("Quarry", "QPS", "159K"), ("Basalt", "P99", "0.9ms")} <= pairs
    variants = _by(claims, "Quarry", "Memory options")
    assert [(c["raw_value"], c["conditions"]) for c in variants] == [
        ("40GB", "variant 40GB (HBM)"),
        ("80GB", "variant 80GB (HBM)"),
    ]


NWAY_CONDITIONS = """# Four engines

## Load test

| Threads | Quarry | Basalt | Slate | Tuff |
|---|---|---|---|---|
| 8 | 1 200 | 1 100 | 900 | 450 |
| 16 | 2 310 | 2 050 | 1 700 | 460 |
"""


def test_first_column_condition_n_way() -> None:
    claims = _claims(NWAY_CONDITIONS)
    assert {c["entity_raw"] for c in claims} == {"Quarry", "Basalt", "Slate", "Tuff"}
    slate = [c for c in claims if c["entity_raw"] == "Slate"]
    assert [(c["raw_value"], c["conditions"]) for c in slate] == [
        ("900", "8 Threads"),
        ("1 700", "16 Threads"),
    ]
    assert all("conditions as rows" in c["locator"] for c in claims)


ROW_SPANS = """| Server | Driver | VUs | RPS[K] | avg[ms] |
|--------|--------|-----|--------|---------|
| quill  | fastpg | 100 | 8.6 | 1.2 |
|        |        | 500 | 6.3 | 68 |
|        | slowpg | 100 | 1.8 | 43 |
| plume  | fastpg | 100 | 7.7 | 3 |
| wisp 0.7 | lite | | | |
"""


def test_row_spans_two_name_columns_and_condition_column() -> None:
    claims = _claims(ROW_SPANS)
    rps = [
        (c["entity_raw"], c["raw_value"], c["conditions"]) for c in claims if c["label"] == "RPS"
    ]
    assert rps == [
        ("quill + fastpg", "8.6", "100 VUs"),
        ("quill + fastpg", "6.3", "500 VUs"),
        ("quill + slowpg", "1.8", "100 VUs"),
        ("plume + fastpg", "7.7", "100 VUs"),
    ]
    assert all(c["unit_hint"] == "K" for c in claims if c["label"] == "RPS")
    assert not [c for c in claims if c["entity_raw"].startswith("wisp")]  # an empty row


SHIFTED = """Summary

p50 | p99 | rps (k) | |
---|---|---|---|
Quarry | 1.8 | 3.4 | 60.4 |
Basalt (v2) | 2.5 | 4.1 | 45.3 |

| Quarry | Basalt |
---|---|---|
Cold install | 98 | 150 |
"""


def test_shifted_headers_are_realigned() -> None:
    claims = _claims(SHIFTED)
    p50 = [(c["entity_raw"], c["raw_value"]) for c in claims if c["label"] == "p50"]
    assert p50 == [("Quarry", "1.8"), ("Basalt (v2)", "2.5")]
    rps = _by(claims, "Basalt (v2)", "rps")
    assert [(c["raw_value"], c["unit_hint"]) for c in rps] == [("45.3", "k")]
    install = _by(claims, "Basalt", "Cold install")
    assert [c["raw_value"] for c in install] == ["150"]


MULTI = """| Language | Time, s | Memory, MiB | Latency p10/p50/p99 (sec) |
|---:|---:|---:|---:|
| Quarry | 0.373<sub>±0.009</sub> | 36.62<sub>±0.1</sub> + 0.25<sub>±0</sub> | 0.06/0.59/11.96 s |
| Basalt | 1.008 ± 0.002 | 2.12 + 1.00 | 1.47/1.53/2.29 s |
"""


def test_multi_figure_cells_get_their_own_labels() -> None:
    claims = _claims(MULTI)
    got = {(c["entity_raw"], c["label"], c["raw_value"], c["unit_hint"]) for c in claims}
    assert {
        ("Quarry", "Time", "0.373", "s"),
        ("Quarry", "Memory (base)", "36.62", "MiB"),
        ("Quarry", "Memory (increase)", "0.25", "MiB"),
        ("Quarry", "Latency p10", "0.06", "s"),
        ("Quarry", "Latency p50", "0.59", "s"),
        ("Quarry", "Latency p99", "11.96 s", "s"),
        ("Basalt", "Time", "1.008", "s"),
        ("Basalt", "Memory (increase)", "1.00", "MiB"),
    } <= got
    assert not [c for c in claims if "0.009" in c["raw_value"]]  # a deviation is no figure
    assert len({c["claim_id"] for c in claims}) == len(claims)


HTML = """<html><head><title>Queue brokers</title></head><body>
<h2>Peak throughput</h2>
<table><thead><tr><th>Broker</th><th>Throughput (MB/s)</th><th>p99 latency (ms)</th></tr></thead>
<tbody><tr><td>Quarry</td><td>605</td><td>5</td></tr>
<tr><td>Basalt</td><td>305</td><td>25</td></tr>
<tr><td>Slate &lt;b&gt;</td><td>38</td><td>140</td></tr></tbody></table>
<h2>Sustained load</h2>
<table><thead><tr><th>Broker</th><th>Throughput (MB/s)</th><th>p99 latency (ms)</th></tr></thead>
<tbody><tr><td>Quarry</td><td>590</td><td>7</td></tr></tbody></table></body></html>"""


def test_html_leaderboard_same_extractor() -> None:
    claims = _claims(HTML, "text/html")
    got = {(c["entity_raw"], c["label"], c["raw_value"], c["unit_hint"]) for c in claims}
    assert ("Basalt", "Throughput", "305", "MB/s") in got
    assert ("Slate <b>", "p99 latency", "140", "ms") in got  # HTML cell text is data as written
    conditions = {(c["raw_value"], c["conditions"]) for c in claims if c["entity_raw"] == "Quarry"}
    assert ("605", "Peak throughput") in conditions  # two tables with one header: headings
    assert ("590", "Sustained load") in conditions  # tell them apart


def test_recovered_table_block_is_handled() -> None:
    """A Block(TABLE) built by another front end (code blocks, flattened text)."""
    block = Block(
        BlockKind.TABLE,
        header=["Name", "ns/op", "B/op", "allocs/op"],
        rows=[["BenchmarkQuarry-4", "1234", "56", "2"], ["BenchmarkBasalt-4", "4321", "0", "0"]],
        table_index=1,
    )
    again = Block(
        BlockKind.TABLE,
        header=["Name", "ns/op", "B/op", "allocs/op"],
        rows=[["BenchmarkQuarry-4", "1100", "48", "2"]],
        table_index=2,
    )
    page = PageContext("http://t.example/bench", "0" * 64, "bench", [])
    blocks = [Block(BlockKind.LINE, text="Go 1.21:"), block, Block(BlockKind.LINE, text="Go 1.22:")]
    claims = extract_claims([*blocks, again], page)
    got = {(c["entity_raw"], c["label"], c["raw_value"], c["unit_hint"]) for c in claims}
    assert ("BenchmarkBasalt-4", "ns/op", "4321", "ns/op") in got
    ns = {(c["raw_value"], c["conditions"]) for c in claims if c["label"] == "ns/op"}
    assert ns == {("1234", "Go 1.21"), ("4321", "Go 1.21"), ("1100", "Go 1.22")}
    assert all("(entities as rows)" in c["locator"] for c in claims)


def test_header_units_and_cell_cleaning() -> None:
    assert split_header("Latency p99 (ms)") == ("Latency p99", "ms")
    assert split_header("Memory (RSS)") == ("Memory (RSS)", None)
    assert split_header("QPS(thousands qps)") == ("QPS", "thousands qps")
    assert split_header("avg-ms") == ("avg", "ms")
    assert split_header("Durée en ms") == ("Durée", "ms")
    assert split_header("Latency (in ms)") == ("Latency", "ms")  # "in" inside the brackets
    assert split_header("Czas w sekundach") == ("Czas", "sekundach")
    assert split_header("Tempo em ms") == ("Tempo", "ms")
    assert split_header("Temps (en secondes)") == ("Temps", "secondes")
    assert split_header("Written in Go") == ("Written in Go", None)
    assert split_header("99.9%") == ("99.9%", None)
    assert split_header("Release Year") == ("Release Year", None)
    assert split_header("CPU Min") == ("CPU Min", None)
    assert header_variant("Startup (no cache)") == "no cache"
    assert header_variant("Memory (RSS)") is None
    assert split_header("Latency ms") == ("Latency", "ms")
    assert header_labels(["Server", "latency 99%", "99.9%"])[2] == ("latency 99.9%", None)
    assert clean_cell('[<sub>93</sub>](# "up 2 last week")') == "93"
    assert clean_cell("**780 MB/s**") == "780 MB/s"
    assert clean_cell("RPS[K]") == "RPS[K]"
    assert clean_cell("[![build](https://ci.example/badge.svg)][ci]") == ""
    assert clean_cell("[zlib] 1.2.11 -1") == "zlib 1.2.11 -1"
    assert [p.raw for p in split_figures("8/10", "Rating", None)] == ["8/10"]
    assert [p.raw for p in split_figures("24/7", "Support", None)] == ["24/7"]
    assert [p.label for p in split_figures("0.5/1.2", "p50/p99", None)] == ["p50", "p99"]


# Leaderboards, row-spanned and N-way tables of the real pages: claim-level properties.
_REAL_TABLE_PAGES = (
    "01_fastify_benchmarks_readme.md",
    "05_jimtang2_web_sql_2025-12-01.md",
    "06_jimtang2_web_sql_2025-12-02.md",
    "07_stanionascu_web_benchmark.md",
    "08_leapcell_python_frameworks_stars.md",
    "27_rspack_build_tools_performance.md",
    "30_zijiebao_pipenv_poetry_pdm.md",
    "32_kostya_benchmarks_readme.md",
)


def _squash(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def test_real_page_tables_attribute_figures() -> None:
    import json

    import pytest

    from tests.conftest import SHARED_DIR

    pages = SHARED_DIR / "real-pages"
    if not (pages / "key.json").is_file():
        pytest.skip(f"the real pages are not at {pages} (set CROSSCHECK_SHARED)")
    key = json.loads((pages / "key.json").read_text(encoding="utf-8"))["pages"]
    for name in _REAL_TABLE_PAGES:
        claims = _claims((pages / name).read_text(encoding="utf-8"))
        located = [c for c in claims if c["location_kind"] == "table_cell"]
        assert all("(entities as" in c["locator"] for c in located), name
        figures = key[name]["figures"]
        hit = 0
        for fig in figures:
            raw, entity = _squash(fig["raw"]), _squash(fig["entity"])
            hit += any(
                _squash(c["raw_value"]) in raw and _squash(c["entity_raw"]).startswith(entity)
                for c in located
            )
        assert hit >= 0.95 * len(figures), (name, hit, len(figures))
        not_figures = {nf["raw"] for nf in key[name]["not_figures"]}
        assert not not_figures & {c["raw_value"] for c in located}, name


SPANS_HTML = """<html><head><title>Caches</title></head><body>
<table>
<thead><tr><th rowspan="2">Operation</th><th colspan="2">Quarry</th><th colspan="2">Basalt</th></tr>
<tr><th>QPS</th><th>p99 (ms)</th><th>QPS</th><th>p99 (ms)</th></tr></thead>
<tbody><tr><td>set</td><td>159K</td><td>0.82</td><td>173K</td><td>0.90</td></tr>
<tr><td>get</td><td>194K</td><td>0.65</td><td>191K</td><td>0.80</td></tr></tbody>
</table>
<table><tr><th>Server</th><th>Pool</th><th>RPS</th></tr>
<tr><td rowspan="2">quill</td><td>small</td><td>8.6</td></tr>
<tr><td>large</td><td>9.1</td></tr></table>
</body></html>"""


def test_html_column_groups_and_row_spans() -> None:
    claims = _claims(SPANS_HTML, "text/html")
    got = {
        (c["entity_raw"], c["label"], c["raw_value"], c["unit_hint"], c["conditions"])
        for c in claims
    }
    assert ("Basalt", "QPS", "191K", None, "Operation: get") in got
    assert ("Quarry", "p99", "0.82", "ms", "Operation: set") in got
    assert all("column groups" in c["locator"] for c in claims if c["label"] == "QPS")
    rps = [(c["entity_raw"], c["raw_value"]) for c in claims if c["label"] == "RPS"]
    assert rps == [("quill + small", "8.6"), ("quill + large", "9.1")]


UNITS_ROW = """| Engine | Throughput | Latency |
|---|---|---|
| | req/s | ms |
| Quarry | 48 210 | 2.1 |
| Basalt | 9 870 | 7.5 |
"""


def test_units_row_under_the_header() -> None:
    claims = _claims(UNITS_ROW)
    got = {(c["entity_raw"], c["label"], c["raw_value"], c["unit_hint"]) for c in claims}
    assert got == {
        ("Quarry", "Throughput", "48 210", "req/s"),
        ("Quarry", "Latency", "2.1", "ms"),
        ("Basalt", "Throughput", "9 870", "req/s"),
        ("Basalt", "Latency", "7.5", "ms"),
    }


SECTIONS = """# Daily runs

### [Quarry](#quarry)

| **Stat** | Mean    | Stddev   | Max |
| -------- | ------- | -------- | --- |
| 14180.56 | 1363.76 | 16320.47 |     |

| **Stat**    | 10       | 50       | 99       |
| ----------- | -------- | -------- | -------- |
| **Req/Sec** | 13140.13 | 14559.36 | 15759.54 |
| **Latency** | 3ms      | 3ms      | 5ms      |

### Basalt

| Threads | Requests/s | p99 (ms) |
|---|---|---|
| 1 | 2 100 | 4.5 |
| 8 | 9 800 | 7.25 |
"""


def test_tables_naming_no_entity_take_their_sections_entity() -> None:
    claims = _claims(SECTIONS)
    got = {(c["entity_raw"], c["label"], c["raw_value"], c["conditions"]) for c in claims}
    assert ("Quarry", "Mean", "14180.56", None) in got  # header realigned over its values
    assert ("Quarry", "Max", "16320.47", None) in got
    assert ("Quarry", "Req/Sec", "14559.36", "Stat: 50") in got
    assert ("Quarry", "Latency", "5ms", "Stat: 99") in got
    assert ("Basalt", "Requests/s", "9 800", "8 Threads") in got
    assert not [c for c in claims if c["raw_value"] in ("1", "8")]  # conditions, not figures
    assert all("entity from the section" in c["locator"] for c in claims)


KEYED = """| Benchmark | Input | quarry | basalt |
|---|---|---|---|
| parse | bytes | 333μs | 427μs (1.28x slower) |
| parse | stream | 125μs ±3μs | 165μs ±3μs (1.32x slower) |
"""


def test_text_key_columns_and_relative_figures() -> None:
    claims = _claims(KEYED)
    got = {(c["entity_raw"], c["label"], c["raw_value"], c["conditions"]) for c in claims}
    assert got == {
        ("quarry", "parse", "333μs", "Input: bytes"),
        ("basalt", "parse", "427μs", "Input: bytes"),
        ("basalt", "parse (relative)", "1.28x slower", "Input: bytes"),
        ("quarry", "parse", "125μs", "Input: stream"),
        ("basalt", "parse", "165μs", "Input: stream"),
        ("basalt", "parse (relative)", "1.32x slower", "Input: stream"),
    }


STATED = """# Installers

All timings below are measured in seconds.

| | Quarry | Basalt |
|---|---|---|
| Cold cache | 98 | 150 |
| Warm cache, lockfile | 16 (3x faster) | 50 |
"""


def test_unit_stated_before_the_table_applies_to_its_cells() -> None:
    claims = _claims(STATED)
    got = {(c["entity_raw"], c["label"], c["raw_value"], c["unit_hint"]) for c in claims}
    assert ("Basalt", "Cold cache", "150", "seconds") in got
    assert ("Quarry", "Warm cache, lockfile", "16", "seconds") in got
    assert ("Quarry", "Warm cache, lockfile (relative)", "3x faster", None) in got


def test_unit_in_the_corner_applies_to_every_row() -> None:
    claims = _claims(
        "| Benchmark (ops/sec) | Quarry | Basalt |\n|---|---|---|\n| put | 1,200 | 950 |\n"
    )
    got = {(c["entity_raw"], c["label"], c["raw_value"], c["unit_hint"]) for c in claims}
    assert got == {("Quarry", "put", "1,200", "ops/sec"), ("Basalt", "put", "950", "ops/sec")}


def test_attribute_column_is_not_part_of_the_name() -> None:
    table = (
        "| Framework | Language | Req/s |\n|---|---|---|\n"
        "| quill | Go | 9 100 |\n| plume | Rust | 8 200 |\n"
    )
    claims = _claims(table)
    got = {(c["entity_raw"], c["label"], c["raw_value"]) for c in claims}
    assert got == {
        ("quill", "Language", "Go"),
        ("quill", "Req/s", "9 100"),
        ("plume", "Language", "Rust"),
        ("plume", "Req/s", "8 200"),
    }


def test_html_captions_tell_repeated_tables_apart() -> None:
    table = "<tr><th>Runtime</th><th>p50 (ms)</th></tr><tr><td>quill</td><td>{}</td></tr>"
    page = (
        "<html><body><table><caption>Cold start</caption>" + table.format(31) + "</table>"
        "<table><caption>Warm start</caption>" + table.format(4) + "</table></body></html>"
    )
    claims = _claims(page, "text/html")
    got = {(c["raw_value"], c["unit_hint"], c["conditions"]) for c in claims}
    assert got == {("31", "ms", "Cold start"), ("4", "ms", "Warm start")}


def test_years_down_a_nameless_table_are_conditions() -> None:
    page = (
        "# Package growth\n\n### [Quarry](#quarry)\n\n| Year | Downloads | Stars |\n"
        "|---|---|---|\n| 2023 | 1.2M | 9k |\n| 2024 | 3.4M | 14k |\n\n"
        "## Results\n\n| Year | Downloads |\n|---|---|\n| 2024 | 5.1M |\n"
    )
    claims = _claims(page)
    got = {(c["entity_raw"], c["label"], c["raw_value"], c["conditions"]) for c in claims}
    assert got == {
        ("Quarry", "Downloads", "1.2M", "Year: 2023"),
        ("Quarry", "Stars", "9k", "Year: 2023"),
        ("Quarry", "Downloads", "3.4M", "Year: 2024"),
        ("Quarry", "Stars", "14k", "Year: 2024"),
    }  # 'Results' names nobody: its table has no entity to claim for


def test_repeated_column_names_keep_claim_ids_unique() -> None:
    table = (
        "| Metric | Quarry | Quarry | Basalt |\n|---|---|---|---|\n"
        "| Build | 12 s | 1.1/2.2 s | QPS: 1K, P99: 2ms |\n"
        "| Size | 3 MB | 4 MB | 5 (3x faster) |\n"
    )
    claims = _claims(table)
    assert len(claims) == 9
    assert len({c["claim_id"] for c in claims}) == len(claims)
    assert all(c["raw_value"] in table for c in claims)  # raw text as written


def test_counts_in_header_parentheses_are_conditions() -> None:
    table = "Language | Sort time (1000 runs)\n--- | ---\nquill | 85.1 ms\nplume | 111.6 ms\n"
    got = {(c["entity_raw"], c["label"], c["raw_value"], c["conditions"]) for c in _claims(table)}
    assert got == {
        ("quill", "Sort time", "85.1 ms", "1000 runs"),
        ("plume", "Sort time", "111.6 ms", "1000 runs"),
    }


SIZES = """# Array library timings

### [quarry](#quarry)

| Task | Dtype | XS | M | XL | Average |
|---|---|---|---|---|---|
| AddOne | int | 0.9x | 1.0x | 1.1x | 1.0x |
| ArraySum | float | 4.8x | 7.4x | 7.3x | 6.4x |
"""


def test_size_class_columns_are_conditions_of_the_sections_entity() -> None:
    got = {(c["entity_raw"], c["label"], c["raw_value"], c["conditions"]) for c in _claims(SIZES)}
    assert ("quarry", "AddOne", "0.9x", "Dtype: int; XS") in got
    assert ("quarry", "ArraySum", "6.4x", "Dtype: float; Average") in got
    assert len(got) == 8


def test_same_header_same_context_tables_stay_apart() -> None:
    table = "| Redis | Quarry |\n|---|---|\n| QPS: {}K | QPS: {}K |\n"
    page = (
        "# Stores\n\n## Small instance\n\n1. Writes:\n\n" + table.format(159, 173)
        + "\nOn a larger instance:\n\n1. Writes:\n\n" + table.format(190, 279)
    )  # fmt: skip
    claims = _claims(page)
    got = {(c["entity_raw"], c["raw_value"], c["conditions"]) for c in claims}
    assert ("Redis", "159K", "Small instance; Writes") in got
    assert ("Redis", "190K", "Small instance; Writes; table 2") in got


def test_a_printed_index_column_is_not_the_entity() -> None:
    page = (
        "| (index) | Framework | Requests/sec | Latency |\n"
        "|---|---|---|---|\n"
        "| 0 | express | 20498.06 | 49.69ms |\n"
        "| 1 | fastify | 20236.75 | 49.38ms |\n"
    )
    claims = _claims(page)
    assert {c["entity_raw"] for c in claims} == {"express", "fastify"}
    assert {c["raw_value"] for c in _by(claims, "express", "Requests/sec")} == {"20498.06"}


def test_known_names_with_a_prefix_in_the_header_are_the_entities() -> None:
    page = (
        "| Endpoint | Rust Axum | JS Bun | Python Django |\n"
        "|---|---:|---:|---:|\n"
        "| GET /health | 401,000 | 318,500 | 26,100 |\n"
        "| GET /books | 210,700 | 214,900 | 16,300 |\n"
    )
    claims = _claims(page)
    assert {c["entity_raw"] for c in claims} == {"Rust Axum", "JS Bun", "Python Django"}
    assert "entities as columns" in claims[0]["locator"]
