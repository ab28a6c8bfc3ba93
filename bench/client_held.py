"""What the Dask client holds, step by step: a `crosscheck run` in this process with its
analysis steps wrapped. Each step reports the client's peak RSS during it (VmHWM, reset at
its start through /proc/self/clear_refs), its RSS after, and the rows and deep bytes of the
frames it returns; every `gather` the bytes it brought back (dask.sizeof), by caller.

Usage: CROSSCHECK_WORKERS=2 python bench/client_held.py CORPUS [--out DIR] [--gathered]
Prints one JSON line per step as it ends, then a summary line (issue 19: what grows).
`--gathered` runs the same code with the findings gathered into the client (the path a
Dask run without a lake takes) instead of left on the workers for the lake
(crosscheck.dask_findings): what leaving them there saves, measured on today's code.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import importlib
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd

REPO = Path(__file__).resolve().parents[1]

#: (module, attribute) of the steps wrapped: where the client gathers or builds frames.
STEPS = [
    ("crosscheck.pipeline", "check_and_reconcile"),
    ("crosscheck.pipeline", "write_run_lake"),
    ("crosscheck.steps", "load_run"),
    ("crosscheck.steps", "bundle_for"),
    ("crosscheck.dask_step", "partitioned_checks"),
    ("crosscheck.dask_step", "held_voters"),
    ("crosscheck.dask_step", "partitioned_reconcile"),
    ("crosscheck.finished_findings", "note_copies"),
    ("crosscheck.finished_findings", "with_root_causes"),
    ("crosscheck.finished_findings", "with_copies"),
    ("crosscheck.check_step", "read_relations"),
    ("crosscheck.check_reconcile", "concat"),
    ("crosscheck.check_step", "concat"),
    ("crosscheck.check_state", "concat"),
    ("crosscheck.check_step", "validate_frame"),
    ("crosscheck.dask_checks", "finish_partitions"),
    ("crosscheck.dask_checks", "merge_statements"),
    ("crosscheck.dask_checks", "ordered"),
    ("crosscheck.dask_checks", "statement_buckets"),
    ("crosscheck.dask_reconcile", "_annotate"),
    ("crosscheck.dask_copies", "partitioned_copies"),
    # the copies left on the workers for a lake run (crosscheck.dask_copies; absent before it)
    ("crosscheck.dask_copies", "kept_copies"),
    ("crosscheck.dask_passages", "cut"),
    # the findings left on the workers (crosscheck.dask_findings; absent before it)
    ("crosscheck.dask_step", "left_checks"),
    ("crosscheck.dask_step", "annotated_left"),
]

_stack: list[dict[str, Any]] = []
_gathered: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
_out = sys.stdout


def _status(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def _reset_peak() -> None:
    with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
        refs.write("5")


def _fold() -> None:
    high = _status("VmHWM")
    for entry in _stack:
        entry["peak"] = max(entry["peak"], high)


def _frames(value: Any, name: str = "") -> dict[str, tuple[int, float]]:
    """Rows and deep MiB of the frames in a returned value (a frame, a tuple, a dataclass)."""
    if isinstance(value, pd.DataFrame):
        return {name or "frame": (len(value), value.memory_usage(deep=True).sum() / 2**20)}
    out: dict[str, tuple[int, float]] = {}
    if isinstance(value, tuple | list) and len(value) < 20:
        for i, item in enumerate(value):
            out.update(_frames(item, f"{name}[{i}]"))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            out.update(_frames(getattr(value, field.name), f"{name}.{field.name}"))
    return out


def _held_by_parse(batches: Any) -> None:
    """What the parse phase left the client holding when the checks begin: the batches'
    frames (rows, deep MiB) by kind, summed over the batches."""
    held: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for batch in batches:
        for kind in ("pages", "claims", "facts", "quarantine", "passages", "relations"):
            frame = getattr(batch, kind, None)
            if isinstance(frame, pd.DataFrame) and len(frame):
                held[kind][0] += len(frame)
                held[kind][1] += frame.memory_usage(deep=True).sum() / 2**20
        held["held pieces"][0] += len(getattr(batch, "held", []) or [])
    record = {
        "step": "held when the checks begin",
        "rss": round(_status("VmRSS"), 1),
        "batches": len(batches),
        "frames": {k: [int(v[0]), round(v[1], 1)] for k, v in held.items()},
    }
    print(json.dumps(record), file=_out, flush=True)


def _wrap(module: str, name: str) -> None:
    owner = importlib.import_module(module)
    inner = getattr(owner, name, None)
    if inner is None:  # a step of other code than this checkout's
        return

    @functools.wraps(inner)
    def step(*args: Any, **kwargs: Any) -> Any:
        if name == "check_and_reconcile" and args:
            _held_by_parse(args[0])
        _fold()
        entry = {"step": name, "peak": 0.0, "before": _status("VmRSS"), "t": time.monotonic()}
        _stack.append(entry)
        _reset_peak()
        try:
            return (result := inner(*args, **kwargs))
        finally:
            _fold()
            _stack.pop()
            record = {
                "step": name,
                "before": round(entry["before"], 1),
                "peak": round(entry["peak"], 1),
                "after": round(_status("VmRSS"), 1),
                "s": round(time.monotonic() - entry["t"], 1),
            }
            if name != "concat" or record["peak"] - record["before"] > 20:
                frames = _frames(locals().get("result"))
                record["frames"] = {k: [r, round(m, 1)] for k, (r, m) in frames.items() if r}
                print(json.dumps(record), file=_out, flush=True)

    setattr(owner, name, step)


def _wrap_gather() -> None:
    from dask.sizeof import sizeof

    from crosscheck import engines

    inner = engines.DaskRunner.gather

    def gather(self: Any, handles: Any) -> list[Any]:
        values = inner(self, handles)
        caller = sys._getframe(1).f_code.co_name
        _gathered[caller][0] += 1
        _gathered[caller][1] += sum(sizeof(v) for v in values) / 2**20
        return values

    engines.DaskRunner.gather = gather  # type: ignore[method-assign]


def main(argv: list[str] | None = None) -> int:
    global _out
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    parser.add_argument("--log", type=Path, default=None)
    parser.add_argument("--gathered", action="store_true", help="findings gathered here")
    args = parser.parse_args(argv)
    if args.gathered:
        from crosscheck import check_reconcile

        check_reconcile._leaving = lambda *_: False  # type: ignore[attr-defined]
    if args.log is not None:
        _out = open(args.log, "a", encoding="utf-8")  # noqa: SIM115
    for module, name in STEPS:
        _wrap(module, name)
    _wrap_gather()
    from crosscheck.cli import main as cli

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=args.out) as work:
        run = ["run", str(args.corpus.resolve()), "--db", f"{work}/run.duckdb"]
        run += ["--snapshots", f"{work}/snap", "--no-validate", "--engine", "dask"]
        load = [round(x, 2) for x in os.getloadavg()]
        try:
            code = cli(run)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    summary = {
        "corpus": str(args.corpus),
        "findings": "gathered" if args.gathered else "left",
        "exit": code,
        "hwm_mib": round(_status("VmHWM"), 1),
        "gathered_mib": {k: [v[0], round(v[1], 1)] for k, v in _gathered.items()},
        "loadavg": [load, [round(x, 2) for x in os.getloadavg()]],
    }
    print(json.dumps(summary), file=_out, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
