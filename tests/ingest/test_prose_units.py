"""Unit words of prose figures added by realunits26."""

from __future__ import annotations

from crosscheck.ingest.spans import find_prose_figures


def test_metres_spelled_out_end_the_figure() -> None:
    spans = [s.text for s in find_prose_figures("It reaches up to 45 meters indoors.")]
    assert spans == ["up to 45 meters"]
    assert [s.text for s in find_prose_figures("A 12 metres long hall")] == ["12 metres"]


def test_words_ending_in_meters_are_no_unit() -> None:
    assert [s.text for s in find_prose_figures("It tunes 20 parameters.")] == ["20"]
