"""UTF-8 read whole in the Greek code page (realcond21): every byte kept ("β€”", "β†’", "Β·")
is undone and counted as mojibake; real Greek text is left alone."""

from __future__ import annotations

from crosscheck.normalize.repair import repair_text


def test_three_and_two_byte_signs_read_in_cp1253_are_repaired() -> None:
    got = repair_text("Β·6 minΒ·Tools Β· setup β†’ serving; 40 vs 38 tok/s β€” batch; 2-4Γ— more")
    assert got.text == "·6 min·Tools · setup → serving; 40 vs 38 tok/s — batch; 2-4× more"
    assert got.kinds == ("mojibake_cp1253",)
    assert got.mojibake == 6


def test_real_greek_words_and_capitals_alone_are_no_cp1253_fault() -> None:
    assert repair_text("ΤΟ… και β€” λόγος").repairs == 0
