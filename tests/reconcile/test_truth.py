"""Source reliability: the Beta prior, convergence and the reliability frame."""

from __future__ import annotations

import pandas as pd
import pytest
from crosscheck.reconcile import (
    SOURCE_RELIABILITY_COLUMNS,
    CopyConfig,
    ReconcileConfig,
    ReconcileError,
    TruthConfig,
    reconcile_facts,
)

from crosscheck.intervals import IntervalPolicy
from tests.reconcile.facts_factory import fact, facts_frame


def test_prior_keeps_a_one_claim_source_from_being_judged_harshly() -> None:
    rows = [
        fact("a", "Flask", "throughput", 2_500),
        fact("b", "Flask", "throughput", 2_520),
        fact("lonely-wrong", "Flask", "throughput", 9_000),
    ]
    reliability = reconcile_facts(facts_frame(rows)).source_reliability.set_index("source")
    assert reliability.loc["lonely-wrong", "reliability"] == pytest.approx(2 / 4)  # (0+2)/(1+3)
    assert reliability.loc["a", "reliability"] == pytest.approx(3 / 4)  # (1+2)/(1+3)


def test_reliability_frame_counts() -> None:
    rows = [
        fact("a", "Flask", "throughput", 2_500),
        fact("a", "Flask", "github_stars", 68_000, unit="count"),  # nobody else: not compared
        fact("b", "Flask", "throughput", 2_500),
    ]
    frame = reconcile_facts(facts_frame(rows)).source_reliability
    assert list(frame.columns) == SOURCE_RELIABILITY_COLUMNS
    assert frame["source"].tolist() == ["a", "b"]
    assert frame[["claims", "agreeing", "disagreeing"]].values.tolist() == [[2, 1, 0], [1, 1, 0]]
    assert frame["copy_group"].isna().all()


def test_iteration_limit_and_convergence_are_reported() -> None:
    rows = [
        fact(s, e, "throughput", v * f)
        for s, f in (("a", 1.0), ("b", 1.01), ("c", 3.0))
        for e, v in (("Flask", 2_500.0), ("FastAPI", 12_000.0))
    ]
    facts = facts_frame(rows)
    one = reconcile_facts(facts, ReconcileConfig(truth=TruthConfig(max_iterations=1)))
    assert one.iterations == 1
    full = reconcile_facts(facts)
    assert full.converged and 1 <= full.iterations <= 10


def test_copy_detection_is_independent_of_reconcilable_facts() -> None:
    rows = [fact(s, "Flask", "unmapped", i, label=f"row {i}") for s in ("a", "b") for i in range(5)]
    result = reconcile_facts(facts_frame(rows))
    assert result.reconciled.empty and result.copy_groups["size"].tolist() == [2, 2]


@pytest.mark.parametrize(
    "make",
    [
        lambda: TruthConfig(prior_alpha=0),
        lambda: TruthConfig(max_iterations=0),
        lambda: CopyConfig(threshold=1.5),
        lambda: CopyConfig(min_shingles=0),
    ],
)
def test_bad_configuration_raises_reconcile_error(make) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ReconcileError):
        make()


def test_frames_have_plain_column_types() -> None:
    result = reconcile_facts(
        facts_frame(
            [fact("a", "Flask", "throughput", 2_500), fact("b", "Flask", "throughput", 2_500)]
        ),
        ReconcileConfig(IntervalPolicy()),
    )
    assert result.reconciled["support"].dtype == "int64"
    assert result.reconciled["confidence"].dtype == "float64"
    assert isinstance(result.reconciled["sources"].iloc[0], list)
    assert pd.api.types.is_float_dtype(result.source_reliability["reliability"])
