"""Products stated in a sentence (checks.arithmetic)."""

from __future__ import annotations

from crosscheck.checks.arithmetic import find_wrong_products, stated_products

from crosscheck.contracts import FindingKind, Severity
from tests.reconcile.facts_factory import fact, facts_frame


def _page(sentence: str, raws: list[str]):
    rows = []
    for raw in raws:
        row = fact(
            "gpu.md",
            "H100",
            "unmapped",
            float(raw.split()[0].replace(",", "")),
            unit="count",
            raw=raw,
        )
        row["evidence"] = sentence
        rows.append(row)
    return facts_frame(rows)


def test_a_wrong_product_is_flagged_and_a_right_one_is_not() -> None:
    wrong = "The die packs 144 compute units with 128 shader cores each, giving up to 16,896 cores."
    found = find_wrong_products(_page(wrong, ["144", "128", "16,896 cores"]))
    assert len(found) == 1 and found[0].kind is FindingKind.DIFF_MISMATCH
    assert "18,432" in found[0].explanation and "16,896" in found[0].explanation
    right = "The older die: 108 units × 64 cores = 6,912 cores in all."
    assert find_wrong_products(_page(right, ["108", "64", "6,912 cores"])) == []


def test_sentences_without_a_product_are_left_alone() -> None:
    assert stated_products("5 000 translations per language (15 000 in total)") == []
    assert stated_products("a 2x2 grid with 4 cells each, for a total of 16 cells") == []


def test_severity_says_how_far_off_the_product_is() -> None:
    """9 % off (18,432 for 16,896) no rounding explains: high; 2 % off: medium."""
    far = "The die packs 144 compute units with 128 shader cores each, giving 16,896 cores."
    near = "The die packs 144 compute units with 128 shader cores each, giving 18,060 cores."
    (found_far,) = find_wrong_products(_page(far, ["144", "128", "16,896 cores"]))
    (found_near,) = find_wrong_products(_page(near, ["144", "128", "18,060 cores"]))
    assert found_far.severity is Severity.HIGH
    assert found_near.severity is Severity.MEDIUM
