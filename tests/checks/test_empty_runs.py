"""Runs where no page yields a claim: the checks get an empty facts frame and must not crash."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.diff_mismatch import find_diff_mismatches

from crosscheck.cli import EXIT_OK, main
from crosscheck.contracts import FACT_COLUMNS


@pytest.mark.parametrize("frame", [pd.DataFrame(columns=FACT_COLUMNS), pd.DataFrame()])
def test_diff_mismatch_on_an_empty_facts_frame_finds_nothing(frame: pd.DataFrame) -> None:
    assert find_diff_mismatches(frame, CheckConfig()) == []


@pytest.mark.parametrize(
    "lines",
    [
        ["just some words", "more words, nothing to count"],  # no figures
        ["latency was 5 ms overall", "it is 3x faster"],  # figures without an entity
    ],
)
def test_a_run_where_every_page_yields_no_claim_completes(
    tmp_path: Path, lines: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for i, line in enumerate(lines):
        (pages / f"p{i}.txt").write_text(line + "\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    assert main(["run", str(pages), "--db", str(db)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "is completed" in out
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM findings").fetchone() == (0,)
