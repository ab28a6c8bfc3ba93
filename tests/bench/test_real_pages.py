"""Accuracy on the shared real third-party pages, scored by the shared scorer (not re-implemented).

The figure floors are the targets of the real-pages work (attributed ≥ 0.90, normalized ≥ 0.80,
not-figures ≤ 5 %, no trap hit), which the code meets; the must-flag floor is what it reached
when last raised (target 0.80, docs/benchmarks.md). A drop below one is a regression on pages of
sites the project was not written for.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, SHARED_DIR

SCORER = SHARED_DIR / "tools" / "score_real_pages.py"
MIN_ATTRIBUTED = 0.90  # the target; 0.939 measured
MIN_NORMALIZED = 0.80  # the target; 0.879 measured
MAX_NOT_FIGURES = 0.05  # share of the key's not-figures extracted as facts; 0.038 measured
MAX_TRAPS = 0  # no trap flagged (conditions are qualifiers; prose claims of one page held apart)
MIN_CAUGHT = 0.75  # must-flag findings caught: 17/22 = 0.773 measured (target 0.80)


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    if not SCORER.is_file():
        pytest.fail(f"the real-page scorer is missing at {SCORER}; set CROSSCHECK_SHARED")
    out = tmp_path_factory.mktemp("real") / "scores.json"
    crosscheck = Path(sys.executable).with_name("crosscheck")
    done = subprocess.run(
        [sys.executable, str(SCORER), "--pages", str(SHARED_DIR / "real-pages"),
         "--crosscheck", str(crosscheck), "--json", str(out),
         "--min-attributed", str(MIN_ATTRIBUTED), "--min-normalized", str(MIN_NORMALIZED),
         "--max-traps", str(MAX_TRAPS), "--min-caught", str(MIN_CAUGHT)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    data: dict = json.loads(out.read_text(encoding="utf-8"))
    return data


def test_figures_are_attributed_and_normalized_at_least_as_well_as_before(scores: dict) -> None:
    summary = scores["summary"]
    assert summary["attributed"] / summary["figures"] >= MIN_ATTRIBUTED
    assert summary["normalized"] / summary["figures"] >= MIN_NORMALIZED


def test_numbers_that_are_not_figures_stay_out(scores: dict) -> None:
    summary = scores["summary"]
    assert summary["not_figures_extracted"] / summary["not_figures"] <= MAX_NOT_FIGURES


def test_no_trap_is_flagged_beyond_the_floor(scores: dict) -> None:
    assert scores["summary"]["traps_hit"] <= MAX_TRAPS


def test_must_flag_findings_are_caught_at_least_as_well_as_before(scores: dict) -> None:
    summary = scores["summary"]
    assert summary["must_flag_caught"] / summary["must_flag"] >= MIN_CAUGHT


def test_no_real_page_is_silently_empty(scores: dict) -> None:
    assert scores["summary"]["pages_with_no_claim"] == 0
