"""The whole parse step's CPU a page in one fresh process (vocabulary and name lists included).

Why: `bench.parse_ab` swaps only `ingest/` and shares the vocabulary, so a change to the name
lists or to `normalize`'s data does not show in it. This times `parse_snapshot` with the CPU
clock over the first `--pages` pages of a folder in one pass, after one untimed page (the last
of the folder, kept out of the timed ones) has loaded the vocabulary, as a worker has before its
first chunk. Run it from
each checkout with that checkout's venv, alternated, one process per run:

    .venv/bin/python -m bench.parse_cpu bench/out/corpus-1000 [--pages 1000] [--profile out.prof]

`--profile` also writes a cProfile of the pass on the CPU clock (read it with pstats).
"""

from __future__ import annotations

import argparse
import cProfile
import tempfile
import time
from pathlib import Path

from crosscheck.ingest.parse import parse_snapshot
from crosscheck.ingest.snapshots import SnapshotStore

from bench.parse_digest import _snapshots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--profile", help="write a CPU-clock cProfile of the pass here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="parse-cpu-") as tmp:
        snaps = _snapshots(args.folder, SnapshotStore(Path(tmp)))
    timed, warm = snaps[: min(args.pages, len(snaps) - 1)], snaps[-1]
    parse_snapshot(warm)
    profile = cProfile.Profile(time.process_time) if args.profile else None
    start = time.process_time()
    if profile is not None:
        profile.enable()
    for snap in timed:
        parse_snapshot(snap)
    if profile is not None:
        profile.disable()
        profile.dump_stats(args.profile)
    cpu = time.process_time() - start
    per_page = 1000 * cpu / len(timed)
    print(f"{args.folder} pages={len(timed)} cpu_s={cpu:.3f} ms_per_page={per_page:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
