"""The statements checked in a forked child beside the cross-page rules
(crosscheck.forked_statements): the findings frame is `run_checks_with`'s row for row, a
cross-page rule's diff_mismatch makes this process read the statements again, a child that
fails fails the run, and the size rule follows `[checks] fork_statements`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from crosscheck.checks.findings import Finding
from crosscheck.checks.page_cut import page_findings, run_checks_with

from crosscheck import check_reconcile, forked_statements
from crosscheck.config import resolve
from crosscheck.contracts import FindingKind
from crosscheck.errors import ConfigError, RunFailed
from crosscheck.forked_statements import fork_statements_for, forked_page_cut_checks
from crosscheck.pipeline import Analysis, _vocabulary
from crosscheck.runner import build_run_config
from tests.engine_results import minimal_config, seeds_and_examples


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, seed_files: list[Path]) -> Analysis:
    tmp = tmp_path_factory.mktemp("small")
    return seeds_and_examples(tmp, seed_files, minimal_config(tmp))


@pytest.fixture
def inputs(small: Analysis, tmp_path: Path) -> tuple[Any, ...]:
    """(facts, pages, config, relations, cuts): two sets of whole pages' page findings."""
    config = check_reconcile.check_config_for(
        _vocabulary(minimal_config(tmp_path)), minimal_config(tmp_path)
    )
    facts, pages = small.facts, small.pages
    sources = sorted(set(pages["source"]))
    cuts = []
    for mine in (set(sources[0::2]), set(sources[1::2])):
        cuts.append(
            page_findings(
                facts[facts["source"].isin(mine)].reset_index(drop=True),
                pages[pages["source"].isin(mine)].reset_index(drop=True),
                config,
            )
        )
    return facts, pages, config, small.relations, cuts


def test_forked_statements_give_run_checks_with_frame(inputs: tuple[Any, ...]) -> None:
    facts, pages, config, relations, cuts = inputs
    expected = run_checks_with(facts, pages, config, relations, cuts).findings
    assert {"relation_mismatch", "diff_mismatch", "conflict"} <= set(expected["kind"])
    got, cpu = forked_page_cut_checks(facts, pages, config, relations, cuts)
    pd.testing.assert_frame_equal(expected, got)
    assert set(cpu) == {"parent", "child"} and cpu["child"] > 0


def test_a_cross_page_diff_mismatch_reads_the_statements_again(
    inputs: tuple[Any, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cross-page rule citing a statement's claim in a diff_mismatch: the child did not know
    it, so this process reads the statements again with every finding (the claim's statement
    finding is then left to the diff_mismatch, as in one process)."""
    facts, pages, config, relations, cuts = inputs
    before = run_checks_with(facts, pages, config, relations, cuts).findings
    stated = set(relations["claim_id"].astype(str))
    mismatched = before[before["kind"] == "relation_mismatch"]
    cited = next(c for ids in mismatched["claim_ids"] for c in ids if c in stated)
    some = next(f for cut in cuts for rule in cut for f in rule)
    extra = replace(some, kind=FindingKind.DIFF_MISMATCH, claim_ids=(cited,), rule="made up")
    original = forked_statements.apply_rules

    def with_extra(*args: Any) -> dict[str, list[Finding]]:
        by_rule = original(*args)
        first = next(iter(by_rule))
        by_rule[first] = [*by_rule[first], extra]
        return by_rule

    monkeypatch.setattr(forked_statements, "apply_rules", with_extra)
    monkeypatch.setattr("crosscheck.checks.page_cut.apply_rules", with_extra)
    expected = run_checks_with(facts, pages, config, relations, cuts).findings
    assert len(expected[expected["kind"] == "relation_mismatch"]) < len(mismatched)
    got, _ = forked_page_cut_checks(facts, pages, config, relations, cuts)
    pd.testing.assert_frame_equal(expected, got)


def test_a_failing_child_fails_the_run(
    inputs: tuple[Any, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    facts, pages, config, relations, cuts = inputs

    def broken(*args: Any) -> list[Finding]:
        raise ValueError("statements broke")

    monkeypatch.setattr(forked_statements, "find_relation_mismatches", broken)
    with pytest.raises(RunFailed, match="statements' child process failed: ValueError"):
        forked_page_cut_checks(facts, pages, config, relations, cuts)


def test_the_fork_follows_the_setting_and_the_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked_statements, "MIN_FACTS_FOR_FORKED_STATEMENTS", 1000)
    assert fork_statements_for(None, 1000) and not fork_statements_for(None, 999)
    assert fork_statements_for(True, 10) and not fork_statements_for(False, 10**6)
    monkeypatch.setattr(forked_statements, "MIN_FACTS_FOR_FORKED_STATEMENTS", None)
    assert not fork_statements_for(None, 10**6)


def test_no_statement_forks_nothing(inputs: tuple[Any, ...]) -> None:
    facts, pages, config, relations, cuts = inputs
    empty = relations.iloc[:0]
    got, cpu = forked_page_cut_checks(facts, pages, config, empty, cuts)
    expected = run_checks_with(facts, pages, config, empty, cuts).findings
    pd.testing.assert_frame_equal(expected, got)
    assert cpu == {}


def test_the_config_file_sets_the_statements_switch(tmp_path: Path) -> None:
    config = tmp_path / "crosscheck.toml"
    config.write_text("[checks]\nfork_statements = true\n")
    settings = resolve({"config": str(config)}, environ={})
    assert build_run_config(settings, check_sources=False).fork_statements is True
    config.write_text("[checks]\nreference_year = 2026\n")
    settings = resolve({"config": str(config)}, environ={})
    assert build_run_config(settings, check_sources=False).fork_statements is None
    config.write_text('[checks]\nfork_statements = "yes"\n')
    with pytest.raises(ConfigError, match=r"checks\.fork_statements"):
        resolve({"config": str(config)}, environ={})
