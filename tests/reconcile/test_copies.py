"""Copy detection: copies vote as one voice; thresholds; the LSH path agrees with the exact one."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from crosscheck.reconcile import (
    COPY_GROUP_COLUMNS,
    CopyConfig,
    ReconcileConfig,
    detect_copies,
    reconcile_facts,
)
from crosscheck.reconcile.copies import _shingles, joined_shingles, page_shingles
from crosscheck.reconcile.lsh import signatures

from crosscheck.intervals import IntervalPolicy
from tests.reconcile.facts_factory import fact, facts_frame, page

TRUTH = [
    ("Flask", "throughput", 2_500.0, "req/s"),
    ("Flask", "github_stars", 68_000.0, "count"),
    ("Flask", "memory_usage", 35e6, "B"),
    ("FastAPI", "throughput", 12_000.0, "req/s"),
    ("FastAPI", "github_stars", 75_000.0, "count"),
    ("FastAPI", "memory_usage", 40e6, "B"),
]


def _pages(factor: float, sources: list[str], fmt: str) -> list[dict]:
    return [
        fact(src, e, m, v * factor, unit=u, raw=fmt.format(v * factor))
        for src in sources
        for e, m, v, u in TRUTH
    ]


def _copied_wrong_page() -> pd.DataFrame:
    wrong = _pages(3.0, ["copy1.example", "copy2.example", "copy3.example"], "{:,.0f}")
    right = _pages(1.0, ["right-a.org"], "{:,.0f}") + _pages(1.01, ["right-b.net"], "~{:.4g}")
    return facts_frame(wrong + right)


def test_b_copies_vote_as_one_voice_and_the_right_value_wins() -> None:
    result = reconcile_facts(_copied_wrong_page())
    groups = result.copy_groups
    assert list(groups.columns) == COPY_GROUP_COLUMNS
    assert sorted(groups["source"]) == ["copy1.example", "copy2.example", "copy3.example"]
    assert groups["group_id"].nunique() == 1 and (groups["size"] == 3).all()
    assert (groups["jaccard_to_group"] == 1.0).all()
    for e, m, v, _ in TRUTH:
        row = result.reconciled.set_index(["entity", "metric"]).loc[(e, m)]
        assert math.isclose(row["value"], v, rel_tol=0.02), (e, m, row["value"])
        assert row["sources"] == ["right-a.org", "right-b.net"]
    reliability = result.source_reliability.set_index("source")
    assert reliability.loc["copy1.example", "copy_group"] == groups["group_id"].iloc[0]
    assert reliability.loc["right-a.org", "copy_group"] is None
    assert reliability["reliability"].idxmax().startswith("right-")


def test_b_without_copy_detection_a_plain_majority_picks_the_wrong_value() -> None:
    config = ReconcileConfig(IntervalPolicy(), copies=CopyConfig(enabled=False))
    result = reconcile_facts(_copied_wrong_page(), config)
    assert result.copy_groups.empty
    for e, m, v, _ in TRUTH:
        row = result.reconciled.set_index(["entity", "metric"]).loc[(e, m)]
        assert math.isclose(row["value"], 3 * v, rel_tol=0.02)


def test_pages_with_fewer_than_min_shingles_are_never_copies() -> None:
    rows = _pages(1.0, ["a.com", "b.com"], "{:,.0f}")
    small = facts_frame([r for r in rows if r["entity"] == "Flask"])  # three rows per page
    assert detect_copies(small, CopyConfig()).groups.empty
    assert detect_copies(small, CopyConfig(min_shingles=3)).groups["size"].tolist() == [2, 2]


def _ten_rows(source: str, changed: int) -> list[dict]:
    rows = [("Flask", f"metric_{i}", float(i + 1), f"{i + 1}") for i in range(10)]
    rows = [
        (e, m, v + 100 if i < changed else v, raw + "!" * (i < changed))
        for i, (e, m, v, raw) in enumerate(rows)
    ]
    return page(source, rows)


def test_threshold_of_jaccard() -> None:
    one_changed = facts_frame(_ten_rows("a.com", 0) + _ten_rows("b.com", 1))
    groups = detect_copies(one_changed, CopyConfig()).groups
    assert groups["jaccard_to_group"].tolist() == [0.8182, 0.8182]  # 9 shared of 11
    two_changed = facts_frame(_ten_rows("a.com", 0) + _ten_rows("b.com", 2))
    assert detect_copies(two_changed, CopyConfig()).groups.empty  # 8 of 12 = 0.67


def test_unmapped_rows_are_shingled_by_label() -> None:
    rows = [
        fact(src, "Flask", "unmapped", i, label=f"Odd label {i}")
        for src in ("a", "b")
        for i in range(6)
    ]
    groups = detect_copies(facts_frame(rows), CopyConfig()).groups
    assert groups["source"].tolist() == ["a", "b"]


def _corpus(n_sources: int, seed: int) -> pd.DataFrame:
    """Families of near-copies (one row changed per copy) among independent pages."""
    rng = np.random.default_rng(seed)
    rows: list[dict] = []
    for s in range(n_sources):
        family = s % 7 if s < 70 else s  # 70 pages in 7 families, the rest independent
        values = np.random.default_rng(family).integers(1, 10**6, size=20)
        tweak = rng.integers(0, 20)
        for i, v in enumerate(values):
            v = v + 1 if (i == tweak and s >= 7) else v
            rows.append(fact(f"site{s:04d}", "Flask", f"metric_{i}", float(v)))
    return facts_frame(rows)


def test_lsh_path_finds_the_same_groups_as_the_exact_join() -> None:
    facts = _corpus(150, seed=1)
    exact = detect_copies(facts, CopyConfig(threshold=0.8))
    for bucket in (64, 2):
        lsh = detect_copies(
            facts, CopyConfig(threshold=0.8, exact_max_sources=0, bucket_all_pairs=bucket)
        )
        pd.testing.assert_frame_equal(exact.groups, lsh.groups)
    assert exact.groups["group_id"].nunique() == 7
    assert (exact.groups["size"] == 10).all()


def test_group_ids_are_stable_under_row_order() -> None:
    facts = _corpus(80, seed=2)
    first = detect_copies(facts, CopyConfig()).groups
    again = detect_copies(facts.sample(frac=1.0, random_state=5), CopyConfig()).groups
    pd.testing.assert_frame_equal(first, again)


def test_shingles_made_per_set_of_pages_equal_those_of_every_fact() -> None:
    """The figure shingles the parse tasks make of their pages (`page_shingles`), put
    together out of order, are `_shingles` of every fact, and give the same copy groups on
    both paths; a source in two sets falls back to hashing every fact."""
    facts = _corpus(150, seed=3)
    sources = facts["source"].unique().tolist()
    cut = [sources[100:], sources[:40], [], sources[40:100]]  # not in name order
    parts = [page_shingles(facts[facts["source"].isin(s)]) for s in cut]
    joined = joined_shingles(parts)
    assert joined is not None
    whole = _shingles(facts)
    for got, want in zip((joined.names, joined.src, joined.shingle), whole, strict=True):
        np.testing.assert_array_equal(got, want)
    config = CopyConfig()
    np.testing.assert_array_equal(  # each page signed as a representative of its own set
        joined.signatures,
        signatures(whole[1], whole[2], len(whole[0]), config.bands * config.rows, config.seed),
    )
    lsh = CopyConfig(exact_max_sources=0)
    for config in (CopyConfig(), lsh, CopyConfig(exact_max_sources=0, seed=8)):
        pd.testing.assert_frame_equal(
            detect_copies(facts, config, parts).groups, detect_copies(facts, config).groups
        )
    assert detect_copies(facts, lsh, parts).groups["group_id"].nunique() == 7
    twice = [*parts, page_shingles(facts[facts["source"] == sources[0]])]
    assert joined_shingles(twice) is None
    pd.testing.assert_frame_equal(
        detect_copies(facts, CopyConfig(), twice).groups, detect_copies(facts, CopyConfig()).groups
    )
