"""A run where one page changed reads the reused pages' rows back by key, as its limited checks
ask for them (crosscheck.partial_read): it reads fewer rows than the pages hold, writes none
of them again, counts them all, and loads what a fresh full run loads; a changed figure
reconciles over the columns the reconciliation reads of every stored fact."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from crosscheck.warehouse.history import stored_frames
from crosscheck.warehouse.stored_rows import RowKeys, stored_counts

import crosscheck.check_reconcile
import crosscheck.pipeline
from crosscheck import partial_read
from crosscheck.check_reconcile import VOTER_COLUMNS
from crosscheck.pipeline import run_pipeline
from tests.rerun_pages import old_pages, rerun_config, table

_COUNTS = "SELECT page_count, claim_count, fact_count, finding_count FROM runs ORDER BY started_at"
_FINDINGS = """SELECT finding_id, kind, severity, explanation FROM findings
    WHERE status = 'open' ORDER BY finding_id"""
_CONSENSUS = "SELECT * EXCLUDE (run_id) FROM reconciled_facts ORDER BY ALL"


class _Reads:
    """What the run's StoredRows read: rows per keyed read, and whether it read everything."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.rows: list[int] = []
        self.everything = 0
        self.totals: list[int] = []
        fetch, everything = partial_read.StoredRows.fetch, partial_read.StoredRows.everything

        def counted_fetch(stored: partial_read.StoredRows, keys: RowKeys) -> bool:
            before = len(stored.facts)
            got = fetch(stored, keys)
            self.rows.append(len(stored.facts) - before)
            self.totals.append(stored.facts_total)
            return got

        def counted_everything(stored: partial_read.StoredRows) -> None:
            self.everything += 1
            everything(stored)

        monkeypatch.setattr(partial_read.StoredRows, "fetch", counted_fetch)
        monkeypatch.setattr(partial_read.StoredRows, "everything", counted_everything)


def _change(pages: Path, edit: Any) -> Path:
    page = sorted(p for p in pages.iterdir() if p.suffix == ".md")[0]
    page.write_text(edit(page.read_text(encoding="utf-8")), encoding="utf-8")
    return page


def test_one_changed_page_reads_some_rows_back_and_loads_a_fresh_runs_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = old_pages(tmp_path)
    config = rerun_config(tmp_path, pages)
    run_pipeline(config)
    _change(pages, lambda text: text + "\nFlask has 70,000+ GitHub stars.\n")
    reads = _Reads(monkeypatch)
    queries: list[RowKeys] = []
    real_rows = partial_read.stored_rows

    def counted_rows(con: Any, pages: Any, keys: RowKeys) -> Any:
        queries.append(keys)
        return real_rows(con, pages, keys)

    monkeypatch.setattr(partial_read, "stored_rows", counted_rows)
    looked_up: list[int] = []
    real_sources = partial_read.held_sources

    def counted_sources(con: Any, pages: Any, claim_ids: Any) -> Any:
        looked_up.append(len(claim_ids))
        return real_sources(con, pages, claim_ids)

    monkeypatch.setattr(partial_read, "held_sources", counted_sources)
    changed = run_pipeline(config)
    monkeypatch.undo()
    assert reads.rows and reads.everything == 0  # keyed reads only
    assert 0 < sum(reads.rows) < reads.totals[0]  # some of the reused pages' facts, not all
    # one keyed query for every cut of the limited checks; the explanations ask only for the
    # entities their quoted rows name (the claims they cite are held); sources looked up once
    assert queries and queries[0].sources and queries[0].claim_ids
    assert all(k.entities and not (k.sources or k.claim_ids or k.pairs) for k in queries[1:])
    assert len(looked_up) == 1

    fresh = run_pipeline(rerun_config(tmp_path, pages, "fresh.duckdb"))
    for sql in (_FINDINGS, _CONSENSUS):
        pd.testing.assert_frame_equal(
            table(config.db_path, sql), table(fresh.db_path, sql), check_dtype=False
        )
    # the rows not read back are the run's all the same: counted, and kept in the warehouse
    assert (changed.claims, changed.facts, changed.findings) == (
        fresh.claims,
        fresh.facts,
        fresh.findings,
    )
    counts = table(config.db_path, _COUNTS)
    assert counts.iloc[-1].tolist() == table(fresh.db_path, _COUNTS).iloc[-1].tolist()


def test_a_changed_figure_reconciles_over_every_fact_read_by_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = old_pages(tmp_path)
    config = rerun_config(tmp_path, pages)
    run_pipeline(config)
    page = _change(pages, lambda text: text + "\nFlask has 70,000+ GitHub stars.\n")
    run_pipeline(config)
    _change(pages, lambda text: text.replace("70,000+ GitHub", "90,000+ GitHub"))
    voters: list[pd.DataFrame] = []
    real = crosscheck.check_reconcile.reconcile_facts

    def counted(facts: pd.DataFrame, *args: Any, **kwargs: Any) -> Any:
        voters.append(facts)
        return real(facts, *args, **kwargs)

    monkeypatch.setattr(crosscheck.check_reconcile, "reconcile_facts", counted)
    reads = _Reads(monkeypatch)
    changed = run_pipeline(config)
    monkeypatch.undo()
    assert len(voters) == 1 and list(voters[0].columns) == VOTER_COLUMNS
    assert len(voters[0]) == changed.facts  # every fact votes
    assert str(page) in set(voters[0]["source"]) and reads.everything == 0

    fresh = run_pipeline(rerun_config(tmp_path, pages, "fresh.duckdb"))
    for sql in (_FINDINGS, _CONSENSUS, "SELECT * EXCLUDE (run_id) FROM source_reliability"):
        pd.testing.assert_frame_equal(
            table(config.db_path, sql + ("" if "ORDER" in sql else " ORDER BY ALL")),
            table(fresh.db_path, sql + ("" if "ORDER" in sql else " ORDER BY ALL")),
            check_dtype=False,
        )


def test_keyed_rows_are_the_rows_of_every_page_the_keys_select(tmp_path: Path) -> None:
    pages = old_pages(tmp_path)
    config = rerun_config(tmp_path, pages)
    run_pipeline(config)
    con = duckdb.connect(str(config.db_path), read_only=True)
    try:
        keys = [tuple(r) for r in con.execute("SELECT source, page_sha256 FROM pages").fetchall()]
        _, claims, facts = stored_frames(con, keys)
        counts = stored_counts(con, keys)
    finally:
        con.close()
    entity = str(facts["entity"].dropna().value_counts().index[0])
    source = str(facts["source"].iloc[-1])
    metric = str(facts["metric"].dropna().iloc[0])
    claim = str(claims["claim_id"].iloc[0])
    stored = partial_read.StoredRows(
        sorted(keys), lambda: duckdb.connect(str(config.db_path), read_only=True), counts
    )
    try:
        assert stored.fetch(RowKeys(sources=frozenset({source}), claim_ids=frozenset({claim})))
        assert stored.fetch(
            RowKeys(entities=frozenset({entity}), pairs=frozenset({(entity, metric)}))
        )
        assert not stored.fetch(RowKeys(sources=frozenset({source})))  # asked before
        voters, _ = stored.voters(VOTER_COLUMNS)
    finally:
        stored.close()
    assert (counts.claims, counts.facts) == (len(claims), len(facts))
    wanted = (
        (facts["source"] == source)
        | (facts["entity"] == entity)
        | (facts["claim_id"] == claim)
        | ((facts["entity"] == entity) & (facts["metric"] == metric))
    )
    assert 0 < len(stored.facts) < len(facts)
    # the rows every page gives, in the same order and dtypes
    pd.testing.assert_frame_equal(stored.facts, facts[wanted].reset_index(drop=True))
    on_page = claims[(claims["source"] == source) | (claims["claim_id"] == claim)]
    held = set(on_page["claim_id"]) | set(stored.facts["claim_id"])
    pd.testing.assert_frame_equal(
        stored.claims, claims[claims["claim_id"].isin(held)].reset_index(drop=True)
    )
    assert stored.unread() == {
        "claims": len(claims) - len(stored.claims),
        "facts": len(facts) - len(stored.facts),
    }
    pd.testing.assert_frame_equal(voters, facts[VOTER_COLUMNS].reset_index(drop=True))


def test_a_source_none_of_the_pages_has_is_not_asked_of_the_warehouse(tmp_path: Path) -> None:
    pages = old_pages(tmp_path)
    config = rerun_config(tmp_path, pages)
    run_pipeline(config)
    con = duckdb.connect(str(config.db_path), read_only=True)
    try:
        keys = sorted(
            tuple(r) for r in con.execute("SELECT source, page_sha256 FROM pages").fetchall()
        )
        counts = stored_counts(con, keys)
    finally:
        con.close()
    opened: list[int] = []

    def opener() -> Any:
        opened.append(1)
        return duckdb.connect(str(config.db_path), read_only=True)

    # the page that changed is not among the reused ones: asking for it alone reads nothing
    held = partial_read.StoredRows(keys[1:], opener, counts)
    try:
        assert not held.fetch(RowKeys(sources=frozenset({keys[0][0], "elsewhere"})))
        assert opened == []
        assert held.fetch(RowKeys(sources=frozenset({keys[0][0], keys[1][0]})))
        assert set(held.claims["source"]) == {keys[1][0]}
    finally:
        held.close()
