"""A run where one page changed carries the latest run's reconciliation only when nothing the
reconciliation reads changed (crosscheck.partial_reconcile); a changed figure that moves a
source's reliability, or a page that becomes a copy, reconciles everything again. Either way
the consensus, reliabilities and copy groups equal a fresh full run's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

import crosscheck.check_reconcile
import crosscheck.pipeline
from crosscheck.pipeline import run_pipeline
from tests.conftest import EXAMPLES_DIR
from tests.rerun_pages import old_pages, rerun_config

# The rows the latest run wrote or confirmed (a key no page gives any more keeps its old row)
LATEST = """(SELECT coalesce(results_run, run_id) FROM runs WHERE status = 'completed'
    ORDER BY started_at DESC, run_id DESC LIMIT 1)"""
RESULTS = {
    **{
        table: f"SELECT * EXCLUDE (run_id) FROM {table} WHERE run_id = {LATEST} ORDER BY ALL"
        for table in (
            "reconciled_facts",
            "reconciled_categories",
            "source_reliability",
            "copy_groups",
        )
    },
    "findings": """SELECT finding_id, kind, severity, explanation FROM findings
        WHERE status = 'open' ORDER BY finding_id""",
}


def _results(db: Path) -> dict[str, pd.DataFrame]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {table: con.execute(sql).df() for table, sql in RESULTS.items()}
    finally:
        con.close()


def _rerun(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Any
) -> tuple[int, dict[str, pd.DataFrame], dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    """(reconciliations run by the re-run, results before, after, and of a fresh full run)
    after `change(pages)` edits one page."""
    pages = old_pages(tmp_path)
    config = rerun_config(tmp_path, pages)
    run_pipeline(config)
    before = _results(config.db_path)
    change(pages)
    calls: list[int] = []
    real = crosscheck.check_reconcile.reconcile_facts

    def counted(facts: pd.DataFrame, *args: Any, **kwargs: Any) -> Any:
        calls.append(len(facts))
        return real(facts, *args, **kwargs)

    monkeypatch.setattr(crosscheck.check_reconcile, "reconcile_facts", counted)
    changed = run_pipeline(config)
    monkeypatch.undo()
    assert changed.pages_unchanged == changed.pages - 1 and changed.results_run is None
    after = _results(config.db_path)
    fresh = run_pipeline(rerun_config(tmp_path, pages, "fresh.duckdb"))
    return len(calls), before, after, _results(fresh.db_path)


def _assert_same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    for table in RESULTS:
        pd.testing.assert_frame_equal(a[table], b[table], check_dtype=False, obj=table)


def test_a_page_changed_where_no_figure_changed_carries_the_reconciliation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def change(pages: Path) -> None:  # markup only: new bytes, same figures and wording
        page = pages / "flask-vs-fastapi.html"
        page.write_text(page.read_text(encoding="utf-8") + "\n<!-- edited -->\n", "utf-8")

    reconciled, before, after, fresh = _rerun(tmp_path, monkeypatch, change)
    assert reconciled == 0  # carried from the latest run
    _assert_same(after, fresh)
    _assert_same(after, before)


def test_a_changed_figure_that_moves_a_reliability_reconciles_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def change(pages: Path) -> None:  # every GitHub star count on one page ten times larger
        page = pages / "flask-vs-fastapi.html"
        text = page.read_text(encoding="utf-8")
        assert "GitHub stars" in text or "github stars" in text.lower()
        page.write_text(text.replace("68,", "680,").replace("78,", "780,"), "utf-8")

    reconciled, before, after, fresh = _rerun(tmp_path, monkeypatch, change)
    assert reconciled == 1  # over every fact, once
    _assert_same(after, fresh)
    moved = before["source_reliability"].merge(
        after["source_reliability"], on="source", suffixes=("_before", "_after")
    )
    assert (moved["reliability_before"] != moved["reliability_after"]).any()


def test_a_page_that_becomes_a_copy_reconciles_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def change(pages: Path) -> None:  # one page becomes a repost of another
        original = (pages / "flask-vs-fastapi.html").read_text(encoding="utf-8")
        (pages / "django-vs-flask.html").write_text(original + "\n<p>Reposted.</p>\n", "utf-8")

    reconciled, before, after, fresh = _rerun(tmp_path, monkeypatch, change)
    assert reconciled == 1
    _assert_same(after, fresh)
    assert not before["copy_groups"].equals(after["copy_groups"])
    assert len(after["copy_groups"]) >= 2


def _prior(old: pd.DataFrame, findings: pd.DataFrame) -> Any:
    from crosscheck.reconcile import reconcile_facts

    from crosscheck.contracts import PASSAGE_COLUMNS
    from crosscheck.partial import Prior

    result = reconcile_facts(old)
    return Prior(
        frozenset({"b"}),
        frozenset({"Flask"}),
        findings,
        result.reconciled,
        result.copy_groups,
        old[old["source"] == "b"],
        result.reconciled_categories,
        result.source_reliability,
        pd.DataFrame(columns=PASSAGE_COLUMNS),
    )


def test_the_carry_needs_the_same_rows_and_flags() -> None:
    from crosscheck.contracts import FINDING_COLUMNS, PASSAGE_COLUMNS
    from crosscheck.partial_reconcile import carried
    from tests.reconcile.facts_factory import fact, facts_frame

    rows = [fact(s, "Flask", "throughput", v) for s, v in (("a", 2_500), ("b", 2_500))]
    rows.append(fact("c", "Flask", "throughput", 12_000))
    old = facts_frame(rows)
    flag = pd.DataFrame(  # a unit_scale finding flags c's figure
        [["u", "unit_scale", "same_page", "low", "Flask", "throughput", "", "", [old.claim_id[2]]]],
        columns=[c for c in FINDING_COLUMNS if c != "root_cause"],
    ).reindex(columns=FINDING_COLUMNS)
    none = pd.DataFrame(columns=FINDING_COLUMNS)
    passages = pd.DataFrame(columns=PASSAGE_COLUMNS)
    new = old.assign(claim_id=old["claim_id"].where(old["source"] != "b", "new-id"))
    flagged = frozenset({old.claim_id[2]})
    # b's page has a new version with the same row, c keeps its flag: carried
    assert carried(_prior(old, flag), new, flagged, passages) is not None
    # c's flag went away (another page's claim): reconciled again
    assert carried(_prior(old, flag), new, frozenset(), passages) is None
    assert carried(_prior(old, none), new, frozenset(), passages) is not None
    # b's figure changed: reconciled again
    moved = new.assign(low=new["low"].where(new["source"] != "b", 2_600.0))
    assert carried(_prior(old, none), moved, frozenset(), passages) is None


def test_the_reconciliation_reads_no_other_fact_column(
    seed_files: list[Path], tmp_path: Path
) -> None:
    # the carry compares only READ: a column the reconciliation read beside them would make
    # a page whose READ rows are unchanged reconcile differently
    from crosscheck.reconcile import reconcile_facts

    from crosscheck.contracts import FACT_COLUMNS
    from crosscheck.partial_reconcile import READ
    from tests.analysis import analyze_paths

    facts = analyze_paths([*seed_files, *sorted(EXAMPLES_DIR.iterdir())], tmp_path).facts
    assert len(facts) > 50
    other = [c for c in FACT_COLUMNS if c not in READ and c != "claim_id"]
    scrambled = facts.assign(
        **{c: facts[c].sample(frac=1, random_state=1).to_numpy() for c in other}
    )
    a, b = reconcile_facts(facts), reconcile_facts(scrambled)
    for name in ("reconciled", "reconciled_categories", "source_reliability", "copy_groups"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)
