"""Comparative statements of the synthetic corpus: a true one holds for the figures it speaks
of, a false one cannot, and the scoring counts them as relation_mismatch defects/look-alikes."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from bench.corpus_relations import statement
from bench.truth import Defect, LookAlike, PageTruth, Truth, score


def _span(raw: str) -> tuple[float, float]:
    """The ratio a raw value states: "2.4x" (2.4, 2.4), "1.9-3x" (1.9, 3), "45%" (1.45, 1.45)."""
    if raw.endswith("%"):
        r = 1 + float(raw[:-1]) / 100
        return r, r
    low, _, high = raw.removesuffix("x").partition("-")
    return float(low), float(high or low)


@pytest.mark.parametrize("sense", ["rate", "time", "amount"])
def test_true_statements_hold_and_false_ones_cannot(sense: str) -> None:
    rng = random.Random(11)
    seen: dict[str, int] = {}
    raws: list[str] = []
    for _ in range(400):
        px, py = 10 ** rng.uniform(1, 4), 10 ** rng.uniform(1, 4)
        true = rng.random() < 0.5
        phrase = "memory" if sense == "amount" and rng.random() < 0.5 else "latency"
        st = statement(rng, "Xeno", "Yarrow", px, py, sense, phrase, true)  # type: ignore[arg-type]
        if st is None:
            gap = max(px, py) / min(px, py)
            assert gap < 1.4
            continue
        assert st.raw in st.sentence and st.true is true
        raws.append(st.raw)
        seen[st.subtype] = seen.get(st.subtype, 0) + 1
        mine, theirs = (px, py) if st.subject == "Xeno" else (py, px)
        better = mine < theirs if sense == "time" else mine > theirs
        gap = max(px, py) / min(px, py)
        low, high = _span(st.raw) if not st.raw.startswith(("within", "half")) else (0, 0)
        if st.subtype == "true_relation":
            if " less " in st.sentence:  # "A shows 35% less memory than B": A uses less
                assert mine < theirs
                assert abs((1 - mine / theirs) * 100 - float(st.raw[:-1])) <= 1
            else:
                assert better
                assert low / 1.06 <= gap <= high * 1.06
        elif st.subtype == "wrong_size":
            assert better and low / gap >= 2.4
        elif st.subtype == "wrong_direction":
            assert not better and low / 1.06 <= gap <= high * 1.06
        elif st.subtype == "false_parity":
            assert gap >= 1.4 and st.raw.startswith("within ")
        else:
            assert st.subtype == "false_fraction" and st.raw == "half" and mine > theirs
    assert seen.get("true_relation", 0) > 50
    forms = {"%" if raw.endswith("%") else "-" if "-" in raw else "x" for raw in raws}
    assert forms >= ({"%", "-", "x"} if sense == "rate" else {"-", "x"})
    assert {"wrong_size", "wrong_direction", "false_parity"} <= set(seen)


def _truth() -> Truth:
    page = PageTruth(path="a.md", html=False, entities=["Xeno", "Yarrow"])
    page.defects.append(
        Defect("relation_mismatch", "wrong_size", "Xeno", "throughput", ["7.5x"], [], "s1")
    )
    page.lookalikes.append(
        LookAlike("relation_mismatch", "true_relation", "Yarrow", "latency", ["2.1x"], "s2")
    )
    truth = Truth(seed=1, n_pages=1, reference_year=2026)
    truth.pages["a.md"] = page
    return truth


def _frames(
    findings: list[tuple[str, str, list[str]]], kind: str = "relation_mismatch"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    claims = pd.DataFrame(
        {
            "claim_id": ["c1", "c2", "c3", "c4"],
            "source": ["a.md"] * 4,
            "raw_value": ["7.5x", "2.1x", "12,400", "8,200"],
        }
    )
    rows = [
        {
            "finding_id": f"f{i}",
            "kind": kind,
            "scope": "same_page",
            "entity": entity,
            "explanation": "",
            "claim_ids": ids,
        }
        for i, (entity, _metric, ids) in enumerate(findings)
    ]
    return pd.DataFrame(rows), claims


def test_a_finding_on_the_false_statement_detects_it() -> None:
    findings, claims = _frames([("Xeno", "throughput", ["c1", "c3", "c4"])])
    kinds = score(_truth(), findings, claims, lambda s: s)["kinds"]
    assert kinds["relation_mismatch"]["recall"] == 1.0
    assert kinds["relation_mismatch"]["precision"] == 1.0


def test_a_finding_on_a_true_statement_is_a_false_positive() -> None:
    findings, claims = _frames([("Yarrow", "latency", ["c2", "c3"])])
    result = score(_truth(), findings, claims, lambda s: s)
    assert result["kinds"]["relation_mismatch"]["recall"] == 0.0
    assert result["kinds"]["relation_mismatch"]["precision"] == 0.0
    assert result["lookalikes_flagged_by_class"] == {"relation_mismatch:true_relation": 1}


def test_a_finding_naming_both_sides_detects_the_statement() -> None:
    findings, claims = _frames([("Yarrow + Xeno", "throughput", ["c1", "c2"])])
    kinds = score(_truth(), findings, claims, lambda s: s)["kinds"]
    assert kinds["relation_mismatch"]["recall"] == 1.0


def test_the_ratio_rule_of_diff_mismatch_detects_a_statement_with_its_figures() -> None:
    """ "..., so A is 7.5x faster than B" beside its figures is the seeds' ratio rule."""
    findings, claims = _frames([("Xeno", "throughput", ["c1", "c3", "c4"])], "diff_mismatch")
    result = score(_truth(), findings, claims, lambda s: s)
    assert result["kinds"]["relation_mismatch"]["recall"] == 1.0
    assert result["kinds"]["diff_mismatch"]["findings_detecting"] == 1
    findings, claims = _frames([("Yarrow", "latency", ["c2", "c3"])], "diff_mismatch")
    result = score(_truth(), findings, claims, lambda s: s)
    assert result["lookalikes_flagged_by_class"] == {"diff_mismatch:true_relation": 1}


def test_injected_verdicts_are_true_or_reversed_by_a_clear_gap() -> None:
    from bench.corpus_verdicts import MIN_GAP, verdict

    rng = random.Random(5)
    kinds = {True: 0, False: 0}
    for _ in range(300):
        px, py = 10 ** rng.uniform(3, 5), 10 ** rng.uniform(3, 5)
        made = verdict(rng, "Xeno", "Yarrow", px, py)
        gap = max(px, py) / min(px, py)
        if made is None:
            assert gap < MIN_GAP
            continue
        text, subject, word, true = made
        assert text.startswith(subject) and word in text and gap >= MIN_GAP
        mine, theirs = (px, py) if subject == "Xeno" else (py, px)
        ahead = word in ("faster", "more")  # the clause says the subject is ahead
        assert (mine > theirs) == (ahead == true)
        kinds[true] += 1
    assert kinds[True] > 50 and kinds[False] > 30
