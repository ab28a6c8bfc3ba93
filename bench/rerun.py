"""Re-run benchmark (issue 20): an unchanged re-run and a re-run with one changed page, each as
a share of the full run measured in the same child process.

    python -m bench.rerun --pages 1000 2000 --repeat 3

Each repeat is a fresh process (`bench.run.run_child`, without floors or scoring): the full
run, the unchanged re-run (`run_pipeline` on the same corpus, snapshot store and warehouse),
then `measure_changed_page` (the hook in `bench.run.measure`): one figure of one page is
rewritten (same length, new mtime), `run_pipeline` runs again, and the page's bytes are put
back whatever happens. Medians over the repeats are printed with the targets (≤ 10 % and
≤ 15 % of the full run).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from pathlib import Path
from typing import Any

UNCHANGED_TARGET, CHANGED_TARGET = 0.10, 0.15
_FIGURE = re.compile(rb"\d{2,}")


def _victim(corpus: Path) -> Path:
    """The page to change: the middle page (in name order) that holds a figure."""
    pages = sorted(p for p in corpus.rglob("*") if p.suffix in (".html", ".htm", ".md", ".txt"))
    ordered = pages[len(pages) // 2 :] + pages[: len(pages) // 2]
    for page in ordered:
        if _FIGURE.search(page.read_bytes()):
            return page
    raise SystemExit(f"{corpus}: no page with a figure to change")


def _changed(body: bytes) -> bytes:
    """`body` with the last digit of its last multi-digit figure moved by one (same length)."""
    last = list(_FIGURE.finditer(body))[-1]
    digit = last.end() - 1
    nudged = str((int(body[digit : digit + 1]) + 1) % 10).encode()
    return body[:digit] + nudged + body[digit + 1 :]


def measure_changed_page(config: Any, corpus: Path, full_s: float) -> dict[str, Any]:
    """Time `run_pipeline` after one figure of one page changed (the warehouse and snapshot
    store already hold the full run); the page is restored afterwards."""
    from crosscheck import pipeline

    page = _victim(corpus)
    original = page.read_bytes()
    try:
        page.write_bytes(_changed(original))
        t = time.perf_counter()
        summary = pipeline.run_pipeline(config)
        seconds = time.perf_counter() - t
    finally:
        page.write_bytes(original)
    return {
        "page": page.name,
        "total_s": round(seconds, 3),
        "share_of_full": round(seconds / full_s, 4) if full_s else None,
        "stages_s": summary.stage_seconds,
        "pages_unchanged": summary.pages_unchanged,
        "new_claims": summary.new_claims,
        "new_findings": summary.new_findings,
        "resolved_findings": summary.resolved_findings,
        "findings": summary.findings,
    }


def summarize(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians over repeats: the full run, both re-runs and their shares."""

    def median(values: list[float]) -> float:
        return round(statistics.median(values), 3)

    out: dict[str, Any] = {"repeats": len(runs), "full_s": median([r["total_s"] for r in runs])}
    for key in ("rerun", "rerun_changed"):
        measured = [r[key] for r in runs if r.get(key)]
        if measured:
            out[key] = {
                "total_s": median([m["total_s"] for m in measured]),
                "share_of_full": median([m["share_of_full"] for m in measured]),
                "shares": [m["share_of_full"] for m in measured],
                "stages_s": measured[0].get("stages_s"),
                "new_claims": max(m["new_claims"] for m in measured),
            }
    return out


def render(pages: int, s: dict[str, Any]) -> list[str]:
    """Lines for the console (and docs/benchmarks.md by hand)."""
    lines = [f"{pages:,} pages, full run {s['full_s']:.2f} s (median of {s['repeats']})"]
    for key, name, target in (
        ("rerun", "unchanged re-run", UNCHANGED_TARGET),
        ("rerun_changed", "one changed page", CHANGED_TARGET),
    ):
        if key in s:
            m = s[key]
            verdict = "meets" if m["share_of_full"] <= target else "misses"
            lines.append(
                f"  {name}: {m['total_s']:.2f} s = {m['share_of_full']:.1%} of the full run "
                f"({verdict} ≤ {target:.0%}; shares {m['shares']}); stages {m['stages_s']}"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    from bench.corpus import generate_corpus
    from bench.run import OUT, run_child

    parser = argparse.ArgumentParser(description="re-run benchmark (issue 20)")
    parser.add_argument("--pages", type=int, nargs="+", default=[1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=OUT / "rerun.json")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    for n in args.pages:
        corpus = OUT / f"corpus-{n}"
        generate_corpus(corpus, n, args.seed)
        runs = [
            run_child(corpus, OUT / f"rerun-work-{n}", (), False, rerun=True)
            for _ in range(args.repeat)
        ]
        results[str(n)] = {**summarize(runs), "runs": runs}
        print("\n".join(render(n, results[str(n)])), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
