"""The Dask engine gives exactly what the local engine gives, and a lost worker either is
retried (the run completes) or fails the run cleanly (exit 3, nothing loaded)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from crosscheck.ingest.snapshots import SnapshotStore
from crosscheck.ingest.sources import read_file

from crosscheck.batches import PAUSE_ENV, PAUSE_LIMIT_S, RESUME
from crosscheck.config import resolve
from crosscheck.dask_lake import lake_glob
from crosscheck.errors import ConfigError
from crosscheck.pipeline import RunConfig, analyze_snapshots
from crosscheck.runner import build_run_config
from tests.analysis import analyze_paths
from tests.conftest import EXAMPLES_DIR
from tests.engine_results import assert_same_frames
from tests.run_support import REPO, counts, runs, start_run, wait_until

FRAMES = (
    "pages",
    "claims",
    "facts",
    "quarantine",
    "findings",
    "reconciled",
    "reconciled_categories",
    "source_reliability",
    "copy_groups",
)


def test_engine_and_scheduler_come_from_file_env_and_flags(tmp_path: Path) -> None:
    config = tmp_path / "crosscheck.toml"
    config.write_text('[run]\nengine = "dask"\nscheduler = "tcp://10.0.0.5:8786"\n')
    from_file = resolve({"config": str(config)}, environ={})
    assert (from_file.engine, from_file.scheduler) == ("dask", "tcp://10.0.0.5:8786")
    env = {"CROSSCHECK_ENGINE": "dask", "CROSSCHECK_SCHEDULER": "tcp://sched:8786"}
    from_env = resolve({}, environ=env)
    assert (from_env.engine, from_env.scheduler) == ("dask", "tcp://sched:8786")
    flagged = resolve({"engine": "local"}, environ={"CROSSCHECK_ENGINE": "dask"})
    assert flagged.engine == "local"
    assert resolve({}, environ={}).engine == "local"
    run_config = build_run_config(from_env, check_sources=False)
    assert (run_config.engine, run_config.scheduler) == ("dask", "tcp://sched:8786")


@pytest.mark.parametrize(
    ("flags", "environ", "message"),
    [
        ({}, {"CROSSCHECK_ENGINE": "spark"}, "CROSSCHECK_ENGINE: expected one of local, dask"),
        ({}, {"CROSSCHECK_SCHEDULER": "sched:8786"}, "CROSSCHECK_SCHEDULER"),
        ({"scheduler": "8786"}, {}, "--scheduler"),
    ],
)
def test_bad_engine_settings_are_usage_errors(
    flags: dict[str, str], environ: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        resolve(flags, environ=environ)


def test_a_scheduler_without_the_dask_engine_is_refused() -> None:
    settings = resolve({"scheduler": "tcp://127.0.0.1:8786"}, environ={})
    with pytest.raises(ConfigError, match="needs the dask engine"):
        build_run_config(settings, check_sources=False)


def test_cli_refuses_an_unknown_engine(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "crosscheck", "run", "--engine", "spark", "--db", "x.duckdb"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == 2 and "invalid choice: 'spark'" in done.stderr


def test_dask_engine_equals_local_engine(tmp_path: Path, seed_files: list[Path]) -> None:
    store = SnapshotStore(tmp_path / "snapshots")
    examples = sorted(p for p in EXAMPLES_DIR.iterdir() if p.is_file())
    snapshots = [read_file(str(p), store) for p in [*seed_files, *examples]]
    local = RunConfig(
        sources=[],
        db_path=tmp_path / "x.duckdb",
        snapshot_dir=tmp_path,
        reference_year=2026,
        workers=1,
    )
    expected = analyze_snapshots(snapshots, local)
    on_dask = analyze_snapshots(snapshots, replace(local, engine="dask", workers=2))
    assert_same_frames(expected, on_dask, FRAMES)
    assert len(expected.findings) > 0 and len(expected.source_reliability) > 0
    assert len(expected.claims) > 100


def _findings(db: Path) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT kind, metric, entity, severity FROM findings ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()


def _worker_run(
    tmp_path: Path, name: str, extra_env: dict[str, str], extra_args: tuple[str, ...] = ()
) -> tuple[Path, Path, object]:
    """A `crosscheck run --engine dask` whose chunks wait on a flag file: returns the
    warehouse, the flag and the process, once both workers hold a chunk."""
    flag = tmp_path / f"{name}.pause"
    flag.write_text("")
    db = tmp_path / f"{name}.duckdb"
    args = [str(EXAMPLES_DIR), "--db", str(db), "--engine", "dask", "--no-validate", *extra_args]
    env = {PAUSE_ENV: str(flag), "CROSSCHECK_WORKERS": "2", **extra_env}
    proc = start_run(args, env=env)
    wait_until(proc, lambda: len(flag.read_text().split()) >= 2, "both workers hold a chunk")
    return db, flag, proc


def _kill_one_worker(flag: Path) -> None:
    os.kill(int(flag.read_text().split()[0]), signal.SIGKILL)


def _resume(flag: Path) -> None:
    """Let every chunk go on, the re-run of the killed worker's chunk too."""
    with flag.open("a", encoding="ascii") as out:
        out.write(f"{RESUME}\n")


def test_a_killed_worker_is_retried_and_the_run_completes(tmp_path: Path) -> None:
    examples = sorted(p for p in EXAMPLES_DIR.iterdir() if p.is_file())
    local = analyze_paths(examples, tmp_path / "local-store").findings
    keys = local[["kind", "metric", "entity", "severity"]].astype(object)
    expected = sorted(keys.where(keys.notna(), None).itertuples(index=False), key=str)
    lake = tmp_path / "lake"
    db, flag, proc = _worker_run(tmp_path, "retried", {}, ("--lake", str(lake)))
    _kill_one_worker(flag)
    killed = time.monotonic()
    _resume(flag)
    _out, err = proc.communicate(timeout=120)
    recovery = time.monotonic() - killed
    assert proc.returncode == 0, err
    assert runs(db)[-1][0] == "completed"
    assert sorted(_findings(db), key=str) == [tuple(row) for row in expected] and expected
    # the workers wrote the run's facts into the Parquet lake (crosscheck.dask_lake)
    in_lake = duckdb.connect().execute(
        "SELECT count(*) FROM read_parquet(?)", [lake_glob(lake, "facts")]
    )
    assert in_lake.fetchone()[0] == counts(db)["facts"] > 0
    # not a speed assertion: the re-run chunk must not have waited out the pause hook's limit
    assert recovery < PAUSE_LIMIT_S, recovery


def test_a_worker_lost_beyond_retries_fails_the_run_and_loads_nothing(tmp_path: Path) -> None:
    no_retry = {"DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "0"}
    lake = tmp_path / "lake"
    db, flag, proc = _worker_run(tmp_path, "failed", no_retry, ("--lake", str(lake)))
    _kill_one_worker(flag)
    try:
        _out, err = proc.communicate(timeout=120)
    finally:
        flag.unlink(missing_ok=True)
    assert proc.returncode == 3, err
    assert "Dask worker died" in err and "nothing was loaded" in err
    assert runs(db)[-1][0] == "failed"
    assert counts(db)["claims"] == 0 and counts(db)["findings"] == 0
    assert not list(lake.rglob("*.parquet"))


def test_an_unreachable_scheduler_fails_the_run_and_loads_nothing(tmp_path: Path) -> None:
    from crosscheck.runner import execute

    db = tmp_path / "w.duckdb"
    flags = {"sources": [str(EXAMPLES_DIR)], "db": db, "validate": False}
    settings = resolve({**flags, "engine": "dask", "scheduler": "tcp://127.0.0.1:1"}, environ={})
    result = execute(settings)
    assert result.exit_code == 3 and not result.loaded
    assert "cannot reach the Dask scheduler tcp://127.0.0.1:1" in result.message
    assert "nothing was loaded" in result.message
    assert runs(db)[-1][0] == "failed" and counts(db)["claims"] == 0
