"""bench.reconcile_profile replays the reconcile lap a run went through: on the captured
inputs its steps give the run's own findings, so its timings are of the real lap."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from bench import reconcile_profile
from crosscheck import check_reconcile, finished_findings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "pages"


def test_the_replayed_lap_gives_the_findings_the_run_gave(tmp_path: Path) -> None:
    ran: list[pd.DataFrame] = []
    original = finished_findings.with_root_causes

    def keep(findings: pd.DataFrame) -> pd.DataFrame:
        ran.append(original(findings))
        return ran[-1]

    finished_findings.with_root_causes = keep  # type: ignore[assignment]
    try:
        reconcile_profile.capture(EXAMPLES, tmp_path / "rec.pkl", tmp_path / "checks.pkl")
    finally:
        finished_findings.with_root_causes = original  # type: ignore[assignment]
    assert check_reconcile.reconcile_facts is reconcile_profile.reconcile_facts  # restored
    data = pickle.loads((tmp_path / "rec.pkl").read_bytes())
    steps: list[str] = []

    def timed(name: str, step: Callable[[], Any]) -> Any:
        steps.append(name)
        return step()

    replayed = reconcile_profile.lap(data, timed)
    assert steps == ["reconcile_facts", "annotate_conflicts", "with_copies", "note_copies",
                     "root_causes"]  # fmt: skip
    assert len(ran) == 1 and len(replayed) > 0
    pd.testing.assert_frame_equal(replayed, ran[0])
    assert set(pickle.loads((tmp_path / "checks.pkl").read_bytes())) >= {"facts", "claims"}
