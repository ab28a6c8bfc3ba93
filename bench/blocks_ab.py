"""Two versions of `text_to_blocks` side by side in one process, text page by text page.

Why: the text-shape readers are 10-20 % of a page's parse CPU, so a change to them moves
`bench.parse_ab`'s whole-parse ratio by less than its 2-3 % noise. This loads two checkouts'
`ingest/` as bench.parse_ab does and times only `text_to_blocks` on the folder's text pages
(order swapped every page), comparing the blocks of both sides (0 differing expected):

    python -m bench.blocks_ab bench/out/realshaped-1000 /tmp/a /tmp/b [--passes 2]

The first pass runs with cold per-process memos (as a worker's first pages), later ones warm.
"""

from __future__ import annotations

import argparse
import importlib
import tempfile
from pathlib import Path

from bench.chunk_cpu import load
from bench.parse_ab import alternate, side


def run(corpus: str, roots: tuple[str, str], passes: int) -> int:
    """Prints ms of CPU a text page per side and pass; returns the last pass's differing."""
    snapshots = [s for s in load(corpus) if "html" not in s.content_type]
    with tempfile.TemporaryDirectory(prefix="blocks-ab-") as tmp:
        readers = []
        for label, root in (("ingest_a", roots[0]), ("ingest_b", roots[1])):
            side(label, root, Path(tmp))
            readers.append(importlib.import_module(f"{label}.text_parser").text_to_blocks)
        budgets = importlib.import_module("ingest_a.budgets")
        texts = [
            budgets.prepare_text(s.text, budgets.DEFAULT_BUDGET, budgets.BudgetNotes())
            for s in snapshots
        ]
        differ = alternate(
            texts, (readers[0], readers[1]), lambda a, b: repr(a) == repr(b), passes, "texts"
        )
    return differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("corpus")
    parser.add_argument("a", help="checkout (or `git archive` folder) of side a")
    parser.add_argument("b", help="checkout of side b")
    parser.add_argument("--passes", type=int, default=2)
    args = parser.parse_args(argv)
    return 1 if run(args.corpus, (args.a, args.b), args.passes) else 0


if __name__ == "__main__":
    raise SystemExit(main())
