"""A run of stat cards under a two-word heading in a text page, for an entity whose name has a
slash ('net/http'): the name is no unit line of a one-cell-per-line table, so the cards stay
cards (each figure its own entity's). Page written for this test."""

from __future__ import annotations

import hashlib

from crosscheck.ingest.parse import parse_snapshot

from crosscheck.contracts import Snapshot

CARDS = """Drogon vs net/http

Key Differences
Drogon
~2,300 RPS
net/http
~1,400 RPS
Drogon
~30 MB memory footprint
net/http
~55 MB memory footprint
Drogon
86,000+ questions
net/http
30,000+ questions
"""


def test_a_name_with_a_slash_is_no_unit_line_of_a_vertical_table() -> None:
    digest = hashlib.sha256(CARDS.encode()).hexdigest()
    page = parse_snapshot(Snapshot("/tmp/cards.txt", digest, CARDS, "text/plain", "now"))
    by_value = {c["raw_value"]: c for c in page.claims if c["role"] == "value"}
    assert by_value["~1,400 RPS"]["entity_raw"] == "net/http"
    assert by_value["~2,300 RPS"]["entity_raw"] == "Drogon"
    assert by_value["30,000+ questions"]["entity_raw"] == "net/http"
    assert not any("table" in c["locator"] for c in page.claims)
