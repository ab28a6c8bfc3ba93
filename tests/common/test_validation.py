"""Stage contracts quarantine bad rows of any frame, findings included, with per-check counts."""

from __future__ import annotations

import pandas as pd

from crosscheck.common.schemas import FindingModel
from crosscheck.common.validation import validate_frame


def _findings(kinds: list[str]) -> pd.DataFrame:
    n = len(kinds)
    return pd.DataFrame(
        {
            "finding_id": [f"f{i}" for i in range(n)],
            "kind": kinds,
            "scope": ["same_page"] * n,
            "severity": ["low"] * n,
            "entity": ["Flask"] * n,
            "metric": ["throughput"] * n,
            "qualifier": [""] * n,
            "explanation": [f"explanation {i}" for i in range(n)],
            "claim_ids": [[f"c{i}"] for i in range(n)],
        }
    )


def test_a_bad_finding_row_is_quarantined_under_its_finding_id() -> None:
    checked = validate_frame(_findings(["conflict", "not_a_kind", "logic"]), FindingModel, "checks")
    assert checked.valid["finding_id"].tolist() == ["f0", "f2"]
    assert checked.quarantine["claim_id"].tolist() == ["f1"]
    assert checked.quarantine["raw_value"].tolist() == ["explanation 1"]
    assert checked.quarantine["reason"].tolist() == ["contract_violation"]
    assert list(checked.error_counts.values()) == [1]
    assert next(iter(checked.error_counts)).startswith("kind: isin")


def test_a_clean_frame_passes_whole_with_no_counts() -> None:
    checked = validate_frame(_findings(["conflict", "logic"]), FindingModel, "checks")
    assert len(checked.valid) == 2 and checked.quarantine.empty and checked.error_counts == {}
