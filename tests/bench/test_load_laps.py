"""The load and report laps taken apart: a PSS sample lands in the innermost part it fell in,
and a run on a small corpus times every statement of the load and the heap trims."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.load_laps import _Clock, _peaks, _Sampled

REPO = Path(__file__).resolve().parents[2]


def test_a_sample_belongs_to_the_innermost_part_it_fell_in() -> None:
    clock, memory = _Clock(), _Sampled()
    clock.spans = [(0.0, 10.0, "load_run"), (2.0, 4.0, "sql: INSERT INTO claims")]
    memory.samples = [(1.0, 300.0), (3.0, 520.0), (3.5, 510.0), (5.0, 400.0), (12.0, 900.0)]
    peaks = _peaks(memory, clock, since=0.5)
    assert peaks == {"(between parts)": 900.0, "sql: INSERT INTO claims": 520.0, "load_run": 400.0}
    assert "load_run" in _peaks(memory, clock, since=0.0)  # 300 before the statement


def test_a_small_run_times_the_statements_and_the_trims(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "laps.json"
    python = sys.executable
    subprocess.run(
        [python, "-m", "bench.corpus", "--pages", "12", "--out", str(corpus)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    work = ["--work", str(tmp_path / "w"), "--json", str(out), "--trim", "collect"]
    subprocess.run(
        [python, "-m", "bench.load_laps", str(corpus), *work],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    laps = json.loads(out.read_text(encoding="utf-8"))
    parts = laps["parts_s"]
    assert {"sql: INSERT INTO claims (claim_id,", "sql: COMMIT", "py: _prepare"} <= set(parts)
    assert laps["calls"]["trim: gc.collect"] == laps["calls"]["trim: malloc_trim"] == 2
    assert laps["counts"]["claims"] > 0 and laps["report_mib"] > 0
    assert (tmp_path / "w" / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")
