"""Two prose rules of the text reader: a line ending in a comma leaves its sentence open (the
next line continues it whatever its first letter), and a percentage before a difference noun
("a 70% edge", "the 70% tax") states a difference between two entities, not a figure of one.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

import hashlib
from typing import Any

from crosscheck.ingest.blocks import BlockKind
from crosscheck.ingest.parse import parse_snapshot
from crosscheck.ingest.text_parser import text_to_blocks

from crosscheck.contracts import Snapshot


def _claims(text: str) -> list[dict[str, Any]]:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return parse_snapshot(Snapshot("mem://page", sha, text, "text/plain", "now")).claims


def test_a_line_ending_in_a_comma_is_continued_by_a_capitalised_line() -> None:
    blocks = text_to_blocks(
        "When we moved to the largest instance we had (a c6gn.16xlarge),\n"
        "Koa answered 250,000 requests per second.\n"
    )
    lines = [b for b in blocks if b.kind is BlockKind.LINE]
    assert len(lines) == 1
    assert lines[0].text.endswith("Koa answered 250,000 requests per second.")


def test_a_line_ending_in_a_full_stop_is_not_continued() -> None:
    blocks = text_to_blocks("Koa was tested first.\nExpress answered 36,000 requests per second.\n")
    assert len([b for b in blocks if b.kind is BlockKind.LINE]) == 2


def test_a_percentage_before_a_difference_noun_is_no_figure_of_one_entity() -> None:
    claims = _claims(
        "Koa's 70% Edge Over Express\n\n"
        "The 70% tax: where the requests go\n\n"
        "Koa served 61,300 req/s and Express 36,000 req/s.\n"
    )
    seventy = [c for c in claims if c["raw_value"] == "70%"]
    assert seventy, claims
    assert all(c["counterpart_raw"] == "Express" for c in seventy), seventy
    plain = {c["raw_value"]: c["counterpart_raw"] for c in claims if c["raw_value"] != "70%"}
    assert plain == {"61,300 req/s": None, "36,000 req/s": None}
