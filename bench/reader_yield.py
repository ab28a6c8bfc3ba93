"""Per-reader CPU of the parse, and how much of it goes to calls that produce nothing.

Why: each session adds readers for real-page shapes that find nothing on most pages; a gate
is worth building only where much CPU goes to calls that return nothing. This wraps every
function one ingest module imports from another (the readers' entry points, found by walking
the modules, plus the classes' `read_*`/`line` methods), times each call on the thread CPU
clock (inclusive, and exclusive of the wrapped calls inside it) and counts a call as empty
when it returned nothing (None, False, an empty container, its first argument unchanged, or a
tuple of such) and added no claim while it ran. Run from a checkout with its own venv:

    .venv/bin/python -m bench.reader_yield bench/out/corpus-1000 [--pages 500] [--top 40]

The wrappers' own cost a call (a first wrapped pass less the plain one, over its calls) is
taken off each figure in a second wrapped pass that reports; cheap functions called many times
a page stay the least exact. The unwrapped parse CPU is
printed first, to compare.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import inspect
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

from crosscheck.ingest import extract, parse
from crosscheck.ingest.snapshots import SnapshotStore

from bench.parse_digest import _snapshots

_PREFIX = "crosscheck.ingest."
_METHODS = ("read_line", "read_list_item", "line", "item")
_OWN_CODE: set[CodeType] = set()  # the wrappers' code: a sample there is the tool's cost


@dataclass
class Tally:
    """One wrapped function's calls and CPU (seconds; `empty_*` only the empty calls)."""

    calls: int = 0
    empty: int = 0
    inclusive: float = 0.0
    exclusive: float = 0.0
    empty_inclusive: float = 0.0


class Recorder:
    """Wraps functions; a stack of child time makes the exclusive figures."""

    def __init__(self) -> None:
        self.tallies: dict[str, Tally] = {}
        self.stack: list[list[Any]] = []
        self.claims = 0
        self.overhead = 0.0
        self.outermost_empty = 0.0  # CPU of the empty calls no empty call encloses
        self.outermost_strict = 0.0  # the same, a call that returned None never empty
        self.active: list[tuple[int, str]] = []  # the wrapped calls running, outermost first
        self.calls_made = 0
        self.empty_calls: dict[int, bool] = {}  # empty call -> it returned something not None
        self.samples: list[tuple[tuple[int, str], ...]] = []  # `active` at each CPU sample
        self.harness_samples = 0  # samples in the wrappers' own code

    def tick(self, _signum: int, frame: FrameType | None) -> None:
        """A SIGPROF sample: the wrapped calls running, unless a wrapper's own code runs."""
        if frame is not None and frame.f_code in _OWN_CODE:
            self.harness_samples += 1
        else:
            self.samples.append(tuple(self.active))

    def sampled_shares(self) -> tuple[float, float, Counter[str]]:
        """Shares of the samples inside an empty call (any; not counting a None returned),
        and the samples by the outermost empty call's function."""
        any_empty = strict = 0
        by_name: Counter[str] = Counter()
        for active in self.samples:
            outer = next(((c, n) for c, n in active if c in self.empty_calls), None)
            if outer is not None:
                any_empty += 1
                by_name[outer[1]] += 1
            strict += any(self.empty_calls.get(c, False) for c, _ in active)
        total = max(1, len(self.samples))
        return any_empty / total, strict / total, by_name

    def count(self) -> int:
        """Wrapped calls so far."""
        return sum(t.calls for t in self.tallies.values())

    def reset(self) -> None:
        """Forget the counts (the functions stay wrapped)."""
        for tally in self.tallies.values():
            vars(tally).update(vars(Tally()))
        self.outermost_empty = self.outermost_strict = 0.0
        self.empty_calls.clear()
        self.samples.clear()
        self.harness_samples = 0

    def wrap(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        tally = self.tallies.setdefault(name, Tally())
        clock = time.thread_time
        stack = self.stack
        active = self.active
        recorder = self

        def timed(*args: Any, **kwargs: Any) -> Any:
            claims = recorder.claims
            call = recorder.calls_made = recorder.calls_made + 1
            active.append((call, name))
            # the wrapped calls' CPU inside this one, their count, and the CPU of the
            # outermost empty calls among them (any; and not counting a None returned)
            stack.append([0.0, 0, 0.0, 0.0])
            started = clock()
            try:
                result = func(*args, **kwargs)
            finally:
                spent = clock() - started
                inner, nested, inner_any, inner_strict = stack.pop()
                active.pop()
            # the inner wrappers' cost and this one's taken off
            spent_net = spent - (nested + 1) * recorder.overhead
            empty = recorder.claims == claims and _empty(result, args)
            outer_any = spent_net if empty else inner_any
            outer_strict = spent_net if empty and result is not None else inner_strict
            if stack:
                parent = stack[-1]
                parent[0] += spent + recorder.overhead
                parent[1] += nested + 1
                parent[2] += outer_any
                parent[3] += outer_strict
            else:
                recorder.outermost_empty += outer_any
                recorder.outermost_strict += outer_strict
            tally.calls += 1
            tally.inclusive += spent_net
            tally.exclusive += spent - inner - recorder.overhead
            if empty:
                tally.empty += 1
                tally.empty_inclusive += spent_net
                recorder.empty_calls[call] = result is not None
            return result

        _OWN_CODE.update((timed.__code__, _empty.__code__))
        return functools.update_wrapper(timed, func)


def _empty(result: Any, args: tuple[Any, ...]) -> bool:
    """Nothing produced: a falsy value, the first argument handed back, or a tuple of such."""
    if args and result is args[0]:
        return True
    if isinstance(result, tuple) and result:
        return all(_empty(part, args) for part in result)
    if hasattr(result, "__array__"):
        return len(result) == 0
    try:
        return not result
    except Exception:  # an object without a truth value (an array): something was produced
        return False


def _targets() -> dict[tuple[str, str], Callable[..., Any]]:
    """(module, name) of every ingest function imported into another ingest module, and the
    ingest classes' reader methods."""
    found: dict[tuple[str, str], Callable[..., Any]] = {}
    for modname, module in list(sys.modules.items()):
        if not modname.startswith(_PREFIX) or module is None:
            continue
        for attr, value in vars(module).items():
            home = getattr(value, "__module__", "") or ""
            if inspect.isfunction(value) and home.startswith(_PREFIX) and home != modname:
                found[(home, value.__qualname__)] = value
            if inspect.isclass(value) and home == modname:
                for meth in _METHODS:
                    if inspect.isfunction(vars(value).get(meth)):
                        found[(home, f"{attr}.{meth}")] = vars(value)[meth]
    return found


@contextlib.contextmanager
def _no_cpu_budget(_seconds: float) -> Iterator[None]:
    """The parse budget arms its own SIGPROF timer: it would take over the sampler's."""
    yield


def install(recorder: Recorder) -> Callable[[], None]:
    """Wrap the targets wherever a module holds them; returns the undo."""
    originals = _targets()
    wrappers = {
        id(f): recorder.wrap(f"{m[len(_PREFIX) :]}.{q}", f) for (m, q), f in originals.items()
    }
    undo: list[tuple[Any, str, Any]] = []
    for modname, module in list(sys.modules.items()):
        if not modname.startswith(_PREFIX) or module is None:
            continue
        for attr, value in list(vars(module).items()):
            if id(value) in wrappers and inspect.isfunction(value):
                undo.append((module, attr, value))
                setattr(module, attr, wrappers[id(value)])
            elif inspect.isclass(value) and value.__module__ == modname:
                for meth in _METHODS:
                    inner = vars(value).get(meth)
                    if inspect.isfunction(inner) and id(inner) in wrappers:
                        undo.append((value, meth, inner))
                        setattr(value, meth, wrappers[id(inner)])
    add = extract.ClaimCollector.add

    def counted_add(self: extract.ClaimCollector, **kw: Any) -> None:
        recorder.claims += 1
        add(self, **kw)

    extract.ClaimCollector.add = counted_add
    undo.append((extract.ClaimCollector, "add", add))

    def restore() -> None:
        for owner, attr, value in reversed(undo):
            setattr(owner, attr, value)

    return restore


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("folder")
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument(
        "--sort",
        choices=("exclusive", "empty"),
        default="exclusive",
        help="order by exclusive CPU, or by the CPU of the empty calls",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reader-yield-") as tmp:
        snaps = _snapshots(args.folder, SnapshotStore(Path(tmp)))
    timed, warm = snaps[: min(args.pages, len(snaps) - 1)], snaps[-1]
    parse.parse_snapshot(warm)
    for _ in range(2):  # the second pass is timed: the per-text memos are warm, as below
        started = time.thread_time()
        for snap in timed:
            parse.parse_snapshot(snap)
        plain = time.thread_time() - started
    recorder = Recorder()
    restore = install(recorder)
    budget, parse.parse_time_limit = parse.parse_time_limit, _no_cpu_budget
    previous = signal.signal(signal.SIGPROF, recorder.tick)
    try:
        started = time.thread_time()
        for snap in timed:
            parse.parse_snapshot(snap)
        first = time.thread_time() - started
        # the wrappers' own cost a call, as this run pays it: the wrapped pass less the plain
        per_call = recorder.overhead = max(0.0, first - plain) / max(1, recorder.count())
        recorder.reset()
        signal.setitimer(signal.ITIMER_PROF, 0.001, 0.001)
        started = time.thread_time()
        for snap in timed:
            parse.parse_snapshot(snap)
        wrapped = time.thread_time() - started
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
        parse.parse_time_limit = budget
        restore()
    calls = sum(t.calls for t in recorder.tallies.values())
    print(f"{args.folder}: {len(timed)} pages; parse CPU {plain:.2f} s unwrapped, "
          f"{wrapped:.2f} s wrapped ({calls} wrapped calls, ~{per_call * 1e6:.2f} us each); "
          f"empty calls no empty call encloses {recorder.outermost_empty:.2f} s "
          f"({100 * recorder.outermost_empty / plain:.1f} % of the unwrapped parse; "
          f"{100 * recorder.outermost_strict / plain:.1f} % when a None returned is no empty "
          "result: a procedure's effects are unseen)")  # fmt: skip
    share_any, share_strict, by_name = recorder.sampled_shares()
    print(f"sampled (SIGPROF every 1 ms of CPU, {len(recorder.samples)} samples, "
          f"{recorder.harness_samples} more in the wrappers): inside an empty call "
          f"{100 * share_any:.1f} %, {100 * share_strict:.1f} % when a None returned is no "
          "empty result; by the outermost empty call:")  # fmt: skip
    for name, n in by_name.most_common(args.top // 2):
        print(f"  {name[:60]:60s} {100 * n / max(1, len(recorder.samples)):5.1f} %")
    print(f"{'function':52s} {'calls':>7s} {'empty%':>6s} {'incl ms':>8s} {'excl ms':>8s} "
          f"{'empty-incl ms':>13s} {'excl %':>6s} {'empty %':>7s}")  # fmt: skip
    key = "exclusive" if args.sort == "exclusive" else "empty_inclusive"
    rows = sorted(recorder.tallies.items(), key=lambda kv: -getattr(kv[1], key))
    for name, t in rows[: args.top]:
        if not t.calls:
            continue
        print(f"{name[:52]:52s} {t.calls:7d} {100 * t.empty / t.calls:6.1f} "
              f"{1000 * t.inclusive:8.1f} {1000 * t.exclusive:8.1f} "
              f"{1000 * t.empty_inclusive:13.1f} {100 * t.exclusive / plain:6.1f} "
              f"{100 * t.empty_inclusive / plain:7.1f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
