"""Copy detection sharded by source, LSH band key and pair (crosscheck.dask_copies) gives the
copy groups and near_duplicate findings of the one-process run, however the pages are cut;
and its candidates miss nothing an exhaustive comparison finds on these pages."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from crosscheck.reconcile import ReconcileConfig
from crosscheck.reconcile.consensus import _copies
from crosscheck.reconcile.copies import CopyConfig, detect_copies
from crosscheck.reconcile.duplicates import (
    figure_keys,
    shares_figures,
    text_copies,
    verify_text_pairs,
)

from crosscheck.dask_copies import partitioned_copies
from crosscheck.dask_shuffle import InProcess, split
from crosscheck.pipeline import Analysis
from tests.analysis import analyze_paths
from tests.conftest import EXAMPLES_DIR, SHARED_DIR

LSH = ReconcileConfig(copies=CopyConfig(exact_max_sources=1))  # MinHash bands, not exact


@pytest.fixture(scope="module")
def copied(tmp_path_factory: pytest.TempPathFactory, seed_files: list[Path]) -> Analysis:
    """The seeds and examples plus three copies: one verbatim (same figures and text), one
    that keeps the first 60 % of a page's lines (text), one with a figure edited (figures)."""
    tmp = tmp_path_factory.mktemp("copied")
    pages = tmp / "pages"
    pages.mkdir()
    originals = [*seed_files, *sorted(p for p in EXAMPLES_DIR.iterdir() if p.is_file())]
    for path in originals:
        (pages / path.name).write_bytes(path.read_bytes())
    first, second = seed_files[0].read_text("utf-8"), seed_files[1].read_text("utf-8")
    (pages / "mirror-of-first.txt").write_text(first, encoding="utf-8")
    lines = second.splitlines(keepends=True)
    (pages / "part-of-second.txt").write_text("".join(lines[: len(lines) * 3 // 5]), "utf-8")
    html = (EXAMPLES_DIR / "flask-vs-fastapi.html").read_text("utf-8")
    edited = html.replace("~450 ms", "~470 ms", 1)  # one cold start figure of ~70
    assert edited.count("~470 ms") == 1
    (pages / "edited-flask-vs-fastapi.html").write_text(edited, encoding="utf-8")
    return analyze_paths(sorted(pages.iterdir()), tmp / "store")


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    folder = SHARED_DIR / "real-pages"
    paths = sorted(p for p in folder.iterdir() if p.is_file() and p.name[:2].isdigit())
    assert len(paths) == 40
    return analyze_paths(paths, tmp_path_factory.mktemp("real"))


def _sharded(
    analysis: Analysis, config: ReconcileConfig, partitions: int, by_source: bool = False
) -> tuple:
    """Copies from entity partitions, re-cut by source on the runner, or (`by_source`) with
    the facts also given cut by source as the checks' page partitions are."""
    runner = InProcess(partitions)
    facts = analysis.facts.reset_index(drop=True)
    parts = [runner.put(p) for p in split(facts, "entity", partitions)]
    sources = [runner.put(p) for p in split(facts, "source", partitions)] if by_source else None
    return partitioned_copies(runner, parts, analysis.passages, config, sources)


def _assert_same(
    analysis: Analysis, config: ReconcileConfig, partitions: int, by_source: bool = False
) -> None:
    expected, expected_found = _copies(analysis.facts, config, analysis.passages)
    got, found = _sharded(analysis, config, partitions, by_source)
    pd.testing.assert_frame_equal(expected.groups, got.groups, obj="copy groups")
    assert expected.group_of == got.group_of
    pd.testing.assert_frame_equal(
        expected_found.reset_index(drop=True), found.reset_index(drop=True), obj="findings"
    )


def _named(analysis: Analysis) -> list[tuple[str, ...]]:
    groups = analysis.copy_groups.groupby("group_id")["source"]
    return sorted(tuple(sorted(Path(s).name for s in members)) for _, members in groups)


@pytest.mark.parametrize("by_source", [False, True], ids=["recut", "page-parts"])
@pytest.mark.parametrize("partitions", [1, 2, 3, 5])
@pytest.mark.parametrize("config", [ReconcileConfig(), LSH], ids=["exact", "lsh"])
def test_copies_sharded_equal_the_one_process_copies(
    copied: Analysis,
    seed_files: list[Path],
    config: ReconcileConfig,
    partitions: int,
    by_source: bool,
) -> None:
    assert _named(copied) == sorted(
        [
            (seed_files[0].name, "mirror-of-first.txt"),
            (seed_files[1].name, "part-of-second.txt"),
            ("edited-flask-vs-fastapi.html", "flask-vs-fastapi.html"),
        ]
    )
    assert (copied.findings["kind"] == "near_duplicate").sum() == 3
    _assert_same(copied, config, partitions, by_source)


@pytest.mark.parametrize("partitions", [1, 3])
@pytest.mark.parametrize("config", [ReconcileConfig(), LSH], ids=["exact", "lsh"])
def test_real_pages_sharded_equal_the_one_process_copies(
    real: Analysis, config: ReconcileConfig, partitions: int
) -> None:
    # page 26 repeats 7 of the 9 figures of page 24 and most of its wording
    assert [tuple(n[:2] for n in g) for g in _named(real)] == [("24", "26")]
    assert (real.findings["kind"] == "near_duplicate").sum() == 1
    _assert_same(real, config, partitions)


@pytest.mark.parametrize("which", ["copied", "real"])
def test_band_key_candidates_miss_no_copy_an_exhaustive_comparison_finds(
    which: str, request: pytest.FixtureRequest
) -> None:
    """Every pair of pages verified by the text rule (no candidate step) gives the pairs the
    band keys propose and verify; MinHash bands give the groups the exact join gives."""
    analysis: Analysis = request.getfixturevalue(which)
    passages = analysis.passages.drop_duplicates("source").reset_index(drop=True)
    config = ReconcileConfig().text_copies
    every = np.array(list(combinations(range(len(passages)), 2)), dtype=np.int64)
    keys = figure_keys(analysis.facts)
    exhaustive = [p for p in verify_text_pairs(passages, every, config) if shares_figures(keys, p)]
    proposed = [p for p in text_copies(passages, config) if shares_figures(keys, p)]
    assert proposed == exhaustive and len(proposed) >= 1
    exact = detect_copies(analysis.facts, CopyConfig())
    banded = detect_copies(analysis.facts, replace(CopyConfig(), exact_max_sources=1))
    pd.testing.assert_frame_equal(exact.groups, banded.groups)


def test_copies_on_a_local_cluster_equal_the_one_process_copies(
    copied: Analysis, real: Analysis
) -> None:
    """The same tasks on a LocalCluster of two process workers (stable keys: the workers'
    Python hash salts differ from this process's)."""
    from crosscheck.engines import DaskPool, DaskRunner, NormalizerSpec

    pool = DaskPool(2, NormalizerSpec())
    try:
        runner = DaskRunner(pool.start(), 4)
        for analysis in (copied, real):
            for config in (ReconcileConfig(), LSH):
                expected, expected_found = _copies(analysis.facts, config, analysis.passages)
                facts = analysis.facts.reset_index(drop=True)
                parts = [runner.put(p) for p in split(facts, "entity", runner.partitions)]
                got, found = partitioned_copies(runner, parts, analysis.passages, config)
                pd.testing.assert_frame_equal(expected.groups, got.groups)
                pd.testing.assert_frame_equal(expected_found, found.reset_index(drop=True))
                assert len(got.groups) >= 2 and len(found) >= 1
    finally:
        pool.close()
