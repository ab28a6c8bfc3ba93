"""The reconcile lap's CPU per step, on inputs captured once per corpus (issue 20).

`capture CORPUS OUT.pkl` parses CORPUS (local engine) and pickles what the reconcile lap of
`check_and_reconcile` is given (the checks' findings, the voting facts, the flagged claims,
the sketches, the config); `--checks CHECKS.pkl` also writes `bench.checks_profile`'s inputs
from the same parse. `steps OUT.pkl` prints the median CPU seconds (`time.process_time`) of
each step over --repeat runs; `--profile FILE` writes a cProfile (CPU seconds) of one whole lap.

    python -m bench.reconcile_profile capture bench/out/corpus-2000 bench/out/rec-syn.pkl
    python -m bench.reconcile_profile steps bench/out/rec-syn.pkl --repeat 3
"""

from __future__ import annotations

import argparse
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
from crosscheck.checks.root_causes import with_root_causes
from crosscheck.reconcile import annotate_conflicts, note_copies, reconcile_facts

from bench.checks_profile import (
    analyze_corpus,
    cpu_profile,
    cpu_timer,
    keeping_check_inputs,
    print_medians,
)
from crosscheck import check_reconcile, finished_findings


def capture(corpus: Path, out: Path, checks_out: Path | None) -> None:
    """Parse `corpus` and pickle the reconcile lap's inputs (and, with `checks_out`, the
    checks' inputs as `bench.checks_profile capture` keeps them)."""
    kept: dict[str, Any] = {}
    checks: dict[str, Any] = {}

    def keep_reconcile(
        facts: pd.DataFrame, config: Any, flagged: Any, passages: Any, shingles: Any = None
    ) -> Any:
        kept.update(
            voters=facts, config=config, flagged=flagged, passages=passages, shingles=shingles
        )
        return reconcile_facts(facts, config, flagged, passages, shingles)

    def keep_annotate(findings: pd.DataFrame, *args: Any, **kwargs: Any) -> Any:
        kept.update(findings=findings)
        return annotate_conflicts(findings, *args, **kwargs)

    check_reconcile.reconcile_facts = keep_reconcile  # type: ignore[assignment]
    check_reconcile.annotate_conflicts = keep_annotate  # type: ignore[assignment]
    try:
        with keeping_check_inputs(checks):
            analyze_corpus(corpus)
    finally:  # the pipeline's own steps back (a test process goes on using them)
        check_reconcile.reconcile_facts = reconcile_facts
        check_reconcile.annotate_conflicts = annotate_conflicts
    out.write_bytes(pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
    print(f"{len(kept['voters'])} voters, {len(kept['findings'])} findings -> {out}")
    if checks_out is not None:
        checks_out.write_bytes(pickle.dumps(checks, protocol=pickle.HIGHEST_PROTOCOL))
        print(f"{len(checks['facts'])} facts -> {checks_out}")


def lap(data: dict[str, Any], timed: Callable[[str, Callable[[], Any]], Any]) -> pd.DataFrame:
    """The reconcile lap of a full local run (check_and_reconcile) step by step."""
    voters, config = data["voters"], data["config"]
    result = timed(
        "reconcile_facts",
        # (the figure shingles the parse tasks made: absent from a capture of older code)
        lambda: reconcile_facts(
            voters, config, data["flagged"], data["passages"], data.get("shingles")
        ),
    )
    findings = timed(
        "annotate_conflicts",
        lambda: annotate_conflicts(
            data["findings"],
            voters,
            result.reconciled,
            copy_groups=result.copy_groups,
            config=config,
        ),
    )
    findings = timed(
        "with_copies", lambda: finished_findings.with_copies(findings, result.copy_findings)
    )
    findings = timed("note_copies", lambda: note_copies(findings, voters, result.copy_groups))
    found: pd.DataFrame = timed("root_causes", lambda: with_root_causes(findings))
    return found


def _laps(data: dict[str, Any]) -> dict[str, float]:
    laps: dict[str, float] = {}
    lap(data, cpu_timer(laps))
    return laps


def steps(path: Path, repeat: int, profile: Path | None) -> None:
    """Print the median CPU seconds per step over `repeat` runs."""
    data = pickle.loads(path.read_bytes())
    runs = [_laps(data) for _ in range(repeat)]
    print(f"{len(data['voters'])} voters, load average {os.getloadavg()[0]:.1f}")
    print_medians(runs)
    if profile is not None:
        cpu_profile(profile, lap, data, lambda name, step: step())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    cap = sub.add_parser("capture")
    cap.add_argument("corpus", type=Path)
    cap.add_argument("out", type=Path)
    cap.add_argument("--checks", type=Path, help="also write bench.checks_profile's inputs")
    laps = sub.add_parser("steps")
    laps.add_argument("inputs", type=Path)
    laps.add_argument("--repeat", type=int, default=3)
    laps.add_argument("--profile", type=Path)
    args = parser.parse_args()
    if args.command == "capture":
        capture(args.corpus, args.out, args.checks)
    else:
        steps(args.inputs, args.repeat, args.profile)


if __name__ == "__main__":
    main()
