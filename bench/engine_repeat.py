"""The seeds and example pages through the local and the Dask engine, again and again: a result
that depends on timing (issue 19: one run under load gave 152 findings locally, 138 on Dask)
shows as a run whose frames differ; those runs' frames are kept for a diff.

    python -m bench.engine_repeat OUT --runs 10 [--engines local,dask]

Run it beside a busy host (e.g. a few `python -c "while True: pass"` loops) to reproduce load.
"""

from __future__ import annotations

import argparse
import pickle
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd
from crosscheck.ingest.snapshots import SnapshotStore
from crosscheck.ingest.sources import read_file

from crosscheck.pipeline import Analysis, RunConfig, analyze_snapshots

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
FRAMES = (
    "pages", "claims", "facts", "quarantine", "findings", "reconciled",
    "reconciled_categories", "source_reliability", "copy_groups",
)  # fmt: skip


def differing(expected: Analysis, got: Analysis) -> list[str]:
    """The frames of `got` that differ from `expected`'s (index aside)."""
    out = []
    for name in FRAMES:
        try:
            pd.testing.assert_frame_equal(
                getattr(expected, name).reset_index(drop=True),
                getattr(got, name).reset_index(drop=True),
                check_dtype=False,
            )
        except AssertionError:
            out.append(name)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--engines", default="local,dask")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=args.out))
    store = SnapshotStore(tmp / "snapshots")
    examples = sorted(p for p in (REPO / "examples" / "pages").iterdir() if p.is_file())
    snapshots = [read_file(str(p), store) for p in [*sorted(SEEDS.glob("*.txt")), *examples]]
    local = RunConfig(
        sources=[], db_path=tmp / "x.duckdb", snapshot_dir=tmp, reference_year=2026, workers=1
    )
    expected: Analysis | None = None
    for run in range(args.runs):
        for engine in args.engines.split(","):
            config = local if engine == "local" else replace(local, engine="dask", workers=2)
            started = time.perf_counter()
            got = analyze_snapshots(snapshots, config)
            wall = time.perf_counter() - started
            expected = got if expected is None else expected
            differ = differing(expected, got)
            if differ:
                with (args.out / f"run{run}-{engine}.pickle").open("wb") as out:
                    pickle.dump({name: getattr(got, name) for name in FRAMES}, out)
            print(
                f"run {run} {engine}: {wall:.1f} s, {len(got.findings)} findings, "
                f"{len(got.facts)} facts, differ: {', '.join(differ) or 'none'}",
                flush=True,
            )


if __name__ == "__main__":
    main()
