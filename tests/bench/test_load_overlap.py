"""The overlap probe of the load's claims and facts with the checks: both modes load every
fact of the analysis in one committed transaction, the thread's statements included."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_both_modes_load_every_fact_in_one_transaction(tmp_path: Path) -> None:
    corpus, analysis = tmp_path / "corpus", tmp_path / "analysis.pkl"
    python = sys.executable
    subprocess.run(
        [python, "-m", "bench.corpus", "--pages", "12", "--out", str(corpus)],
        cwd=REPO, check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [python, "-m", "bench.load_laps", str(corpus), "--work", str(tmp_path / "w"),
         "--analysis", str(analysis), "--no-report"],
        cwd=REPO, check=True, capture_output=True,
    )  # fmt: skip
    done = subprocess.run(
        [python, "-m", "bench.load_overlap", str(analysis), "--rounds", "1"],
        cwd=REPO, check=True, capture_output=True, text=True,
    )  # fmt: skip
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["mode"] for r in rows] == ["seq", "thread"]
    assert all(r["facts"] > 0 and r["facts_loaded"] == r["facts"] for r in rows)
    assert all(r["insert_wall_s"] >= 0 and r["peak_rss_mib"] > 0 for r in rows)
