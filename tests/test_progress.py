"""Progress reporting: the pipeline reports through a callback; bars only on a terminal."""

from __future__ import annotations

from pathlib import Path

from crosscheck.ingest.snapshots import SnapshotStore
from crosscheck.ingest.sources import read_file

from crosscheck.pipeline import RunConfig, analyze_snapshots
from crosscheck.progress import no_progress, terminal_progress


def test_parse_progress_reaches_total(seed_files: list[Path], tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    snapshots = [read_file(str(p), store) for p in seed_files]
    seen: list[tuple[str, int, int]] = []
    config = RunConfig(sources=[], db_path=tmp_path / "x.duckdb", snapshot_dir=tmp_path)
    analyze_snapshots(snapshots, config, progress=lambda *event: seen.append(event))
    parse = [done for stage, done, total in seen if stage == "parse"]
    assert parse[-1] == len(seed_files) and parse == sorted(parse)
    normalize = [(done, total) for stage, done, total in seen if stage == "normalize"]
    assert normalize and normalize[-1][0] == normalize[-1][1]  # reaches its total


def test_no_bar_when_not_a_terminal() -> None:
    with terminal_progress(enabled=False) as progress:
        assert progress is no_progress


def test_bar_when_asked(capsys) -> None:  # type: ignore[no-untyped-def]
    with terminal_progress(enabled=True) as progress:
        progress("parse", 1, 2)
        progress("parse", 2, 2)
    assert progress is not no_progress
