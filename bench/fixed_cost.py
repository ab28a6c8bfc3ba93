"""The fixed cost of a small run (issue 20): the 3 seed pages, validation and report included, in
fresh processes, as a scheduler pays it: wall time from fork to exit, with its parts.

Each repeat is a new `crosscheck run` into a new warehouse; the parts come from the run's own
JSON summary (elapsed from process start, start-up, stages, validation, report), the wall and
CPU from this parent (fork to exit, so interpreter teardown counts). Floors measured in the
same session: a bare interpreter, `crosscheck --help`, and the imports a run needs.

    python -m bench.fixed_cost [--repeat 5] [--json OUT] [--no-doc]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "benchmarks.md"
START, END = "<!-- fixed-cost:start -->", "<!-- fixed-cost:end -->"
TARGET_S = 2.5
# What a run imports before its first page (the floor no run can go under without dropping one).
RUN_IMPORTS = "import pandas, pandera.pandas, duckdb, pint, lxml.html, rapidfuzz, jinja2"


def seed_pages() -> list[Path]:
    """The shared seed pages (../shared/seeds beside the checkout), as `make demo` would read."""
    folder = Path(os.environ.get("CROSSCHECK_SHARED", REPO.parent / "shared")) / "seeds"
    pages = sorted(p for p in folder.glob("*") if p.suffix in (".txt", ".md", ".html", ".htm"))
    if not pages:
        raise SystemExit(f"no seed pages in {folder}")
    return pages


def _command() -> list[str]:
    script = Path(sys.executable).with_name("crosscheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "crosscheck"]


def _child_env() -> dict[str, str]:
    """This environment without crosscheck settings, and allowed to write bytecode as a normal
    install does (PYTHONDONTWRITEBYTECODE, set in some sandboxes, would recompile the project's
    ~140 modules in every process: ~0.3 CPU-s no deployed scheduler pays)."""
    skip = ("CROSSCHECK_", "PYTHONDONTWRITEBYTECODE")
    return {k: v for k, v in os.environ.items() if not k.startswith(skip)}


def _timed(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Wall (fork to exit) and CPU seconds of one child process, and its stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{argv[:3]} exited {done.returncode}: {done.stderr[-2000:]}")
    return wall, cpu, done.stderr


def one_run(pages: list[Path], work: Path, extra: list[str] | None = None) -> dict[str, Any]:
    """One fresh `crosscheck run` of `pages` into a new warehouse, with report and validation."""
    db, report = work / "fixed.duckdb", work / "report.html"
    argv = [*_command(), "run", *map(str, pages), "--db", str(db), "--report", str(report)]
    argv += ["--log-format", "json", *(extra or [])]
    wall, cpu, stderr = _timed(argv, _child_env())
    summary = next(
        json.loads(line)
        for line in reversed(stderr.splitlines())
        if line.startswith("{") and '"stage": "summary"' in line
    )
    stages = dict(summary.get("stage_seconds") or {})
    return {
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "elapsed_s": summary.get("elapsed_s"),
        "startup_s": stages.pop("startup", 0.0),
        "validation_s": stages.pop("validation", 0.0),
        "report_s": stages.pop("report", 0.0),
        "stages_s": stages,
        "exit_code": summary.get("exit_code"),
    }


def measure_fixed_cost(repeat: int = 5, data_docs: bool = True) -> dict[str, Any]:
    """Median of `repeat` fresh 3-seed runs and their parts, floors, and (with `data_docs`) one
    run that also rebuilds Great Expectations Data Docs, for what asking for them costs."""
    pages = seed_pages()
    with tempfile.TemporaryDirectory(prefix="fixed-cost-") as tmp:  # not counted: it writes the
        first = one_run(pages, Path(tmp))  # bytecode and the pint and template caches
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="fixed-cost-") as tmp:
            runs.append(one_run(pages, Path(tmp)))
    out: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "pages": len(pages),
        "repeat": repeat,
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "first_run": first,
        "runs": runs,
    }
    for key in ("wall_s", "cpu_s", "elapsed_s", "startup_s", "validation_s", "report_s"):
        out[key] = round(statistics.median(float(r[key] or 0.0) for r in runs), 3)
    stage_names = list(dict.fromkeys(name for r in runs for name in r["stages_s"]))  # run order
    out["stages_s"] = {
        name: round(statistics.median(r["stages_s"].get(name, 0.0) for r in runs), 3)
        for name in stage_names
    }
    floors = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "crosscheck --help": [*_command(), "--help"],
        "imports of a run": [sys.executable, "-c", RUN_IMPORTS],
    }
    out["floors_s"] = {
        name: round(statistics.median(_timed(argv, _child_env())[0] for _ in range(repeat)), 3)
        for name, argv in floors.items()
    }
    if data_docs:
        with tempfile.TemporaryDirectory(prefix="fixed-cost-") as tmp:
            docs = one_run(pages, Path(tmp), ["--data-docs", str(Path(tmp) / "docs")])
        out["with_data_docs"] = {k: docs[k] for k in ("wall_s", "validation_s")}
    return out


def render(result: dict[str, Any]) -> str:
    """The "Fixed cost" table of docs/benchmarks.md."""
    ok = "met" if result["wall_s"] <= TARGET_S else "**not met**"
    stages = ", ".join(f"{k} {v:.2f} s" for k, v in result["stages_s"].items())
    lines = [
        f"Measured {result['date']}: {result['pages']} seed pages, medians of "
        f"{result['repeat']} fresh processes (load average at the end "
        f"{' / '.join(map(str, result['load_average']))} on {os.cpu_count()} cores: other "
        "work on a shared machine stretches every wall figure).",
        "",
        "| part | median |",
        "|---|---|",
        f"| **wall, fork to exit** (target ≤ {TARGET_S} s: {ok}) | **{result['wall_s']:.2f} s** |",
        f"| CPU (user + system, the process and its workers) | {result['cpu_s']:.2f} s |",
        f"| elapsed printed by the summary (from process start) | {result['elapsed_s']:.2f} s |",
        f"| start-up (interpreter, imports, warehouse, workers) | {result['startup_s']:.2f} s |",
        f"| stages | {stages} |",
        f"| validation (the suite over this run's rows, DuckDB) | {result['validation_s']:.2f} s |",
        f"| report (HTML) | {result['report_s']:.2f} s |",
        "| the first run, not counted (writes bytecode and the user caches: pint's and the "
        "templates', the contracts' rules, unit answers, compiled patterns) | "
        f"{result['first_run']['wall_s']:.2f} s |",
    ]
    for name, seconds in result["floors_s"].items():
        lines.append(f"| floor: `{name}` | {seconds:.2f} s |")
    imports = result["floors_s"].get("imports of a run")
    if imports:  # comparable across busy and quiet hours, unlike seconds
        lines.append(f"| wall ÷ the imports floor | {result['wall_s'] / imports:.2f} |")
    docs = result.get("with_data_docs")
    if docs:
        lines.append(
            f"| one run with `--data-docs DIR` (Great Expectations + Data Docs) | wall "
            f"{docs['wall_s']:.2f} s, validation {docs['validation_s']:.2f} s |"
        )
    return "\n".join(lines)


def update_doc(markdown: str, doc: Path = DOC) -> None:
    """Rewrite the block between the fixed-cost markers (appended the first time)."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    block = f"{START}\n{markdown}\n{END}"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip() + "\n\n## Fixed cost of a small run\n\n" + block + "\n"
    doc.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--no-doc", action="store_true", help="do not rewrite docs/benchmarks.md")
    parser.add_argument("--no-data-docs", action="store_true", help="skip the Data Docs run")
    args = parser.parse_args(argv)
    result = measure_fixed_cost(args.repeat, data_docs=not args.no_data_docs)
    markdown = render(result)
    print(markdown)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    if not args.no_doc:
        update_doc(markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
