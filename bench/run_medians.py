"""The parent's view of a benchmark (bench.run): medians over repeats, per-core throughput, the
gap to every target and the machine the figures were taken on.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
from typing import Any

from bench.run_paths import _git
from bench.run_tables import FLOOR_OF, STAGES

BRIEF_FLOORS = ("read", "lxml_parse", "duckdb_ctas")


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
