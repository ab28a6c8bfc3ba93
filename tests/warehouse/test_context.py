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


def test_the_context_is_the_latest_version_of_the_sources_not_read(
    seed_files: list[Path], tmp_path: Path
) -> None:
    from crosscheck.warehouse.context import current_facts

    folder = tmp_path / "pages"
    folder.mkdir()
    for page in seed_files[:3]:
        shutil.copy(page, folder / page.name)
    db = tmp_path / "w.duckdb"
    assert main(["run", str(folder), "--db", str(db), "--no-validate"]) == EXIT_OK
    edited = sorted(folder.iterdir())[1]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    assert main(["run", str(folder), "--db", str(db), "--no-validate"]) == EXIT_OK
    con = duckdb.connect(str(db), read_only=True)
    try:
        versions = dict(
            con.execute(
                "SELECT source, count(*) FROM pages WHERE claim_count > 0 GROUP BY source"
            ).fetchall()
        )
        latest = dict(
            con.execute(
                "SELECT p.source, p.page_sha256 FROM pages p JOIN runs r "
                "ON r.run_id = p.last_seen_run WHERE r.status = 'completed' "
                "QUALIFY row_number() OVER (PARTITION BY p.source ORDER BY r.started_at DESC) = 1"
            ).fetchall()
        )
        sources = sorted(versions)
        assert versions[str(edited)] == 2  # the edited page is stored at two versions
        read = {s for s in sources if s != str(edited)}
        facts = current_facts(con, read, {"any"})
        assert set(facts["source"]) == {str(edited)}  # the sources read are left out
        assert set(facts["page_sha256"]) == {latest[str(edited)]}  # its latest version only
        assert current_facts(con, set(sources), {"any"}).empty  # every source read: none
    finally:
        con.close()
