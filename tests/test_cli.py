"""The command-line contract (README, docs/architecture.md), end to end on real pages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crosscheck.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, main
from tests.conftest import EXAMPLES_DIR


@pytest.fixture(scope="module")
def seed_db(seed_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "s.duckdb"
    code = main(["run", *map(str, seed_files), "--db", str(db)])
    assert code == EXIT_OK
    return db


def _export(db: Path, what: str, capsys: pytest.CaptureFixture[str], fmt: str = "json") -> str:
    capsys.readouterr()
    assert main(["export", what, "--db", str(db), "--format", fmt]) == EXIT_OK
    return capsys.readouterr().out


def test_export_findings_in_documented_shape(
    seed_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    findings = json.loads(_export(seed_db, "findings", capsys))
    assert isinstance(findings, list) and findings
    for finding in findings:
        assert set(finding) == {
            "finding_id",
            "kind",
            "scope",
            "severity",
            "entity",
            "metric",
            "explanation",
            "root_cause",
            "claims",
        }
        for claim in finding["claims"]:
            assert set(claim) == {
                "claim_id",
                "source",
                "locator",
                "entity",
                "label",
                "raw_value",
                "low",
                "high",
                "unit",
            }


def test_seed_000_flask_throughput_contradiction(
    seed_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    findings = json.loads(_export(seed_db, "findings", capsys))
    hits = [
        f
        for f in findings
        if f["kind"] == "conflict"
        and f["entity"] == "Flask"
        and f["metric"] == "throughput"
        and {"~2,500 req/sec", "~1,200 req/s"} <= {c["raw_value"] for c in f["claims"]}
        and any("000_" in c["source"] for c in f["claims"])
    ]
    assert hits, "Flask throughput ~2,500 vs ~1,200 on seed 000"
    claim = next(c for c in hits[0]["claims"] if c["raw_value"] == "~1,200 req/s")
    assert claim["low"] == claim["high"] == 1200 and claim["unit"] == "req/s"


def test_export_other_tables(seed_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = json.loads(_export(seed_db, "facts", capsys))
    assert {"metric", "qualifier", "bound", "raw_value", "label", "locator"} <= set(facts[0])
    unbounded = [f for f in facts if f["raw_value"] == "68,000+ stars"]
    assert unbounded and unbounded[0]["high"] is None  # +inf is null in JSON
    reconciled = json.loads(_export(seed_db, "reconciled", capsys))
    assert {"entity", "metric", "value", "support", "dissent", "confidence", "sources"} <= set(
        reconciled[0]
    )
    csv_text = _export(seed_db, "claims", capsys, fmt="csv")
    assert csv_text.splitlines()[0].startswith("claim_id,")


def test_rerun_adds_nothing(
    seed_db: Path, seed_files: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["run", *map(str, seed_files), "--db", str(seed_db)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "(0 new)" in out.split("claims", 1)[1].splitlines()[0]


def test_query_is_read_only(seed_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--db", str(seed_db), "SELECT count(*) AS n FROM findings"]) == EXIT_OK
    assert "n" in capsys.readouterr().out
    assert main(["query", "--db", str(seed_db), "DELETE FROM findings"]) == EXIT_USAGE
    assert "read-only" in capsys.readouterr().err.lower()


def test_query_and_export_do_not_import_pandas(seed_db: Path) -> None:
    """Reading the warehouse needs DuckDB only: the load's and the models' pandas stays out."""
    code = (
        "import sys\nfrom crosscheck.cli import main\n"
        f"a = main(['query', '--db', {str(seed_db)!r}, 'SELECT count(*) FROM findings'])\n"
        f"b = main(['export', 'findings', '--db', {str(seed_db)!r}, '--format', 'csv'])\n"
        "print(a, b, [m for m in ('pandas', 'pandera', 'great_expectations') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    last = out.stdout.strip().splitlines()[-1]
    assert last == "0 0 []", out.stdout[-500:] + out.stderr[-500:]
    assert "finding_id" in out.stdout  # the export printed its rows


def test_fail_on_sets_exit_code(seed_files: list[Path], tmp_path: Path) -> None:
    db = tmp_path / "f.duckdb"
    assert (
        main(["run", *map(str, seed_files), "--db", str(db), "--fail-on", "high"]) == EXIT_FINDINGS
    )


def test_missing_warehouse_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "findings", "--db", str(tmp_path / "none.duckdb")]) == EXIT_USAGE
    assert "none.duckdb" in capsys.readouterr().err


def test_missing_source_is_reported_not_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["run", str(tmp_path / "nowhere.html"), "--db", str(tmp_path / "x.duckdb")])
    assert code == EXIT_USAGE
    assert "nowhere.html" in capsys.readouterr().err


def test_run_without_sources_uses_bundled_examples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "--db", str(tmp_path / "e.duckdb")]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"pages       {len(list(EXAMPLES_DIR.iterdir()))} " in out


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys\nfrom crosscheck.cli import build_parser\nbuild_parser().format_help()\n"
        "heavy = [m for m in ('pandas', 'great_expectations', 'pandera', 'duckdb') "
        "if m in sys.modules]\nprint(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    shown = subprocess.run(
        [sys.executable, "-m", "crosscheck", "--help"], capture_output=True, text=True, check=False
    )
    assert shown.returncode == 0 and "run" in shown.stdout and "export" in shown.stdout


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == EXIT_USAGE
    assert "usage" in capsys.readouterr().out


def test_vocab_unmapped_lists_labels_for_review(
    seed_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["vocab", "unmapped", "--db", str(seed_db)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "unmapped labels" in out
    assert "4.6(113 reviews)" in out  # a rating: no metric claims it, so it is listed


def test_export_whole_warehouse_to_parquet(seed_db: Path, tmp_path: Path) -> None:
    import duckdb

    out = tmp_path / "parquet"
    assert (
        main(
            ["export", "warehouse", "--db", str(seed_db), "--format", "parquet", "--out", str(out)]
        )
        == EXIT_OK
    )
    con = duckdb.connect()
    claims = con.execute(f"SELECT count(*) FROM '{out / 'claims.parquet'}'").fetchone()[0]
    assert claims > 300
    assert main(["export", "warehouse", "--db", str(seed_db), "--format", "json"]) == EXIT_USAGE


def test_validate_records_a_check_run_and_data_docs(
    seed_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import duckdb

    docs = tmp_path / "docs"
    capsys.readouterr()
    assert main(["validate", "--db", str(seed_db), "--data-docs", str(docs)]) == EXIT_OK
    assert "validation  passed" in capsys.readouterr().out
    assert (docs / "index.html").exists()
    con = duckdb.connect(str(seed_db), read_only=True)
    rows = con.execute(
        "SELECT success, evaluated, failed, docs_path FROM check_runs "
        "ORDER BY created_at DESC LIMIT 1"
    ).fetchall()
    con.close()
    assert rows[0][0] is True and rows[0][1] > 30 and rows[0][2] == 0
    assert rows[0][3] == str(docs / "index.html")


def test_validate_fails_on_corrupted_warehouse(
    seed_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import duckdb

    db = tmp_path / "bad.duckdb"
    assert main(["run", *map(str, seed_files), "--db", str(db), "--no-validate"]) == EXIT_OK
    con = duckdb.connect(str(db))
    con.execute("UPDATE facts SET low = high + 1 WHERE unit = 'req/s' AND high < 1e12")
    con.close()
    capsys.readouterr()
    assert main(["validate", "--db", str(db), "--data-docs", str(tmp_path / "d")]) == EXIT_FINDINGS
    assert "low_le_high" in capsys.readouterr().out
