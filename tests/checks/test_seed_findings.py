"""Findings on the seed pages, verified by hand (verified_seed_findings.toml), and the
look-alikes that must not be flagged."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import pytest
from crosscheck.checks import CheckConfig, run_checks

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_paths

VERIFIED = tomllib.loads((Path(__file__).parent / "verified_seed_findings.toml").read_text("utf-8"))


@pytest.fixture(scope="module")
def seed_analysis(seed_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    return analyze_paths(seed_files, tmp_path_factory.mktemp("seed-snapshots"))


def _claims_of(analysis: Analysis, finding: pd.Series) -> pd.DataFrame:
    return analysis.facts[analysis.facts["claim_id"].isin(finding["claim_ids"])]


def _page_prefixes(claims: pd.DataFrame) -> set[str]:
    return {Path(s).name[:3] for s in claims["source"]}


def _matches(analysis: Analysis, expected: dict) -> bool:
    findings = analysis.findings[analysis.findings["kind"] == expected["kind"]]
    if "entity" in expected:
        findings = findings[findings["entity"] == expected["entity"]]
    for _, finding in findings.iterrows():
        claims = _claims_of(analysis, finding)
        if not set(expected["raw_values"]) <= set(claims["raw_value"]):
            continue
        if set(expected["page"]) <= _page_prefixes(claims):
            return True
    return False


def test_verified_list_is_substantial() -> None:
    kinds = {f["kind"] for f in VERIFIED["finding"]}
    assert len(VERIFIED["finding"]) >= 25
    assert kinds == {
        "conflict",
        "diff_mismatch",
        "identical_columns",
        "misattribution",
        "unit_scale",
        "logic",
        "categorical_conflict",
        "encoding",
    }


@pytest.mark.parametrize(
    "expected", VERIFIED["finding"], ids=lambda f: f"{f['kind']}:{'+'.join(f['raw_values'])[:40]}"
)
def test_verified_finding_is_reported(seed_analysis: Analysis, expected: dict) -> None:
    assert _matches(seed_analysis, expected), expected["why"]


@pytest.mark.parametrize(
    "look_alike",
    [n for n in VERIFIED["not_flagged"] if n["kind"] == "conflict"],
    ids=lambda n: "+".join(n["raw_values"]),
)
def test_look_alikes_do_not_conflict(seed_analysis: Analysis, look_alike: dict) -> None:
    facts = seed_analysis.facts
    subset = facts[
        facts["raw_value"].isin(look_alike["raw_values"])
        & (facts["entity"] == look_alike["entity"])
        & facts["source"].map(lambda s: Path(s).name.startswith(look_alike["page"]))
    ]
    assert set(subset["raw_value"]) == set(look_alike["raw_values"]), "both claims exist"
    metrics = subset["metric"].unique()
    assert len(metrics) == 1, f"both claims are one metric, got {metrics}"
    found = run_checks(
        subset, seed_analysis.pages, CheckConfig(tolerances={}, entity_specific=frozenset())
    ).findings
    assert found[found["kind"] == "conflict"].empty, look_alike["why"]


@pytest.mark.parametrize(
    "correct",
    [n for n in VERIFIED["not_flagged"] if n["kind"] == "diff_mismatch"],
    ids=lambda n: n["page"],
)
def test_correct_diff_cells_are_not_flagged(seed_analysis: Analysis, correct: dict) -> None:
    facts = seed_analysis.facts
    diffs = facts[
        (facts["role"] == "diff")
        & facts["source"].map(lambda s: Path(s).name.startswith(correct["page"]))
    ]
    assert set(correct["raw_values"]) <= set(diffs["raw_value"]), "the Diff cells were read"
    mismatches = seed_analysis.findings[seed_analysis.findings["kind"] == "diff_mismatch"]
    flagged = set()
    for _, finding in mismatches.iterrows():
        flagged |= set(_claims_of(seed_analysis, finding)["raw_value"])
    assert not set(correct["raw_values"]) & flagged, correct["why"]


def test_findings_are_deterministic(
    seed_files: list[Path], seed_analysis: Analysis, tmp_path: Path
) -> None:
    again = analyze_paths(seed_files, tmp_path)
    assert list(again.findings["finding_id"]) == list(seed_analysis.findings["finding_id"])
    assert list(again.findings["explanation"]) == list(seed_analysis.findings["explanation"])


def test_explanations_are_sentences(seed_analysis: Analysis) -> None:
    for finding in seed_analysis.findings.itertuples():
        assert finding.explanation.endswith("."), finding.explanation
        assert len(finding.explanation) > 40
        if isinstance(finding.entity, str):  # encoding and row findings have no entity
            assert finding.entity in finding.explanation


def test_every_finding_rests_on_existing_claims(seed_analysis: Analysis) -> None:
    known = set(seed_analysis.claims["claim_id"])
    for ids in seed_analysis.findings["claim_ids"]:
        assert ids and set(ids) <= known
