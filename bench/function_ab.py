"""One function's CPU in two versions of the parser, side by side in one process (issue 20).

Why: a cut worth 1 % of the parse is below what whole-parse pairs resolve on a loaded host
(`bench.parse_ab`'s passes differ by up to 5 %), yet the function it changes can be timed
alone. Both sides' `ingest/` are loaded as their own packages (`bench.parse_ab.side`), each
side's function is wrapped where its callers look it up (`module:name`, e.g. `parse:glued_tables`,
`prose:_read_sentence`), and both sides parse every page in turn, the order swapped every page;
the thread CPU spent inside the wrapped calls is summed per side and pass:

    python -m bench.function_ab CORPUS /tmp/a /tmp/b parse:glued_tables [--pages 400] [--passes 2]

Prints per pass: the function's ms per side, their ratio (b/a), and the difference as a share
of side a's whole parse. Nested calls of a recursive function are counted once.
"""

from __future__ import annotations

import argparse
import importlib
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crosscheck.ingest.snapshots import SnapshotStore

from bench.parse_ab import side
from bench.parse_digest import _snapshots

_SIDES = ("fab_a", "fab_b")


def _wrapped(func: Callable[..., Any], spent: dict[str, int], label: str) -> Callable[..., Any]:
    """`func`, adding the thread CPU of its outermost calls to `spent[label]`."""
    depth = [0]

    def timed(*args: Any, **kwargs: Any) -> Any:
        if depth[0]:
            return func(*args, **kwargs)
        depth[0] += 1
        started = time.thread_time_ns()
        try:
            return func(*args, **kwargs)
        finally:
            spent[label] += time.thread_time_ns() - started
            depth[0] -= 1

    return timed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("folder")
    parser.add_argument("a", help="a checkout (or an archive of one) holding ingest/")
    parser.add_argument("b")
    parser.add_argument("target", help="module:name, as the callers look it up")
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--passes", type=int, default=2)
    args = parser.parse_args(argv)
    module, name = args.target.split(":", 1)
    with tempfile.TemporaryDirectory(prefix="function-ab-") as tmp:
        snaps = _snapshots(args.folder, SnapshotStore(Path(tmp)))[: args.pages]
        scratch = Path(tmp) / "sides"
        spent = dict.fromkeys(_SIDES, 0)
        parses = {}
        for label, root in zip(_SIDES, (args.a, args.b), strict=True):
            parses[label] = side(label, root, scratch)
            owner = importlib.import_module(f"{label}.{module}")
            setattr(owner, name, _wrapped(getattr(owner, name), spent, label))
        for number in range(args.passes):
            whole = dict.fromkeys(_SIDES, 0)
            spent.update(dict.fromkeys(_SIDES, 0))
            for k, snap in enumerate(snaps):
                for label in _SIDES if k % 2 == 0 else _SIDES[::-1]:
                    started = time.thread_time_ns()
                    parses[label].parse_snapshot(snap)
                    whole[label] += time.thread_time_ns() - started
            a, b = spent["fab_a"], spent["fab_b"]
            share = 100 * (b - a) / max(1, whole["fab_a"])
            print(f"pass {number}: {args.target} a {a / 1e6:.1f} ms  b {b / 1e6:.1f} ms  "
                  f"b/a {b / max(1, a):.3f}  (b-a) / a's parse {share:+.2f} %  "
                  f"pages {len(snaps)}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
