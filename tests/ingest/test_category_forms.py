"""A page about a kind of product, named mostly in the singular (realblock27): its phrase's
singular and plural forms count as one, so the guide's figures get that kind as their owner
instead of being quarantined with 'no entity found'.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

import hashlib
from typing import Any

from crosscheck.ingest.page_subject import category_subject
from crosscheck.ingest.parse import parse_snapshot

from crosscheck.contracts import Snapshot


def _claims(text: str) -> list[dict[str, Any]]:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return parse_snapshot(Snapshot("mem://page", sha, text, "text/plain", "now")).claims


GUIDE = """How much does a pack really hold

Cheap power banks lose energy to heat and to the boost converter.
A power bank sold as 10,000 mAh usually delivers about 6200 mAh to a phone.
Before buying, check whether the power bank lists its real capacity.
If the power bank gives 3 A at 5 V, it recharges quickly.
"""


def test_a_kind_named_mostly_in_the_singular_is_the_pages_category() -> None:
    assert category_subject(GUIDE.splitlines()) == "power bank"
    owners = {str(c["entity_raw"]) for c in _claims(GUIDE) if "6200" in str(c["raw_value"])}
    assert owners == {"power bank"}


def test_a_feature_never_written_in_the_plural_stays_no_category() -> None:
    text = [
        "The real capacity is lower. Our real capacity test ran twice.",
        "A real capacity figure of 6300 mAh is common.",
    ]
    assert category_subject(text) is None


def test_a_singular_behind_a_modifier_is_no_category() -> None:
    text = [
        "A constant current load is the simplest. Constant current loads are rare in vapes.",
        "With constant current load the cell lasts 3 hours; constant current load again.",
    ]
    assert category_subject(text) is None
