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
the JSON and rewrites the table between the markers in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.run_tables import FLOOR_OF, STAGES, render_markdown, score_table, update_doc
from bench.tree_memory import SampledTree, kib, tree

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
BRIEF_FLOORS = ("read", "lxml_parse", "duckdb_ctas")
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


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def _children_rss_mib() -> float:
    """ru_maxrss of the largest waited-for child (a pool worker of the pipeline)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0


SAMPLER_ENV = "CROSSCHECK_BENCH_SAMPLER"
FORK_ENV = "CROSSCHECK_BENCH_FORK_CHECKS"  # "1" / "0": RunConfig.fork_checks (unset: None)


def _fork_checks() -> bool | None:
    """The run's `fork_checks`, from FORK_ENV: before/after runs of crosscheck.forked_checks."""
    value = os.environ.get(FORK_ENV)
    return None if value is None else value == "1"


def _sampler() -> SampledTree | TreeMemory:
    """The run's memory sampler: a process of its own (bench.tree_memory), or with
    `SAMPLER_ENV=thread` a thread of this process (the method before 2026-12-05's ninth
    session, whose CPU competed with the workers: `memory_sampler_cpu_s`)."""
    if os.environ.get(SAMPLER_ENV) == "thread":
        return TreeMemory()
    return SampledTree()


class TreeMemory:
    """Peak memory of this process and every descendant (the pipeline's pool workers).

    ru_maxrss sees one process; with forked workers the memory in use is the sum over the
    tree. Sampled every `interval` s from /proc: PSS (shared pages split between the processes
    that share them, so forked copies are not counted twice) and RSS (an upper bound).
    """

    def __init__(self, interval: float = 0.05):
        import threading

        self.interval = interval
        self.peak_pss = 0.0
        self.peak_rss = 0.0
        self.peak_processes = 1
        self.peak_self_rss = 0.0  # this process alone, sampled like the tree
        self.cpu_s = 0.0  # CPU seconds of the sampling thread
        self.cpu_with_workers_s = 0.0  # of them, in samples that found the pool's workers
        self.paused = False  # bench work (scoring) is not the run's memory
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> TreeMemory:
        self.sample()
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()
        self.cpu_s = time.thread_time()

    def sample(self) -> None:
        if self.paused:
            return
        started = time.thread_time()
        pids = tree(os.getpid())
        self.peak_self_rss = max(self.peak_self_rss, kib(pids[0], "status", "VmRSS:") / 1024)
        pss = sum(kib(p, "smaps_rollup", "Pss:") for p in pids) / 1024.0
        rss = sum(kib(p, "status", "VmRSS:") for p in pids) / 1024.0
        self.peak_pss = max(self.peak_pss, pss)
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_processes = max(self.peak_processes, len(pids))
        if len(pids) > 1:
            self.cpu_with_workers_s += time.thread_time() - started


# --- one measurement (runs in a child process, or in-process for the smoke test) -----------------


def measure(
    corpus: Path,
    work: Path,
    *,
    floors: tuple[str, ...] = (),
    rerun: bool = True,
    do_score: bool = True,
    report: bool = True,
) -> dict[str, Any]:
    """Time the pipeline on one corpus; the work folder is wiped first. `report`: also render
    the HTML report after the load (timed as stage "report", inside the end-to-end time and
    the memory peak).

    Uses the streaming path `run_pipeline` uses (`analyze_sources`: read, parse and normalize in
    batches, then checks and reconcile over all).
    """
    started = time.perf_counter()
    from crosscheck.warehouse import load_run, open_warehouse

    from crosscheck import pipeline
    from crosscheck.common.heap import trim_heap
    from crosscheck.pipeline import bundle_for
    from crosscheck.steps import hand_over

    imports_s = time.perf_counter() - started
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    db_path, snap_dir = work / "bench.duckdb", work / "snapshots"
    source = os.path.relpath(corpus, Path.cwd())
    config = pipeline.RunConfig(
        sources=[source],
        db_path=db_path,
        snapshot_dir=snap_dir,
        reference_year=_reference_year(corpus),
        fork_checks=_fork_checks(),
    )
    out: dict[str, Any] = {"imports_s": round(imports_s, 3), "commit": _git("rev-parse", "HEAD")}
    memory = _sampler().start()
    wall = time.perf_counter()

    text_mib = None  # page texts are dropped batch by batch: nothing to measure at the end
    out["path"] = "analyze_sources"
    analysis, _stats = pipeline.analyze_sources(config)
    stages = dict(analysis.stage_seconds)
    stages["read"] = stages.pop("fetch", 0.0)
    out["cpu_s"] = dict(getattr(analysis, "cpu_seconds", {}))
    analyze_s = time.perf_counter() - wall
    rss = {"analyze": round(_rss_mib(), 1)}
    counts = dict(
        pages=len(analysis.pages),
        claims=len(analysis.claims),
        facts=len(analysis.facts),
        quarantined=len(analysis.quarantine),
        findings=len(analysis.findings),
        findings_by_kind=analysis.findings["kind"].value_counts().to_dict(),
    )
    # Scored now, before the load (which takes the claims and facts over), outside the clock
    # and the memory peak (bench work, not the run's): ru_maxrss up to here, then this
    # process's sampled RSS.
    rss_before_score = _rss_mib()
    memory.paused = True
    t = time.perf_counter()
    if do_score:
        from bench.truth import Truth, page_key_for, score

        truth = Truth.load(corpus / "truth.json")
        if len(truth.pages) != counts["pages"]:
            raise SystemExit(
                f"{corpus} holds {counts['pages']} pages but its truth.json describes "
                f"{len(truth.pages)}: regenerate it (bench.corpus) before scoring"
            )
        out["score"] = score(
            truth,
            analysis.findings,
            analysis.claims,
            page_key_for(corpus),
            analysis.reconciled,
            copy_groups=_copy_groups(analysis),
        )
    facts = analysis.facts if floors else None
    gc.collect()  # the scorer's garbage is not the load's
    unclocked = time.perf_counter() - t
    memory.paused = False
    t = time.perf_counter()
    now = dt.datetime.now(dt.UTC)
    bundle = bundle_for(
        analysis,
        "bench-" + now.strftime("%Y%m%dT%H%M%S%f"),
        now,
        list(config.sources),
        pipeline.run_settings_digest(config),  # as run_pipeline records it: re-runs may reuse
    )
    hand_over(analysis)  # as `crosscheck run` does (crosscheck.steps.step_load)
    trim_heap()
    con = open_warehouse(db_path)
    try:
        loaded = load_run(con, bundle, release=True)
    finally:
        con.close()
    stages["load"] = time.perf_counter() - t
    rss["load"] = round(_rss_mib(), 1)
    counts["loaded_claims"] = loaded.claims
    # As `crosscheck run` does (crosscheck.steps.release_analysis): the run's frames go once
    # the load committed, and the report reads the warehouse.
    del analysis, bundle
    if report:  # the reviewers' HTML report, as `crosscheck run --report` writes it
        from crosscheck.validation import write_report

        t = time.perf_counter()
        report_path = work / "report.html"
        write_report(db_path, report_path, "html")
        stages["report"] = time.perf_counter() - t
        out["report_mib"] = round(report_path.stat().st_size / 2**20, 2)
    total = time.perf_counter() - wall - unclocked
    memory.stop()
    out.update(
        **counts,
        stages_s={k: round(v, 3) for k, v in stages.items()},
        analyze_s=round(analyze_s, 3),
        unattributed_s=round(
            analyze_s
            - sum(v for k, v in stages.items() if k not in ("read", "load", "report"))
            - stages["read"],
            3,
        ),
        total_s=round(total, 3),
        peak_rss_mib=round(max(rss_before_score, memory.peak_self_rss), 1),
        peak_tree_pss_mib=round(memory.peak_pss, 1),
        peak_tree_rss_mib=round(memory.peak_rss, 1),
        peak_processes=memory.peak_processes,
        memory_sampler_cpu_s=round(memory.cpu_s, 2),
        memory_sampler_cpu_with_workers_s=round(memory.cpu_with_workers_s, 2),
        memory_pss_reads=getattr(memory, "pss_reads", None),
        worker_maxrss_mib=round(_children_rss_mib(), 1),
        workers=getattr(config, "workers", 1),
        batch_pages=getattr(config, "batch_pages", None),
        peak_rss_after_mib=rss,
        snapshot_text_mib=text_mib,
    )
    out["pages_per_s"] = round(out["pages"] / total, 1)
    out["claims_per_s"] = round(out["claims"] / total, 1)

    if rerun:
        t = time.perf_counter()
        summary = pipeline.run_pipeline(config)
        out["rerun"] = {
            "total_s": round(time.perf_counter() - t, 3),
            "stages_s": summary.stage_seconds,
            "new_claims": summary.new_claims,
            "new_findings": summary.new_findings,
            "pages_unchanged": getattr(summary, "pages_unchanged", None),
        }
        out["rerun"]["share_of_full"] = round(out["rerun"]["total_s"] / total, 4)
        from bench.rerun import measure_changed_page  # one page changed among N (issue 20)

        out["rerun_changed"] = measure_changed_page(config, corpus, total)
    if floors:
        out["floors_s"] = measure_floors(corpus, facts, floors, db_path)
    out["peak_rss_final_mib"] = round(_rss_mib(), 1)
    return out


def _copy_groups(analysis: Any) -> Any | None:
    """The reconcile stage's copy groups: from the analysis when it carries them, else from
    reconcile.detect_copies on the same facts (None when the stage has no copy detection)."""
    groups = getattr(analysis, "copy_groups", None)
    if groups is not None:
        return groups
    try:
        from crosscheck.reconcile import CopyConfig, detect_copies

        return detect_copies(analysis.facts, CopyConfig()).groups
    except Exception:  # an older or newer reconcile without this API: not scored
        return None


def _reference_year(corpus: Path) -> int:
    try:
        with open(corpus / "truth.json", encoding="utf-8") as fh:
            head = fh.read(400)
        match = re.search(r'"reference_year":\s*(\d{4})', head)
        return int(match.group(1)) if match else 2026
    except OSError:
        return 2026


# --- floors --------------------------------------------------------------------------------------
_FIGURE = re.compile(r"[~<>]?\s?\d[\d,]*(?:\.\d+)?\+?")


def measure_floors(
    corpus: Path,
    facts: Any,
    which: tuple[str, ...],
    db_path: Path | None = None,
) -> dict[str, Any]:
    """The least work each stage must do, on the same bytes and frames."""
    import pandas as pd

    out: dict[str, Any] = {}
    paths = sorted(p for p in corpus.rglob("*") if p.suffix in (".html", ".htm", ".txt", ".md"))
    if "read" in which:
        t = time.perf_counter()
        size = 0
        for path in paths:
            with open(path, "rb") as fh:
                size += len(fh.read())
        out["read"] = time.perf_counter() - t
        out["bytes"] = size
    if "lxml_parse" in which:
        from lxml import html

        spent = 0.0
        for path in paths:  # one page in memory at a time; decoding is not part of the floor
            text = path.read_bytes().decode("utf-8", errors="replace")
            t = time.perf_counter()
            if path.suffix in (".html", ".htm"):
                html.document_fromstring(text)
            else:
                text.splitlines()
            spent += time.perf_counter() - t
        out["lxml_parse"] = spent
    if "figure_regex" in which:
        raws = facts["raw_value"].astype(str).tolist()
        t = time.perf_counter()
        for raw in raws:
            _FIGURE.search(raw)
        out["figure_regex"] = time.perf_counter() - t
    if "pandas_groupby" in which or "pandas_median" in which:
        numeric = facts[facts["low"].notna()]
        keys = ["source", "entity", "metric", "qualifier", "unit"]
        t = time.perf_counter()
        g = numeric.groupby(keys, dropna=False).agg(lo=("low", "max"), hi=("high", "min"))
        int((g["lo"] > g["hi"]).sum())
        out["pandas_groupby"] = time.perf_counter() - t
        t = time.perf_counter()
        numeric.groupby(keys[1:], dropna=False)["low"].median()
        out["pandas_median"] = time.perf_counter() - t
    if "duckdb_ctas" in which:
        import duckdb

        db = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-ctas-{os.getpid()}.duckdb"
        db.unlink(missing_ok=True)
        con = duckdb.connect(str(db))
        frame = facts.copy()
        t = time.perf_counter()
        con.register("facts_frame", frame)
        con.execute("CREATE TABLE facts AS SELECT * FROM facts_frame")
        con.execute("CHECKPOINT")
        out["duckdb_ctas"] = time.perf_counter() - t
        con.close()
        db.unlink(missing_ok=True)
    if "pandera" in which:
        from crosscheck.contracts import FactModel

        t = time.perf_counter()
        FactModel.validate(facts, lazy=True)
        out["pandera"] = time.perf_counter() - t
    if "gx" in which:
        out.update(_gx_validate(facts, db_path))
    out["facts_rows"] = len(facts)
    del pd
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in out.items()}


def _gx_validate(facts: Any, db_path: Path | None) -> dict[str, Any]:
    """Great Expectations on the same facts frame (a minimal suite of six expectations, the
    same rules FactModel checks), and the warehouse suite (checks.suite) when it exists."""
    out: dict[str, Any] = {}
    t = time.perf_counter()
    import great_expectations as gx

    out["gx_import_s"] = time.perf_counter() - t
    context = gx.get_context(mode="ephemeral")
    asset = context.data_sources.add_pandas("bench").add_dataframe_asset("facts")
    batch_def = asset.add_batch_definition_whole_dataframe("all")
    expectations = gx.ExpectationSuite(name="facts")
    e = gx.expectations
    units = ["B", "s", "req/s", "count", "percent", "year", "version", "x"]
    for expectation in (
        e.ExpectColumnValuesToNotBeNull(column="claim_id"),
        e.ExpectColumnValuesToBeUnique(column="claim_id"),
        e.ExpectColumnValuesToNotBeNull(column="metric"),
        e.ExpectColumnValuesToBeInSet(column="value_type", value_set=["numeric", "categorical"]),
        e.ExpectColumnValuesToBeInSet(column="unit", value_set=units),
        e.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="high", column_B="low", or_equal=True, ignore_row_if="either_value_is_missing"
        ),
    ):
        expectations.add_expectation(expectation)
    expectations = context.suites.add(expectations)
    frame = facts.copy()
    t = time.perf_counter()
    batch = batch_def.get_batch(batch_parameters={"dataframe": frame})
    result = batch.validate(expectations)
    out["gx"] = time.perf_counter() - t
    out["gx_success"] = bool(result.success)
    try:
        from crosscheck.checks.suite import read_frames, validate_frames
    except ImportError:
        return out
    if db_path is None:
        return out
    from crosscheck.warehouse import open_warehouse

    con = open_warehouse(db_path, read_only=True)
    try:
        t = time.perf_counter()
        frames = read_frames(con)
        out["gx_suite_read_s"] = time.perf_counter() - t
    finally:
        con.close()
    t = time.perf_counter()
    suite = validate_frames(frames)
    out["gx_warehouse_suite"] = time.perf_counter() - t
    out["gx_warehouse_suite_expectations"] = suite.evaluated
    out["gx_warehouse_suite_rows"] = sum(len(f) for f in frames.values())
    return out


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


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def per_core_throughput(pages: int, claims: int, cpu: dict[str, float]) -> dict[str, float | None]:
    """Pages parsed and claims normalized per CPU second, i.e. per core: the pipeline sums the
    CPU time spent inside each stage over every process it ran in (stages overlap in wall
    time, so wall laps cannot give this). Shipping work to workers is not included."""

    def rate(count: int, stage: str) -> float | None:
        seconds = cpu.get(stage) or 0.0
        return round(count / seconds, 1) if seconds > 0 else None

    return {
        "parse_pages_per_core_s": rate(pages, "parse"),
        "normalize_claims_per_core_s": rate(claims, "normalize"),
    }


def summarize(n: int, runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians over repeats; the score and counts come from the first repeat (deterministic)."""
    first = runs[0]
    names = list(STAGES) + sorted({k for r in runs for k in r["stages_s"]} - set(STAGES))
    stages = {s: _median([r["stages_s"].get(s, 0.0) for r in runs]) for s in names}
    floors: dict[str, float] = {}
    floor_runs = [r["floors_s"] for r in runs if "floors_s" in r]
    if floor_runs:
        for key in floor_runs[0]:
            values = [f[key] for f in floor_runs if isinstance(f.get(key), int | float)]
            if values and not isinstance(floor_runs[0][key], bool):
                floors[key] = _median(values)
            else:
                floors[key] = floor_runs[0][key]
    total = _median([r["total_s"] for r in runs])
    out: dict[str, Any] = {
        "pages": first["pages"],
        "claims": first["claims"],
        "facts": first["facts"],
        "findings": first["findings"],
        "findings_by_kind": first["findings_by_kind"],
        "repeats": len(runs),
        "stages_s": stages,
        "total_s": total,
        "total_s_all": [r["total_s"] for r in runs],
        "unattributed_s": _median([r.get("unattributed_s", 0.0) for r in runs]),
        "pages_per_s": round(first["pages"] / total, 1),
        "claims_per_s": round(first["claims"] / total, 1),
        "peak_rss_mib": _median([r["peak_rss_mib"] for r in runs]),
        "peak_tree_pss_mib": _median([r.get("peak_tree_pss_mib", 0.0) for r in runs]),
        "peak_tree_rss_mib": _median([r.get("peak_tree_rss_mib", 0.0) for r in runs]),
        "peak_processes": max(r.get("peak_processes", 1) for r in runs),
        "worker_maxrss_mib": _median([r.get("worker_maxrss_mib", 0.0) for r in runs]),
        "workers": first.get("workers"),
        "commits": sorted({r.get("commit", "") for r in runs}),
        "imports_s": _median([r["imports_s"] for r in runs]),
        "peak_rss_after_mib": first.get("peak_rss_after_mib"),
        "snapshot_text_mib": first.get("snapshot_text_mib"),
        "report_mib": first.get("report_mib"),
        "floors_s": floors,
        "score": first.get("score"),
    }
    reruns = [r["rerun"] for r in runs if "rerun" in r]
    if reruns:
        out["rerun"] = {
            "total_s": _median([r["total_s"] for r in reruns]),
            "share_of_full": _median([r["share_of_full"] for r in reruns]),
            "new_claims": max(r["new_claims"] for r in reruns),
            "pages_unchanged": reruns[0].get("pages_unchanged"),
            "stages_s": reruns[0].get("stages_s"),
        }
    changed = [r["rerun_changed"] for r in runs if r.get("rerun_changed")]
    if changed:  # one figure of one page changed (bench.rerun.measure_changed_page)
        out["rerun_changed"] = {
            "total_s": _median([c["total_s"] for c in changed]),
            "share_of_full": _median([c["share_of_full"] for c in changed]),
            "shares": [c["share_of_full"] for c in changed],
            "pages_unchanged": changed[0].get("pages_unchanged"),
            "stages_s": changed[0].get("stages_s"),
        }
    cpu_names = sorted({k for r in runs for k in r.get("cpu_s", {})})
    cpu = {k: _median([r.get("cpu_s", {}).get(k, 0.0) for r in runs]) for k in cpu_names}
    out["cpu_s"] = cpu
    out.update(per_core_throughput(first["pages"], first["claims"], cpu))
    if floors:
        # A stage that runs on the workers is compared by its CPU seconds (core-seconds, as the
        # single-process floors are); the others by their wall time in the parent.
        ratios = {
            s: round((cpu.get(s) or stages[s]) / floors[f], 1)
            for s, f in FLOOR_OF.items()
            if floors.get(f)
        }
        out["ratio_to_floor"] = ratios
        out["floors_sum_brief_s"] = round(sum(floors.get(f, 0.0) for f in BRIEF_FLOORS), 3)
        out["floors_sum_all_s"] = round(sum(floors.get(f, 0.0) for f in FLOOR_OF.values()), 3)
    return out


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()


def machine() -> dict[str, Any]:
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            kib = int(fh.readline().split()[1])
        ram = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        ram = "unknown"
    return {
        "nproc": os.cpu_count(),
        "ram": ram,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _git("rev-parse", "--short", "HEAD"),
        "modified_files": len(
            [line for line in _git("status", "--porcelain", "--untracked-files=no").splitlines()]
        ),
    }


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
