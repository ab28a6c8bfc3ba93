"""A bare figure lends its neighbour's unit, never the neighbour's scale word (realacc10:
'4 million operations per second where Redis tops out at 150,000-200,000')."""

from __future__ import annotations

from tests.ingest.parsing import text_claims


def test_the_borrowed_unit_drops_the_scale_word() -> None:
    text = (
        "On a 64-core machine, Dragonfly sustains 3 million operations per second "
        "where Redis tops out at 120,000-180,000 on a single thread."
    )
    claims = {c["raw_value"]: c for c in text_claims(text)}
    assert claims["120,000-180,000"]["unit_hint"] == "operations per second"
