"""The fixed cost of a small run (issue 20): what a run's summary says about its time, what it
validates, and what it does not do unless asked (Data Docs, the Great Expectations import).

No timing threshold is asserted: only that the summary's elapsed time is the command's and
covers its parts, and that the expensive work is skipped.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from crosscheck.checks.suite import run_suite
from crosscheck.warehouse import open_warehouse

from crosscheck.cli import EXIT_OK, EXIT_USAGE, main
from crosscheck.config import resolve

# Runs `crosscheck` in a fresh interpreter and then says whether it imported Great Expectations.
PROBE = (
    "import sys\nfrom crosscheck.cli import main\nfrom crosscheck.clock import process_start\n"
    "try:\n    code = main(sys.argv[1:], origin=process_start())\n"
    "except SystemExit as stop:\n    code = stop.code\n"
    "print('GX-IMPORTED' if 'great_expectations' in sys.modules else 'GX-NOT-IMPORTED', code)\n"
)
SECONDS = re.compile(r"(\d+\.\d\d)s")


def _probe(*argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, cwd=cwd, check=False
    )


@pytest.fixture(scope="module")
def small_run(
    seed_files: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """One `crosscheck run` of the 3 seed pages with a report, in a fresh process."""
    work = tmp_path_factory.mktemp("fixed")
    db = work / "w.duckdb"
    done = _probe(
        "run", *map(str, seed_files), "--db", str(db), "--report", str(work / "r.html"),
        "--log-format", "json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return db, done


def _line(out: str, label: str) -> str:
    (line,) = [x for x in out.splitlines() if x.startswith(f"  {label} ")]
    return line


def test_summary_elapsed_is_the_command_and_covers_its_parts(
    small_run: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, done = small_run
    out = done.stdout
    elapsed = float(SECONDS.findall(_line(out, "elapsed"))[0])
    assert "from process start" in _line(out, "elapsed")
    startup = float(SECONDS.findall(_line(out, "start-up"))[0])
    stages = [float(s) for s in SECONDS.findall(_line(out, "stages"))]  # ...; other X
    validation = float(SECONDS.findall(_line(out, "validation"))[0])
    report = float(SECONDS.findall(_line(out, "report"))[0])
    assert startup > 0 and validation > 0 and report > 0 and len(stages) >= 6
    rounding = 0.005 * (len(stages) + 3)
    assert elapsed + rounding >= startup + sum(stages) + validation + report
    # The JSON log's closing record says the same, unrounded.
    record = json.loads(done.stderr.strip().splitlines()[-1])
    parts = record["stage_seconds"]
    assert {"startup", "validation", "report"} <= set(parts)
    assert record["elapsed_s"] >= sum(parts.values())
    walls = {step["name"]: step["wall_s"] for step in record["steps"]}
    assert parts["validation"] == walls["validate"] and parts["report"] == walls["report"]


def test_a_run_validates_without_great_expectations_or_data_docs(
    small_run: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    db, done = small_run
    assert "GX-NOT-IMPORTED 0" in done.stdout
    assert "Data Docs not rebuilt" in _line(done.stdout, "validation")
    assert not (db.parent / ".crosscheck" / "data-docs").exists()
    with open_warehouse(db, read_only=True) as con:
        docs_path, summary = con.execute("SELECT docs_path, summary FROM check_runs").fetchone()
    assert docs_path is None
    summary = json.loads(summary)
    assert (summary["engine"], summary["scope"], summary["success"]) == ("duckdb", "run", True)


def test_data_docs_are_built_when_asked(seed_000: Path, tmp_path: Path) -> None:
    db, docs = tmp_path / "w.duckdb", tmp_path / "docs"
    assert main(["run", str(seed_000), "--db", str(db), "--data-docs", str(docs)]) == EXIT_OK
    assert (docs / "index.html").is_file()
    with open_warehouse(db, read_only=True) as con:
        (summary,) = con.execute("SELECT summary FROM check_runs").fetchone()
    assert json.loads(summary)["engine"] == "great_expectations"


def test_data_docs_knob_in_config_and_environment(tmp_path: Path) -> None:
    assert resolve({}, environ={}).build_data_docs is False
    assert resolve({}, environ={"CROSSCHECK_BUILD_DATA_DOCS": "1"}).build_data_docs is True
    config = tmp_path / "crosscheck.toml"
    config.write_text("[run]\nbuild_data_docs = true\n", encoding="utf-8")
    assert resolve({"config": config}, environ={}).build_data_docs is True


def test_validation_sees_only_the_rows_its_run_loaded(
    seed_000: Path, seed_002: Path, tmp_path: Path
) -> None:
    db = tmp_path / "w.duckdb"
    assert main(["run", str(seed_000), "--db", str(db)]) == EXIT_OK
    assert main(["run", str(seed_002), "--db", str(db)]) == EXIT_OK
    with open_warehouse(db, read_only=True) as con:
        runs = con.execute("SELECT run_id FROM runs ORDER BY started_at").fetchall()
        first, second = (run_id for (run_id,) in runs)
        claims = dict(
            con.execute("SELECT first_seen_run, count(*) FROM claims GROUP BY ALL").fetchall()
        )
        stored = con.execute("SELECT summary FROM check_runs ORDER BY created_at").fetchall()
        recorded = [json.loads(s) for (s,) in stored]
        gx = run_suite(con, run_id=second, scope="run")  # the Great Expectations engine
        everything = run_suite(con, scope="warehouse", engine="duckdb")
    assert claims[first] > 0 and claims[second] > 0
    assert [s["run_id"] for s in recorded] == [first, second]
    assert recorded[0]["rows"]["claims"] == claims[first]
    assert recorded[1]["rows"]["claims"] == claims[second]  # not the first run's claims
    assert gx.rows == recorded[1]["rows"] and gx.success
    assert everything.rows["claims"] == claims[first] + claims[second]
    # `crosscheck validate --run RUN`: Great Expectations and Data Docs over that run's rows
    docs = tmp_path / "docs"
    assert main(["validate", "--db", str(db), "--run", first, "--data-docs", str(docs)]) == 0
    assert (docs / "index.html").is_file()
    with open_warehouse(db, read_only=True) as con:
        (latest,) = con.execute(
            "SELECT summary FROM check_runs ORDER BY created_at DESC LIMIT 1"
        ).fetchone()
    latest = json.loads(latest)
    assert (latest["run_id"], latest["scope"], latest["engine"]) == (
        first,
        "run",
        "great_expectations",
    )
    assert latest["rows"]["claims"] == claims[first]
    assert main(["validate", "--db", str(db), "--run", "no-such-run"]) == EXIT_USAGE


def test_commands_that_need_no_suite_do_not_import_great_expectations(
    small_run: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    db, _ = small_run
    helped = _probe("--help")
    assert helped.stdout.splitlines()[-1] == "GX-NOT-IMPORTED 0"
    queried = _probe("query", "SELECT count(*) FROM claims", "--db", str(db))
    assert queried.stdout.splitlines()[-1] == "GX-NOT-IMPORTED 0", queried.stderr


def test_unused_extras_are_not_imported_and_still_importable() -> None:
    code = (
        "import sys\nimport crosscheck.normalize.units as units\n"
        "from crosscheck.common.validation import prepare_contracts\n"
        "prepare_contracts()\nunits.unit_registry()\n"
        "print(sorted(m for m in ('dask', 'dask.dataframe', 'hypothesis') if m in sys.modules))\n"
        "import dask, hypothesis\nprint(dask.__name__, hypothesis.__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["[]", "dask hypothesis"]


def test_a_first_validation_of_findings_does_not_import_the_extras() -> None:
    """A re-run that parses nothing validates findings first: no dask or hypothesis for it."""
    code = (
        "import sys\nimport pandas as pd\n"
        "from crosscheck.common.contracts import FINDING_COLUMNS\n"
        "from crosscheck.common.schemas import FindingModel\n"
        "from crosscheck.common.validation import validate_frame\n"
        "frame = pd.DataFrame([{c: None for c in FINDING_COLUMNS}])\n"
        "done = validate_frame(frame, FindingModel, 'checks')\n"
        "print(len(done.valid) + len(done.quarantine) >= 1)\n"
        "print(sorted(m for m in ('dask', 'dask.dataframe', 'hypothesis') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.splitlines()[-2:] == ["True", "[]"], done.stderr[-2000:]


def test_a_run_of_local_files_imports_no_fetching_or_repair_libraries(
    seed_files: list[Path],
    tmp_path: Path,
    small_run: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    """requests (with urllib3), ftfy and charset-normalizer are imported where a URL, real
    mojibake or an undeclared legacy charset needs them: the seed pages need none. Once an
    earlier run (`small_run`) kept the contracts' rules and pint's answers in the user's cache
    folder, a run of the same pages needs neither pandera (with pydantic and typeguard: its
    frames break no contract, common.contract_rules) nor pint (normalize.unit_answers)."""
    code = (
        "import sys\nfrom crosscheck.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('requests', 'urllib3', 'ftfy', 'charset_normalizer',"
        " 'pandera', 'pydantic', 'typeguard', 'pint') if m in sys.modules))\n"
    )
    argv = ["run", *map(str, seed_files), "--db", str(tmp_path / "w.duckdb")]
    done = subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, check=False
    )
    assert done.stdout.splitlines()[-1] == "[]", done.stderr[-2000:]
