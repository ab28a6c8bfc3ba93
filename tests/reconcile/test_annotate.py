"""annotate_conflicts: one deterministic sentence per conflict finding."""

from __future__ import annotations

import pandas as pd
import pytest
from crosscheck.reconcile import annotate_conflicts, reconcile_facts
from crosscheck.reconcile.annotate import format_figure

from crosscheck.contracts import FINDING_COLUMNS
from tests.reconcile.facts_factory import fact, facts_frame

BASE = "Flask throughput across 2 sources: 2,500 req/s vs 12,000 req/s."


def _finding(claim_ids: list[str], kind: str = "conflict", qualifier: str | None = "") -> dict:
    return {
        "finding_id": "f" + "".join(sorted(claim_ids))[:8] + kind,
        "kind": kind,
        "scope": "cross_source",
        "severity": "medium",
        "entity": "Flask",
        "metric": "throughput",
        "qualifier": qualifier,
        "explanation": BASE,
        "claim_ids": claim_ids,
    }


def _run(rows: list[dict], picks: list[list[int]], **kwargs) -> tuple[pd.DataFrame, pd.DataFrame]:  # type: ignore[no-untyped-def]
    facts = facts_frame(rows)
    ids = facts["claim_id"].tolist()
    findings = pd.DataFrame(
        [_finding([ids[i] for i in pick], **kwargs) for pick in picks], columns=FINDING_COLUMNS
    )
    result = reconcile_facts(facts)
    return annotate_conflicts(
        findings, facts, result.reconciled, copy_groups=result.copy_groups
    ), result.reconciled


THREE = [
    fact("a", "Flask", "throughput", 2_500),
    fact("b", "Flask", "throughput", 2_500),
    fact("c", "Flask", "throughput", 12_000),
]


def test_f_consensus_favours_the_side_the_sources_back() -> None:
    out, _ = _run(THREE, [[0, 2]])
    assert out["explanation"].iloc[0] == (
        BASE + " Consensus favours 2,500 req/s "
        "(2 of 3 claims from 2 independent sources agree; confidence 0.33)."
    )


def test_f_consensus_on_neither_side() -> None:
    rows = [*THREE, fact("d", "Flask", "throughput", 20_000)]
    out, _ = _run(rows, [[2, 3]])
    assert (
        out["explanation"]
        .iloc[0]
        .endswith(
            " Consensus (2,500 req/s) favours neither side "
            "(2 of 4 claims from 2 independent sources agree; confidence 0.29)."
        )
    )


def test_f_even_split() -> None:
    out, _ = _run([THREE[0], THREE[2]], [[0, 1]])
    assert out["explanation"].iloc[0] == BASE + " No consensus: support is split evenly."


def test_f_unknown_claims_and_no_reconciled_value() -> None:
    facts = facts_frame(THREE)
    findings = pd.DataFrame([_finding(["nope"])], columns=FINDING_COLUMNS)
    findings.loc[0, "metric"] = "latency"
    out = annotate_conflicts(findings, facts, reconcile_facts(facts).reconciled)
    assert (
        out["explanation"].iloc[0] == BASE + " No consensus: no reconciled value for this metric."
    )


def test_f_findings_across_qualifiers_name_each_consensus() -> None:
    rows = [
        fact("a", "Flask", "throughput", 2_500, qualifier="concurrent load"),
        fact("a", "Flask", "throughput", 1_200, qualifier="benchmark"),
    ]
    out, _ = _run(rows, [[0, 1]], qualifier=None)
    assert out["explanation"].iloc[0] == BASE + (
        " Consensus differs by qualifier: 1,200 req/s for benchmark (confidence 0.40); "
        "2,500 req/s for concurrent load (confidence 0.40)."
    )


def test_f_copies_count_as_one_independent_source() -> None:
    rows = [
        fact(s, "Flask", m, v)
        for s in ("a", "b")
        for m, v in [("throughput", 2_500), *[(f"metric_{i}", float(i)) for i in range(5)]]
    ] + [fact("d", "Flask", "throughput", 2_500), fact("c", "Flask", "throughput", 12_000)]
    out, _ = _run(rows, [[0, len(rows) - 1]])
    assert "(3 of 4 claims from 2 independent sources agree;" in out["explanation"].iloc[0]
    alone, _ = _run(rows[:-2] + rows[-1:], [[0, len(rows) - 2]])  # a copied page vs one page
    assert alone["explanation"].iloc[0] == BASE + " No consensus: support is split evenly."


def test_f_other_kinds_and_the_input_are_left_alone() -> None:
    facts = facts_frame(THREE)
    ids = facts["claim_id"].tolist()
    findings = pd.DataFrame(
        [_finding([ids[0], ids[2]]), _finding([ids[0]], kind="identical_columns")],
        columns=FINDING_COLUMNS,
    )
    before = findings.copy()
    out = annotate_conflicts(findings, facts, reconcile_facts(facts).reconciled)
    pd.testing.assert_frame_equal(findings, before)
    assert out["explanation"].iloc[1] == BASE
    assert out["explanation"].iloc[0] != BASE
    empty = pd.DataFrame(columns=FINDING_COLUMNS)
    assert list(annotate_conflicts(empty, facts, pd.DataFrame()).columns) == FINDING_COLUMNS


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (2_500, "req/s", "2,500 req/s"),
        (35e6, "B", "35 MB"),
        (420, "s", "7 min"),
        (0.12, "s", "120 ms"),
        (70, "percent", "70%"),
        (2010, "year", "2010"),
        (306, "version", "3.6"),
        (68_000, "count", "68,000"),
        (float("nan"), "count", "?"),
    ],
)
def test_figures_are_written_for_readers(value: float, unit: str, text: str) -> None:
    assert format_figure(value, unit) == text


def test_f_duplicate_index_and_no_reconciled_frame() -> None:
    facts = facts_frame(THREE)
    ids = facts["claim_id"].tolist()
    findings = pd.DataFrame(
        [_finding([ids[0], ids[2]]), _finding([ids[1], ids[2]])],
        columns=FINDING_COLUMNS,
        index=[7, 7],
    )
    out = annotate_conflicts(findings, facts, reconcile_facts(facts).reconciled)
    assert out.index.tolist() == [7, 7]
    assert all(e.startswith(BASE + " Consensus favours 2,500 req/s") for e in out["explanation"])
    bare = annotate_conflicts(findings, facts, pd.DataFrame())
    assert set(bare["explanation"]) == {
        BASE + " No consensus: no reconciled value for this metric."
    }


def test_f_other_entities_consensus_rows_change_nothing() -> None:
    # annotate reads only the consensus of the entities its conflicts and their claims name:
    # the same conflicts among many other entities' figures get the same sentences
    others = [
        fact(s, f"Other{i}", "throughput", k * 100.0 * i)
        for i in range(30)
        for k, s in ((1, "x"), (3, "y"))
    ]
    flask = [*THREE, fact("d", "Flask", "latency", 5, unit="ms")]
    alone, _ = _run(flask, [[0, 2], [1, 2]])
    crowded, _ = _run(others + flask, [[60, 62], [61, 62]])
    assert crowded["explanation"].tolist() == alone["explanation"].tolist()
    assert "Consensus favours 2,500 req/s" in alone["explanation"].iloc[0]


def test_f_a_cited_claim_without_entity_keeps_the_finding_off_its_own_key() -> None:
    # a conflict citing a known claim of no entity is not quoted the consensus of its own key
    # (its claims are known): keeping that claim when the keys are narrowed keeps the sentence
    rows = [*THREE, {**fact("e", "Flask", "throughput", 9_000), "entity": None}]
    facts = facts_frame(rows)
    ids = facts["claim_id"].tolist()
    findings = pd.DataFrame([_finding([ids[3]])], columns=FINDING_COLUMNS)
    out = annotate_conflicts(findings, facts, reconcile_facts(facts).reconciled)
    assert out["explanation"].iloc[0] == BASE + _NO_VALUE_SENTENCE


_NO_VALUE_SENTENCE = " No consensus: no reconciled value for this metric."
