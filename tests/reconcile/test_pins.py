"""Reviewed truth outranks voting (issue 18): a true value a reviewer confirmed pins the
consensus of its key and scores the sources; and a consensus is a figure some page stated."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from crosscheck.reconcile import ReconcileConfig, ReconcileResult, reconcile_facts

from crosscheck.intervals import IntervalPolicy
from tests.reconcile.facts_factory import fact, facts_frame

CONFIG = ReconcileConfig(IntervalPolicy(), {"throughput": 0.1, "release_year": 0.0})


def _year_facts() -> list[dict]:
    # Three pages say 2018 (one table copied around), two say 2010; a third key lets the
    # pages build a record.
    rows = [fact(s, "Flask", "release_year", 2018, unit="year") for s in ("a", "b", "c")]
    rows += [fact(s, "Flask", "release_year", 2010, unit="year") for s in ("d", "e")]
    rows += [fact(s, "Flask", "throughput", 1_000) for s in ("a", "b", "c", "d", "e")]
    return rows


def _row(result: ReconcileResult, metric: str) -> pd.Series:
    frame = result.reconciled
    return frame[frame["metric"] == metric].iloc[0]


def _reliability(result: ReconcileResult) -> dict[str, float]:
    frame = result.source_reliability
    return dict(zip(frame["source"], frame["reliability"], strict=True))


def test_a_pin_sets_the_consensus_and_scores_the_sources() -> None:
    facts = facts_frame(_year_facts())
    voted = reconcile_facts(facts, CONFIG)
    assert _row(voted, "release_year")["value"] == 2018
    pinned = reconcile_facts(
        facts, replace(CONFIG, pins=(("Flask", "release_year", "", "year", 2010.0),))
    )
    row = _row(pinned, "release_year")
    assert row["value"] == 2010 and row["confidence"] == 1.0
    assert (row["support"], row["dissent"]) == (2, 3)
    assert list(row["sources"]) == ["d", "e"]
    before, after = _reliability(voted), _reliability(pinned)
    assert after["d"] > before["d"] and after["a"] < before["a"]
    assert after["d"] > after["a"]
    # Other keys keep their vote.
    assert _row(pinned, "throughput")["value"] == 1_000


def test_a_pin_no_page_states_is_the_consensus_with_no_support() -> None:
    facts = facts_frame(_year_facts())
    pinned = reconcile_facts(
        facts, replace(CONFIG, pins=(("Flask", "release_year", "", "year", 2011.0),))
    )
    row = _row(pinned, "release_year")
    assert (row["value"], row["low"], row["high"]) == (2011, 2011, 2011)
    assert (row["support"], row["dissent"], list(row["sources"])) == (0, 5, [])


def test_a_pin_in_another_unit_or_key_changes_nothing() -> None:
    facts = facts_frame(_year_facts())
    voted = reconcile_facts(facts, CONFIG).reconciled
    for pin in [
        ("Flask", "release_year", "", "s", 2010.0),
        ("Django", "release_year", "", "year", 1.0),
    ]:
        other = reconcile_facts(facts, replace(CONFIG, pins=(pin,))).reconciled
        assert other.to_string() == voted.to_string()


def test_the_consensus_is_a_stated_figure() -> None:
    # ~100 and 110-165 overlap on [99, 125]: the consensus is 100 or 110 (stated), not 112.5.
    rows = [
        fact("a", "Flask", "throughput", 100, bound="approximate", raw="~100"),
        fact("b", "Flask", "throughput", 110, 165, bound="range", raw="110-165"),
        fact("c", "Flask", "throughput", 120, bound="approximate", raw="~120"),
    ]
    row = _row(reconcile_facts(facts_frame(rows), CONFIG), "throughput")
    stated = {100, 110, 120, 165}
    assert row["value"] in stated
    assert row["support"] == 3


def test_a_consensus_no_claim_states_is_called_an_interval_estimate() -> None:
    from crosscheck.reconcile import annotate_conflicts

    rows = [
        fact("a", "Flask", "weekly_downloads", 1_000_000, unit="count", raw="1,000,000"),
        fact("b", "Flask", "weekly_downloads", 1_180_000, unit="count", bound="approximate"),
        fact("c", "Flask", "weekly_downloads", 2_800_000, unit="count", raw="2.8M"),
    ]
    facts = facts_frame(rows)
    result = reconcile_facts(facts, CONFIG)
    value = _row(result, "weekly_downloads")["value"]
    # 1,000,000 (±10 %) and ~1.18M (a rounded figure, ±10 %) overlap only between the two
    assert value not in {1_000_000, 1_180_000, 2_800_000}
    finding = {
        "finding_id": "f", "kind": "conflict", "scope": "cross_source", "severity": "medium",
        "entity": "Flask", "metric": "weekly_downloads", "qualifier": "",
        "explanation": "Conflict.", "claim_ids": list(facts["claim_id"]),
    }  # fmt: skip
    text = annotate_conflicts(pd.DataFrame([finding]), facts, result.reconciled)["explanation"]
    assert "Consensus favours about " in text.iloc[0]
    assert "an interval estimate: no claim states it" in text.iloc[0]
