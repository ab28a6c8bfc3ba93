"""A sentence may open with an accented, Greek or Cyrillic capital (realfind3: a French page's
"... constructeur. À titre de comparaison, ..." was one sentence, so the next sentence's
name took the figures before it)."""

from __future__ import annotations

from crosscheck.ingest.sentence_split import split_sentences


def test_an_accented_capital_opens_a_sentence() -> None:
    text = "Elle fait 499 km selon le constructeur. À titre de comparaison, l'autre fait 490 km."
    assert [s for _, s in split_sentences(text)] == [
        "Elle fait 499 km selon le constructeur.",
        "À titre de comparaison, l'autre fait 490 km.",
    ]


def test_a_lower_case_word_after_a_full_stop_still_does_not() -> None:
    text = "It ran at 3.5 GHz, i.e. élevé for a laptop."
    assert len(split_sentences(text)) == 1


def test_approx_before_a_number_ends_no_sentence() -> None:
    text = "The link gives up to 5.9 Gbps (approx. 600 MB/s) in practice. Next one."
    assert len(split_sentences(text)) == 2
