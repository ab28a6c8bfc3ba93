"""`bench.checks_profile split`: the forked check against one process on captured inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import checks_profile
from tests.conftest import EXAMPLES_DIR


def test_split_compares_both_ways_and_prints_each_sides_cpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "checks.pkl"
    step = checks_profile.check_step
    steps = (step.run_checks, step.read_relations, step.run_checks_with)
    checks_profile.capture(EXAMPLES_DIR, inputs)
    # the capture's patches are undone: a later run in this process keeps no frames there
    assert (step.run_checks, step.read_relations, step.run_checks_with) == steps
    checks_profile.split(inputs, repeat=1)
    out = capsys.readouterr().out
    assert "one process" in out and "parent" in out and "child" in out
    assert "findings equal" in out
    assert checks_profile.forked_checks._child.__name__ == "_child"  # the patch is undone
