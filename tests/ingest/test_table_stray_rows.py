"""A markdown table whose copy left rows of a lone pipe between its lines parses without error:
one reader's crash on such a table failed whole runs (exit 3) on four real work sets."""

from crosscheck.ingest.parse import parse_snapshot
from crosscheck.ingest.snapshots import Snapshot

PAGE = """# Runtime points

| Runtime | Points | Cold start ms |
|---|---|---|
|
Quillrun
|
* 5 | 42.05 |
|
Bramble
|
* 3 | 63.95 |
|
Tarnwood
|
* 1 | 65.43 |
Notes below the table
"""


def test_lone_pipe_rows_do_not_fail_the_page() -> None:
    page = parse_snapshot(Snapshot("t.md", "x", PAGE, "text/markdown", "2026"))
    assert page.claims  # the figures are read (their names are a later matter)
