"""A page that names no entity keeps its figures: ingest claims them for NO_ENTITY_RAW and
normalize quarantines them as unmapped_entity, saying why (nothing is lost in silence).
Fixture written here (figures only)."""

from __future__ import annotations

import hashlib

from crosscheck.ingest import claims_frame, parse_snapshot
from crosscheck.ingest.parse import NO_ENTITY
from crosscheck.normalize import normalize_claims

from crosscheck.contracts import NO_ENTITY_RAW, QuarantineReason, Snapshot

NOBODY = "Notes from a small test\n\nThe export took 42 seconds and used 1.2 GB of memory.\n"


def test_figures_of_a_page_without_entity_are_quarantined_with_the_reason() -> None:
    sha = hashlib.sha256(NOBODY.encode()).hexdigest()
    page = parse_snapshot(Snapshot("mem://nobody", sha, NOBODY, "text/plain", "now"))
    assert page.empty_reason == NO_ENTITY
    assert {c["raw_value"] for c in page.claims} == {"42 seconds", "1.2 GB"}
    assert {c["entity_raw"] for c in page.claims} == {NO_ENTITY_RAW}
    result = normalize_claims(claims_frame([page]))
    assert result.facts.empty
    assert set(result.quarantine["reason"]) == {QuarantineReason.UNMAPPED_ENTITY.value}
    assert all("names no product" in m for m in result.quarantine["message"])
