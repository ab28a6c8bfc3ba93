"""Units and conditions a prose figure takes from its sentence (realunits22): seconds after the
word saying which time, a "B" beside kilobytes, spaced and rupee price signs, widths in bits,
and a threshold the text measures against."""

from __future__ import annotations

from crosscheck.ingest.figure_hints import context_hint, sizes_in_bytes
from crosscheck.ingest.lexicon import load_lexicon
from crosscheck.ingest.spans import find_prose_figures

from tests.ingest.parsing import claims_by_raw, text_claims


def _claims(text: str) -> dict[str, dict[str, object]]:
    return claims_by_raw(text_claims(text))


def test_cpu_and_elapsed_seconds_are_durations_not_conditions() -> None:
    text = (
        "Results\n\nsorting: Alpha – 12.40 CPU s, 3.10 elapsed s; "
        "Beta – 30.02 CPU s, 8.75 elapsed s.\n"
    )
    claims = _claims(text)
    for raw in ("12.40", "3.10", "30.02", "8.75"):
        assert claims[raw]["unit_hint"] == "s", claims[raw]
        assert not claims[raw]["conditions"], claims[raw]


def test_a_spaced_b_beside_kilobytes_is_a_byte() -> None:
    text = "Results\n\nhashing: Alpha – 14 100 KB, 932 B; Beta – 2 560 KB, 1 410 B.\n"
    claims = _claims(text)
    assert claims["932 B"]["unit_hint"] == "bytes"
    assert claims["1 410 B"]["unit_hint"] == "bytes"


def test_a_b_without_byte_siblings_or_glued_keeps_its_reading() -> None:
    lex = load_lexicon()
    text = "Alpha was trained on 7 B tokens and Beta on 13B."
    spans = find_prose_figures(text)
    assert not sizes_in_bytes(spans)
    glued = find_prose_figures("a 56B model with 5GB of data")
    assert sizes_in_bytes(glued)
    assert context_hint("a 56B model with 5GB of data", glued[0], "B", None, True, lex) is None


def test_spaced_dollar_and_rupee_signs_stay_on_the_price() -> None:
    text = "Alpha costs ₹1,06,999 ($ 979) and Beta costs ₹ 144,900 ($ 1,199).\n"
    raws = [s.text for s in find_prose_figures(text)]
    assert raws == ["₹1,06,999", "$ 979", "₹ 144,900", "$ 1,199"]


def test_a_bus_width_in_bits_is_a_figure() -> None:
    claims = _claims("Alpha has a memory bus width of 320 bits and 20 GB of memory.\n")
    assert "320" in claims and not claims["320"]["conditions"]


def test_a_threshold_is_no_figure() -> None:
    claims = _claims("Alpha falls short of the 90 FPS mark, with lows of 71 FPS.\n")
    assert not any(raw.startswith("90") for raw in claims)
    assert "71" in claims or "71 FPS" in claims


def test_a_duration_after_to_last_is_a_figure() -> None:
    claims = _claims("Alpha has enough buffer to last about 4 seconds at full speed.\n")
    assert "about 4 seconds" in claims and not claims["about 4 seconds"]["conditions"]


def test_a_screen_size_before_a_panel_name_is_a_figure() -> None:
    claims = _claims('Alpha: a larger 6.9" OLED display and a brighter panel.\n')
    assert '6.9"' in claims and not claims['6.9"']["conditions"]


def test_a_glued_g_is_a_gram_where_the_sentence_speaks_of_weight() -> None:
    claims = _claims("Alpha: smaller and lighter (171g) than Beta.\n")
    assert claims["171g"]["unit_hint"] == "weight"


def test_a_hyphen_joined_noun_keeps_a_figure_from_borrowing_the_unit_before() -> None:
    text = "Alpha hits 40 fps with the electronic shutter, dropping to 12-bit files.\n"
    assert not [c for c in text_claims(text) if c["raw_value"] == "12" and c["unit_hint"]]


def test_a_named_products_memory_after_with_is_a_figure() -> None:
    claims = _claims("The Galaxy S24 comes with 8GB RAM and a 4,000mAh battery.\n")
    assert claims["8GB"]["entity_raw"] == "Galaxy S24"
    assert not claims["4,000mAh"]["conditions"]


def test_a_test_machines_memory_stays_a_condition() -> None:
    text = "We ran Alpha and Beta on a laptop with 32GB RAM; Alpha served 910 req/s.\n"
    assert "32GB" not in _claims(text)
