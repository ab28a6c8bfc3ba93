"""A table copied one cell per line, every cell ending in ' |', whose empty top-left cell is a
lone '|' line: the run is read from that corner, so the column names after it stay the header
and the first data row is not taken for one. Page written for this test."""

from __future__ import annotations

import hashlib

from crosscheck.ingest.parse import parse_snapshot

from crosscheck.contracts import Snapshot

PAGE = """Image formats at a few quality levels

The same photo saved at several quality settings in each format.
|
JPEG |
WebP |
Lossless
AVIF |
PNG |
q50 |
410kB |
290kB |
|
|
q70 |
520kB
baseline |
360kB |
230kB |
|
q90 |
880kB |
|
410kB |
|
q95 |
1100kB |
700kB |
530kB |
|
"""


def test_a_lone_pipe_corner_keeps_the_names_as_the_header() -> None:
    digest = hashlib.sha256(PAGE.encode()).hexdigest()
    page = parse_snapshot(Snapshot("/tmp/formats.txt", digest, PAGE, "text/plain", "now"))
    values = [c for c in page.claims if c["role"] == "value"]
    by_value = {c["raw_value"]: c["entity_raw"] for c in values}
    assert by_value["410kB"] in {"JPEG", "Lossless AVIF"}
    assert by_value["290kB"] == "WebP"
    assert by_value["700kB"] == "WebP"
    assert by_value["530kB"] == "Lossless AVIF"
    assert by_value["230kB"] == "Lossless AVIF"
    entities = {c["entity_raw"] for c in values}
    assert entities <= {"JPEG", "WebP", "Lossless AVIF", "PNG"}
