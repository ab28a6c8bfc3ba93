"""What the engine tests compare: the frames two ways of running one input must give alike,
and the analysis of the seeds with the example pages that several of them start from."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from crosscheck.ingest.snapshots import SnapshotStore
from crosscheck.ingest.sources import read_file

from crosscheck.pipeline import Analysis, RunConfig, analyze_snapshots
from tests.conftest import EXAMPLES_DIR

#: The results an engine must give exactly as one process does.
FRAMES = ("findings", "reconciled", "reconciled_categories", "source_reliability", "copy_groups")


def assert_same_frames(
    expected: Analysis, got: Analysis, names: tuple[str, ...] = FRAMES, check_dtype: bool = False
) -> None:
    """Each named frame of `got` equals `expected`'s, row for row (index aside)."""
    for name in names:
        pd.testing.assert_frame_equal(
            getattr(expected, name).reset_index(drop=True),
            getattr(got, name).reset_index(drop=True),
            check_dtype=check_dtype,
            obj=name,
        )


def seeds_and_examples(tmp: Path, seed_files: list[Path], config: RunConfig) -> Analysis:
    """One process's analysis of the shared seed pages and the bundled example pages."""
    store = SnapshotStore(tmp / "snapshots")
    examples = sorted(p for p in EXAMPLES_DIR.iterdir() if p.is_file())
    snapshots = [read_file(str(p), store) for p in [*seed_files, *examples]]
    return analyze_snapshots(snapshots, config)


def minimal_config(tmp_path: Path, workers: int = 1) -> RunConfig:
    """A run's settings with no source, its warehouse and snapshots under `tmp_path`."""
    return RunConfig(
        sources=[],
        db_path=tmp_path / "x.duckdb",
        snapshot_dir=tmp_path,
        reference_year=2026,
        workers=workers,
    )
