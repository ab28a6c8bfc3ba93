"""criterion's 'thrpt: [...]' line under 'time: [...]' (ingest.benchout): the estimate is a
throughput figure of the same row."""

from __future__ import annotations

from crosscheck.ingest.benchout import bench_table

LINES = [
    "small.json/fastlib",
    "                        time:   [1.20 ms 1.21 ms 1.23 ms]",
    "                        thrpt:  [400.1 MiB/s 402.5 MiB/s 404.0 MiB/s]",
    "small.json/slowlib",
    "                        time:   [610.2 us 612.9 us 615.0 us]",
    "                        thrpt:  [1.01 GiB/s 1.02 GiB/s 1.03 GiB/s]",
]


def test_throughput_line_is_the_rows_second_figure() -> None:
    table = bench_table(LINES, None)
    assert table is not None
    assert table.header == ["", "time", "throughput"]
    assert table.rows == [
        ["fastlib", "1.21 ms", "402.5 MiB/s"],
        ["slowlib", "612.9 us", "1.02 GiB/s"],
    ]


def test_a_throughput_line_without_a_time_row_is_ignored() -> None:
    assert bench_table(["thrpt:  [1 MiB/s 2 MiB/s 3 MiB/s]"], None) is None
