"""Two versions of the parser (`ingest/`) side by side in one process, page by page.

Why: under a load of 10-30 alternated processes differ by 15-25 % even on code neither side
changed. Here each side's `ingest/` is copied into a scratch folder as its own package (its
`crosscheck.ingest` imports rewritten; the package imports nothing else that differs between
two commits but `crosscheck.contracts`/`common`, which both share) and both parse the same page
in turn, the order swapped every page, so both see the same load. Every page's result is
compared, so a run also shows the two sides agree on these pages:

    git archive MAIN | tar -x -C /tmp/a; git archive HEAD | tar -x -C /tmp/b
    python -m bench.parse_ab bench/out/corpus-1000 /tmp/a /tmp/b [--passes 3] [--limit 300]

Prints `parse_snapshot`'s ms of CPU a page per side and pass, their ratio (b/a), and the
number of pages whose ParsedPage differs (0 expected for a speed change).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from bench.chunk_cpu import load

_IMPORT = re.compile(r"\bcrosscheck\.ingest\b")


def side(label: str, root: str, scratch: Path) -> ModuleType:
    """One checkout's `ingest/` as package `label` (imports rewritten); its `parse` module."""
    for name in [m for m in sys.modules if m == label or m.startswith(f"{label}.")]:
        del sys.modules[name]  # a copy loaded by an earlier run of this process
    importlib.invalidate_caches()
    target = scratch / label
    shutil.copytree(Path(root) / "ingest", target, ignore=shutil.ignore_patterns("__pycache__"))
    for path in target.rglob("*.py"):
        path.write_text(_IMPORT.sub(label, path.read_text(encoding="utf-8")), encoding="utf-8")
    if str(scratch) not in sys.path:
        sys.path.insert(0, str(scratch))
    return importlib.import_module(f"{label}.parse")


def _fields(page: Any) -> tuple[Any, ...]:
    return (page.title, page.entities, page.claims, page.note, page.empty_reason, page.mentioned,
            page.text)  # fmt: skip


def alternate(
    items: Sequence[Any],
    calls: tuple[Callable[[Any], Any], Callable[[Any], Any]],
    same: Callable[[Any, Any], bool],
    passes: int,
    noun: str,
) -> int:
    """Time both sides' `calls` on every item in CPU seconds, the order swapped every item and
    pass; prints ms an item per side and pass; returns the last pass's differing count."""
    gc.collect()
    gc.freeze()
    clock = time.process_time
    differ = 0
    for number in range(passes):
        spent = [0.0, 0.0]
        differ = 0
        for at, item in enumerate(items):
            order = (0, 1) if (at + number) % 2 == 0 else (1, 0)
            results: list[Any] = [None, None]
            for which in order:
                started = clock()
                results[which] = calls[which](item)
                spent[which] += clock() - started
            differ += not same(results[0], results[1])
        a, b = (1000 * s / max(1, len(items)) for s in spent)
        print(f"pass {number}: a {a:.3f} ms  b {b:.3f} ms  b/a {b / a:.3f}  "
              f"{noun} {len(items)}  differing {differ}", flush=True)  # fmt: skip
    return differ


def run(corpus: str, roots: tuple[str, str], passes: int, limit: int | None) -> int:
    snapshots = load(corpus)[:limit] if limit else load(corpus)
    with tempfile.TemporaryDirectory(prefix="parse-ab-") as tmp:
        sides = (side("ingest_a", roots[0], Path(tmp)), side("ingest_b", roots[1], Path(tmp)))
        calls = (sides[0].parse_snapshot, sides[1].parse_snapshot)
        return alternate(snapshots, calls, lambda a, b: _fields(a) == _fields(b), passes, "pages")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("corpus")
    parser.add_argument("a", help="checkout (or `git archive` folder) of side a")
    parser.add_argument("b", help="checkout of side b")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None, help="first N pages only")
    args = parser.parse_args(argv)
    differ = run(args.corpus, (args.a, args.b), args.passes, args.limit)
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
