"""The shared seed pages end to end: real facts frames reconcile and every conflict is annotated."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from crosscheck.reconcile import annotate_conflicts, reconcile_facts

from crosscheck.contracts import RECONCILED_COLUMNS
from tests.analysis import analyze_paths


@pytest.fixture(scope="module")
def analysis(seed_files: list[Path], tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return analyze_paths(seed_files, tmp_path_factory.mktemp("snapshots"))


def test_seed_facts_reconcile_one_row_per_key(analysis) -> None:  # type: ignore[no-untyped-def]
    result = reconcile_facts(analysis.facts)
    reconciled = result.reconciled
    assert list(reconciled.columns) == RECONCILED_COLUMNS
    assert not reconciled.duplicated(["entity", "metric", "qualifier"]).any()
    assert (reconciled["low"] <= reconciled["value"]).all()
    assert (reconciled["value"] <= reconciled["high"]).all()
    assert reconciled["confidence"].between(0, 1).all()
    stars = reconciled.set_index(["entity", "metric", "qualifier"]).loc[
        ("Flask", "github_stars", "")
    ]
    assert stars["value"] == 68_000  # "400,000+ GitHub stars" in a bullet is the dissent
    assert stars["dissent"] >= 1
    assert set(result.source_reliability["source"]) == set(analysis.facts["source"])


def test_every_seed_conflict_gets_one_consensus_sentence(analysis) -> None:  # type: ignore[no-untyped-def]
    result = reconcile_facts(analysis.facts)
    findings: pd.DataFrame = analysis.findings
    out = annotate_conflicts(
        findings, analysis.facts, result.reconciled, copy_groups=result.copy_groups
    )
    conflict = findings["kind"] == "conflict"
    assert conflict.any()
    added = [
        new[len(old) :]
        for old, new in zip(findings["explanation"], out["explanation"], strict=True)
    ]
    for is_conflict, sentence in zip(conflict, added, strict=True):
        if is_conflict:
            assert sentence.startswith((" Consensus", " No consensus")) and sentence.endswith(".")
            assert sentence.count(". ") == 0
        else:
            assert sentence == ""
