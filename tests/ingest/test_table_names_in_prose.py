"""Names a table uses as row labels are the page's names, so prose may write them in lower case."""

from __future__ import annotations

import hashlib

from crosscheck.ingest.parse import parse_snapshot

from crosscheck.common.contracts import Snapshot

PAGE = """# bench: hello world on four frameworks

| Framework | Requests/sec |
|---|---|
| fastify | 70,100 |
| koa | 50,200 |

- fastify serves about 2x the requests of koa here.
"""


def test_lower_case_names_from_a_leaderboard_own_their_prose_statements() -> None:
    snapshot = Snapshot(
        "bench.md", hashlib.sha256(PAGE.encode()).hexdigest(), PAGE, "text/markdown", "now"
    )
    claims = parse_snapshot(snapshot).claims
    ratio = [c for c in claims if c["role"] == "ratio"]
    assert [(c["entity_raw"], c["counterpart_raw"], c["raw_value"]) for c in ratio] == [
        ("fastify", "koa", "about 2x")
    ]
