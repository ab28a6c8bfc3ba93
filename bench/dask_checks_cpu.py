"""The Dask engine's checks against the local engine's, in one process, by CPU (issue 19).

On inputs captured once (`python -m bench.checks_profile capture CORPUS CHK.pkl`), alternates
for --repeat rounds:
- local: the local engine's split, `page_findings` per --chunk pages (what its parse tasks
  run) then `run_checks_with` (its checks lap);
- dask: the facts held as --chunk-page pieces (`dask_held.HeldFacts`), cut by page and
  entity (`dask_held.cut_by`), then `dask_findings.left_checks` (the Dask engine's checks:
  findings capped, given ids and root causes by bucket) on an in-process runner of
  --partitions partitions that adds each task's `time.process_time` to its function's name.
Asserts each round that both give the same findings (ids, kinds, explanations, claims and
root causes), then prints the median CPU seconds per step and per task function.

    python -m bench.dask_checks_cpu CHK.pkl [--partitions 2] [--repeat 3] [--chunk 125]
    [--profile FILE]  (a cProfile of one Dask-side run)
"""

from __future__ import annotations

import argparse
import cProfile
import pickle
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from crosscheck.checks.page_cut import page_findings, run_checks_with
from crosscheck.checks.rules import FAMILY_KEY, Family

from crosscheck.contracts import FINDING_COLUMNS
from crosscheck.dask_findings import left_checks, order_free
from crosscheck.dask_held import HeldFacts, cut_by, frame_piece


@dataclass
class TimedInProcess:
    """`dask_shuffle.InProcess` that adds each task's CPU seconds to its function's name."""

    partitions: int = 2
    cpu: dict[str, float] = field(default_factory=dict)

    def submit(self, function: Callable[..., Any], *args: Any) -> Any:
        start = time.process_time()
        value = function(*args)
        name = getattr(function, "__name__", repr(function))
        self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - start
        return value

    def gather(self, handles: Sequence[Any]) -> list[Any]:
        return list(handles)

    def put(self, value: Any) -> Any:
        return value


def _chunks(facts: pd.DataFrame, pages: pd.DataFrame, per_chunk: int) -> list[set[str]]:
    sources = list(dict.fromkeys(pages["source"]))
    return [set(sources[i : i + per_chunk]) for i in range(0, len(sources), per_chunk)]


def local_side(data: dict[str, Any], chunks: list[set[str]]) -> tuple[pd.DataFrame, dict]:
    facts, pages, config, relations = (data[k] for k in ("facts", "pages", "config", "relations"))
    laps: dict[str, float] = {}
    start = time.process_time()
    cuts = [
        page_findings(
            facts[facts["source"].isin(c)].reset_index(drop=True),
            pages[pages["source"].isin(c)].reset_index(drop=True),
            config,
        )
        for c in chunks
    ]
    laps["page cut by chunk"] = time.process_time() - start
    start = time.process_time()
    found = run_checks_with(facts, pages, config, relations, cuts).findings
    laps["run_checks_with"] = time.process_time() - start
    return found, laps


def dask_side(
    data: dict[str, Any], chunks: list[set[str]], partitions: int
) -> tuple[pd.DataFrame, dict]:
    facts, pages, config, relations = (data[k] for k in ("facts", "pages", "config", "relations"))
    facts = facts.reset_index(drop=True)
    in_chunk = [facts[facts["source"].isin(c)].reset_index(drop=True) for c in chunks]
    held = HeldFacts([frame_piece(f) for f in in_chunk if len(f)])
    runner = TimedInProcess(partitions)
    start = time.process_time()
    keys = [FAMILY_KEY[f] for f in (Family.PAGE, Family.ENTITY)]
    cuts = cut_by(runner, held, keys)
    left = left_checks(runner, cuts[keys[0]], pages, relations, config, {}, cuts)
    total = time.process_time() - start
    found = pd.concat([order_free(p) for p in left.parts], ignore_index=True)
    return found, {"left_checks (all)": total, **{f"  {k}": v for k, v in runner.cpu.items()}}


def _same(local: pd.DataFrame, dask: pd.DataFrame) -> None:
    def norm(frame: pd.DataFrame) -> pd.DataFrame:
        out = frame[FINDING_COLUMNS].copy()
        out["claim_ids"] = [tuple(c) for c in out["claim_ids"]]
        out = out.sort_values("finding_id").reset_index(drop=True).astype(object)
        return out.where(out.notna(), None)  # missing: None or NaN alike

    pd.testing.assert_frame_equal(norm(local), norm(dask))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pickle", type=Path)
    parser.add_argument("--partitions", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--chunk", type=int, default=125)
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args()
    data = pickle.loads(args.pickle.read_bytes())
    chunks = _chunks(data["facts"], data["pages"], args.chunk)
    if args.profile:
        profiler = cProfile.Profile(time.process_time)
        profiler.runcall(dask_side, data, chunks, args.partitions)
        profiler.dump_stats(str(args.profile))
    runs: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        local, local_laps = local_side(data, chunks)
        dask, dask_laps = dask_side(data, chunks, args.partitions)
        _same(local, dask)
        for name, seconds in {**local_laps, **dask_laps}.items():
            runs.setdefault(name, []).append(seconds)
    print(
        f"{len(data['facts']):,} facts, {len(data['pages']):,} pages, {len(local):,} findings "
        f"(equal every round), medians of {args.repeat}, CPU s:"
    )
    local_total = statistics.median(
        a + b for a, b in zip(runs["page cut by chunk"], runs["run_checks_with"], strict=True)
    )
    print(f"{'local (page cut + lap)':32s} {local_total:7.3f}")
    for name, values in runs.items():
        print(f"{name:32s} {statistics.median(values):7.3f}")


if __name__ == "__main__":
    main()
