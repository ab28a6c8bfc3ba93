"""A figure stated for several entities together ("we pushed 50,000 req/s through both")
checked against each entity's own measurements (checks/summary.py): reported once, medium
when no named entity's figures support it; a joint figure that the measurements support is
not flagged.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_paths

RESULTS = """
Run 1: plain JSON

Koa 2.x:  61,300 req/s  |  avg: 1.4ms
Express 4.x:  14,800 req/s  |  avg: 6.8ms
Koa 3.x:  63,900 req/s  |  avg: 1.3ms
"""


def _analyze(tmp_path: Path, intro: str, results: str = RESULTS) -> Analysis:
    page = tmp_path / "koa.txt"
    page.write_text(f"Koa vs Express load test\n\n{intro}\n{results}", encoding="utf-8")
    return analyze_paths([page], tmp_path / "store")


def _summaries(analysis: Analysis) -> pd.DataFrame:
    findings = analysis.findings
    return findings[
        (findings["kind"] == "conflict")
        & findings["explanation"].str.contains("together", regex=False)
    ]


def test_a_joint_figure_no_named_entity_supports_is_flagged_once(tmp_path: Path) -> None:
    analysis = _analyze(
        tmp_path, "We pushed 50,000 requests per second through both frameworks on one machine."
    )
    found = _summaries(analysis)
    assert len(found) == 1, analysis.findings[["kind", "explanation"]]
    finding = found.iloc[0]
    assert finding["severity"] == "medium"
    assert "Koa" in finding["explanation"] and "Express" in finding["explanation"]
    facts = analysis.facts
    raws = set(facts.loc[facts["claim_id"].isin(finding["claim_ids"]), "raw_value"])
    assert {"50,000 requests per second", "14,800 req/s", "61,300 req/s"} <= raws


def test_a_joint_figure_the_measurements_support_is_not_flagged(tmp_path: Path) -> None:
    close = RESULTS.replace("61,300", "14,300").replace("63,900", "14,600")
    analysis = _analyze(
        tmp_path, "Both frameworks served about 14,500 requests per second in every run.", close
    )
    assert any(analysis.facts["raw_value"].str.contains("14,500", regex=False))
    assert _summaries(analysis).empty, analysis.findings[["kind", "explanation"]]


def test_a_joint_lower_bound_the_measurements_meet_is_not_flagged(tmp_path: Path) -> None:
    """'over 14,000' is open above: 61,300 and 14,800 both meet it."""
    analysis = _analyze(tmp_path, "Both frameworks served over 14,000 requests per second.")
    stated = analysis.facts[analysis.facts["raw_value"].str.startswith("over 14,000")]
    assert list(stated["bound"]) == ["at_least"]
    assert _summaries(analysis).empty, analysis.findings[["kind", "explanation"]]


def test_a_sum_of_several_entities_is_not_set_against_each(tmp_path: Path) -> None:
    """'together ... 76,100' is Koa's and Express's sum, not each one's figure."""
    analysis = _analyze(tmp_path, "Both frameworks together served 76,100 requests per second.")
    assert any(analysis.facts["raw_value"].str.contains("76,100", regex=False))
    assert _summaries(analysis).empty, analysis.findings[["kind", "explanation"]]
