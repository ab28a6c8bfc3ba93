"""Numeric consensus: known-truth fixtures, the worked example of docs/reconcile.md, edge cases."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from crosscheck.reconcile import (
    COPY_GROUP_COLUMNS,
    RECONCILED_CATEGORY_COLUMNS,
    SOURCE_RELIABILITY_COLUMNS,
    ReconcileConfig,
    ReconcileError,
    annotate_conflicts,
    reconcile_facts,
)
from crosscheck.reconcile.truth import _points
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.contracts import RECONCILED_COLUMNS
from crosscheck.intervals import IntervalPolicy, comparison_bounds, point_value
from tests.reconcile.facts_factory import fact, facts_frame

TOLERANCES = {"throughput": 0.1, "github_stars": 0.1, "memory_usage": 0.1, "startup_time": 0.1}
CONFIG = ReconcileConfig(IntervalPolicy(), TOLERANCES)
TRUTH = {
    ("Flask", "throughput", "req/s"): 2_500.0,
    ("Flask", "github_stars", "count"): 68_000.0,
    ("Flask", "memory_usage", "B"): 35e6,
    ("Flask", "startup_time", "s"): 0.12,
    ("FastAPI", "throughput", "req/s"): 12_000.0,
    ("FastAPI", "github_stars", "count"): 75_000.0,
    ("FastAPI", "memory_usage", "B"): 40e6,
    ("FastAPI", "startup_time", "s"): 0.05,
}


def _row(frame: pd.DataFrame, entity: str, metric: str, qualifier: str = "") -> pd.Series:
    hit = frame[
        (frame["entity"] == entity)
        & (frame["metric"] == metric)
        & (frame["qualifier"] == qualifier)
    ]
    assert len(hit) == 1, hit
    return hit.iloc[0]


def test_a_systematically_wrong_source_loses_everywhere() -> None:
    noise = {"a.com": 1.0, "b.com": 1.02, "c.com": 0.97, "d.com": 1.05, "bad.com": 3.0}
    rows = [
        fact(src, e, m, v * f, unit=u, bound="approximate" if src == "c.com" else "exact")
        for src, f in noise.items()
        for (e, m, u), v in TRUTH.items()
    ]
    result = reconcile_facts(facts_frame(rows), CONFIG)
    assert len(result.reconciled) == len(TRUTH)
    for (entity, metric, _), truth in TRUTH.items():
        row = _row(result.reconciled, entity, metric)
        assert math.isclose(row["value"], truth, rel_tol=0.1), (entity, metric, row["value"])
        assert "bad.com" not in row["sources"]
        assert (row["support"], row["dissent"]) == (4, 1)
    reliability = result.source_reliability.set_index("source")
    assert reliability["reliability"].idxmin() == "bad.com"
    assert reliability.loc["bad.com", "disagreeing"] == len(TRUTH)
    assert reliability.loc["bad.com", "reliability"] == pytest.approx(
        2 / (len(TRUTH) + 3), abs=1e-4
    )
    assert result.converged and result.iterations <= 10


def test_c_single_source_is_low_confidence_not_an_error() -> None:
    result = reconcile_facts(facts_frame([fact("only.com", "Flask", "throughput", 2_500)]), CONFIG)
    row = result.reconciled.iloc[0]
    assert (row["value"], row["support"], row["dissent"]) == (2_500, 1, 0)
    assert row["sources"] == ["only.com"]
    assert 0 < row["confidence"] < 0.5
    reliability = result.source_reliability.iloc[0]
    assert (reliability["claims"], reliability["agreeing"], reliability["disagreeing"]) == (1, 0, 0)
    assert reliability["reliability"] == pytest.approx(2 / 3, abs=1e-4)  # the prior mean


def test_d_at_least_and_point_inside_a_range_agree() -> None:
    rows = [
        fact("a.com", "Flask", "throughput", 10_000, bound="approximate", raw="~10,000"),
        fact("b.com", "Flask", "throughput", 8_000, 12_000, bound="range", raw="8,000-12,000"),
        fact("c.com", "Flask", "throughput", 9_000, bound="at_least", raw="9,000+"),
        fact("a.com", "Flask", "age_years", 12, bound="at_least", unit="year", raw="12+ years"),
        fact("b.com", "Flask", "age_years", 15, bound="at_least", unit="year", raw="15+ years"),
    ]
    result = reconcile_facts(facts_frame(rows), CONFIG)
    throughput = _row(result.reconciled, "Flask", "throughput")
    assert (throughput["support"], throughput["dissent"]) == (3, 0)
    assert throughput["low"] <= throughput["value"] <= throughput["high"]
    assert (throughput["low"], throughput["high"]) == (8_000, 12_000)
    age = _row(result.reconciled, "Flask", "age_years")
    assert (age["support"], age["dissent"]) == (2, 0)
    assert 12 <= age["value"] <= 15


def test_g_empty_input_gives_empty_frames_with_the_right_columns() -> None:
    for facts in (facts_frame([]), pd.DataFrame()):
        result = reconcile_facts(facts, CONFIG)
        assert list(result.reconciled.columns) == RECONCILED_COLUMNS
        assert list(result.reconciled_categories.columns) == RECONCILED_CATEGORY_COLUMNS
        assert list(result.source_reliability.columns) == SOURCE_RELIABILITY_COLUMNS
        assert list(result.copy_groups.columns) == COPY_GROUP_COLUMNS
        assert result.groups == 0 and result.reconciled.empty


def test_nothing_reconcilable_gives_empty_frames() -> None:
    rows = [
        fact("a.com", "Flask", "throughput", -67, unit="percent", role="diff"),
        fact("a.com", "Flask", "unmapped", 5),
    ]
    result = reconcile_facts(facts_frame(rows), CONFIG)
    assert result.reconciled.empty and result.source_reliability.empty
    assert list(result.reconciled.columns) == RECONCILED_COLUMNS


def test_worked_example_of_the_docs() -> None:
    """docs/reconcile.md: Flask throughput, ~2,500 ~1,200 ~12,000 on page A, 8,000-12,000 on B."""
    rows = [
        fact("A", "Flask", "throughput", 2_500, bound="approximate", raw="~2,500 req/s"),
        fact("A", "Flask", "throughput", 1_200, bound="approximate", raw="~1,200 req/s"),
        fact("A", "Flask", "throughput", 12_000, bound="approximate", raw="~12,000 req/s"),
        fact("B", "Flask", "throughput", 8_000, 12_000, bound="range", raw="8,000-12,000 req/s"),
    ]
    result = reconcile_facts(facts_frame(rows), CONFIG)
    row = result.reconciled.iloc[0]
    assert (row["low"], row["value"], row["high"]) == (8_000, 12_000, 12_000)
    assert (row["support"], row["dissent"], row["sources"]) == (2, 2, ["A", "B"])
    assert row["confidence"] == pytest.approx(0.333)
    reliability = result.source_reliability.set_index("source")["reliability"]
    assert reliability.to_dict() == {"A": 0.5, "B": 0.75}
    facts = facts_frame(rows)
    ids = facts["claim_id"].tolist()
    finding = {
        "finding_id": "f1", "kind": "conflict", "scope": "same_page", "severity": "high",
        "entity": "Flask", "metric": "throughput", "qualifier": "", "explanation": "Conflict.",
        "claim_ids": [ids[1], ids[2]],
    }  # fmt: skip
    annotated = annotate_conflicts(pd.DataFrame([finding]), facts, result.reconciled)
    assert annotated["explanation"].iloc[0] == (
        "Conflict. Consensus favours 12,000 req/s "
        "(2 of 4 claims from 2 independent sources agree; confidence 0.33)."
    )


def test_units_disagreeing_in_one_key_give_one_row_for_the_best_supported_unit() -> None:
    rows = [
        fact("a.com", "Flask", "throughput", 2_500),
        fact("b.com", "Flask", "throughput", 2_450),
        fact("c.com", "Flask", "throughput", 2_500, unit="count"),
    ]
    result = reconcile_facts(facts_frame(rows), CONFIG)
    assert len(result.reconciled) == 1
    row = result.reconciled.iloc[0]
    assert (row["unit"], row["support"], row["dissent"]) == ("req/s", 2, 1)


def test_qualifiers_are_separate_keys_and_missing_qualifier_reads_empty() -> None:
    rows = [
        fact("a.com", "Flask", "throughput", 2_500, qualifier="concurrent load"),
        fact("a.com", "Flask", "throughput", 1_200),
    ]
    facts = facts_frame(rows)
    facts.loc[1, "qualifier"] = None
    result = reconcile_facts(facts, CONFIG)
    assert result.reconciled["qualifier"].tolist() == ["", "concurrent load"]


def test_positional_config_of_the_pipeline_still_works() -> None:
    facts = facts_frame([fact("a.com", "Flask", "throughput", 2_500)])
    reconciled = reconcile_facts(facts, ReconcileConfig(IntervalPolicy(), TOLERANCES)).reconciled
    assert list(reconciled.columns) == RECONCILED_COLUMNS
    assert list(reconcile_facts(facts).reconciled.columns) == RECONCILED_COLUMNS


def test_missing_columns_raise_reconcile_error() -> None:
    facts = facts_frame([fact("a.com", "Flask", "throughput", 2_500)]).drop(columns=["bound"])
    with pytest.raises(ReconcileError, match="bound"):
        reconcile_facts(facts, CONFIG)


def test_output_does_not_depend_on_row_order() -> None:
    rows = [
        fact(src, e, m, v * f, unit=u)
        for src, f in {"a": 1.0, "b": 1.04, "c": 2.0}.items()
        for (e, m, u), v in TRUTH.items()
    ]
    facts = facts_frame(rows)
    first = reconcile_facts(facts, CONFIG)
    again = reconcile_facts(facts.sample(frac=1.0, random_state=3), CONFIG)
    pd.testing.assert_frame_equal(first.reconciled, again.reconciled)
    pd.testing.assert_frame_equal(first.source_reliability, again.source_reliability)


@given(
    st.lists(
        st.tuples(
            st.floats(1, 1e6),
            st.floats(1.0, 3.0),
            st.sampled_from(["exact", "approximate", "at_least", "at_most", "range"]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_points_match_the_shared_point_value(claims: list[tuple[float, float, str]]) -> None:
    low = np.array([c[0] for c in claims])
    high = np.array(
        [
            c[0] * c[1] if c[2] == "range" else (math.inf if c[2] == "at_least" else c[0])
            for c in claims
        ]
    )
    bound = np.array([c[2] for c in claims], dtype=object)
    expected = [point_value(lo, hi, b) for lo, hi, b in zip(low, high, bound, strict=True)]
    assert _points(low, high, bound).tolist() == expected


_claim = st.tuples(
    st.sampled_from(["s1", "s2", "s3", "s4"]),
    st.sampled_from(["Flask", "FastAPI"]),
    st.sampled_from([100.0, 110.0, 300.0, 1_000.0, 1_050.0]),
    st.sampled_from(["exact", "approximate", "at_least", "range"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_claim, min_size=1, max_size=14))
def test_invariants_on_random_claims(claims: list[tuple[str, str, float, str]]) -> None:
    rows = [
        fact(s, e, "throughput", v, v * 1.5 if b == "range" else None, bound=b)
        for s, e, v, b in claims
    ]
    facts = facts_frame(rows)
    result = reconcile_facts(facts, CONFIG)
    assert list(result.reconciled.columns) == RECONCILED_COLUMNS
    assert len(result.reconciled) == facts["entity"].nunique()
    for row in result.reconciled.itertuples(index=False):
        own = facts[facts["entity"] == row.entity]
        lo, hi = comparison_bounds(
            own["low"].to_numpy(), own["high"].to_numpy(), own["bound"].to_numpy(dtype=object),
            np.full(len(own), 0.1), CONFIG.intervals,
        )  # fmt: skip
        contains = (lo <= row.value) & (row.value <= hi)
        assert row.support == contains.sum() >= 1
        assert row.support + row.dissent == len(own)
        assert row.low <= row.value <= row.high
        assert 0.0 <= row.confidence < 1.0
        assert row.sources == sorted(set(own.loc[contains, "source"]))
    assert result.source_reliability["reliability"].between(0, 1).all()
