"""Incremental runs: a run that reads exactly the latest run's pages under the same code and
settings reuses that run's findings and consensus, and they equal a recomputation."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd
from crosscheck.normalize import NormalizeConfig

from crosscheck.incremental import reuse_unchanged
from crosscheck.pipeline import RunConfig, analyze_sources, run_pipeline
from tests.conftest import EXAMPLES_DIR


def _config(tmp_path: Path) -> RunConfig:
    pages = tmp_path / "pages"
    if not pages.exists():
        shutil.copytree(EXAMPLES_DIR, pages)
    return RunConfig(
        sources=[str(pages)],
        db_path=tmp_path / "w.duckdb",
        snapshot_dir=tmp_path / "snapshots",
        reference_year=2026,
        workers=1,
    )


def _findings(db: Path) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            """SELECT f.finding_id, f.kind, f.severity, f.explanation, f.status,
                   f.last_seen_run, list(fc.claim_id ORDER BY fc.position) AS claim_ids
            FROM findings f JOIN finding_claims fc USING (finding_id)
            GROUP BY ALL ORDER BY f.finding_id"""
        ).df()
    finally:
        con.close()


def _reconciled(db: Path) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT * EXCLUDE (run_id) FROM reconciled_facts ORDER BY entity, metric, qualifier"
        ).df()
    finally:
        con.close()


def test_unchanged_rerun_reuses_findings_that_equal_a_recomputation(tmp_path: Path) -> None:
    config = _config(tmp_path)
    first = run_pipeline(config)
    assert first.findings > 20 and "checks" in first.stage_seconds
    before, consensus = _findings(config.db_path), _reconciled(config.db_path)

    second = run_pipeline(config)
    assert "reuse" in second.stage_seconds and "checks" not in second.stage_seconds
    assert (second.findings, second.new_findings) == (first.findings, 0)
    assert second.resolved_findings == 0
    assert second.findings_by_kind == first.findings_by_kind
    after = _findings(config.db_path)
    # nothing was rewritten: the run points at the results it shares (runs.results_run)
    assert set(after["last_seen_run"]) == {first.run_id} and set(after["status"]) == {"open"}
    assert second.results_run == first.run_id
    columns = ["finding_id", "kind", "severity", "explanation"]
    pd.testing.assert_frame_equal(before[columns], after[columns])
    assert [list(ids) for ids in before["claim_ids"]] == [list(ids) for ids in after["claim_ids"]]
    pd.testing.assert_frame_equal(consensus, _reconciled(config.db_path))

    # what the checks and reconcile would compute now is what the reuse handed over
    con = duckdb.connect(str(config.db_path))
    try:
        recomputed, _ = analyze_sources(
            config, reuse=lambda batch, version: reuse_unchanged(con, batch, version)
        )
    finally:
        con.close()
    assert "checks" in recomputed.stage_seconds
    fresh = recomputed.findings.sort_values("finding_id", ignore_index=True)
    assert fresh["finding_id"].tolist() == after["finding_id"].tolist()
    assert fresh["explanation"].tolist() == after["explanation"].tolist()
    assert [list(i) for i in fresh["claim_ids"]] == [list(i) for i in after["claim_ids"]]


def test_other_settings_or_a_changed_page_recompute(tmp_path: Path) -> None:
    config = _config(tmp_path)
    run_pipeline(config)
    later = run_pipeline(replace(config, reference_year=2030))
    assert "checks" in later.stage_seconds  # the reference year changed: recomputed
    again = run_pipeline(replace(config, reference_year=2030))
    assert "checks" not in again.stage_seconds  # same settings as the latest run: reused
    pages = sorted((tmp_path / "pages").iterdir())
    page = next(p for p in pages if p.suffix == ".md")
    page.write_text(page.read_text(encoding="utf-8") + "\nFlask has 70,000+ GitHub stars.\n")
    changed = run_pipeline(replace(config, reference_year=2030))
    assert "checks" in changed.stage_seconds and changed.pages_unchanged == len(pages) - 1
    fewer = run_pipeline(replace(config, sources=[str(p) for p in sorted(
        (tmp_path / "pages").iterdir())][:2], reference_year=2030))  # fmt: skip
    assert "checks" in fewer.stage_seconds  # not the latest run's pages: recomputed


def test_another_vocabulary_normalizes_unchanged_pages_again(tmp_path: Path) -> None:
    config = _config(tmp_path)
    run_pipeline(config)
    overrides = tmp_path / "local.toml"
    overrides.write_text('version = "local-1"\n', encoding="utf-8")
    local = replace(config, normalize=NormalizeConfig(vocabulary_overrides=str(overrides)))
    renormalized = run_pipeline(local)
    assert renormalized.pages_unchanged == 0 and "checks" in renormalized.stage_seconds
    pages = len(list((tmp_path / "pages").iterdir()))
    assert run_pipeline(local).pages_unchanged == pages  # the same vocabulary again: reused


def test_the_code_fingerprint_covers_the_ground_floor_and_the_rules() -> None:
    from crosscheck.incremental import fingerprinted_files

    names = {(p.parent.name, p.name) for p in fingerprinted_files()}
    assert {("common", "intervals.py"), ("common", "contracts.py"), ("checks", "conflict.py"),
            ("reconcile", "consensus.py")} <= names  # fmt: skip


def test_a_page_loaded_by_another_build_of_the_readers_is_read_again(tmp_path: Path) -> None:
    """An upgraded reader must re-read an unchanged page: stored facts are reused only under the
    same build (version and a hash of ingest/normalize code and data), not the version alone."""
    from crosscheck.incremental import build_version

    config = _config(tmp_path)
    run_pipeline(config)
    pages = len(list((tmp_path / "pages").iterdir()))
    assert run_pipeline(config).pages_unchanged == pages  # the same build: reused
    with duckdb.connect(str(config.db_path)) as con:
        stored = {row[0] for row in con.execute("SELECT crosscheck_version FROM runs").fetchall()}
        assert stored == {build_version()}
        con.execute("UPDATE runs SET crosscheck_version = '0.1.0+an-older-reader'")
    again = run_pipeline(config)
    assert again.pages_unchanged == 0 and "checks" in again.stage_seconds


def test_the_code_fingerprint_covers_the_rules_data() -> None:
    from crosscheck.incremental import fingerprinted_files

    names = {(p.parent.parent.name, p.name) for p in fingerprinted_files()}
    assert ("checks", "spec_formulas.toml") in names  # a formula's data decides findings too
