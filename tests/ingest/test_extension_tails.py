"""A subject's extension written alone after an article (realent26): 'the Mark II' beside the
Canon EOS R6 and the Canon EOS R6 Mark II names the Mark II, not the last-named R6."""

from __future__ import annotations

import re

from crosscheck.ingest.name_patterns import extension_tails

from tests.ingest.parsing import claims_by_raw, text_claims

PAGE = """Field notes on two bodies

I shot with the Canon EOS R6 for two seasons before the Canon EOS R6 Mark II arrived.
Both the Canon EOS R6 and the Canon EOS R6 Mark II take the same grip.
The R6 lasts about 380 shots on one charge in the cold.
The Mark II lasts about 580 shots on the same battery.
"""


def test_the_tail_alone_names_the_longer_subject() -> None:
    claims = claims_by_raw(text_claims(PAGE))
    assert claims["about 380"]["entity_raw"] == "R6"
    assert claims["about 580"]["entity_raw"] == "Canon EOS R6 Mark II"


def test_a_tail_two_subjects_end_with_names_neither() -> None:
    names = ["Galaxy S23", "Galaxy S23 Ultra", "Galaxy S24", "Galaxy S24 Ultra", "Pixel 8"]
    assert extension_tails(names, set(), lambda name: None) == []
    found = extension_tails(
        ["iPhone 15", "iPhone 15 Pro", "iPhone 15 Pro Max"], set(), lambda n: None
    )
    tails = {tail: full for tail, _, full in found}
    assert tails == {
        "Pro": "iPhone 15 Pro",
        "Pro Max": "iPhone 15 Pro Max",
        "Max": "iPhone 15 Pro Max",
    }
    pattern = next(p for t, p, _ in found if t == "Pro")
    assert re.search(pattern, "the Pro lasts longer") is not None
    assert re.search(pattern, "the Pro Max lasts longer") is None
