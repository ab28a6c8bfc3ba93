"""bench.rerun_laps times a one-changed-page re-run lap by lap and the load part by part, then
gives the pipeline its own functions and the page its own bytes back."""

from __future__ import annotations

from pathlib import Path

from crosscheck.warehouse import load

from bench import rerun_laps
from bench.rerun import _changed, _victim
from crosscheck import pipeline, steps
from crosscheck.run_types import StageTimer
from tests.rerun_pages import old_pages, rerun_config, table


def test_a_rerun_is_timed_per_lap_and_load_part_and_leaves_nothing_patched(
    tmp_path: Path,
) -> None:
    pages = old_pages(tmp_path)
    config = rerun_config(tmp_path, pages)
    pipeline.run_pipeline(config)
    originals = (StageTimer.lap, load._insert_findings, load._grown, steps.load_run)
    page = _victim(pages)
    before = page.read_bytes()
    laps = rerun_laps.one_rerun(config, page, _changed(before), parts=True)
    assert {"startup", "checks", "reconcile", "load", "total", "wall"} <= set(laps)
    assert {"load._insert_findings", "load._insert_reconciled", "load.steps.load_run"} <= set(laps)
    assert all(seconds >= 0 for seconds in laps.values())
    assert page.read_bytes() == before
    assert (StageTimer.lap, load._insert_findings, load._grown, steps.load_run) == originals
    runs = table(config.db_path, "SELECT count(*) AS n FROM runs WHERE status = 'completed'")
    assert int(runs["n"].iloc[0]) == 2  # the re-run loaded: it was not an unchanged run
