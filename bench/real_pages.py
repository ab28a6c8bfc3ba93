"""Accuracy on real third-party pages: runs the shared real-page scorer and records its figures.

The scorer (`../shared/tools/score_real_pages.py`, beside the checkout) owns the matching rules,
so every figure quoted for the real pages means the same thing wherever it is quoted; this module
only runs it with this checkout's `crosscheck`, keeps its JSON and rewrites the "Real pages"
table of docs/benchmarks.md.

    python -m bench.real_pages [--shared DIR] [--json OUT] [--no-docs]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs" / "benchmarks.md"
START, END = "<!-- real-pages:start -->", "<!-- real-pages:end -->"


def shared_dir() -> Path:
    """Where the shared folder is: $CROSSCHECK_SHARED, else ../shared beside the checkout."""
    return Path(os.environ.get("CROSSCHECK_SHARED", REPO.parent / "shared"))


def score(shared: Path, out: Path, crosscheck: Path | None = None) -> dict:
    """Run the scorer on the real pages with this checkout's crosscheck; its JSON as a dict."""
    scorer = shared / "tools" / "score_real_pages.py"
    if not scorer.is_file():
        raise SystemExit(f"the real-page scorer is missing: {scorer} (set CROSSCHECK_SHARED)")
    exe = crosscheck or Path(sys.executable).with_name("crosscheck")
    out.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [sys.executable, str(scorer), "--pages", str(shared / "real-pages"),
         "--crosscheck", str(exe), "--json", str(out)],
        cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        tail = done.stderr.strip()[-400:]
        raise SystemExit(f"the scorer failed (exit {done.returncode}): {tail}")
    data: dict = json.loads(out.read_text(encoding="utf-8"))
    return data


def table(summary: dict, commit: str) -> str:
    """The docs table: one row of figures, with the targets beside them."""
    n, k, r, m = (summary[x] or 1 for x in ("figures", "not_figures", "relations", "must_flag"))

    def pct(a: int, b: int) -> str:
        return f"{100 * a / b:.1f}%"

    rows = [
        ("figures attributed to the right entity", pct(summary["attributed"], n), "≥ 90%"),
        ("figures normalized (value and unit)", pct(summary["normalized"], n), "≥ 80%"),
        ("figures found (any entity)", pct(summary["found"], n), ""),
        ("not-figures extracted", pct(summary["not_figures_extracted"], k), "≤ 5%"),
        ("relations extracted", pct(summary["relations_extracted"], r), "≥ 90%"),
        ("pages with no claim", str(summary["pages_with_no_claim"]), "0 silent"),
        ("must-flag findings caught", pct(summary["must_flag_caught"], m), "≥ 80%"),
        ("traps hit", str(summary["traps_hit"]), "0"),
        ("findings precision", f"{summary['precision']:.2f}", "≥ 0.90"),
    ]
    lines = [
        f"Scored at {commit} on {datetime.now(UTC):%Y-%m-%d} "
        f"({summary['figures']} key figures on the shared real pages):",
        "",
        "| measure | now | target |",
        "|---|---|---|",
        *(f"| {a} | {b} | {c} |" for a, b, c in rows),
        "",
        "```",
        summary["figures_line"],
        summary["findings_line"],
        "```",
    ]
    return "\n".join(lines)


def write_docs(text: str) -> None:
    """Replace the text between the real-pages markers of docs/benchmarks.md."""
    doc = DOCS.read_text(encoding="utf-8")
    if START not in doc:
        doc = doc.rstrip() + f"\n\n## Real pages\n\n{START}\n{END}\n"
    head, rest = doc.split(START, 1)
    tail = rest.split(END, 1)[1]
    DOCS.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.real_pages", description=__doc__)
    parser.add_argument("--shared", type=Path, default=shared_dir())
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "out" / "real-pages.json")
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite docs/benchmarks.md")
    args = parser.parse_args(argv)
    summary = score(args.shared, args.json)["summary"]
    print(summary["figures_line"])
    print(summary["findings_line"])
    if not args.no_docs:
        commit = (
            subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
            ).stdout.strip()
            or "this checkout"
        )
        write_docs(table(summary, commit))
        print(f"wrote the table to {DOCS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
