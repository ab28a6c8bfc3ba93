"""The prose reader's way out for a sentence with no value (ingest/sentence_gates.py): the
subject, its version and the pair the sentence names are still noted, so the next sentence's
figures have the owners the full path gave them."""

from __future__ import annotations

from typing import Any

import pytest
from crosscheck.ingest import prose, sentence_gates

from tests.ingest.parsing import text_claims

# each page's first sentence holds only versions (no value); the next one's figure has no name
PAGES = {
    "subject": (
        "Benchmarks\n\nPostgreSQL 16 runs on Linux 6.1 here.\n\n"
        "It handles 12,000 transactions per second.\n",
        {"12,000 transactions per second": "PostgreSQL"},
    ),
    "pair": (
        "Benchmarks\n\nRedis 7.2 and Memcached 1.6 ran on Ubuntu 22.04.\n\n"
        "The former handles 120,000 ops/s while the latter reaches 95,000 ops/s.\n",
        {"120,000 ops/s": "Redis", "95,000 ops/s": "Memcached"},
    ),
    "version": (
        "Benchmarks\n\nWe tested Go 1.22 on Ubuntu 22.04.\n\n"
        "It served 48,000 requests per second.\n",
        {"48,000 requests per second": "Go 1.22"},
    ),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_sentence_without_values_still_names_the_next_ones_subject(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text, owners = PAGES[name]
    taken: list[str] = []

    def counted(sentence: str, *args: Any) -> int:
        taken.append(sentence)
        return sentence_gates.no_values(sentence, *args)

    monkeypatch.setattr(prose, "no_values", counted)
    claims = text_claims(text)
    assert taken, "the first sentence takes the way out"
    assert {c["raw_value"]: c["entity_raw"] for c in claims} == owners


def test_the_way_out_is_what_the_test_above_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the subject noted (the way out doing nothing), the owners are lost: the test
    above can fail."""
    monkeypatch.setattr(prose, "no_values", lambda *args: 0)
    for text, owners in PAGES.values():
        found = {c["raw_value"]: c["entity_raw"] for c in text_claims(text)}
        assert found != owners
