"""CPU a page of the HTML front of the parse task: everything before the claim extractor.

Why: issue 20's parse lap spends a third of its CPU before any claim is read (the worker's
read and decode of the file into the snapshot store, the budgets with libxml2's parse, the
block walk, freeing the tree, the mojibake pre-check, the passages). `prepare_chunk`'s one
"parse" figure hides which; this times each phase on a folder's HTML pages through the
functions the run calls, in the order it calls them, and prints ms of CPU a page per pass:

    python -m bench.html_front bench/out/corpus-1000 [--passes 3]

Phases: `read` (`read_file` into a fresh store: the file, its decode, hash and the store's
three writes, kernel time included), `budgets` (`prepare_html`: the page's UTF-8, its size,
markup and tree budgets, libxml2's parse), `blocks` (`html_to_blocks`), `free` (dropping the
tree), `mojibake` (`may_hold_mojibake` on the page's bytes), `passages` (`page_passages` of
the blocks' text and the page's claim names, found by one untimed parse first); `front` is
their sum. `libxml2` is the byte parse alone, timed apart (it is part of `budgets`).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from crosscheck.ingest.blocks import BlockKind
from crosscheck.ingest.budgets import DEFAULT_BUDGET, BudgetNotes, page_utf8, parse_html
from crosscheck.ingest.budgets import prepare_html as budgets
from crosscheck.ingest.html_parser import html_to_blocks
from crosscheck.ingest.parse import parse_snapshot
from crosscheck.ingest.snapshots import SnapshotStore
from crosscheck.ingest.sources import read_file
from crosscheck.normalize.repair import may_hold_mojibake

from bench.chunk_cpu import load
from crosscheck.common.passages import page_passages
from crosscheck.contracts import Snapshot

PHASES = ("read", "budgets", "blocks", "free", "mojibake", "passages")


def html_pages(folder: str) -> tuple[list[Snapshot], list[str], list[set[str]]]:
    """The folder's HTML snapshots, the files they were read from, and each page's claim
    entity names (what the run hands `page_passages`), from one untimed parse."""
    snapshots = [s for s in load(folder) if "html" in s.content_type]
    names = [
        {c.get("entity_raw") for c in parse_snapshot(s).claims} - {None, ""} for s in snapshots
    ]
    return snapshots, [s.source for s in snapshots], [{str(n) for n in found} for found in names]


def one_pass(
    snapshots: Sequence[Snapshot], files: Sequence[str], names: Sequence[set[str]]
) -> dict[str, float]:
    """CPU seconds of each phase over every page (`libxml2`: the byte parse, apart)."""
    cpu = dict.fromkeys((*PHASES, "libxml2"), 0.0)
    clock = time.process_time
    with tempfile.TemporaryDirectory(prefix="html-front-") as tmp:
        store = SnapshotStore(Path(tmp))
        started = clock()
        for path in files:
            read_file(path, store)
        cpu["read"] = clock() - started
    for snapshot, found in zip(snapshots, names, strict=True):
        text = snapshot.text
        a = clock()
        root = budgets(text, DEFAULT_BUDGET, BudgetNotes())
        b = clock()
        _, blocks = html_to_blocks(text, root=root)
        c = clock()
        del root
        d = clock()
        may_hold_mojibake(text, page_utf8(text))
        e = clock()
        lines = [b.text for b in blocks if b.kind is not BlockKind.TABLE and b.text]
        page_passages(snapshot.source, "\n".join(lines), found, markup=False)
        f = clock()
        parsed = parse_html(text, page_utf8(text))
        g = clock()
        del parsed
        for phase, seconds in zip(
            (*PHASES[1:], "libxml2"), (b - a, c - b, d - c, e - d, f - e, g - f), strict=True
        ):
            cpu[phase] += seconds
    cpu["front"] = sum(cpu[p] for p in PHASES)
    return cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args(argv)
    snapshots, files, names = html_pages(args.folder)
    if not snapshots:
        print("no HTML page in", args.folder)
        return 1
    gc.freeze()  # as a worker parses: the loaded pages are never collected
    passes = []
    for number in range(args.passes):
        cpu = one_pass(snapshots, files, names)
        passes.append(cpu)
        shown = {k: round(v / len(snapshots) * 1e3, 3) for k, v in cpu.items()}
        print(f"pass {number}: ms of CPU an HTML page {shown}")
    median = {
        k: round(statistics.median(p[k] for p in passes) / len(snapshots) * 1e3, 3)
        for k in passes[0]
    }
    print(
        f"{len(snapshots)} HTML pages, median of {args.passes} passes, ms of CPU a page: {median}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
