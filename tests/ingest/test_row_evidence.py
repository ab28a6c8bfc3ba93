"""A table row's evidence quotes the page: benchmark output keeps its whole line (iteration
count included) and a table whose cells stand one per line keeps its line breaks; markup
attributes split from their tag ('width="300"') are no figures."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.analysis import analyze_paths

GO_BENCH = """# Acme HTTP client

Acme is faster than the standard client.

```
BenchmarkStdClientGet-4     500000     31010 ns/op    17668 B/op     102 allocs/op
BenchmarkAcmeClientGet-4   6000000      2645 ns/op        8 B/op       0 allocs/op
```
"""

ONE_CELL_PER_LINE = """Broker comparison

  Alpha Beta Gamma
Peak Rate
(MB/s)
605
MB/s
305
MB/s
38
MB/s
Tail Latency
(ms)
5 ms
(200 MB/s load)
25 ms
(200 MB/s load)
1 ms
(30 MB/s load)
"""


def _claims(tmp_path: Path, name: str, text: str) -> pd.DataFrame:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return analyze_paths([tmp_path / name], tmp_path / "store").claims


def test_benchmark_output_rows_quote_their_whole_line(tmp_path: Path) -> None:
    claims = _claims(tmp_path, "bench.md", GO_BENCH)
    row = claims[claims["raw_value"].str.startswith("31010")]
    assert len(row) == 1
    evidence = row["evidence"].iloc[0]
    assert "500000" in evidence
    assert evidence in GO_BENCH


def test_cells_one_per_line_keep_the_page_line_breaks(tmp_path: Path) -> None:
    claims = _claims(tmp_path, "brokers.txt", ONE_CELL_PER_LINE)
    row = claims[claims["raw_value"] == "605 MB/s"]
    assert len(row) == 1
    assert "605\nMB/s\n305\nMB/s" in row["evidence"].iloc[0]


MARKUP_LINES = """# Acme vs Bolt

<p align="center">
  <img src="/logo.svg"
    width="300" border="0" alt="Acme">
</p>

Acme serves 4,000 requests per second and Bolt serves 2,000 requests per second.
"""


def test_attributes_of_a_tag_opened_on_the_line_above_are_no_figures(tmp_path: Path) -> None:
    claims = _claims(tmp_path, "readme.md", MARKUP_LINES)
    assert claims["raw_value"].str.contains("4,000").any()
    assert not claims["raw_value"].isin(["300", "0"]).any()


SPEC_CARDS = """Hopper H100 vs Ampere A100 specifications

NVIDIA H100
NVIDIA A100
14000 Shaders
80GB HBM3
1700MHz
7000 Shaders
40GB HBM2e
1400MHz
FP32
51.2 TFLOPS
FP32
19.5 TFLOPS
FP64
25.6 TFLOPS
50.8 TFLOPS Tensor
FP64
9.7 TFLOPS
19.4 TFLOPS Tensor
"""


def test_a_card_value_quotes_the_card_name_it_stands_under(tmp_path: Path) -> None:
    claims = _claims(tmp_path, "gpu.txt", SPEC_CARDS)
    for value in ("25.6 TFLOPS", "50.8 TFLOPS"):
        row = claims[claims["raw_value"].str.startswith(value)]
        assert len(row) == 1
        assert row["evidence"].iloc[0].startswith("FP64"), value
