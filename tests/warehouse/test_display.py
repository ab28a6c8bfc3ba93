"""Values in each metric's display unit (issue 18): milliseconds, MB, years, versions as 3.8
rather than 308, and unbounded ends written as in the exports (NULL, and N+ in text)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from crosscheck.cli import EXIT_OK, main
from tests.conftest import EXAMPLES_DIR


def test_display_units_on_a_real_run(seed_files: list[Path], tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    pages = [*map(str, seed_files), str(EXAMPLES_DIR)]
    assert main(["run", *pages, "--db", str(db), "--no-validate"]) == EXIT_OK
    con = duckdb.connect(str(db), read_only=True)
    scales = dict(
        ((m, u), d)
        for m, u, d in con.execute(
            "SELECT metric, unit, display_unit FROM display_scales"
        ).fetchall()
    )
    assert scales[("latency", "s")] == "ms"
    assert scales[("memory_usage", "B")] == "MB"
    assert scales[("age_years", "s")] == "years"
    rows = con.execute(
        """SELECT d.display_text, d.display_low, d.display_high, d.low, d.high, d.unit
        FROM facts_display AS d"""
    ).fetchall()
    versions = [r for r in rows if r[5] == "version"]
    assert versions and all(r[0].split("+")[0].count(".") == 1 for r in versions)
    assert all(r[1] is None for r in versions)
    assert any(r[0].startswith("3.") for r in versions)
    open_ended = [r for r in rows if r[4] == float("inf")]
    assert open_ended and all(r[2] is None and "+" in r[0] for r in open_ended)
    latency = [r for r in rows if r[5] == "s" and r[0].endswith(" ms")]
    assert latency and all(abs(r[1] - r[3] * 1000) < 1e-6 for r in latency if r[1] is not None)
    consensus = con.execute(
        "SELECT display_text FROM reconciled_display "
        "WHERE entity = 'Flask' AND metric = 'release_year'"
    ).fetchall()
    assert consensus == [("2010",)]
    con.close()
