"""Command-line options after a row's name ('quarry 2.4.1 -3') are a condition of the row's
figures, not part of the entity's name. Fixtures written here (figures only)."""

from __future__ import annotations

import hashlib

import pytest
from crosscheck.ingest.parse import parse_snapshot
from crosscheck.ingest.table_cells import split_options

from crosscheck.contracts import Snapshot

CODECS = """# Codec speed

| Codec | Ratio | Compression | Decompression |
|---|---|---|---|
| **quarry 2.4.1 -3** | 2.912 | 470 MB/s | 1510 MB/s |
| **quarry 2.4.1 --fast=2** | 2.401 | 610 MB/s | 1720 MB/s |
| basalt 0.9 -1 | 2.205 | 380 MB/s | 790 MB/s |
| slate-zip 1.1 | 2.050 | 300 MB/s | 600 MB/s |
"""


def test_row_options_become_conditions() -> None:
    sha = hashlib.sha256(CODECS.encode()).hexdigest()
    page = parse_snapshot(Snapshot("http://t.example/codecs", sha, CODECS, "text/markdown", "now"))
    ratios = {c["raw_value"]: (c["entity_raw"], c["conditions"]) for c in page.claims}
    assert ratios["2.912"] == ("quarry 2.4.1", "options: -3")
    assert ratios["2.401"] == ("quarry 2.4.1", "options: --fast=2")
    assert ratios["2.205"] == ("basalt 0.9", "options: -1")
    assert ratios["2.050"] == ("slate-zip 1.1", None)


@pytest.mark.parametrize(
    ("name", "split"),
    [
        ("tool 3.2 -9 --long", ("tool 3.2", "-9 --long")),
        ("cc -O2", ("cc", "-O2")),
        ("Portal 2.0.7 logged in - news", ("Portal 2.0.7 logged in - news", None)),  # a dash
        ("Model 700-10", ("Model 700-10", None)),
        ("web-router", ("web-router", None)),
        ("-5", ("-5", None)),  # no name before it
    ],
)
def test_split_options(name: str, split: tuple[str, str | None]) -> None:
    assert split_options(name) == split


FLAGS = """# Compiler flags

| Benchmark | cc -O2 | cc -O3 --fast-math |
|---|---|---|
| nbody | 4.21 s | 3.90 s |
| spectral | 2.05 s | 1.88 s |
"""


def test_column_options_become_conditions() -> None:
    sha = hashlib.sha256(FLAGS.encode()).hexdigest()
    page = parse_snapshot(Snapshot("http://t.example/flags", sha, FLAGS, "text/markdown", "now"))
    got = {c["raw_value"]: (c["entity_raw"], c["conditions"]) for c in page.claims}
    assert got["4.21 s"] == ("cc", "options: -O2")
    assert got["1.88 s"] == ("cc", "options: -O3 --fast-math")
