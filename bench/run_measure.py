"""One benchmark measurement (bench.run), run in a child process or in-process for the smoke
test: the streaming analysis and the load timed stage by stage, the unchanged re-run, and the
scoring of the findings against the ground truth (bench.truth).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

from bench.run_floors import measure_floors
from bench.run_memory import _children_rss_mib, _rss_mib, _sampler
from bench.run_paths import _git

FORK_ENV = "CROSSCHECK_BENCH_FORK_CHECKS"  # "1" / "0": RunConfig.fork_checks (unset: None)


def _fork_checks() -> bool | None:
    """The run's `fork_checks`, from FORK_ENV: before/after runs of crosscheck.forked_checks."""
    value = os.environ.get(FORK_ENV)
    return None if value is None else value == "1"


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
