"""The full check split with a forked child (crosscheck.forked_checks) gives exactly what one
process gives, runs its part in the child, forks only when the run config says so (by
default from MIN_FACTS_FOR_FORKED_CHECKS facts, None: never) and fails the run when the
child fails."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from crosscheck.checks import CheckConfig, run_checks
from crosscheck.checks.rules import RULES

from crosscheck import check_reconcile, check_step, forked_checks
from crosscheck.batches import PreparedBatch
from crosscheck.cli import EXIT_FAILED, main
from crosscheck.config import resolve
from crosscheck.errors import ConfigError, RunFailed
from crosscheck.forked_checks import (
    CHILD_RULES,
    MIN_FACTS_FOR_FORKED_CHECKS,
    fork_checks_for,
)
from crosscheck.pipeline import (
    Analysis,
    RunConfig,
    StageTimer,
    _vocabulary,
    check_and_reconcile,
)
from crosscheck.runner import build_run_config
from tests.engine_results import assert_same_frames, seeds_and_examples
from tests.run_support import assert_lock_free, counts, runs


def _config(tmp_path: Path, fork: bool | None = None) -> RunConfig:
    return RunConfig(
        sources=[],
        db_path=tmp_path / "x.duckdb",
        snapshot_dir=tmp_path,
        reference_year=2026,
        workers=1,
        fork_checks=fork,
    )


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, seed_files: list[Path]) -> Analysis:
    tmp = tmp_path_factory.mktemp("small")
    return seeds_and_examples(tmp, seed_files, _config(tmp, fork=False))


def _inputs(analysis: Analysis, tmp_path: Path) -> tuple[Any, ...]:
    """What check_and_reconcile gives run_checks for the analysis's facts."""
    config = _config(tmp_path)
    vocabulary = _vocabulary(config)
    check_config = CheckConfig(
        intervals=config.intervals,
        tolerances={m.id: m.tolerance for m in vocabulary.metrics.values()},
        entity_specific=frozenset(m.id for m in vocabulary.metrics.values() if m.entity_specific),
        components=check_reconcile.COMPONENTS,
        reference_year=config.reference_year,
        max_findings_per_page=config.max_findings_per_page,
    )
    return analysis.facts, analysis.pages, check_config, analysis.relations


def _rules_run_in(path: Path) -> list[tuple[int, str]]:
    return [(int(p), n) for p, n in (line.split() for line in path.read_text().splitlines())]


def test_the_forked_check_equals_one_process_and_runs_its_part_in_the_child(
    small: Analysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts, pages, config, relations = _inputs(small, tmp_path)
    expected = run_checks(facts, pages, config, relations).findings
    log = tmp_path / "rules.log"
    log.touch()
    real = forked_checks.apply_rules

    def logged(*args: Any) -> dict[str, list[Any]]:
        found = real(*args)
        with log.open("a") as fh:  # the child's writes reach the file, not this process
            fh.writelines(f"{os.getpid()} {name}\n" for name in found)
        return found

    monkeypatch.setattr(forked_checks, "apply_rules", logged)
    got = forked_checks.forked_checks(facts, pages, config, lambda: relations)
    pd.testing.assert_frame_equal(expected, got.result.findings)
    assert {"diff_mismatch", "relation_mismatch", "conflict"} <= set(expected["kind"])
    pd.testing.assert_frame_equal(relations, got.relations)
    ran = _rules_run_in(log)
    assert sorted(n for _, n in ran) == sorted(r.name for r in RULES)  # each rule once
    child = {n for p, n in ran if p != os.getpid()}
    assert child == CHILD_RULES
    assert got.cpu["child"] > 0 and got.cpu["parent"] > 0


def test_the_statements_run_again_here_when_this_process_found_a_diff_mismatch(
    small: Analysis, tmp_path: Path
) -> None:
    """diff_mismatches left to this process: the child's statements did not see its
    findings, so they run again here, and the frame is still one process's."""
    facts, pages, config, relations = _inputs(small, tmp_path)
    expected = run_checks(facts, pages, config, relations).findings
    got = forked_checks.forked_checks(
        facts, pages, config, lambda: relations, frozenset({"summaries"})
    )
    pd.testing.assert_frame_equal(expected, got.result.findings)


def test_a_failed_child_fails_the_check(
    small: Analysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts, pages, config, _ = _inputs(small, tmp_path)

    def broken(*args: Any) -> pd.DataFrame:
        raise ValueError("statements fell over")

    with pytest.raises(RunFailed, match="child process failed: ValueError: statements fell"):
        forked_checks.forked_checks(facts, pages, config, broken)

    def killed(*args: Any) -> pd.DataFrame:
        os._exit(9)  # as the OOM killer would leave it: no word back

    with pytest.raises(RunFailed, match="child process died"):
        forked_checks.forked_checks(facts, pages, config, killed)


def test_the_switch_forks_from_the_threshold_unless_the_config_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if MIN_FACTS_FOR_FORKED_CHECKS is None:  # off by default (measured over the memory target)
        assert not fork_checks_for(None, 10**9)
    monkeypatch.setattr(forked_checks, "MIN_FACTS_FOR_FORKED_CHECKS", 50_000)
    assert not fork_checks_for(None, 49_999)
    assert fork_checks_for(None, 50_000)
    assert not fork_checks_for(False, 10**9)
    assert fork_checks_for(True, 1)


@pytest.mark.parametrize(("fork", "least", "forks"), [(None, None, False), (None, 1_000_000, False),
    (None, 100, True), (True, None, True), (False, 100, False)])  # fmt: skip
def test_check_and_reconcile_forks_as_the_config_says(
    small: Analysis,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fork: bool | None,
    least: int | None,
    forks: bool,
) -> None:
    """The seeds (hundreds of facts) in one process or forked, as the config or, when it
    says nothing, the threshold decides; the same findings, consensus and copy groups."""
    assert 100 < len(small.facts) < 1_000_000
    monkeypatch.setattr(forked_checks, "MIN_FACTS_FOR_FORKED_CHECKS", least)
    calls: list[str] = []
    real_fork, real_checks = check_step.forked_checks, check_step.run_checks

    def spied_fork(*args: Any, **kwargs: Any) -> Any:
        calls.append("forked")
        return real_fork(*args, **kwargs)

    def spied_checks(*args: Any, **kwargs: Any) -> Any:
        calls.append("one process")
        return real_checks(*args, **kwargs)

    monkeypatch.setattr(check_step, "forked_checks", spied_fork)
    monkeypatch.setattr(check_step, "run_checks", spied_checks)
    config = _config(tmp_path, fork)
    batch = PreparedBatch(small.pages, small.claims, small.facts, small.quarantine, small.passages)
    timer = StageTimer()
    got = check_and_reconcile([batch], _vocabulary(config), config, timer)
    assert calls == (["forked"] if forks else ["one process"])
    assert ("checks_child" in timer.cpu) is forks
    assert_same_frames(small, got)
    pd.testing.assert_frame_equal(small.relations, got.relations)


def test_a_run_whose_checks_child_fails_loads_nothing(
    seed_files: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`[checks] fork = true` in the config file; the child fails: exit 3, a failed run row,
    nothing loaded, the lock released."""
    db = tmp_path / "w.duckdb"
    config = tmp_path / "crosscheck.toml"
    config.write_text("[checks]\nfork = true\n")
    base = ["--db", str(db), "--no-validate", "--config", str(config)]
    assert main(["run", str(seed_files[0]), *base]) == 0
    before = counts(db)

    def broken(*args: Any, **kwargs: Any) -> list[Any]:
        if os.getpid() == parent:
            return real(*args, **kwargs)
        raise RuntimeError("rule fell over in the child")

    parent, real = os.getpid(), forked_checks.find_relation_mismatches
    monkeypatch.setattr(forked_checks, "find_relation_mismatches", broken)
    capsys.readouterr()
    code = main(["run", *map(str, seed_files), *base])
    err = capsys.readouterr().err
    assert code == EXIT_FAILED
    assert "child process failed: RuntimeError: rule fell over in the child" in err
    assert "Traceback" not in err
    assert [s for s, _ in runs(db)] == ["completed", "failed"]
    assert counts(db) == before
    assert_lock_free(db)


def test_the_config_file_sets_the_switch(tmp_path: Path) -> None:
    config = tmp_path / "crosscheck.toml"
    config.write_text("[checks]\nfork = false\n")
    settings = resolve({"config": str(config)}, environ={})
    assert build_run_config(settings, check_sources=False).fork_checks is False
    config.write_text("[checks]\nreference_year = 2026\n")
    settings = resolve({"config": str(config)}, environ={})
    assert build_run_config(settings, check_sources=False).fork_checks is None
    config.write_text('[checks]\nfork = "yes"\n')
    with pytest.raises(ConfigError, match=r"checks\.fork"):
        resolve({"config": str(config)}, environ={})
