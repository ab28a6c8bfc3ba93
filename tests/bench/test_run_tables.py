"""bench.run's summary and tables carry issue 20's re-run targets: the unchanged re-run and one
changed page as shares of the full run, each judged against its target (no timing asserted)."""

from __future__ import annotations

from typing import Any

from bench.run import summarize
from bench.run_tables import results_table, targets_table


def _run(total: float, unchanged: float, changed: float) -> dict[str, Any]:
    return {
        "pages": 1000,
        "claims": 5000,
        "facts": 5000,
        "findings": 10,
        "findings_by_kind": {"conflict": 10},
        "stages_s": {"parse": total / 2, "load": 1.0},
        "total_s": total,
        "peak_rss_mib": 500.0,
        "imports_s": 0.5,
        "rerun": {"total_s": total * unchanged, "share_of_full": unchanged, "new_claims": 0},
        "rerun_changed": {
            "total_s": total * changed,
            "share_of_full": changed,
            "pages_unchanged": 999,
            "stages_s": {"checks": 1.0},
        },
    }


def test_summarize_keeps_the_median_share_of_one_changed_page() -> None:
    runs = [_run(20.0, 0.01, 0.05), _run(30.0, 0.02, 0.20), _run(25.0, 0.03, 0.08)]
    summary = summarize(1000, runs)
    assert summary["rerun_changed"]["share_of_full"] == 0.08
    assert summary["rerun_changed"]["shares"] == [0.05, 0.20, 0.08]
    assert summary["rerun_changed"]["pages_unchanged"] == 999
    assert summary["rerun"]["share_of_full"] == 0.02


def _rerun_row(row: str) -> bool:
    return "re-run" in row or "changed page" in row


def test_targets_table_judges_both_re_run_shares() -> None:
    met = summarize(1000, [_run(20.0, 0.01, 0.08)])
    missed = summarize(1000, [_run(20.0, 0.12, 0.16)])
    met_rows = [row for row in targets_table({1000: met}) if _rerun_row(row)]
    missed_rows = [row for row in targets_table({1000: missed}) if _rerun_row(row)]
    assert [row.endswith("| meets |") for row in met_rows] == [True, True]
    assert [row.endswith("| MISSES |") for row in missed_rows] == [True, True]
    assert "one changed page among 1,000 ≤ 15% of a full run | 8.0%" in met_rows[1]


def test_results_table_shows_the_changed_page_row_or_na() -> None:
    with_change = summarize(1000, [_run(20.0, 0.01, 0.08)])
    without = summarize(1000, [{**_run(20.0, 0.01, 0.08), "rerun_changed": None}])
    rows = results_table({1000: with_change, 2000: without})
    changed = next(row for row in rows if row.startswith("| one changed page"))
    assert changed.endswith("| 1.60 s (8.0%) | n/a |")
