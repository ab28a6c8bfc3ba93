"""Two versions of the HTML front's changed modules side by side in one process, page by page.

Why: under a load of 10-30 alternated processes differ by 15-25 % even on code neither side
changed; here both sides parse the same page in turn (the order swapped every page), so they
see the same load. `budgets.py`, `html_parser.py` and `repair.py` import nothing that differs
between two commits of this project, so each side's copy is loaded under its own name:

    git archive MAIN | tar -x -C /tmp/a; git archive HEAD | tar -x -C /tmp/b
    python -m bench.html_front_ab bench/out/corpus-1000 /tmp/a /tmp/b [--passes 3]

Prints ms of CPU an HTML page of `prepare_html` (budgets and libxml2's parse),
`html_to_blocks`, freeing the tree and `may_hold_mojibake`, per side and pass.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from types import ModuleType

from bench.chunk_cpu import load

_MODULES = ("ingest/budgets.py", "ingest/html_parser.py", "normalize/repair.py")
PHASES = ("budgets", "blocks", "free", "mojibake")


def _module(name: str, path: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def side(label: str, root: str) -> tuple[ModuleType, ...]:
    """One version's budgets, HTML walker and repair modules, loaded from a checkout."""
    return tuple(_module(f"{label}_{i}", f"{root}/{path}") for i, path in enumerate(_MODULES))


def front(modules: tuple[ModuleType, ...], text: str) -> tuple[float, ...]:
    """CPU seconds of each phase of one page, as the run calls them."""
    budgets, walker, repair = modules
    clock = time.process_time
    a = clock()
    root = budgets.prepare_html(text, budgets.DEFAULT_BUDGET, budgets.BudgetNotes())
    b = clock()
    walker.html_to_blocks(text, root=root)
    c = clock()
    del root
    d = clock()
    repair.may_hold_mojibake(text, budgets.page_utf8(text))
    e = clock()
    return (b - a, c - b, d - c, e - d)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args(argv)
    sides = {"before": side("before", args.before), "after": side("after", args.after)}
    texts = [s.text for s in load(args.folder) if s.ok and "html" in s.content_type]
    if not texts:
        print("no HTML page in", args.folder)
        return 1
    for number in range(args.passes):
        total = {label: [0.0] * len(PHASES) for label in sides}
        for index, text in enumerate(texts):
            for label in ("before", "after") if index % 2 == 0 else ("after", "before"):
                for k, seconds in enumerate(front(sides[label], text)):
                    total[label][k] += seconds
        shown = {
            label: {p: round(v / len(texts) * 1e3, 3) for p, v in zip(PHASES, cpu, strict=True)}
            | {"sum": round(sum(cpu) / len(texts) * 1e3, 3)}
            for label, cpu in total.items()
        }
        ratio = shown["after"]["sum"] / shown["before"]["sum"]
        print(f"pass {number}: ms of CPU an HTML page {shown}, after/before {ratio:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
