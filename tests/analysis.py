"""Run the analysis (parse → normalize → checks → reconcile) on local pages, no warehouse."""

from __future__ import annotations

from pathlib import Path

from crosscheck.ingest.snapshots import SnapshotStore
from crosscheck.ingest.sources import read_file

from crosscheck.pipeline import Analysis, RunConfig, analyze_snapshots


def analyze_paths(paths: list[Path], store_dir: Path) -> Analysis:
    """The same stages `crosscheck run` runs, minus fetching and loading."""
    store = SnapshotStore(store_dir)
    snapshots = [read_file(str(p), store) for p in paths]
    config = RunConfig(
        sources=[str(p) for p in paths],
        db_path=store_dir / "unused.duckdb",
        snapshot_dir=store_dir,
        reference_year=2026,
    )
    return analyze_snapshots(snapshots, config)


def analyze_pages(tmp_path: Path, pages: dict[str, str]) -> Analysis:
    """`analyze_paths` of pages written for a test: file name → text, in that order."""
    paths = []
    for name, text in pages.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return analyze_paths(paths, tmp_path / "store")
