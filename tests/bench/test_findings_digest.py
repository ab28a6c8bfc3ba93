"""bench.findings_digest: two runs of the same pages digest alike; a changed finding shows."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from bench.findings_digest import main, read_digest
from crosscheck.cli import EXIT_OK
from crosscheck.cli import main as crosscheck


def test_same_pages_same_digest_and_a_changed_finding_is_named(
    seed_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    for db in (one, two):
        assert (
            crosscheck(["run", *map(str, seed_files), "--db", str(db), "--no-validate"]) == EXIT_OK
        )
    digest = read_digest(one)
    assert digest.rows and digest.sha256 == read_digest(two).sha256
    capsys.readouterr()
    assert main([str(one), str(two)]) == 0
    assert "identical findings" in capsys.readouterr().out

    changed = tmp_path / "changed.duckdb"
    shutil.copy(two, changed)
    victim = sorted(digest.rows)[0]
    con = duckdb.connect(str(changed))
    con.execute(
        "UPDATE findings SET severity = CASE severity WHEN 'low' THEN 'high' ELSE 'low' END "
        "WHERE finding_id = ?",
        [victim],
    )
    con.close()
    assert main([str(one), str(changed)]) == 1
    out = capsys.readouterr().out
    assert "changed: 1" in out and victim in out


def test_a_missing_warehouse_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([str(tmp_path / "nothing.duckdb")])
    assert exit_info.value.code == 2


def test_a_changed_consensus_row_or_reliability_is_named(
    seed_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = tmp_path / "one.duckdb"
    assert crosscheck(["run", *map(str, seed_files), "--db", str(one), "--no-validate"]) == EXIT_OK
    for table, change in (
        ("reconciled_facts", "UPDATE reconciled_facts SET value = value + 1 WHERE rowid = 0"),
        ("source_reliability", "UPDATE source_reliability SET agreeing = agreeing + 1 "
         "WHERE rowid = 0"),
    ):  # fmt: skip
        other = tmp_path / f"{table}.duckdb"
        shutil.copy(one, other)
        con = duckdb.connect(str(other))
        con.execute(change)
        con.close()
        capsys.readouterr()
        assert main([str(one), str(other)]) == 1
        out = capsys.readouterr().out
        assert "identical findings" in out and f"{table}: " in out and "changed: 1" in out
