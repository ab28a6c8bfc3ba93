"""Rated figures across sources: a figure that fits no variant or condition another source
gives is a conflict; one that fits any of them (sparsity, the other form factor) is not."""

from __future__ import annotations

import pandas as pd
from crosscheck.checks import CheckConfig
from crosscheck.checks.conflict import comparable_facts
from crosscheck.checks.run import run_checks
from crosscheck.checks.variants import find_variant_outliers

from crosscheck.contracts import PAGE_COLUMNS, Scope, Severity
from tests.reconcile.facts_factory import fact, facts_frame

T = 1e12

# A spec sheet of our own: the "Orca 7" accelerator, dense and sparse tensor rates of one
# form factor, and its plain FP32 rate.
SHEET = [
    ("sheet.example", "Orca 7", "auto:tf32:flops", 150 * T, "tensor", "150 TFLOPS"),
    ("sheet.example", "Orca 7", "auto:tf32:flops", 300 * T, "tensor sparse", "300 TFLOPS"),
    ("sheet.example", "Orca 7", "auto:fp32:flops", 19 * T, "", "19 TFLOPS"),
]


def _frame(extra: list[tuple[str, str, str, float, str, str]]) -> pd.DataFrame:
    rows = [
        fact(src, e, m, v, unit="FLOP/s", qualifier=q, raw=raw, label=m.split(":")[1].upper())
        for src, e, m, v, q, raw in SHEET + extra
    ]
    return facts_frame(rows)


def _found(extra):
    config = CheckConfig()
    return find_variant_outliers(comparable_facts(_frame(extra), config), config)


def test_an_unqualified_rate_far_above_every_variant_is_a_conflict() -> None:
    found = _found([("blog.example", "Orca 7", "auto:tf32:flops", 1.5e15, "", "1.5 PetaFLOPS")])
    assert len(found) == 1
    f = found[0]
    assert f.scope is Scope.CROSS_SOURCE and f.severity is Severity.HIGH
    assert "'1.5 PetaFLOPS'" in f.explanation and "5.0×" in f.explanation
    assert "300 TFLOPS" in f.explanation and "TF32" in f.explanation
    assert len(f.claim_ids) == 3  # the outlier and both variants it was set against


def test_a_rate_far_below_every_variant_is_a_conflict_too() -> None:
    found = _found([("blog.example", "Orca 7", "auto:tf32:flops", 30 * T, "", "30 TFLOPS")])
    assert len(found) == 1 and "below the lowest" in found[0].explanation
    assert found[0].severity is Severity.HIGH  # 5x under the dense rate


def test_a_medium_gap_is_medium() -> None:
    found = _found([("blog.example", "Orca 7", "auto:tf32:flops", 700 * T, "", "700 TFLOPS")])
    assert len(found) == 1 and found[0].severity is Severity.MEDIUM


def test_trap_the_sparse_rate_given_without_saying_sparse_fits_a_variant() -> None:
    assert _found([("blog.example", "Orca 7", "auto:tf32:flops", 312 * T, "", "312 TFLOPS")]) == []


def test_trap_a_rate_between_two_variants_fits() -> None:
    assert _found([("blog.example", "Orca 7", "auto:tf32:flops", 200 * T, "", "200 TFLOPS")]) == []


def test_trap_under_twice_outside_the_range_is_a_variant_difference() -> None:
    # another form factor may sit outside what one sheet lists, by less than the margin
    assert _found([("blog.example", "Orca 7", "auto:tf32:flops", 500 * T, "", "500 TFLOPS")]) == []


def test_trap_a_different_metric_is_never_compared() -> None:
    # the FP16 rate is far above the TF32 ones, and the FP32 rate far below: other metrics
    extra = [("blog.example", "Orca 7", "auto:fp16:flops", 1.5e15, "", "1.5 PetaFLOPS")]
    assert _found(extra) == []


def test_a_pair_that_fits_no_variant_is_reported_once_from_its_less_specific_side() -> None:
    # the blog names a variant (sxm) the sheet does not: the sheet's dense figure may be any
    # variant, and none is 10x off another
    extra = [("blog.example", "Orca 7", "auto:tf32:flops", 1.5e15, "sxm; tensor", "1.5 PFLOPS")]
    found = _found(extra)
    assert len(found) == 1
    assert found[0].explanation.startswith("Orca 7 TF32: '150 TFLOPS'")


def test_trap_a_more_specific_figure_within_the_margin_fits() -> None:
    extra = [("blog.example", "Orca 7", "auto:tf32:flops", 160 * T, "sxm; tensor", "160 TFLOPS")]
    assert _found(extra) == []


def test_trap_a_measured_figure_is_not_a_rating() -> None:
    rows = [
        fact("a.example", "Lapin", "throughput", 185_000, qualifier="hello world", raw="185k"),
        fact("b.example", "Lapin", "throughput", 14_320, raw="14,320 req/s"),
    ]
    config = CheckConfig()
    assert find_variant_outliers(comparable_facts(facts_frame(rows), config), config) == []


def test_trap_the_same_page_is_no_other_source() -> None:
    extra = [("sheet.example", "Orca 7", "auto:tf32:flops", 1.5e15, "", "1.5 PetaFLOPS")]
    assert _found(extra) == []


def test_the_rule_runs_with_the_others() -> None:
    frame = _frame([("blog.example", "Orca 7", "auto:tf32:flops", 1.5e15, "", "1.5 PetaFLOPS")])
    findings = run_checks(frame, pd.DataFrame(columns=PAGE_COLUMNS), CheckConfig()).findings
    assert (findings["explanation"].str.contains("fits none of them")).sum() == 1
