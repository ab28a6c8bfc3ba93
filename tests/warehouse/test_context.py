"""The consensus is computed over every current fact in the warehouse (issue 18): a run over
a subset of the sources recomputes the entities it touched from all their stored facts,
instead of from its own pages alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from crosscheck.cli import EXIT_OK, main
from tests.conftest import EXAMPLES_DIR

KEY_SQL = """SELECT entity, metric, qualifier, value, support, dissent, confidence, sources
FROM reconciled_facts ORDER BY entity, metric, qualifier"""


def _consensus(db: Path) -> dict[tuple, tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r[:3]: r[3:] for r in con.execute(KEY_SQL).fetchall()}
    finally:
        con.close()


def _reliability(db: Path) -> dict[str, tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT source, reliability, agreeing, disagreeing FROM source_reliability"
        ).fetchall()
    finally:
        con.close()
    return {r[0]: r[1:] for r in rows}


def test_a_run_over_one_page_keeps_the_support_of_the_others(
    seed_files: list[Path], tmp_path: Path
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for page in [*seed_files, *EXAMPLES_DIR.iterdir()]:
        shutil.copy(page, folder / page.name)
    db = tmp_path / "w.duckdb"
    assert main(["run", str(folder), "--db", str(db), "--no-validate"]) == EXIT_OK
    before = _consensus(db)
    reliability = _reliability(db)
    stars = before[("Flask", "github_stars", "")]
    assert stars[1] >= 10 and len(stars[4]) >= 3  # many claims from several pages

    one = next(folder.glob("000_*.txt"))
    assert main(["run", str(one), "--db", str(db), "--no-validate"]) == EXIT_OK
    after = _consensus(db)
    # Every key the page touched is recomputed over all current facts: nothing changed.
    assert after == before
    # Every source keeps its reliability, recomputed over the same facts.
    assert _reliability(db) == reliability and len(reliability) >= 5


def test_the_flagging_kinds_match_reconcile() -> None:
    from crosscheck.reconcile.consensus import FLAGGING_KINDS as RECONCILE_KINDS
    from crosscheck.warehouse.context import FLAGGING_KINDS

    assert {k.value for k in RECONCILE_KINDS} == FLAGGING_KINDS
