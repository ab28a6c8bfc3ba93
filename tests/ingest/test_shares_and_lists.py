"""A share before a word in capitals is a figure ("12% CPU overhead"), and a listed number
inherits the reason of the one before only when both are of one kind ("cores 4 and 5", not
"By 2030, 40% of ..."): ingest/nonfigures.py, ingest/prose_figures.py. Sentences are written
for the test."""

from __future__ import annotations

import pytest
from crosscheck.ingest.lexicon import load_lexicon
from crosscheck.ingest.prose_figures import sentence_figures
from crosscheck.ingest.spans import find_prose_figures


def _reasons(text: str) -> dict[str, str | None]:
    spans = tuple(find_prose_figures(text))
    found = sentence_figures(text, spans, load_lexicon(), set(), [])
    return {span.text: (reason.name if reason else None) for span, reason in found}


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Encryption adds 12% CPU overhead per request.", "12%"),
        ("Teams report a 28% TCO saving after the move.", "28%"),
        ("The build allows 90 percent FIPS coverage.", "90 percent"),
    ],
)
def test_a_share_before_capitals_is_a_figure(text: str, figure: str) -> None:
    assert _reasons(text)[figure] is None


def test_a_listed_number_of_another_kind_keeps_its_own_reading() -> None:
    reasons = _reasons("By 2030, 40% of the fleet will run on it.")
    assert reasons["2030"] == "YEAR"
    assert reasons["40%"] is None


def test_a_listed_number_of_the_same_kind_inherits() -> None:
    reasons = _reasons("The job pinned cores 4 and 5 (as cores 4 and 5 were idle).")
    assert reasons["5"] == reasons["4"]
