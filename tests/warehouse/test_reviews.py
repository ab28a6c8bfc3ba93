"""Verdicts that stick (issue 18): a finding's id survives re-runs and edited values, a
dismissed or expected finding leaves open_findings and --fail-on until its evidence changes,
then reopens saying what changed; --fail-on-new counts only what is new since a baseline."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from crosscheck.warehouse import open_warehouse

from crosscheck.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, main

# The throughput row of seed 002 (FastAPI column): a same-page high conflict rests on it.
ROW = "| Framework Requests Per Second(req/s) | 10,000 | 10,000 |"
EDITED = "| Framework Requests Per Second(req/s) | 10,000 | 9,000 |"


@pytest.fixture()
def pages(seed_files: list[Path], tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for page in seed_files:
        shutil.copy(page, folder / page.name)
    return folder


def _run(pages: Path, db: Path, *extra: str) -> int:
    return main(["run", str(pages), "--db", str(db), "--no-validate", *extra])


def _sql(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = open_warehouse(db, read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _edited_finding(db: Path) -> str:
    """The high conflict resting on the FastAPI throughput cell of the row above."""
    rows = _sql(
        db,
        """SELECT DISTINCT f.finding_id FROM findings f JOIN finding_claims USING (finding_id)
        JOIN claims c USING (claim_id) WHERE f.severity = 'high' AND f.kind = 'conflict'
        AND c.locator LIKE '%row 40 / column FastAPI' AND f.metric = 'throughput'""",
    )
    assert len(rows) == 1
    return rows[0][0]


def _high(db: Path) -> list[str]:
    return [r[0] for r in _sql(db, "SELECT finding_id FROM findings WHERE severity = 'high'")]


def _edit(pages: Path) -> None:
    page = next(pages.glob("002_*.txt"))
    text = page.read_text("utf-8")
    assert ROW in text
    page.write_text(text.replace(ROW, EDITED), "utf-8")


def test_verdicts_survive_reruns_and_value_edits_then_reopen(
    pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "w.duckdb"
    assert _run(pages, db, "--fail-on", "high") == EXIT_FINDINGS
    target = _edited_finding(db)
    for finding_id in _high(db):
        verdict = "dismissed" if finding_id == target else "expected"
        code = main(["review", finding_id[:8], "--db", str(db), "--verdict", verdict,
                     "--note", "seen <b>twice</b>", "--by", "ana"])  # fmt: skip
        assert code == EXIT_OK
    open_high = "SELECT count(*) FROM open_findings WHERE severity = 'high'"
    assert _sql(db, open_high) == [(0,)]
    # Every high finding has a standing verdict: a scheduled run passes.
    assert _run(pages, db, "--fail-on", "high") == EXIT_OK

    _edit(pages)
    capsys.readouterr()
    assert _run(pages, db, "--fail-on", "high") == EXIT_FINDINGS
    out = capsys.readouterr()
    assert "0 new" in out.out  # the edited figure did not make a new finding
    assert target in _high(db)  # same id, latest state
    explanation = _sql(db, "SELECT explanation FROM findings WHERE finding_id = ?", [target])
    assert "9,000" in explanation[0][0]
    assert "1 findings at or above high" in out.err
    assert _sql(db, "SELECT DISTINCT finding_id FROM open_findings WHERE severity = 'high'") == [
        (target,)
    ]

    assert main(["review", "list", "--db", str(db), "--format", "json"]) == EXIT_OK
    states = {s["finding_id"]: s for s in json.loads(capsys.readouterr().out)}
    assert states[target]["state"] == "reopened"
    assert "changed from '10,000' to '9,000'" in states[target]["changed"]
    assert "row 40 / column FastAPI" in states[target]["changed"]
    others = [s for f, s in states.items() if f != target]
    assert others and all(s["state"] == "in force" for s in others)

    # A fresh verdict on the new evidence sets it aside again; history keeps both.
    assert main(["review", target, "--db", str(db), "--verdict", "expected", "--note", "ok"]) == 0
    assert _run(pages, db, "--fail-on", "high") == EXIT_OK
    capsys.readouterr()
    assert main(["review", "list", "--db", str(db), "--history", "--format", "json"]) == 0
    history = [s for s in json.loads(capsys.readouterr().out) if s["finding_id"] == target]
    assert [s["verdict"] for s in history] == ["expected", "dismissed"]
    assert [s["state"] for s in history] == ["in force", "superseded"]
    capsys.readouterr()
    assert main(["export", "reviews", "--db", str(db), "--format", "json"]) == EXIT_OK
    exported = json.loads(capsys.readouterr().out)
    assert len(exported) == len(states) + 1
    assert {r["note"] for r in exported} == {"seen <b>twice</b>", "ok"}


def test_fail_on_new_counts_only_findings_new_since_the_baseline(
    pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "w.duckdb"
    assert _run(pages, db, "--fail-on-new") == EXIT_FINDINGS  # first run: all is new
    assert _run(pages, db, "--fail-on", "high", "--fail-on-new") == EXIT_OK
    target = _edited_finding(db)
    assert main(["review", target, "--db", str(db), "--verdict", "dismissed", "--note", "x"]) == 0
    baseline = _sql(db, "SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1")[0][0]
    _edit(pages)
    capsys.readouterr()
    # The edit reopens the dismissed finding: new since the baseline, so the run fails ...
    assert _run(pages, db, "--fail-on", "high", "--fail-on-new") == EXIT_FINDINGS
    assert f"new since run {baseline}" in capsys.readouterr().err
    # ... and the next unchanged run, whose baseline already had it, passes.
    assert _run(pages, db, "--fail-on", "high", "--fail-on-new") == EXIT_OK
    # Against the old baseline it is still new.
    code = _run(pages, db, "--fail-on", "high", "--fail-on-new", "--baseline", baseline)
    assert code == EXIT_FINDINGS


def test_review_refuses_what_it_cannot_record(
    pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "w.duckdb"
    assert _run(pages, db) == EXIT_OK
    target = _edited_finding(db)
    cases = [
        (["nothere99", "--verdict", "dismissed", "--note", "x"], "no finding"),
        ([target, "--verdict", "dismissed"], "--note"),
        ([target, "--verdict", "dismissed", "--note", "x", "--value", "5"], "confirmed"),
        ([target[:3], "--verdict", "dismissed", "--note", "x"], "too short"),
        ([target], "--verdict"),
    ]
    for argv, message in cases:
        capsys.readouterr()
        assert main(["review", *argv, "--db", str(db)]) == EXIT_USAGE
        assert message in capsys.readouterr().err
    assert _sql(db, "SELECT count(*) FROM reviews") == [(0,)]


def test_a_confirmed_true_value_pins_the_consensus_and_the_reliability(
    pages: Path, tmp_path: Path
) -> None:
    db = tmp_path / "w.duckdb"
    assert _run(pages, db) == EXIT_OK
    key = "entity = 'Flask' AND metric = 'weekly_downloads' AND qualifier = 'pypi'"
    finding = _sql(
        db,
        "SELECT finding_id FROM findings WHERE kind = 'conflict' AND scope = 'same_page' "
        f"AND {key}",
    )[0][0]
    voted = _sql(db, f"SELECT value, confidence FROM reconciled_facts WHERE {key}")[0]
    reliability = dict(_sql(db, "SELECT source, reliability FROM source_reliability"))
    assert voted[0] != 2_800_000
    code = main(["review", finding, "--db", str(db), "--verdict", "confirmed",
                 "--note", "PyPI stats say 2.8M", "--value", "45 MB"])  # fmt: skip
    assert code == EXIT_USAGE  # read as bytes: not this finding's unit (a count)
    code = main(["review", finding, "--db", str(db), "--verdict", "confirmed",
                 "--note", "PyPI stats say 2.8M", "--value", "2.8M"])  # fmt: skip
    assert code == EXIT_OK
    assert _run(pages, db) == EXIT_OK  # same pages: the new pin alone forces a recompute
    pinned = _sql(db, f"SELECT value, confidence, sources FROM reconciled_facts WHERE {key}")[0]
    assert pinned[:2] == (2_800_000, 1.0)
    assert all(s.startswith(str(pages)) and "002_" in s for s in pinned[2])
    after = dict(_sql(db, "SELECT source, reliability FROM source_reliability"))
    page_002 = next(s for s in after if "002_" in s)
    page_000 = next(s for s in after if "000_" in s)
    # 000 states 850k and ~1.2M, both now wrong; 002 states 850k and 2.8M twice each: 000 loses
    # trust, and more of it than 002, whose own 850k is wrong too (so its trust need not rise).
    assert after[page_000] < reliability[page_000]
    assert reliability[page_000] - after[page_000] > reliability[page_002] - after[page_002]


def test_review_waits_for_a_busy_warehouse_then_says_so(
    pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import subprocess
    import sys

    from crosscheck.cli import EXIT_FAILED

    db = tmp_path / "w.duckdb"
    assert _run(pages, db) == EXIT_OK
    target = _edited_finding(db)
    hold = (
        "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
        "print('held', flush=True); time.sleep(60)"
    )
    writer = subprocess.Popen(  # another process holding the warehouse, as a run does
        [sys.executable, "-c", hold, str(db)], stdout=subprocess.PIPE, text=True
    )
    argv = ["review", target, "--db", str(db), "--verdict", "expected", "--note", "x"]
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "held"
        capsys.readouterr()
        assert main([*argv, "--wait", "1"]) == EXIT_FAILED
        assert "in use" in capsys.readouterr().err
    finally:
        writer.kill()
        writer.wait(timeout=10)
    assert main([*argv, "--wait", "1"]) == EXIT_OK
