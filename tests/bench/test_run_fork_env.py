"""bench.run's before/after switch for the forked checks: CROSSCHECK_BENCH_FORK_CHECKS."""

from __future__ import annotations

import pytest

from bench import run_measure


@pytest.mark.parametrize(("value", "expected"), [(None, None), ("1", True), ("0", False)])
def test_the_environment_sets_the_runs_fork_checks(
    monkeypatch: pytest.MonkeyPatch, value: str | None, expected: bool | None
) -> None:
    if value is None:
        monkeypatch.delenv(run_measure.FORK_ENV, raising=False)
    else:
        monkeypatch.setenv(run_measure.FORK_ENV, value)
    assert run_measure._fork_checks() is expected
