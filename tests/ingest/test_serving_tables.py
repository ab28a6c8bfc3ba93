"""Tables of serving and tooling pages: a table of one engine's settings under a subject
line ('vLLM Performance'), figures inside a notes column ('throughput ~465 req/s; p95 13.7
ms') and a one-cell-per-line table whose rows repeat a tool at two settings ('Jobs' 1 /
auto). Figures reused from real pages; the texts are written for these tests."""

from __future__ import annotations

from tests.ingest.parsing import text_claims

SUBJECTS = """Engine results

Ollama Performance

We ran the default server first.

| Configuration | TTFT (ms) | TPOT (ms) | Throughput (t/s) |
|---|---|---|---|
| Default (Q4_K_M) | 89 | 14.6 | 68.4 |
| With num_ctx=512 | 92 | 15.1 | 66.2 |

vLLM Performance

| Configuration | TTFT (ms) | TPOT (ms) | Throughput (t/s) |
|---|---|---|---|
| Default (tensor-parallel=1) | 156 | 7.8 | 128.2 |
| With max_num_seqs=32 | 162 | 4.6 | 217.6 |
"""


def test_a_subject_line_names_the_engine_of_a_settings_table() -> None:
    claims = {c["raw_value"]: c for c in text_claims(SUBJECTS)}
    assert claims["68.4"]["entity_raw"] == "Ollama"
    assert claims["217.6"]["entity_raw"] == "vLLM"
    assert "Configuration: With max_num_seqs=32" in claims["217.6"]["conditions"]


def test_a_line_of_section_words_alone_names_nobody() -> None:
    text = SUBJECTS.replace("Ollama Performance", "Performance Results")
    claims = {c["raw_value"]: c for c in text_claims(text)}
    assert claims.get("68.4", {}).get("entity_raw") != "Performance"


NOTES = """# HTTP clients at concurrency 20

| # | Solution | Score | Notes |
|---|---|---|---|
| 1 | aiohttp | 1.075 seconds | Fastest; throughput ~465 req/s; p95 13.7 ms; 0 errors. |
| 2 | httpx | 1.083 seconds | Within ~0.01 s of aiohttp; ~462 req/s; p95 19.2 ms. |
| 3 | requests | 1.394 seconds | Slowest; beats httpx 2 ms; 3.2x slower than aiohttp. |
"""


def test_figures_of_a_notes_column_belong_to_the_row() -> None:
    claims = [c for c in text_claims(NOTES) if c["location_kind"] == "table_cell"]
    got = {(c["entity_raw"], c["label"], c["raw_value"]) for c in claims}
    assert ("aiohttp", "throughput", "~465 req/s") in got
    assert ("aiohttp", "p95", "13.7 ms") in got
    assert ("httpx", "p95", "19.2 ms") in got
    assert any(e == "httpx" and r == "~462 req/s" for e, _, r in got)
    raws = {r for _, _, r in got}
    assert "~0.01 s" not in raws  # 'within …' bounds a gap, it measures nothing
    assert "3.2x" not in raws and "0 errors" not in raws  # a ratio and a count stay prose
    assert not any(e == "requests" and r == "2 ms" for e, _, r in got)  # another's figure


GRID = """Linters on one corpus

Tool

Jobs

Wall time

Memory

Rude

1

0.76s

64 MB

Rude

auto

0.74s

63 MB

Flake8

1

13.03s

49 MB

Flake8

auto

1.64s

—
"""


def test_a_cell_grid_with_a_setting_column_keeps_each_row() -> None:
    claims = [c for c in text_claims(GRID) if c["location_kind"] == "table_cell"]
    got = {(c["entity_raw"], c["label"], c["raw_value"], c["conditions"]) for c in claims}
    assert ("Rude", "Wall time", "0.74s", "Jobs: auto") in got
    assert ("Flake8", "Wall time", "13.03s", "Jobs: 1") in got
    assert ("Flake8", "Memory", "49 MB", "Jobs: 1") in got


OUTPUT = """JSON encoders

Output:

json.dumps: 0.9129 seconds, memory increase: 1.32 MB
orjson.dumps: 0.3421 seconds, memory increase: 565.32 MB

Note: 5 ms of that is start-up.
"""


def test_printed_result_lines_are_rows_of_their_names() -> None:
    claims = [c for c in text_claims(OUTPUT) if c["location_kind"] == "table_cell"]
    got = {(c["entity_raw"], c["label"], c["raw_value"]) for c in claims}
    assert ("json.dumps", "value", "0.9129 seconds") in got
    assert ("orjson.dumps", "memory increase", "565.32 MB") in got
    assert not any(r == "5 ms" for _, _, r in got)  # one such line alone is prose
