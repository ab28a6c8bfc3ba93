"""Text repair on the seed page with the Greek-code-page fault, on ftfy cases and on clean text."""

from __future__ import annotations

import pytest
from crosscheck.normalize.repair import (
    RepairResult,
    count_mojibake,
    may_hold_mojibake,
    mojibake_positions,
    repair_text,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS_DIR


def _seed_002() -> str:
    return next(SEEDS_DIR.glob("002_*.txt")).read_text(encoding="utf-8")


def _cells(text: str) -> list[str]:
    cells = []
    for line in text.splitlines():
        if line.startswith("|"):
            cells.extend(c.strip() for c in line.strip().strip("|").split("|"))
    return cells


def test_every_beta_cell_of_seed_002_becomes_an_em_dash() -> None:
    cells = [c for c in _cells(_seed_002()) if c == "β"]
    assert len(cells) > 100  # the broken page: every empty cell
    results = [repair_text(c) for c in cells]
    assert all(r == RepairResult("—", 1, ("mojibake_em_dash",), 1) for r in results)


def test_seed_002_lines_keep_no_beta_or_pi() -> None:
    text = _seed_002()
    faults = text.count("β") + text.count("π")
    repaired = [repair_text(line) for line in text.splitlines()]
    assert sum(r.repairs for r in repaired) == faults
    assert not any("β" in r.text or "π" in r.text for r in repaired)
    whole = repair_text(text)
    assert whole.repairs == faults and set(whole.kinds) == {"mojibake_em_dash", "mojibake_trophy"}


@pytest.mark.parametrize(
    ("broken", "fixed", "kind"),
    [
        (
            "strong data validationβit's ideal",
            "strong data validation—it's ideal",
            "mojibake_em_dash",
        ),
        ("Highly flexibleβworks for", "Highly flexible—works for", "mojibake_em_dash"),
        ("~24,000-35,000 req/sπ", "~24,000-35,000 req/s🏆", "mojibake_trophy"),
        ("750,000+ questionsπ", "750,000+ questions🏆", "mojibake_trophy"),
        ("~500 ms β Requests Per Second", "~500 ms — Requests Per Second", "mojibake_em_dash"),
        ("| ~11 KB | β | β |", "| ~11 KB | — | — |", "mojibake_em_dash"),
        ("Flaskβs ecosystem", "Flask’s ecosystem", "mojibake_apostrophe"),
        ("5β10 ms", "5-10 ms", "mojibake_en_dash"),
    ],
)
def test_greek_code_page_fault(broken: str, fixed: str, kind: str) -> None:
    result = repair_text(broken)
    assert result.text == fixed and kind in result.kinds and result.repairs >= 1


@pytest.mark.parametrize(
    "text",
    [
        "β-version",
        "π ≈ 3.14",
        "the β coefficient",
        "2π radians",
        "αβγ",
        "Beta (β) release",
        "σ and β",
    ],
)
def test_a_real_greek_letter_is_left_alone(text: str) -> None:
    assert repair_text(text) == RepairResult(text, 0, ())


def test_ftfy_mojibake_without_straightening_quotes() -> None:
    result = repair_text("“Fast” â€” CafÃ©")
    assert result.text == "“Fast” — Café"
    assert result.repairs == 2 and result.kinds == ("mojibake",)


@pytest.mark.parametrize(
    ("broken", "fixed", "kinds"),
    [
        ("100\u00a0MB", "100 MB", ("nbsp",)),
        ("100\u202fMB", "100 MB", ("odd_space",)),
        ("zero\u200bwidth\ufeff", "zerowidth", ("zero_width",)),
        ("&lt;500 users &amp; more", "<500 users & more", ("html_entity",)),
        ("5–10 ms", "5-10 ms", ("dash",)),
        ("8,000 – 12,000", "8,000 - 12,000", ("dash",)),
        ("−67%", "-67%", ("dash",)),
        ("–67%", "-67%", ("dash",)),
        ("2018—2020", "2018-2020", ("dash",)),
    ],
)
def test_spaces_invisibles_entities_dashes(broken: str, fixed: str, kinds: tuple[str, ...]) -> None:
    result = repair_text(broken)
    assert (result.text, result.kinds) == (fixed, kinds)


@pytest.mark.parametrize(
    "text", ["learning curve—build it", "Flask — a framework", "—", "Café", ""]
)
def test_prose_dashes_and_clean_text_are_kept(text: str) -> None:
    assert repair_text(text) == RepairResult(text, 0, ())


def test_clean_text_is_returned_as_is() -> None:
    text = "~2,500 req/sec"
    assert repair_text(text).text is text


def test_mojibake_pre_check_agrees_with_repair(seed_002) -> None:  # type: ignore[no-untyped-def]
    from crosscheck.normalize.repair import may_hold_mojibake

    broken = seed_002.read_text(encoding="utf-8")
    assert may_hold_mojibake(broken) and repair_text(broken).mojibake > 100
    for clean in ("Flask — 68,000 stars", "plain ascii &amp; entities", "caf\u00e9 na\u00efve"):
        assert not may_hold_mojibake(clean)
        assert repair_text(clean).mojibake == 0
    assert may_hold_mojibake("dash â€” here") and repair_text("dash â€” here").mojibake > 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain ASCII page", False),
        ("café — naïve “quotes” and em dashes", False),  # é/ï alone are no mojibake sign
        ("Flask β 2,500", True),
        ("the trophy π", True),
        ("caf\u00c3\u00a9", True),  # UTF-8 é read as cp1252
    ],
)
def test_may_hold_mojibake_is_a_superset_of_what_repair_counts(text, expected) -> None:
    assert may_hold_mojibake(text) is expected
    if not expected:
        assert repair_text(text).mojibake == 0


def test_mojibake_count_alone_equals_the_full_repairs_count() -> None:
    lines = _seed_002().splitlines()
    lines += ["Ã©tÃ© &amp; more", "donβt", "5β10", "| β |", "Winnerπ", "β coefficient", "&#233;"]
    assert sum(repair_text(line).mojibake for line in lines) > 100
    assert [count_mojibake(line) for line in lines] == [
        repair_text(line).mojibake for line in lines
    ]


def test_mojibake_positions_find_exactly_the_texts_that_can_hold_faults() -> None:
    texts = ["clean", "café menu", "donβt", "Q&A", "plain 5-10", "Ã©tÃ©", "naïve"]
    joined = "\0".join(texts)
    starts = mojibake_positions(joined)
    ends = [sum(len(t) + 1 for t in texts[: i + 1]) for i in range(len(texts))]
    flagged = {next(i for i, end in enumerate(ends) if at < end) for at in starts}
    assert flagged == {2, 3, 5}  # "é" and "ï" alone are no sign of mojibake
    assert flagged >= {i for i, t in enumerate(texts) if may_hold_mojibake(t) or "&" in t}


def test_thai_code_page_mojibake_is_repaired_and_counted() -> None:
    """UTF-8 punctuation read as Windows-874: the em dash's bytes show as "โ€" + one more."""
    broken = "fast\u0e42\u20ac\u201dand small"
    result = repair_text(broken)
    assert result.text == "fast\u2014and small"
    assert result.mojibake == 1 and "mojibake_cp874" in result.kinds
    assert count_mojibake(broken) == 1 and may_hold_mojibake(broken)


@pytest.mark.parametrize(
    ("text", "lost"),
    [
        ("回?fù)簦?3年", 2),  # "?" beside ideographs: characters lost in a charset conversion
        ("the Widget? based broker", 1),  # a lost ® glued to a word before a lower-case word
        ("broken \ufffd here", 1),
        ("Is it fast? Yes, it is.", 0),  # a question
        ("Batch jobs? mLLM wins them.", 0),  # a question before a name with inner capitals
        ("Which phone? iPhone users say", 0),
        ("Queued workloads? vLLM wins.", 0),  # a question before a name with an inner capital
        ("the Widget? based iPhone", 1),  # still lost: the word after is plain lower-case
        ("see /page?id=3 for more", 0),
    ],
)
def test_lost_characters_are_counted_not_guessed(text: str, lost: int) -> None:
    result = repair_text(text)
    assert result.text == text
    assert result.mojibake == lost == count_mojibake(text)
    assert may_hold_mojibake(text) == bool(lost)


# pieces of every sign and of its near misses ("?" beside a capital, "é" before a letter)
_SIGN_PIECES = [
    *("a", "Z", "b", " ", "\t", ".", "?", "é", "中", "β", "π", "\ufffd", "🏆", "\ud800"),
    *("\u00c2", "\u00a9", "\u00c3\u00a9", "\u0e42", "\u0e42\u20ac", "\u201d", "\u2122"),
    # the edges of every range the byte-level check spells out
    *("\u4dff", "\u4e00", "\u9fff", "\ua000", "\u00c1", "\u00f4", "\u00f5", "\u00bf", "\u0152"),
    *("\u0080", "\u07ff", "\u0800", "\uffff", "\u5000", "\u5fff"),
    # Thai vowels written before their consonant, and the consonants' edges
    *("\u0e40", "\u0e44", "\u0e45", "\u0e01", "\u0e2e", "\u0e2f", "\u0e20"),
]


def test_mojibake_pre_check_answers_as_the_sign_pattern_on_every_pair() -> None:
    """Every piece beside every other, and on both sides of a "?": the byte-level scans answer
    what the sign pattern answers (the ranges' edges included)."""
    from crosscheck.normalize.repair import _MOJIBAKE_SIGN

    texts = [a + b for a in _SIGN_PIECES for b in _SIGN_PIECES]
    texts += [a + "?" + b for a in _SIGN_PIECES for b in _SIGN_PIECES]
    texts += [a + "? " + b for a in _SIGN_PIECES for b in _SIGN_PIECES]
    wrong = [t for t in texts if may_hold_mojibake(t) is not (_MOJIBAKE_SIGN.search(t) is not None)]
    assert wrong == []


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_SIGN_PIECES), max_size=10).map("".join))
def test_mojibake_pre_check_is_exactly_a_search_for_a_sign(text: str) -> None:
    """The pre-check scans the UTF-8 bytes for each sign apart (for speed): it answers what
    one search of the whole sign pattern answers, on texts made of the characters every sign
    starts with and of the edges of the ranges it reads."""
    from crosscheck.normalize.repair import _MOJIBAKE_SIGN

    assert may_hold_mojibake(text) is (_MOJIBAKE_SIGN.search(text) is not None)
    assert may_hold_mojibake("x" * 5000 + text) is may_hold_mojibake(text)
    # more "?" than the pre-check tries one by one before it searches from the next
    assert may_hold_mojibake("a?a" * 40 + " " + text) is may_hold_mojibake(text)


def test_every_sign_part_opens_with_the_byte_the_pre_check_looks_for() -> None:
    """The pre-check looks for each part's lead byte first (memchr) and searches the part only
    from there: every match of a part, on every pair of pieces, opens with that byte."""
    from crosscheck.normalize.repair import _SIGN_LEADS

    texts = [a + b + "?" + c for a in _SIGN_PIECES for b in _SIGN_PIECES for c in ("", " x", "中")]
    for text in texts:
        encoded = text.encode("utf-8", "surrogatepass")
        for lead, part in _SIGN_LEADS:
            assert all(encoded[m.start() : m.start() + 1] == lead for m in part.finditer(encoded))


def test_two_byte_signs_read_in_the_thai_code_page_are_repaired() -> None:
    """'·' (C2 B7) read as Windows-874 is 'ยท' between Latin words (realacc3); a Thai word
    with the same letters among Thai text stays."""
    fixed = repair_text("Founder, Acme ยท Updated March 2, 2026")
    assert fixed.text == "Founder, Acme · Updated March 2, 2026"
    assert fixed.kinds == ("mojibake_cp874",) and fixed.mojibake == 1
    thai = "ภาษาไทย ยา ดี"
    assert repair_text(thai).text == thai


def test_a_lead_byte_left_alone_in_the_thai_code_page_is_counted_not_guessed() -> None:
    """UTF-8 '—' or '←' read as Windows-874 with its continuation bytes dropped leaves 'โ'
    alone between Latin words (realacc12): a Thai vowel that Thai always writes before a
    consonant. It is counted (the page gets an encoding finding); the text is kept. Thai
    words, where a consonant follows, are no fault."""
    for broken in ("three algorithms โ Bcrypt, Scrypt", "โ† Back to the list"):
        found = repair_text(broken)
        assert found.kinds == ("mojibake_cp874_unrepaired",) and found.mojibake == 1
        assert found.text == broken and may_hold_mojibake(broken)
    thai = "โรงเรียน ใหม่ แม่ ไป"
    assert repair_text(thai).repairs == 0
    assert repair_text("em dash โ€” here").kinds == ("mojibake_cp874",)
