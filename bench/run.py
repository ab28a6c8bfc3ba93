"""The benchmark driver: corpus → pipeline per stage → floors → scoring → results and docs.

    python -m bench.run --pages 1000 10000 --repeat 3 --out bench/out/results.json
    python -m bench.run --smoke            # ~100 pages, correctness only (CI)

For each size the corpus is generated into bench/out/corpus-N/ (not timed; reused when the seed
and size match). Every repeat runs in a fresh child process so peak RSS (ru_maxrss) belongs to
that size alone and no cache survives between repeats. A child:

1. reads, parses and normalizes the pages into a fresh snapshot store with the streaming
   `analyze_sources` that `run_pipeline` uses (stages read, parse, normalize, then checks and
   reconcile as the pipeline times them), then loads the bundle into a fresh DuckDB file with
   `load_run` (stage "load"),
3. records its peak RSS, then re-runs `run_pipeline` unchanged on the same corpus, snapshot
   store and warehouse (the incremental path; it must add 0 claims),
4. measures the floors on the same bytes (plain read; lxml.html parse of every HTML page and a
   line split of every text page; a regex figure scan; a pandas groupby; DuckDB CREATE TABLE
   AS of the final facts frame; pandera FactModel vs Great Expectations on the facts frame),
5. on the first repeat, scores the findings against the ground truth (bench.truth).

The parent takes medians over repeats, prints the table with the gap to every target, writes
the JSON and rewrites the table between the markers in docs/benchmarks.md. A child's
measurement is bench.run_measure, its floors bench.run_floors, its memory bench.run_memory;
the medians and the machine are bench.run_medians, the tables bench.run_tables.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.run_measure import FORK_ENV as FORK_ENV  # re-exported
from bench.run_measure import measure
from bench.run_medians import BRIEF_FLOORS as BRIEF_FLOORS  # re-exported
from bench.run_medians import machine, summarize
from bench.run_medians import per_core_throughput as per_core_throughput  # re-exported
from bench.run_memory import SAMPLER_ENV as SAMPLER_ENV  # re-exported
from bench.run_memory import TreeMemory as TreeMemory  # re-exported
from bench.run_paths import OUT, REPO
from bench.run_tables import render_markdown, score_table, update_doc

TARGETS = {
    "end_to_end_s_10000": 60.0,
    "ratio_to_floors": 2.5,
    "rerun_share": 0.10,
    "rerun_changed_share": 0.15,
    "peak_rss_mib": 2048.0,
    "precision": 0.97,
    "recall": 0.97,
    "lookalikes_flagged": 0,
}
SMOKE_THRESHOLD = 0.9
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")


# --- one measurement (runs in a child process, or in-process for the smoke test) -----------------


# --- the parent: sizes × repeats, medians, table -------------------------------------------------


def run_child(
    corpus: Path, work: Path, floors: tuple[str, ...], do_score: bool, rerun: bool = True
) -> dict[str, Any]:
    result_file = work.with_suffix(".json")
    cmd = [
        sys.executable,
        "-m",
        "bench.run",
        "--child",
        str(corpus),
        "--work",
        str(work),
        "--child-out",
        str(result_file),
        "--floors",
        ",".join(floors),
    ]
    if not do_score:
        cmd.append("--no-score")
    if not rerun:
        cmd.append("--no-rerun")
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark child failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    result = json.loads(result_file.read_text(encoding="utf-8"))
    result["child_wall_s"] = round(time.perf_counter() - started, 3)
    return result


def measure_realshaped(
    n: int, seed: int, repeat: int, synthetic: dict[str, Any], real_pages: Path | None
) -> dict[str, Any]:
    """The real-shaped corpus of the same size (bench.realshaped), timed like the synthetic one
    (fresh processes, report included) but not scored: it has no ground truth."""
    from bench.realshaped import REAL_PAGES, generate

    corpus = OUT / f"realshaped-{n}"
    t = time.perf_counter()
    manifest = generate(corpus, n, seed, real_pages or REAL_PAGES)
    print(
        f"[{n} real-shaped] corpus ready in {time.perf_counter() - t:.1f} s "
        f"({manifest['pages']} pages from {len(manifest['templates'])} real pages)",
        flush=True,
    )
    runs = []
    for r in range(repeat):
        run = run_child(corpus, OUT / f"work-realshaped-{n}", (), False, rerun=False)
        print(
            f"[{n} real-shaped] repeat {r + 1}/{repeat}: {run['total_s']:.1f} s "
            f"{run['stages_s']}, tree PSS {run.get('peak_tree_pss_mib', 0):.0f} MiB",
            flush=True,
        )
        runs.append(run)
    shutil.rmtree(OUT / f"work-realshaped-{n}", ignore_errors=True)
    out = summarize(n, runs)
    out["runs"] = runs
    out["ratio_to_synthetic_pages_per_s"] = round(out["pages_per_s"] / synthetic["pages_per_s"], 2)
    return out


# --- smoke (CI): correctness only ----------------------------------------------------------------


def smoke_failures(score: dict[str, Any], threshold: float = SMOKE_THRESHOLD) -> list[str]:
    """What the smoke benchmark asserts: recall and precision ≥ threshold per scored kind with
    defects, and no look-alike flagged. Never time."""
    from bench.truth import SCORED_KINDS

    problems: list[str] = []
    for kind in SCORED_KINDS:
        k = score["kinds"].get(kind)
        if not k or not k["defects"]:
            continue
        if k["recall"] is not None and k["recall"] < threshold:
            problems.append(f"{kind}: recall {k['recall']:.3f} < {threshold}")
        if k["precision"] is not None and k["precision"] < threshold:
            problems.append(f"{kind}: precision {k['precision']:.3f} < {threshold}")
    if score["lookalikes_flagged"]:
        problems.append(
            f"{score['lookalikes_flagged']} look-alike finding(s) flagged: "
            f"{score['lookalikes_flagged_by_class']}"
        )
    return problems


def run_smoke(pages: int, work: Path, seed: int = 7) -> dict[str, Any]:
    """Generate a small corpus under `work`, run it in-process, score it; no timing asserted."""
    from bench.corpus import generate_corpus

    corpus = work / f"corpus-{pages}"
    generate_corpus(corpus, pages, seed)
    result = measure(corpus, work / "run", floors=("lxml_parse",), rerun=False, do_score=True)
    result["failures"] = smoke_failures(result["score"])
    return result


# --- command line --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="crosscheck benchmark (docs/benchmarks.md)")
    parser.add_argument("--pages", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=OUT / "results.json")
    parser.add_argument("--no-floors", action="store_true")
    parser.add_argument("--no-rerun", action="store_true", help="skip the unchanged re-run")
    parser.add_argument("--merge", action="store_true", help="keep other sizes already in --out")
    parser.add_argument("--no-doc", action="store_true", help="do not rewrite docs/benchmarks.md")
    parser.add_argument("--smoke", action="store_true", help="~100 pages, correctness only")
    parser.add_argument("--no-fixed-cost", action="store_true", help="skip bench.fixed_cost")
    parser.add_argument(
        "--no-realshaped",
        action="store_true",
        help="skip the real-shaped corpus (bench.realshaped)",
    )
    parser.add_argument(
        "--real-pages", type=Path, default=None, help="real pages to shape it from (../shared)"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--floors", default="", help=argparse.SUPPRESS)
    parser.add_argument("--no-score", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        floors = tuple(f for f in args.floors.split(",") if f)
        result = measure(
            args.child,
            args.work,
            floors=floors,
            rerun=not args.no_rerun,
            do_score=not args.no_score,
        )
        args.child_out.write_text(json.dumps(result, default=str), encoding="utf-8")
        return 0

    if args.smoke:
        pages = args.pages[0] if args.pages != [1000, 10000] else 100
        result = run_smoke(pages, OUT / "smoke", args.seed)
        (OUT / "smoke.json").write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
        print(
            f"smoke: {result['pages']} pages, {result['claims']:,} claims, "
            f"{result['findings']:,} findings in {result['total_s']:.1f} s (not asserted)"
        )
        print("\n".join(score_table(result["score"])))
        for problem in result["failures"]:
            print(f"FAIL {problem}")
        return 1 if result["failures"] else 0

    from bench.corpus import generate_corpus

    all_floors = (
        "read",
        "lxml_parse",
        "figure_regex",
        "pandas_groupby",
        "pandas_median",
        "duckdb_ctas",
        "pandera",
        "gx",
    )
    results: dict[str, Any] = {
        "machine": machine(),
        "seed": args.seed,
        "repeat": args.repeat,
        "targets": TARGETS,
        "sizes": {},
    }
    if args.merge and args.out.exists():  # e.g. 10,000 pages measured separately, once
        previous = json.loads(args.out.read_text(encoding="utf-8"))
        if previous.get("seed") == args.seed:
            results["sizes"] = previous.get("sizes", {})
            results["repeat"] = previous.get("repeat", args.repeat)
    for n in args.pages:
        corpus = OUT / f"corpus-{n}"
        t = time.perf_counter()
        truth = generate_corpus(corpus, n, args.seed)
        print(
            f"[{n}] corpus ready in {time.perf_counter() - t:.1f} s "
            f"({len(truth.pages)} pages, {sum(truth.defect_counts().values())} defects)",
            flush=True,
        )
        runs = []
        for r in range(args.repeat):
            floors = () if args.no_floors else all_floors
            run = run_child(corpus, OUT / f"work-{n}", floors, r == 0, rerun=not args.no_rerun)
            print(
                f"[{n}] repeat {r + 1}/{args.repeat}: {run['total_s']:.1f} s "
                f"{run['stages_s']}, rss {run['peak_rss_mib']:.0f} MiB",
                flush=True,
            )
            runs.append(run)
        shutil.rmtree(OUT / f"work-{n}", ignore_errors=True)
        results["sizes"][str(n)] = summarize(n, runs)
        results["sizes"][str(n)]["runs"] = runs
        if not args.no_realshaped:
            results["sizes"][str(n)]["realshaped"] = measure_realshaped(
                n, args.seed, args.repeat, results["sizes"][str(n)], args.real_pages
            )
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    if not args.no_fixed_cost:  # issue 20: 3 seed pages, fresh processes (bench/fixed_cost.py)
        from bench import fixed_cost

        results["fixed_cost"] = fixed_cost.measure_fixed_cost(max(args.repeat, 5))
        args.out.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
        if not args.no_doc:
            fixed_cost.update_doc(fixed_cost.render(results["fixed_cost"]))
    markdown = render_markdown(results)
    print(markdown)
    if not args.no_doc:
        update_doc(markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
