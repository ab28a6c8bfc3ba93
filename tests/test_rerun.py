"""Re-runs that cost nothing (issue 20): a run over unchanged pages reads no file whose stat is
unchanged, parses, normalizes, checks, reconciles and loads nothing, and records a row that
points at the results it shares; what it reports equals what a full run reports."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import crosscheck.ingest.sources
import duckdb
import pandas as pd
import pytest
from crosscheck.checks.partitioned import Family
from crosscheck.warehouse.reviews import failing_findings

import crosscheck.batches
import crosscheck.check_reconcile
import crosscheck.check_step
import crosscheck.pipeline
import crosscheck.steps
from crosscheck import partial_checks
from crosscheck.api import run
from crosscheck.errors import FailOnReached
from crosscheck.pipeline import run_pipeline
from tests.rerun_pages import OLD, old_pages, rerun_config, table


class Spies:
    """Call counters wrapped around the expensive functions of a run."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: Counter[str] = Counter()
        targets: list[tuple[Any, str]] = [
            (crosscheck.ingest.sources, "_read_regular"),  # reading a page file
            (crosscheck.batches, "prepare_chunk"),  # parse + normalize (in-process: 1 worker)
            (crosscheck.check_step, "run_checks"),
            (crosscheck.check_reconcile, "reconcile_facts"),
            (crosscheck.pipeline, "check_and_reconcile"),
            (crosscheck.steps, "load_run"),
            (crosscheck.steps, "reuse_unchanged"),  # reading stored facts back
        ]
        for module, name in targets:
            monkeypatch.setattr(module, name, self._counted(name, getattr(module, name)))

    def _counted(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] += 1
            return function(*args, **kwargs)

        return counted


def test_unchanged_rerun_reads_parses_checks_and_loads_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = old_pages(tmp_path)
    config = rerun_config(tmp_path, pages)
    first = run_pipeline(config)
    assert first.findings > 20 and first.results_run is None
    open_before = table(config.db_path, "SELECT * FROM open_findings ORDER BY ALL")

    spies = Spies(monkeypatch)
    second = run_pipeline(config)
    assert dict(spies.calls) == {}  # not a file read, parsed, checked, reconciled or loaded
    assert second.results_run == first.run_id and second.pages_unchanged == len(
        list(pages.iterdir())
    )
    assert (second.pages, second.claims, second.facts, second.findings) == (
        first.pages,
        first.claims,
        first.facts,
        first.findings,
    )
    assert second.findings_by_severity == first.findings_by_severity
    assert second.findings_by_kind == first.findings_by_kind
    assert (second.new_claims, second.new_findings, second.resolved_findings) == (0, 0, 0)
    assert second.empty_pages == first.empty_pages

    runs = table(config.db_path, "SELECT * FROM runs ORDER BY started_at")
    assert runs["status"].tolist() == ["completed", "completed"]
    assert runs["results_run"].isna().tolist() == [True, False]
    assert runs["results_run"].iloc[1] == first.run_id
    assert runs["finding_count"].tolist() == [first.findings] * 2
    assert runs["new_finding_count"].tolist()[1] == 0
    pd.testing.assert_frame_equal(
        open_before, table(config.db_path, "SELECT * FROM open_findings ORDER BY ALL")
    )
    changes = table(config.db_path, "SELECT * FROM changes_since_previous_run")
    assert changes.empty  # nothing new, resolved or reopened by a run that changed nothing

    # a third run points at the first too (not at the second), and --fail-on reads its findings
    third = run_pipeline(config)
    assert third.results_run == first.run_id and dict(spies.calls) == {}
    con = duckdb.connect(str(config.db_path), read_only=True)
    try:
        high = [failing_findings(con, r, "high")["finding_id"].tolist() for r in (
            first.run_id, third.run_id)]  # fmt: skip
    finally:
        con.close()
    assert high[0] and high[0] == high[1]


def test_a_touched_file_is_hashed_once_and_a_replaced_one_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = old_pages(tmp_path)
    config = rerun_config(tmp_path, pages)
    run_pipeline(config)
    page = sorted(p for p in pages.iterdir() if p.suffix == ".md")[0]
    os.utime(page, (OLD + 60, OLD + 60))  # new mtime, same bytes
    spies = Spies(monkeypatch)
    touched = run_pipeline(config)
    assert spies.calls["_read_regular"] == 1 and spies.calls["prepare_chunk"] == 0
    assert touched.results_run is not None and spies.calls["load_run"] == 0
    spies.calls.clear()
    run_pipeline(config)
    assert spies.calls["_read_regular"] == 0  # its new signature was remembered

    # same size and mtime, other bytes written through a new file (another inode): read
    text = page.read_text(encoding="utf-8")
    digit = next(i for i, ch in enumerate(text) if ch.isdigit())
    swapped = text[:digit] + str((int(text[digit]) + 1) % 10) + text[digit + 1 :]
    assert len(swapped.encode()) == len(text.encode())
    replacement = page.with_name(page.name + ".new")
    replacement.write_text(swapped, encoding="utf-8")
    os.utime(replacement, (OLD + 60, OLD + 60))
    os.replace(replacement, page)
    spies.calls.clear()
    changed = run_pipeline(config)
    assert spies.calls["_read_regular"] == 1 and spies.calls["prepare_chunk"] == 1
    assert changed.results_run is None and changed.pages_unchanged == len(list(pages.iterdir())) - 1


def test_one_changed_page_rechecks_its_entities_and_equals_a_fresh_full_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = old_pages(tmp_path)
    config = rerun_config(tmp_path, pages)
    run_pipeline(config)
    run_pipeline(config)  # an unchanged run in between: results shared, not copied
    page = sorted(p for p in pages.iterdir() if p.suffix == ".md")[0]
    page.write_text(
        page.read_text(encoding="utf-8") + "\nFlask has 70,000+ GitHub stars.\n", encoding="utf-8"
    )
    full: list[pd.DataFrame] = []
    cuts: dict[Family, list[pd.DataFrame]] = {}
    real_checks, real_cut = crosscheck.check_step.run_checks, partial_checks.check_partition

    def spied(facts: pd.DataFrame, *args: Any) -> Any:
        full.append(facts)
        return real_checks(facts, *args)

    def cut(facts: pd.DataFrame, pages: pd.DataFrame, config: Any, family: Family) -> Any:
        cuts.setdefault(family, []).append(facts)
        return real_cut(facts, pages, config, family)

    monkeypatch.setattr(crosscheck.check_step, "run_checks", spied)
    monkeypatch.setattr(partial_checks, "check_partition", cut)
    changed = run_pipeline(config)
    monkeypatch.undo()
    assert changed.results_run is None and changed.new_claims > 0
    assert not full  # limited: no check over every fact
    # the same-page rules ran on the changed page (and pages of same-page findings of the
    # entities it touches), the entity rules on every fact of those entities only
    on_pages = cuts[Family.PAGE][-1]
    assert str(page) in set(on_pages["source"])
    touched = set(on_pages.loc[on_pages["source"] == str(page), "entity"].dropna())
    by_entity = cuts[Family.ENTITY][-1]
    assert "Flask" in touched and touched <= set(by_entity["entity"])
    assert len(by_entity) < changed.facts and len(on_pages) < changed.facts

    fresh = run_pipeline(rerun_config(tmp_path, pages, "fresh.duckdb"))
    sql = """SELECT finding_id, kind, severity, explanation FROM findings
        WHERE status = 'open' ORDER BY finding_id"""
    pd.testing.assert_frame_equal(
        table(config.db_path, sql), table(fresh.db_path, sql), check_dtype=False
    )
    consensus = "SELECT * EXCLUDE (run_id) FROM reconciled_facts ORDER BY ALL"
    pd.testing.assert_frame_equal(
        table(config.db_path, consensus), table(fresh.db_path, consensus), check_dtype=False
    )
    assert changed.findings == fresh.findings
    assert changed.findings_by_kind == fresh.findings_by_kind


def test_fail_on_and_validation_of_an_unchanged_run(tmp_path: Path) -> None:
    pages = old_pages(tmp_path)
    db = tmp_path / "api.duckdb"
    kwargs: dict[str, Any] = {"db": db, "fail_on": "high", "check": False, "environ": {}}
    first = run([pages], validate=True, **kwargs)
    second = run([pages], validate=True, **kwargs)
    assert first.exit_code == second.exit_code == 1  # the shared findings still fail the run
    assert second.summary is not None and second.summary.results_run == first.run_id
    assert second.validation_passed == first.validation_passed
    assert any("unchanged since run" in note for note in second.notes)
    with pytest.raises(FailOnReached):
        run([pages], **{**kwargs, "check": True})


def test_many_changed_pages_or_other_sources_check_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = old_pages(tmp_path)
    config = rerun_config(tmp_path, pages)
    run_pipeline(config)
    checked: list[int] = []
    real_checks = crosscheck.check_step.run_checks

    def spied(facts: pd.DataFrame, *args: Any) -> Any:
        checked.append(len(facts))
        return real_checks(facts, *args)

    monkeypatch.setattr(crosscheck.check_step, "run_checks", spied)
    texts = sorted(p for p in pages.iterdir() if p.suffix in (".md", ".txt"))[:2]
    assert len(texts) == 2  # 2 of 7 pages: more than a quarter changed
    for page in texts:
        page.write_text(page.read_text(encoding="utf-8") + "\nDjango has 80,000 GitHub stars.\n")
    many = run_pipeline(config)
    assert checked == [many.facts]  # every fact checked, once

    checked.clear()
    fewer = replace(config, sources=[str(p) for p in sorted(pages.iterdir())][:-1])
    partial_sources = run_pipeline(fewer)
    assert checked == [partial_sources.facts]  # not the latest run's sources: all checked
