"""A figure whose own sentence names its set-up ("in cluster mode", "on a c6gn.16xlarge") is
no summary "stated with no conditions" (checks/summary.py reads the set-up words of
checks/data/scenario_markers.toml); the same figure without them still is.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.analysis import analyze_pages
from tests.checks.test_joint_summary import RESULTS  # the same results, another intro


def _summaries(tmp_path: Path, intro: str) -> pd.DataFrame:
    page = f"Koa vs Express load test\n\n{intro}\n{RESULTS}"
    findings = analyze_pages(tmp_path, {"koa.txt": page}).findings
    return findings[findings["explanation"].str.contains("with no conditions", regex=False)]


def test_a_figure_without_a_set_up_outside_the_measurements_is_flagged(tmp_path: Path) -> None:
    found = _summaries(tmp_path, "Koa served 250,000 requests per second.")
    assert len(found) == 1


def test_a_figure_whose_sentence_names_its_set_up_is_not_a_summary(tmp_path: Path) -> None:
    assert _summaries(tmp_path, "Koa served 250,000 requests per second in cluster mode.").empty


def test_a_set_up_on_the_line_before_a_comma_counts_too(tmp_path: Path) -> None:
    intro = (
        "Once we moved to the largest c6gn.16xlarge instance,\n"
        "Koa served 250,000 requests per second."
    )
    assert _summaries(tmp_path, intro).empty
