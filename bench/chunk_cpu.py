"""CPU a page of the workers' parse task, measured in one process (no pool, no warehouse).

Why: the parse lap is the workers' `prepare_chunk` (parse, passages, the claim contract,
normalize, the fact contract) on every page; a lap's wall time under load says little, its
CPU per step does. This runs `prepare_chunk` over a folder's snapshots in chunks, as a worker
does (inherited objects frozen, the workers' collector threshold, pandera warmed up), for a
few passes (the first with cold per-process memos) and prints each step's CPU ms a page and
the chunk results' pickled size; `--digest` hashes every output instead (page rows without
`fetched_at`, claims, facts, quarantine, passages), to show a change kept them. `--page-cut`
also runs what the local engine's tasks run after normalizing (the page cut's rules, the
statements, the figure shingles: ~15 % of a worker's CPU at 10,000 pages), and hashes their
outputs with `--digest`; `--profile OUT` writes a CPU-clock cProfile of the last pass.

    python -m bench.chunk_cpu bench/out/corpus-1000 [--passes 3] [--chunk 250] [--digest]
        [--page-cut] [--profile out.prof]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import pickle
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crosscheck.ingest.snapshots import SnapshotStore
from crosscheck.normalize import Normalizer, load_vocabulary

from bench.lap_anatomy import _frame_digest
from bench.parse_digest import _snapshots
from crosscheck import batches
from crosscheck.common.validation import prepare_contracts
from crosscheck.contracts import Snapshot
from crosscheck.parallel import WORKER_GC_THRESHOLD


def load(folder: str) -> list[Snapshot]:
    """The folder's usable snapshots, sorted by source (read once, before any timing)."""
    with tempfile.TemporaryDirectory(prefix="chunk-cpu-") as tmp:
        return _snapshots(folder, SnapshotStore(Path(tmp)))


def as_worker(folder: str | None = None) -> None:
    """The state a forked worker parses in (crosscheck.parallel, crosscheck.engines); given
    the corpus `folder`, also the local engine's check settings (the page cut runs)."""
    prepare_contracts()
    vocabulary = load_vocabulary()
    checks = None
    if folder is not None:
        from bench.run_measure import _reference_year
        from crosscheck.check_reconcile import check_config_for
        from crosscheck.run_types import RunConfig

        year = _reference_year(Path(folder))
        run = RunConfig([folder], Path("unused"), Path("unused"), reference_year=year)
        checks = check_config_for(vocabulary, run)
    batches.install_normalizer(Normalizer(vocabulary).prepare(), checks)
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(WORKER_GC_THRESHOLD, older, oldest)


def one_pass(snapshots: Sequence[Snapshot], chunk: int) -> dict[str, float]:
    """CPU seconds per step over every chunk, the whole pass (`total`) and pickling the
    chunk results (`pickle`, with their size in bytes as `bytes`)."""
    cpu: dict[str, float] = {"pickle": 0.0, "bytes": 0.0}
    started = time.process_time()
    for at in range(0, len(snapshots), chunk):
        prepared = batches.prepare_chunk(snapshots[at : at + chunk])
        for step, seconds in prepared.cpu.items():
            cpu[step] = cpu.get(step, 0.0) + seconds
        before = time.process_time()
        cpu["bytes"] += len(pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL))
        cpu["pickle"] += time.process_time() - before
    cpu["total"] = time.process_time() - started - cpu["pickle"]
    return cpu


def output_digest(snapshots: Sequence[Snapshot], chunk: int) -> dict[str, str]:
    """A digest per output of the chunks (page rows without `fetched_at`)."""
    sums = {name: hashlib.sha256() for name in ("pages", "claims", "facts", "quarantine")}
    sums["passages"] = hashlib.sha256()
    for at in range(0, len(snapshots), chunk):
        prepared = batches.prepare_chunk(snapshots[at : at + chunk])
        rows = [{k: v for k, v in r.items() if k != "fetched_at"} for r in prepared.page_rows]
        sums["pages"].update(repr(rows).encode())
        sums["passages"].update(repr(prepared.passages).encode())
        for name in ("claims", "facts", "quarantine"):
            sums[name].update(_frame_digest(getattr(prepared, name)).encode())
        if prepared.page_checks is not None:
            cut = sums.setdefault("page_cut", hashlib.sha256())
            cut.update(repr(prepared.page_checks).encode())
            if prepared.relations is not None:
                cut.update(_frame_digest(prepared.relations).encode())
            cut.update(repr(prepared.shingles).encode())
    return {name: total.hexdigest()[:16] for name, total in sums.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--chunk", type=int, default=250)
    parser.add_argument("--digest", action="store_true", help="hash the outputs, no timing")
    parser.add_argument("--page-cut", action="store_true", help="run the page cut as local tasks")
    parser.add_argument("--profile", help="write a CPU-clock cProfile of the last pass here")
    args = parser.parse_args(argv)
    snapshots = load(args.folder)
    threshold = gc.get_threshold()
    as_worker(args.folder if args.page_cut else None)
    try:
        return _report(args, snapshots)
    finally:  # a caller's process (a test) gets its collector back
        gc.unfreeze()
        gc.set_threshold(*threshold)


def _report(args: argparse.Namespace, snapshots: list[Snapshot]) -> int:
    pages = sum(1 for s in snapshots if s.ok)
    if args.digest:
        print(args.folder, pages, "pages", output_digest(snapshots, args.chunk))
        return 0
    passes: list[dict[str, Any]] = []
    for number in range(args.passes):
        profile = None
        if args.profile and number == args.passes - 1:
            profile = cProfile.Profile(time.process_time)
            profile.enable()
        cpu = one_pass(snapshots, args.chunk)
        if profile is not None:
            profile.disable()
            profile.dump_stats(args.profile)
        passes.append(cpu)
        shown = {k: round(v / pages * 1e3, 3) for k, v in cpu.items() if k != "bytes"}
        print(f"pass {number}: ms of CPU a page {shown}, {cpu['bytes'] / 2**20:.1f} MiB pickled")
    steps = [k for k in passes[0] if k != "bytes"]
    median = {k: round(statistics.median(p[k] for p in passes) / pages * 1e3, 3) for k in steps}
    print(f"median of {args.passes} passes, ms of CPU a page: {median}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
