"""The parse step's CPU a page by function, sampled on the CPU clock; and how often the name
finder reads each text a page.

Why: cProfile charges every Python call its own overhead, so functions called a hundred times
a page read several times their cost (the profiled parse is ~3x the plain one) while C work
(libxml2, a regex, freeing a page's tree) reads as its caller's. A SIGPROF sample every
`--every` ms of process CPU (the kernel's tick at the least, 4 ms on this host) records the
running Python stack instead: shares unbiased by call counts. Run from a checkout with its own venv:

    .venv/bin/python -m bench.parse_sample bench/out/corpus-1000 [--pages 900] [--top 25]

Prints each function's share of the samples as the innermost Python frame (self; C work
called from it included) and anywhere on the stack (cumulative), and the texts `_find` read a
page: how many, how many times each, and how many of the repeated reads found the finder in
the same state as an earlier read of that text (the only ones a memo could save).
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from crosscheck.ingest import entities, parse
from crosscheck.ingest.snapshots import SnapshotStore

from bench.parse_digest import _snapshots

_HARNESS = ("<frozen runpy>", "parse_sample.")  # this tool's own frames under the parse


@contextlib.contextmanager
def _no_cpu_budget(_seconds: float) -> Iterator[None]:
    """The parse budget arms its own SIGPROF timer: it would take over the sampler's."""
    yield


class _Sampler:
    """Counts the Python stack's functions at every SIGPROF."""

    def __init__(self) -> None:
        self.samples = 0
        self.own: Counter[str] = Counter()
        self.anywhere: Counter[str] = Counter()

    def tick(self, _signum: int, frame: FrameType | None) -> None:
        self.samples += 1
        seen: set[str] = set()
        while frame is not None:
            code = frame.f_code
            name = f"{Path(code.co_filename).stem}.{code.co_name}"
            if not seen:
                self.own[name] += 1
            if name not in seen:
                seen.add(name)
                self.anywhere[name] += 1
            frame = frame.f_back


class _Reads:
    """The texts `EntityFinder._find` reads on one page, with the finder's state each time."""

    def __init__(self) -> None:
        self.page: Counter[str] = Counter()
        self.states: set[tuple[Any, ...]] = set()
        self.texts = self.reads = self.same_state = 0
        self.times: Counter[int] = Counter()

    def note(self, finder: entities.EntityFinder, text: str, lead: str | None) -> None:
        state = (
            text,
            lead,
            tuple(finder._page),
            tuple(sorted(finder.confirmed)),
            tuple(sorted(finder._short.items())),
            tuple((p.pattern, full) for p, full in finder._brands),
            tuple(sorted(finder._truncated.items())),
            None if finder._tiers is None else finder._tiers[0].pattern,
        )
        self.same_state += state in self.states
        self.states.add(state)
        self.page[text] += 1

    def end_page(self) -> None:
        self.texts += len(self.page)
        self.reads += sum(self.page.values())
        self.times.update(min(n, 4) for n in self.page.values())
        self.page.clear()
        self.states.clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--pages", type=int, default=900)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--every", type=float, default=0.5, help="ms of CPU between samples")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="parse-sample-") as tmp:
        snaps = _snapshots(args.folder, SnapshotStore(Path(tmp)))
    timed, warm = snaps[: min(args.pages, len(snaps) - 1)], snaps[-1]
    reads = _Reads()
    find = entities.EntityFinder._find

    def counted(self: entities.EntityFinder, text: str, lead: str | None) -> list[Any]:
        reads.note(self, text, lead)
        return find(self, text, lead)

    budget, parse.parse_time_limit = parse.parse_time_limit, _no_cpu_budget
    sampler = _Sampler()
    try:
        parse.parse_snapshot(warm)
        previous = signal.signal(signal.SIGPROF, sampler.tick)
        signal.setitimer(signal.ITIMER_PROF, args.every / 1000, args.every / 1000)
        try:
            for snap in timed:
                parse.parse_snapshot(snap)
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, previous)
        entities.EntityFinder._find = counted
        for snap in timed:  # a second, unsampled pass counts the reads (memos warm: same reads)
            parse.parse_snapshot(snap)
            reads.end_page()
    finally:
        parse.parse_time_limit = budget
        entities.EntityFinder._find = find
    total = max(1, sampler.samples)
    print(f"{args.folder} pages={len(timed)} samples={sampler.samples} every={args.every} ms")
    for title, counts in (("self", sampler.own), ("cumulative", sampler.anywhere)):
        print(f"-- {title}: % of the samples")
        shown = [(n, c) for n, c in counts.most_common() if not n.startswith(_HARNESS)]
        for name, n in shown[: args.top]:
            print(f"{name:48s} {100 * n / total:5.1f}")
    pages = max(1, len(timed))
    times = ", ".join(
        f"{k}{'+' if k == 4 else ''}x: {v / pages:.1f}" for k, v in sorted(reads.times.items())
    )
    print(
        f"-- name finder: {reads.texts / pages:.1f} texts read a page, {reads.reads / pages:.1f}"
        f" reads ({times}); repeated reads in a state seen before: {reads.same_state / pages:.1f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
