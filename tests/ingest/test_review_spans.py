"""Prose figures of hardware reviews (realcond21): inch marks glued to a screen size, a
screen size before a panel's name, and bracketed video time marks that are no figures."""

from __future__ import annotations

from crosscheck.ingest.spans import find_prose_figures

from tests.ingest.parsing import claims_by_raw, text_claims


def _figures(text: str) -> list[str]:
    return [span.text for span in find_prose_figures(text)]


def test_an_inch_mark_glued_to_a_size_is_its_unit() -> None:
    assert _figures('The monitor has a 32" panel and the laptop a 14.2″ one.') == ['32"', "14.2″"]


def test_a_quoted_number_takes_no_inch_mark() -> None:
    assert _figures('rated "4" out of five') == ["4"]


def test_a_screen_size_before_a_panel_name_counts_but_not_in_a_product_name() -> None:
    assert _figures("6.4-inch Dynamic AMOLED display (120Hz)") == ["6.4-inch", "120Hz"]
    assert _figures("the 27-inch iMac is quiet") == []


def test_bracketed_time_marks_of_a_video_digest_are_no_figures() -> None:
    text = (
        "MessagePack vs JSON\n\n"
        "- [Encode Speed]: MessagePack encodes a small record in about 31 nanoseconds, "
        "while JSON needs around 52 nanoseconds. [07:41]\n"
    )
    claims = claims_by_raw(text_claims(text))
    assert set(claims) == {"about 31 nanoseconds", "around 52 nanoseconds"}
