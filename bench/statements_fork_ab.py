"""The checks lap in one process against the statements forked (crosscheck.forked_statements),
alternated on the inputs `bench.checks_profile capture` pickled (issue 20).

Why: the fork pays when the statements' CPU and the cross-page rules' are both large enough to
run side by side, and costs the pages either process writes while both live (copy-on-write).
This prints, per round, the one-process CPU of `run_checks_with`, the parent's and child's CPU
of the forked one, the wall of each, and the child's private memory at its end; it asserts
the two findings frames are equal.

    python -m bench.statements_fork_ab CHECKS.pkl [--rounds 3] [--chunk 250]
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd
from crosscheck.checks.page_cut import page_findings, run_checks_with

from crosscheck import forked_statements


def _private_mib() -> float:
    """This process's private (copied or new) memory in MiB (Linux smaps_rollup)."""
    total = 0
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        if line.startswith(("Private_Clean:", "Private_Dirty:")):
            total += int(line.split()[1])
    return total / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("inputs", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--chunk", type=int, default=250, help="pages per parse task")
    args = parser.parse_args(argv)
    data = pickle.loads(args.inputs.read_bytes())
    facts, pages, config, relations = (data[k] for k in ("facts", "pages", "config", "relations"))
    sources = list(dict.fromkeys(pages["source"]))
    cuts = []
    for at in range(0, len(sources), args.chunk):
        mine = set(sources[at : at + args.chunk])
        cuts.append(
            page_findings(
                facts[facts["source"].isin(mine)].reset_index(drop=True),
                pages[pages["source"].isin(mine)].reset_index(drop=True),
                config,
            )
        )
    memory = Path(tempfile.mkstemp(prefix="statements-fork-")[1])
    original = forked_statements._child

    def measured_child(*child_args: Any) -> None:
        try:
            original(*child_args)
        finally:
            memory.write_text(f"{_private_mib():.1f}")

    forked_statements._child = measured_child  # type: ignore[assignment]
    rows: list[dict[str, float]] = []
    try:
        for number in range(args.rounds):
            row: dict[str, float] = {}
            for side in ("one", "forked") if number % 2 == 0 else ("forked", "one"):
                wall, cpu = time.perf_counter(), time.process_time()
                if side == "one":
                    one = run_checks_with(facts, pages, config, relations, cuts).findings
                    row["one_cpu"] = time.process_time() - cpu
                    row["one_wall"] = time.perf_counter() - wall
                else:
                    two, sides = forked_statements.forked_page_cut_checks(
                        facts, pages, config, relations, cuts
                    )
                    row["forked_wall"] = time.perf_counter() - wall
                    row["parent_cpu"], row["child_cpu"] = sides["parent"], sides["child"]
                    row["child_private_mib"] = float(memory.read_text() or 0)
            pd.testing.assert_frame_equal(one, two)
            rows.append(row)
            print({k: round(v, 2) for k, v in row.items()}, "frames equal")
    finally:
        forked_statements._child = original  # type: ignore[assignment]
        memory.unlink(missing_ok=True)
    print(f"{len(facts):,} facts, {len(relations):,} statements; medians of {len(rows)}:")
    for key in rows[0]:
        print(f"  {key:18s} {statistics.median(r[key] for r in rows):8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
