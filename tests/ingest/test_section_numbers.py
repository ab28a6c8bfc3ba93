"""Numbers that only number things on a page (realacc10): a numbered section's heading
('3.1 Enabling fsync'), a chart's caption number ('Fig 2.'), a stepped test's step and the
cluster's shards are no figures; a stat card and its figure still are."""

from __future__ import annotations

from tests.ingest.parsing import text_claims

PAGE = """StoreA vs StoreB

2 Speed Issue

StoreA showed 18% higher throughput than StoreB on a cluster with 40 shards.

3.1 Enabling fsync

Fig 2. StoreB reaches the drive limit at the 1900 MB/s test.

The load started at 1000 MB/s, incrementing by 200 MB/s each step.

Stars

54.2k
"""


def test_section_and_caption_numbers_are_no_figures() -> None:
    raws = {c["raw_value"] for c in text_claims(PAGE)}
    assert {"18%", "1900 MB/s", "54.2k"} <= raws
    assert not raws & {"2", "3.1", "40", "200 MB/s"}
