"""The shell's `time` report (ingest.time_out) and pytest-benchmark's terminal table
(ingest.pytest_bench) in README code blocks."""

from __future__ import annotations

from crosscheck.ingest.pytest_bench import pytest_bench_table
from crosscheck.ingest.time_out import time_table

from tests.ingest.parsing import text_claims

TIMED = """# Installers

```
$ time alpha install
real    0m12.345s
user    0m8.120s
sys     0m2.001s

$ time beta install
real    0m3.210s
user    0m2.100s
sys     0m0.900s
```
"""


def test_bash_time_report_rows_per_command() -> None:
    claims = text_claims(TIMED)
    got = {(c["entity_raw"], c["label"], c["raw_value"], c["conditions"]) for c in claims}
    assert ("alpha", "real time", "0m12.345s", "command: alpha install") in got
    assert ("beta", "system CPU time", "0m0.900s", "command: beta install") in got
    assert len(claims) == 6


def test_zsh_time_line() -> None:
    table = time_table(["gamma build  8.12s user 2.00s system 85% cpu 12.345 total"], None)
    assert table is not None
    assert table.rows == [["gamma", "12.345", "8.12s", "2.00s"]]
    assert time_table(["real life is 3s away"], None) is None


BENCH = [
    "---------- benchmark: 2 tests ----------",
    "Name (time in us)        Min       Max      Mean    StdDev    Median     IQR  Outliers"
    "  OPS (Kops/s)  Rounds  Iterations",
    "------------------------------------------",
    "test_get[alpha]     3.1000 (1.0)  42.2000 (1.0)  3.4512 (1.0)  0.8123 (1.0)  3.3000 (1.0)"
    "  0.1000 (1.0)  1200;3400  289.7540 (1.0)  60000  1",
    "test_get[beta]     12.6000 (4.06)  98.1000 (2.32)  13.9876 (4.05)  2.1001 (2.59)"
    "  13.7000 (4.15)  0.4000 (4.00)  900;1200  71.4920 (0.25)  30000  1",
]


def test_pytest_benchmark_rows_keep_times_and_ops_only() -> None:
    table = pytest_bench_table(BENCH, None)
    assert table is not None
    assert table.header == ["", "Min (µs)", "Max (µs)", "Mean (µs)", "Median (µs)", "OPS (Kops/s)"]
    assert table.rows[1] == ["beta", "12.6000", "98.1000", "13.9876", "13.7000", "71.4920"]
    assert table.row_conditions == ["test_get", "test_get"]
    assert pytest_bench_table(["Name  Min  Max", "a  1  2"], None) is None
