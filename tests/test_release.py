"""After the load the run's frames are released: validation and the report read the
warehouse, and the facts, claims and findings must not be held while the report is built
(issue 20: the report's memory at 10,000 pages)."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from crosscheck.cli import EXIT_OK, main


def test_the_report_is_built_after_the_run_frames_are_freed(
    seed_files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import crosscheck.warehouse.report as report

    import crosscheck.steps as steps

    held: dict[str, weakref.ref[object]] = {}
    analyze, render = steps.step_analyze, report.write_report

    def watched_analyze(state: steps.RunState, *args: object) -> dict[str, int]:
        counts = analyze(state, *args)  # type: ignore[arg-type]
        assert state.analysis is not None
        for name in ("facts", "claims", "findings", "pages"):
            held[name] = weakref.ref(getattr(state.analysis, name))
        return counts

    alive_at_report: list[str] = []

    def watched_render(*args: object, **kwargs: object) -> Path:
        gc.collect()
        alive_at_report.extend(name for name, ref in held.items() if ref() is not None)
        return render(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(steps, "step_analyze", watched_analyze)
    monkeypatch.setattr(report, "write_report", watched_render)
    db, html = tmp_path / "w.duckdb", tmp_path / "r.html"
    assert main(["run", *map(str, seed_files), "--db", str(db), "--report", str(html)]) == EXIT_OK
    assert set(held) == {"facts", "claims", "findings", "pages"}
    assert alive_at_report == []
    assert html.stat().st_size > 0


def test_an_unchanged_rerun_still_reports_the_shared_validation(
    seed_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "w.duckdb"
    assert main(["run", *map(str, seed_files), "--db", str(db)]) == EXIT_OK
    first = [line for line in capsys.readouterr().out.splitlines() if "validation" in line]
    assert main(["run", *map(str, seed_files), "--db", str(db)]) == EXIT_OK
    second = [line for line in capsys.readouterr().out.splitlines() if "validation" in line]
    assert first and second and "passed" in first[0]
    # the verdict of the run it shares, read after its analysis was released
    assert "passed (unchanged since run" in second[0]


def test_the_load_lets_go_of_claims_and_facts_once_duckdb_holds_them(
    seed_files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 20: at 10,000 real-shaped pages the load's peak held the analysis's claims and
    facts, the load's copies of them and DuckDB's buffers together."""
    import crosscheck.warehouse.load as load

    import crosscheck.steps as steps

    held: dict[str, weakref.ref[object]] = {}
    analyze, prepare, insert_findings = steps.step_analyze, load._prepare, load._insert_findings

    def watched_analyze(state: steps.RunState, *args: object) -> dict[str, int]:
        counts = analyze(state, *args)  # type: ignore[arg-type]
        assert state.analysis is not None
        for name in ("facts", "claims", "findings"):
            held[name] = weakref.ref(getattr(state.analysis, name))
        return counts

    def watched_prepare(bundle: load.RunBundle) -> dict[str, object]:
        frames = prepare(bundle)
        for name in ("facts", "claims"):  # the load's own selection of the columns
            held[f"prepared {name}"] = weakref.ref(frames[name])
            held[f"prepared {name} ids"] = weakref.ref(frames[name]["claim_id"].array)
        return frames  # type: ignore[return-value]

    alive_at_findings: list[str] = []

    def watched_findings(*args: object) -> None:
        gc.collect()
        alive_at_findings.extend(name for name, ref in held.items() if ref() is not None)
        insert_findings(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(steps, "step_analyze", watched_analyze)
    monkeypatch.setattr(load, "_prepare", watched_prepare)
    monkeypatch.setattr(load, "_insert_findings", watched_findings)
    db = tmp_path / "w.duckdb"
    assert main(["run", *map(str, seed_files), "--db", str(db)]) == EXIT_OK
    assert len(held) == 7
    assert alive_at_findings == ["findings"]  # the summary still counts the findings by kind
