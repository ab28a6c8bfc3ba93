"""CPU seconds of each lap of a one-changed-page re-run (issue 20), medians over repeats.

    python -m bench.rerun_laps --pages 1000 --repeat 5 [--figure] [--out F.json]

Wall laps measure the neighbours on a shared machine; this process's CPU seconds
(`time.process_time`, DuckDB's threads included) per lap of `StageTimer` much less so. The
full run is made once and kept (bench/out/laps-kept-N, remade when its code version or the
corpus differs, or with --again); each repeat copies it back, changes the page `bench.rerun`
changes (`--figure`: a figure a fact reads, as `bench.rerun_profile --figure`), runs
`run_pipeline` in this process and puts the page back. The changed page's parse runs on a
worker when the run has a pool: its CPU is then not this process's (the `parse` lap waits).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import time
from pathlib import Path
from typing import Any


def _lap_cpu(laps: dict[str, float]) -> Any:
    """Patch `StageTimer.lap` to add each lap's CPU seconds of this process to `laps`; returns
    what undoes the patch."""
    from crosscheck.run_types import StageTimer

    original = StageTimer.lap
    last = [time.process_time()]

    def lap(self: StageTimer, stage: str) -> None:
        now = time.process_time()
        laps[stage] = laps.get(stage, 0.0) + now - last[0]
        last[0] = now
        original(self, stage)

    StageTimer.lap = lap  # type: ignore[method-assign]

    def undo() -> None:
        StageTimer.lap = original  # type: ignore[method-assign]

    return undo, last


#: The load's parts (names bound in crosscheck.warehouse.load, which calls them by those names)
LOAD_PARTS = (
    "_prepare", "_insert_run", "_insert_sources", "_insert_pages", "_insert_claims",
    "_insert_facts", "_insert_quarantine", "load_relations", "load_passages",
    "_reopen_findings", "_insert_findings", "_insert_finding_claims", "_resolve_findings",
    "_insert_reconciled", "load_reconciliation", "_finish_run", "_grown_counts",
)  # fmt: skip


def _part_cpu(laps: dict[str, float]) -> Any:
    """Patch the load's parts to add their CPU seconds to `laps` as `load.NAME` (`_grown`'s
    two counts as `load._grown_counts`); returns what undoes the patches."""
    from crosscheck.warehouse import load

    patched: dict[str, Any] = {}

    def timed(name: str, part: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            cpu = time.process_time()
            try:
                return part(*args, **kwargs)
            finally:
                key = f"load.{name}"
                laps[key] = laps.get(key, 0.0) + time.process_time() - cpu

        return run

    for name in LOAD_PARTS:
        if hasattr(load, name):
            patched[name] = getattr(load, name)
            setattr(load, name, timed(name, patched[name]))
    from crosscheck import steps

    for name in ("open_warehouse", "bundle_for", "hand_over", "load_run", "trim_heap"):
        patched[f"steps.{name}"] = getattr(steps, name)
        setattr(steps, name, timed(f"steps.{name}", patched[f"steps.{name}"]))
    grown = load._grown

    def counted(con: Any, table: str, insert: Any) -> int:
        cpu = time.process_time()
        inner = [0.0]

        def insert_timed() -> None:
            t = time.process_time()
            insert()
            inner[0] += time.process_time() - t

        rows = grown(con, table, insert_timed)
        key = "load._grown_counts"
        laps[key] = laps.get(key, 0.0) + time.process_time() - cpu - inner[0]
        return rows

    load._grown = counted

    def undo() -> None:
        for name, part in patched.items():
            if name.startswith("steps."):
                setattr(steps, name.removeprefix("steps."), part)
            else:
                setattr(load, name, part)
        load._grown = grown

    return undo


def one_rerun(config: Any, page: Path, changed: bytes, parts: bool = False) -> dict[str, float]:
    """CPU seconds per lap (and `total`, `wall`) of one `run_pipeline` with `page` changed;
    with `parts`, of the load's parts too."""
    from crosscheck import pipeline

    original = page.read_bytes()
    laps: dict[str, float] = {}
    undo, last = _lap_cpu(laps)
    undo_parts = _part_cpu(laps) if parts else (lambda: None)
    try:
        page.write_bytes(changed)
        wall, cpu = time.perf_counter(), time.process_time()
        last[0] = cpu
        pipeline.run_pipeline(config)
        laps["total"] = time.process_time() - cpu
        laps["wall"] = time.perf_counter() - wall
    finally:
        undo()
        undo_parts()
        page.write_bytes(original)
    return {k: round(v, 3) for k, v in laps.items()}


def main(argv: list[str] | None = None) -> int:
    from bench.corpus import generate_corpus
    from bench.rerun import _changed, _victim
    from bench.rerun_profile import _config, _figure_changed, kept_full_run
    from bench.run import OUT
    from crosscheck import __version__

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--figure", action="store_true", help="change a figure a fact reads")
    parser.add_argument("--again", action="store_true", help="make the kept full run again")
    parser.add_argument("--parts", action="store_true", help="time the load's parts too")
    parser.add_argument("--out", type=Path, default=None, help="write every run's laps (JSON)")
    args = parser.parse_args(argv)
    corpus = OUT / f"corpus-{args.pages}"
    work, kept = OUT / f"laps-work-{args.pages}", OUT / f"laps-kept-{args.pages}"
    generate_corpus(corpus, args.pages, args.seed)
    wanted = {"version": __version__, "pages": args.pages, "seed": args.seed}
    kept_full_run(corpus, work, kept, wanted, reuse=not args.again)
    page = _victim(corpus)
    original = page.read_bytes()
    runs = []
    for _ in range(args.repeat):
        if work.exists():
            shutil.rmtree(work)
        shutil.copytree(kept, work)
        config = _config(corpus, work, wipe=False)
        changed = _figure_changed(config, page, original) if args.figure else _changed(original)
        runs.append(one_rerun(config, page, changed, args.parts))
    names = [n for n in runs[0] if n not in ("total", "wall")] + ["total", "wall"]
    names = [n for n in names if "." not in n] + sorted(n for n in names if "." in n)
    print(f"{args.pages} pages, one changed page ({page.name}), {args.repeat} re-runs:")
    for name in names:
        values = [r.get(name, 0.0) for r in runs]
        kind = "wall" if name == "wall" else "CPU"
        print(f"  {name:<10} {kind} median {statistics.median(values):6.3f} s  {values}")
    if args.out is not None:
        args.out.write_text(json.dumps(runs, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
