"""The page cut's rules run in the local engine's parse tasks (checks.page_cut,
crosscheck.batches): the run's findings are those of one `run_checks`, the page rules run on
the workers and not again in the checks lap, pages read back from the warehouse fall back to
one `run_checks`, and a rule failing on a worker fails the run (exit 3, nothing loaded)."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from crosscheck.checks import page_cut, run_checks
from crosscheck.checks.page_cut import PAGE_RULES, page_findings, run_checks_with
from crosscheck.checks.rules import RULES, Family

from crosscheck import batches, check_reconcile, pipeline, run_frames
from crosscheck.batches import PreparedBatch
from crosscheck.cli import EXIT_FAILED, main
from crosscheck.parallel import MIN_ITEMS_PER_WORKER
from crosscheck.pipeline import Analysis, _vocabulary, analyze_sources
from tests.conftest import EXAMPLES_DIR
from tests.engine_results import assert_same_frames, minimal_config, seeds_and_examples
from tests.run_support import assert_lock_free, counts, runs


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, seed_files: list[Path]) -> Analysis:
    tmp = tmp_path_factory.mktemp("small")
    return seeds_and_examples(tmp, seed_files, minimal_config(tmp))


def test_the_page_rules_are_those_of_the_page_cut_only() -> None:
    pages_only = [r.name for r in RULES if {p.family for p in r.parts} == {Family.PAGE}]
    assert list(PAGE_RULES) == pages_only
    assert "same_page_conflicts" in PAGE_RULES and "cross_source_conflicts" not in PAGE_RULES


@pytest.mark.parametrize("groups", [1, 2, 3])
def test_page_findings_of_sets_of_whole_pages_give_run_checks_frame(
    small: Analysis, tmp_path: Path, groups: int
) -> None:
    """The facts cut into sets of whole pages (in any order), each set's page findings, then
    the rest over every fact: `run_checks`' frame, row for row."""
    config = check_reconcile.check_config_for(
        _vocabulary(minimal_config(tmp_path)), minimal_config(tmp_path)
    )
    facts, pages, relations = small.facts, small.pages, small.relations
    expected = run_checks(facts, pages, config, relations).findings
    assert {"identical_columns", "diff_mismatch", "relation_mismatch", "conflict"} <= set(
        expected["kind"]
    )
    sources = sorted(set(pages["source"]))
    cuts = []
    for at in reversed(range(groups)):  # the last sources first: the order is not the run's
        mine = set(sources[at::groups])
        cuts.append(
            page_findings(
                facts[facts["source"].isin(mine)].reset_index(drop=True),
                pages[pages["source"].isin(mine)].reset_index(drop=True),
                config,
            )
        )
    got = run_checks_with(facts, pages, config, relations, cuts)
    pd.testing.assert_frame_equal(expected, got.findings)


def _copies(tmp_path: Path) -> Path:
    """Enough copies of the example pages (renamed per site) for the pool to fork."""
    pages = sorted(p for p in EXAMPLES_DIR.iterdir() if p.is_file())
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(MIN_ITEMS_PER_WORKER * 2 // len(pages) + 2):
        for page in pages:
            shutil.copy(page, folder / f"site{i:02d}-{page.name}")
    return folder


def test_a_run_on_two_workers_checks_its_pages_in_the_parse_tasks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`analyze_sources` on 2 forked workers: the page rules run there (their CPU is the
    parse tasks' `page_checks`), the checks lap runs the other rules only, and the frames are
    those of a run whose parse tasks do not check."""
    config = replace(minimal_config(tmp_path, workers=2), sources=[str(_copies(tmp_path))])
    monkeypatch.setattr(pipeline, "page_checks_for", lambda vocabulary, config: None)
    unchecked, _ = analyze_sources(config)
    assert "page_checks" not in unchecked.cpu_seconds
    monkeypatch.undo()
    ran: list[tuple[int, str]] = []
    real = page_cut.apply_rules

    def logged(*args: Any) -> dict[str, list[Any]]:
        found = real(*args)
        ran.extend((os.getpid(), name) for name in found)
        return found

    monkeypatch.setattr(page_cut, "apply_rules", logged)
    checked, _ = analyze_sources(config)
    assert checked.cpu_seconds["page_checks"] > 0
    assert sorted(name for _, name in ran) == sorted(set(r.name for r in RULES) - set(PAGE_RULES))
    assert len(checked.findings) > 100
    assert_same_frames(unchecked, checked)


def test_pages_read_back_from_the_warehouse_fall_back_to_one_process(small: Analysis) -> None:
    parsed = PreparedBatch(small.pages, small.claims, small.facts, small.quarantine)
    parsed.page_checks = []
    assert run_frames.page_cut_of([parsed]) == []
    stored = PreparedBatch(small.pages, small.claims, small.facts, small.quarantine)
    assert run_frames.page_cut_of([parsed, stored]) is None
    assert run_frames.page_cut_of([]) is None


def test_no_page_cut_in_the_parse_tasks_of_a_forked_check_or_the_dask_engine(
    tmp_path: Path,
) -> None:
    vocabulary = _vocabulary(minimal_config(tmp_path))
    assert check_reconcile.page_checks_for(vocabulary, minimal_config(tmp_path)) is not None
    forked = replace(minimal_config(tmp_path), fork_checks=True)
    assert check_reconcile.page_checks_for(vocabulary, forked) is None
    dask = replace(minimal_config(tmp_path), engine="dask")
    assert check_reconcile.page_checks_for(vocabulary, dask) is None


def test_a_rule_failing_on_a_worker_fails_the_run_and_loads_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The page cut raises in the forked workers only: exit 3, a failed run row, nothing
    loaded, the lock released. (A first run into a new warehouse: the parse tasks run the
    page cut only when the warehouse holds no page yet.)"""
    folder = _copies(tmp_path)
    db = tmp_path / "w.duckdb"
    base = ["--db", str(db), "--no-validate"]
    monkeypatch.setenv("CROSSCHECK_WORKERS", "2")
    before = counts(db)
    parent, real = os.getpid(), batches.page_findings

    def broken(*args: Any) -> list[Any]:
        if os.getpid() == parent:
            return real(*args)
        raise RuntimeError("a page rule fell over on a worker")

    monkeypatch.setattr(batches, "page_findings", broken)
    capsys.readouterr()
    code = main(["run", str(folder), *base])
    err = capsys.readouterr().err
    assert code == EXIT_FAILED
    assert "a page rule fell over on a worker" in err
    assert [s for s, _ in runs(db)] == ["failed"]
    assert counts(db) == before
    assert_lock_free(db)


def test_no_page_cut_in_the_parse_tasks_of_a_small_run_or_a_run_with_known_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parse tasks run the page cut only when the run forks (enough pages, two workers)
    and the warehouse holds no page yet: in-process chunks would call the page rules once a
    chunk, and known pages come back as a stored batch without page findings."""
    vocabulary = _vocabulary(minimal_config(tmp_path))
    two = minimal_config(tmp_path, workers=2)
    forks = MIN_ITEMS_PER_WORKER * 2
    assert pipeline._page_checks(vocabulary, two, forks, known=False) is not None
    assert pipeline._page_checks(vocabulary, two, forks - 1, known=False) is None
    assert pipeline._page_checks(vocabulary, two, forks, known=True) is None
    assert pipeline._page_checks(vocabulary, minimal_config(tmp_path), forks, known=False) is None
    # a re-run of the same pages with one page changed: no chunk ran the page rules
    folder = _copies(tmp_path)
    config = replace(
        two, sources=[str(folder)], db_path=tmp_path / "w.duckdb", snapshot_dir=tmp_path / "s"
    )
    assert main(["run", str(folder), "--db", str(config.db_path), "--no-validate"]) == 0
    page = sorted(folder.iterdir())[0]
    page.write_text(page.read_text() + "\n<p>Revised.</p>\n")
    called: list[int] = []
    real = batches.page_findings
    monkeypatch.setattr(batches, "page_findings", lambda *a: called.append(1) or real(*a))
    assert main(["run", str(folder), "--db", str(config.db_path), "--no-validate"]) == 0
    assert called == []
