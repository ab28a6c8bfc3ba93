"""Correcting sentences (issue 16): "X is 73%, but in fact it is 93%" restates one quantity.

The value the page stands by takes the corrected statement's entity and metric; the withdrawn
one stays a claim qualified as retracted, and no check compares it. Pages below are written for
the test (figures echo a real page, sentences do not)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_paths

TABLE = """
| Proxy | CPU Utilization |
|---|---|
| Baseline | 97% |
| Nginx | 90% |
| Envoy | 96% |
| HAProxy | 92% |
"""


def _analyze(tmp_path: Path, text: str) -> Analysis:
    page = tmp_path / "proxies.md"
    page.write_text(text, encoding="utf-8")
    return analyze_paths([page], tmp_path / "store")


def _fact(analysis: Analysis, raw: str) -> pd.Series:
    """The prose fact written `raw`."""
    facts = analysis.facts
    rows = facts[(facts["raw_value"] == raw) & (facts["location_kind"] == "prose")]
    assert len(rows) == 1, facts[["entity", "raw_value", "qualifier"]]
    return rows.iloc[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "On our box the Baseline CPU utilization is 73%, but in fact, it is 93% of the cores.",
        "Correction to the first draft: Baseline CPU utilization was 73%, actually 93%.",
        "The Baseline CPU utilization reads 73% in the log; it should be 93%.",
    ],
)
def test_the_value_after_a_correction_marker_is_the_pages_and_conflicts_with_the_table(
    tmp_path: Path, sentence: str
) -> None:
    analysis = _analyze(tmp_path, f"# Proxy CPU\n\n{sentence}\n{TABLE}")
    stated, withdrawn = _fact(analysis, "93%"), _fact(analysis, "73%")
    assert (stated["entity"], stated["metric"]) == ("Baseline", "cpu_usage")
    assert stated["qualifier"] in ("", None)
    assert (withdrawn["entity"], withdrawn["metric"]) == ("Baseline", "cpu_usage")
    assert withdrawn["qualifier"] == "retracted"
    conflicts = analysis.findings[analysis.findings["kind"] == "conflict"]
    assert len(conflicts) == 1
    cited = set(
        analysis.facts.loc[
            analysis.facts["claim_id"].isin(conflicts.iloc[0]["claim_ids"]), "raw_value"
        ]
    )
    assert cited == {"93%", "97%"}  # the retracted 73 % is no side
    reconciled = analysis.reconciled
    assert not reconciled["qualifier"].fillna("").str.contains("retracted").any()  # no voice


def test_rather_than_retracts_the_value_after_it(tmp_path: Path) -> None:
    text = f"# Proxy CPU\n\nBaseline CPU utilization is 97% rather than 73%.\n{TABLE}"
    analysis = _analyze(tmp_path, text)
    assert _fact(analysis, "97%")["qualifier"] in ("", None)
    assert _fact(analysis, "73%")["qualifier"] == "retracted"
    assert _fact(analysis, "73%")["entity"] == "Baseline"
    assert analysis.findings.empty  # 97 % agrees with the table; 73 % is withdrawn


def test_another_entity_after_the_marker_is_no_correction(tmp_path: Path) -> None:
    text = f"# Proxy CPU\n\nBaseline CPU utilization is 97%, but in fact Nginx is at 90%.\n{TABLE}"
    analysis = _analyze(tmp_path, text)
    facts = analysis.facts
    prose = facts[facts["location_kind"] == "prose"]
    assert not prose["qualifier"].fillna("").str.contains("retracted").any()
    assert set(zip(prose["entity"], prose["raw_value"], strict=True)) == {
        ("Baseline", "97%"),
        ("Nginx", "90%"),
    }
    assert analysis.findings.empty


def test_which_cores_are_identifiers_not_conditions(tmp_path: Path) -> None:
    """'(cores 2 and 3 idle)' names cores: no condition that would set the figure apart."""
    text = f"# Proxy CPU\n\nBaseline CPU utilization is 91% (cores 2 and 3 idle).\n{TABLE}"
    analysis = _analyze(tmp_path, text)
    stated = _fact(analysis, "91%")
    assert stated["entity"] == "Baseline"
    assert stated["qualifier"] in ("", None)
    assert list(analysis.findings["kind"]) == ["conflict"]


def test_a_second_measurement_under_other_conditions_is_no_correction(tmp_path: Path) -> None:
    text = (
        "# Proxy CPU\n\nBaseline CPU utilization is 61% with 8 threads, and in fact 95% "
        f"with 64 threads.\n{TABLE}"
    )
    analysis = _analyze(tmp_path, text)
    prose = analysis.facts[analysis.facts["location_kind"] == "prose"]
    assert not prose["qualifier"].fillna("").str.contains("retracted").any()
