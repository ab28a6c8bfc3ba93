"""The benchmark's tables: the per-size results, issue 8's and issue 20's targets with the gap
to each, the correctness scores, and the block between the markers in docs/benchmarks.md
(`bench.run` writes it; split from bench/run.py by concern)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.rerun import CHANGED_TARGET, UNCHANGED_TARGET  # issue 20: shares of a full run

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "benchmarks.md"
MARK_START, MARK_END = "<!-- bench:start -->", "<!-- bench:end -->"
STAGES = ("read", "parse", "normalize", "checks", "reconcile", "load")
FLOOR_OF = {
    "read": "read",
    "parse": "lxml_parse",
    "normalize": "figure_regex",
    "checks": "pandas_groupby",
    "reconcile": "pandas_median",
    "load": "duckdb_ctas",
}


def _fmt(value: float | None, unit: str = "", digits: int = 2) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.{digits}f}{unit}"


def _pass(ok: bool) -> str:
    return "meets" if ok else "MISSES"


def targets_table(sizes: dict[int, dict[str, Any]]) -> list[str]:
    """The issue's targets with the measured value and the gap, for the largest size."""
    n = max(sizes)
    s = sizes[n]
    lines = ["| target | measured | gap | |", "|---|---|---|---|"]
    scale = 10_000 / n
    e2e = s["total_s"] * scale if n != 10_000 else s["total_s"]
    label = "10,000 pages end to end" + (
        "" if n == 10_000 else f" (extrapolated ×{scale:g} from {n:,})"
    )
    lines.append(f"| {label} ≤ 60 s | {e2e:,.1f} s | {e2e - 60:+,.1f} s | {_pass(e2e <= 60)} |")
    if s.get("floors_sum_brief_s"):
        ratio = s["total_s"] / s["floors_sum_brief_s"]
        lines.append(
            f"| ≤ 2.5× summed floors (read + lxml parse + CTAS) | {ratio:,.1f}× "
            f"| {ratio - 2.5:+,.1f}× | {_pass(ratio <= 2.5)} |"
        )
    if s.get("floors_sum_all_s"):
        ratio = s["total_s"] / s["floors_sum_all_s"]
        lines.append(
            f"| ≤ 2.5× summed floors (all six stage floors) | {ratio:,.1f}× "
            f"| {ratio - 2.5:+,.1f}× | {_pass(ratio <= 2.5)} |"
        )
    if s.get("rerun"):
        share = s["rerun"]["share_of_full"]
        lines.append(
            f"| unchanged re-run ≤ 10% of a full run | {share:.1%} ({s['rerun']['total_s']:.1f} s, "
            f"{s['rerun']['new_claims']} new claims) | {share - UNCHANGED_TARGET:+.1%} "
            f"| {_pass(share <= UNCHANGED_TARGET)} |"
        )
    if s.get("rerun_changed"):
        share = s["rerun_changed"]["share_of_full"]
        lines.append(
            f"| one changed page among {n:,} ≤ 15% of a full run | {share:.1%} "
            f"({s['rerun_changed']['total_s']:.1f} s) | {share - CHANGED_TARGET:+.1%} "
            f"| {_pass(share <= CHANGED_TARGET)} |"
        )
    parse_rate = s.get("parse_pages_per_core_s")
    normalize_rate = s.get("normalize_claims_per_core_s")
    if parse_rate is not None:
        lines.append(
            f"| parse ≥ 100 pages/s per core (~160 KB pages) | {parse_rate:,.0f} pages/s "
            f"| {parse_rate - 100:+,.0f} | {_pass(parse_rate >= 100)} |"
        )
    if normalize_rate is not None:
        lines.append(
            f"| normalize ≥ 200,000 claims/s per core | {normalize_rate:,.0f} claims/s "
            f"| {normalize_rate - 200_000:+,.0f} | {_pass(normalize_rate >= 200_000)} |"
        )
    real = s.get("realshaped")
    if real:
        ratio = real["ratio_to_synthetic_pages_per_s"]
        lines.append(
            f"| real-shaped corpus ≥ ½ the synthetic pages/s | {real['pages_per_s']:,.0f} vs "
            f"{s['pages_per_s']:,.0f} pages/s ({ratio:.2f}×) | {ratio - 0.5:+.2f}× "
            f"| {_pass(ratio >= 0.5)} |"
        )
    peaks = [v for v in sizes.values()] + [
        v["realshaped"] for v in sizes.values() if "realshaped" in v
    ]
    rss = max(max(v["peak_rss_mib"], v.get("peak_tree_pss_mib", 0.0)) for v in peaks)
    lines.append(
        f"| peak memory ≤ 2 GiB (process RSS, or the pool's tree PSS when larger; report "
        f"included, both corpora) | {rss:,.0f} MiB "
        f"| {rss - 2048:+,.0f} MiB | {_pass(rss <= 2048)} |"
    )
    score = s.get("score") or {}
    kinds = score.get("kinds", {})
    for kind, k in kinds.items():
        if not k.get("defects"):
            continue
        p, r = k.get("precision"), k.get("recall")
        ok = (p is None or p >= 0.97) and (r is not None and r >= 0.97)
        lines.append(
            f"| {kind}: precision and recall ≥ 0.97 | P {_fmt(p, digits=3)}, R {_fmt(r, digits=3)} "
            f"| P {_gap(p)}, R {_gap(r)} | {_pass(ok)} |"
        )
    flagged = score.get("lookalikes_flagged", 0)
    lines.append(f"| 0 look-alikes flagged | {flagged:,} | {flagged:+,} | {_pass(flagged == 0)} |")
    return lines


def _gap(value: float | None) -> str:
    return "n/a" if value is None else f"{value - 0.97:+.3f}"


def results_table(sizes: dict[int, dict[str, Any]]) -> list[str]:
    head = "| | " + " | ".join(f"{n:,} pages" for n in sorted(sizes)) + " |"
    lines = [head, "|---|" + "---|" * len(sizes)]

    def row(name: str, get: Any) -> None:
        lines.append(f"| {name} | " + " | ".join(get(sizes[n]) for n in sorted(sizes)) + " |")

    for stage in STAGES:
        floor = FLOOR_OF[stage]

        def cell(s: dict[str, Any], stage: str = stage, floor: str = floor) -> str:
            ratio = (s.get("ratio_to_floor") or {}).get(stage)
            f = (s.get("floors_s") or {}).get(floor)
            extra = f" (floor {f:.2f} s, {ratio:g}×)" if ratio is not None and f is not None else ""
            cpu = (s.get("cpu_s") or {}).get(stage)
            used = f" · CPU {cpu:.2f} s" if cpu else ""
            return f"wall {s['stages_s'][stage]:.2f} s{used}{extra}"

        row(stage, cell)
    row(
        "contracts (pandera on claims and facts, on the workers)",
        lambda s: f"CPU {(s.get('cpu_s') or {}).get('contracts', 0.0):.2f} s",
    )
    row(
        "report (HTML, after the load; in the end-to-end time)",
        lambda s: (
            f"wall {s['stages_s']['report']:.2f} s, {s.get('report_mib') or 0:,.1f} MB"
            if "report" in s["stages_s"]
            else "n/a"
        ),
    )
    row(
        "start-up (vocabulary, unit registry, contract backends, worker pool)",
        lambda s: f"{s['stages_s'].get('startup', 0.0):.2f} s",
    )
    row("end to end (median)", lambda s: f"**{s['total_s']:.2f} s**")
    row("repeats (each in a fresh process)", lambda s: str(s["repeats"]))
    row("pages/s · claims/s", lambda s: f"{s['pages_per_s']:,.0f} · {s['claims_per_s']:,.0f}")
    row(
        "per core: parse pages/s · normalize claims/s",
        lambda s: (
            f"{s.get('parse_pages_per_core_s') or 0:,.0f} · "
            f"{s.get('normalize_claims_per_core_s') or 0:,.0f}"
        ),
    )
    row(
        "claims · facts · findings",
        lambda s: f"{s['claims']:,} · {s['facts']:,} · {s['findings']:,}",
    )
    row(
        "peak memory: process RSS · tree PSS · tree RSS",
        lambda s: (
            f"{s['peak_rss_mib']:,.0f} · {s.get('peak_tree_pss_mib', 0):,.0f} · "
            f"{s.get('peak_tree_rss_mib', 0):,.0f} MiB ({s.get('peak_processes', 1)} processes)"
        ),
    )
    row(
        "unchanged re-run",
        lambda s: (
            f"{s['rerun']['total_s']:.2f} s ({s['rerun']['share_of_full']:.1%}), "
            f"{s['rerun']['new_claims']} new claims"
            if s.get("rerun")
            else "n/a"
        ),
    )
    row(
        "one changed page (a figure nudged, `bench.rerun`)",
        lambda s: (
            f"{s['rerun_changed']['total_s']:.2f} s ({s['rerun_changed']['share_of_full']:.1%})"
            if s.get("rerun_changed")
            else "n/a"
        ),
    )
    row("real-shaped corpus (bench.realshaped): end to end", _realshaped_cell)
    row(
        "pandera vs GX on facts",
        lambda s: (
            f"{s['floors_s']['pandera']:.2f} s vs {s['floors_s']['gx']:.2f} s"
            if "gx" in s.get("floors_s", {}) and "pandera" in s.get("floors_s", {})
            else "n/a"
        ),
    )
    return lines


def _realshaped_cell(s: dict[str, Any]) -> str:
    r = s.get("realshaped")
    if not r:
        return "n/a"
    stages = " · ".join(
        f"{k} {v:.1f}" for k, v in r["stages_s"].items() if k not in ("startup",) and v >= 0.05
    )
    return (
        f"**{r['total_s']:.2f} s**, {r['pages_per_s']:,.0f} pages/s "
        f"({r['ratio_to_synthetic_pages_per_s']:.2f}× synthetic); parse "
        f"{r.get('parse_pages_per_core_s') or 0:,.0f} pages/s per core; "
        f"{r['claims']:,} claims, {r['findings']:,} findings; tree PSS "
        f"{r.get('peak_tree_pss_mib', 0):,.0f} MiB; stages (s): {stages}"
    )


def score_table(score: dict[str, Any]) -> list[str]:
    lines = [
        "| kind | defects | recall | precision | findings | detecting | look-alikes flagged "
        "| derived | unexplained |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for kind, k in score["kinds"].items():
        lines.append(
            f"| {kind} | {k['defects']:,} | {_fmt(k['recall'], digits=3)} "
            f"| {_fmt(k['precision'], digits=3)} | {k['findings']:,} | {k['findings_detecting']:,} "
            f"| {k['lookalike_flagged']:,} | {k['derived']:,} | {k['unexplained']:,} |"
        )
    lines.append("")
    lines.append("| defect subtype | injected | detected | recall |")
    lines.append("|---|---|---|---|")
    for name, v in score["subtypes"].items():
        lines.append(f"| {name} | {v['total']:,} | {v.get('detected', 0):,} | {v['recall']:.3f} |")
    if score.get("lookalikes_flagged_by_class"):
        lines += ["", "| look-alike class flagged | findings |", "|---|---|"]
        for name, count in score["lookalikes_flagged_by_class"].items():
            lines.append(f"| {name} | {count:,} |")
    h = score.get("heldout")
    if h:
        lines += [
            "",
            f"Held out of the vocabulary (bench/data/heldout.toml), share of the corpus's "
            f"{h['figures']:,} figures: under a held-out label {h['label']:.1%}, of a held-out "
            f"entity {h['entity']:.1%} (on {h['pages_with_entity']:.1%} of the pages), in a "
            f"held-out number format {h['format']:.1%}.",
        ]
    r = score.get("reconcile") or {}
    if "reconciled_rows" in r:
        lines += [
            "",
            f"Reconciled rows: {r['reconciled_rows']:,}; with a copied page among their sources: "
            f"{r['rows_with_copied_pages']:,}; listing a page and its copy as separate sources: "
            f"{r['rows_counting_a_copy_twice']:,}.",
        ]
    if "copy_pairs" in r:
        lines.append(
            f"Copy detection (reconcile): {r['copy_pairs_grouped']:,} of {r['copy_pairs']:,} "
            f"copied pages grouped with their original; {r['pages_grouped_wrongly']:,} pages "
            "grouped with pages they were not copied from."
        )
    return lines


def render_markdown(results: dict[str, Any]) -> str:
    sizes = {int(n): s for n, s in results["sizes"].items()}
    m = results["machine"]
    lines = [
        f"Measured {m['date']} on {m['nproc']} cores, {m['ram']} RAM, Python {m['python']} "
        f"({m['platform']}); commit {m.get('commit', '?')} with {m.get('modified_files', '?')} "
        f"modified tracked files; medians of the repeats shown per size, each in a fresh "
        f"process; corpus seed {results['seed']}.",
        "",
        *results_table(sizes),
        "",
        "Targets (issues 8 and 20), largest size measured:",
        "",
        *targets_table(sizes),
    ]
    largest = sizes[max(sizes)]
    if largest.get("score"):
        lines += ["", f"Correctness on {max(sizes):,} pages:", "", *score_table(largest["score"])]
    return "\n".join(lines)


def update_doc(markdown: str, doc: Path = DOC) -> None:
    text = doc.read_text(encoding="utf-8") if doc.exists() else ""
    block = f"{MARK_START}\n{markdown}\n{MARK_END}"
    if MARK_START in text and MARK_END in text:
        head, rest = text.split(MARK_START, 1)
        _, tail = rest.split(MARK_END, 1)
        text = head + block + tail
    else:
        text = (text or "# Benchmarks\n\n") + "\n" + block + "\n"
    doc.write_text(text, encoding="utf-8")
