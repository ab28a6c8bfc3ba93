"""A header word naming a quantity gives a bare figure under it its unit (units.toml's
[quantity_labels]): a time column in seconds, an error rate or retrieval score as a fraction."""

from __future__ import annotations

from crosscheck.normalize.label_units import effective_hint


def test_a_quantity_word_gives_a_bare_column_its_unit() -> None:
    assert effective_hint(None, "Average Time") == "s"
    assert effective_hint(None, "Average WER") == "ratio"
    assert effective_hint("", "Recall") == "ratio"


def test_a_stated_unit_or_another_word_keeps_its_own_reading() -> None:
    assert effective_hint("ms", "Average Time") == "ms"
    assert effective_hint(None, "Latency (s)") == "s"
    assert effective_hint(None, "Runtime") is None  # a UPS's runtime is minutes, no guess
    assert effective_hint(None, "Precisionist") is None
