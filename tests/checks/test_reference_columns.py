"""A column relative to an extreme row (checks/reference_columns.py): a row beyond the 100 %
of "relative to the slowest" is a logic finding; a column relative to a named baseline, or
one whose rows all sit on one side of the reference, is not.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from crosscheck.checks.reference_columns import names_extreme_reference

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_paths


def _analyze(tmp_path: Path, text: str) -> Analysis:
    page = tmp_path / "cms.md"
    page.write_text(text, encoding="utf-8")
    return analyze_paths([page], tmp_path / "store")


def _table(header: str, cells: list[str]) -> str:
    names = ["Drupal", "Joomla", "WordPress", "Ghost"]
    rows = "\n".join(f"| {n} | {c} |" for n, c in zip(names, cells, strict=True))
    return f"# Query times\n\n| CMS | {header} |\n|---|---|\n{rows}\n"


def _logic(analysis: Analysis) -> pd.DataFrame:
    findings = analysis.findings
    return findings[findings["kind"] == "logic"]


def test_a_row_beyond_the_slowest_is_flagged(tmp_path: Path) -> None:
    analysis = _analyze(
        tmp_path, _table("Time relative to the slowest", ["30,12%", "63,21%", "100%", "112,72%"])
    )
    logic = _logic(analysis)
    assert len(logic) == 1, analysis.findings[["kind", "explanation"]]
    finding = logic.iloc[0]
    assert finding["severity"] == "medium"
    assert finding["entity"] == "Ghost"
    facts = analysis.facts
    raws = set(facts.loc[facts["claim_id"].isin(finding["claim_ids"]), "raw_value"])
    assert raws == {"100%", "112,72%"}


@pytest.mark.parametrize(
    ("header", "cells"),
    [
        # every row on one side of the slowest: the column holds
        ("Time relative to the slowest", ["30,12%", "63,21%", "97,15%", "100%"]),
        # relative to a named baseline, not an extreme: both sides are allowed
        ("Time relative to Drupal", ["100%", "63,21%", "120%", "112,72%"]),
        # a percentage column that names no reference at all
        ("CPU share", ["30%", "100%", "112%", "60%"]),
        # differences from the fastest, not shares of it: +100 % is just one row's gap
        ("Time vs the fastest", ["0%", "+35%", "+100%", "+180%"]),
    ],
)
def test_look_alikes_are_not_flagged(tmp_path: Path, header: str, cells: list[str]) -> None:
    analysis = _analyze(tmp_path, _table(header, cells))
    assert _logic(analysis).empty, analysis.findings[["kind", "explanation"]]


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Time relative to the slowest", True),
        ("Czas wykonania zapytań względem najwolniejszego", True),
        ("% of the fastest", True),
        ("Speed relative to Express", False),
        ("Best time", False),
    ],
)
def test_labels_that_name_an_extreme_reference(label: str, expected: bool) -> None:
    assert names_extreme_reference(label) is expected
