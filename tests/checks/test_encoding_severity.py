"""Encoding findings say what the damage can do (checks/encoding.py): low when the text was
repaired, medium when characters were lost, high when a figure's own sentence lost some."""

from __future__ import annotations

import pandas as pd
import pytest
from crosscheck.checks.encoding import find_encoding

from crosscheck.contracts import Severity
from tests.reconcile.facts_factory import fact, facts_frame


def _facts(repaired_figure: bool) -> pd.DataFrame:
    frame = facts_frame([fact("zh.txt", "Redis", "age", 13, unit="years", raw="13 年")])
    frame["repairs"] = [1 if repaired_figure else 0]
    return frame


@pytest.mark.parametrize(
    ("kinds", "repaired_figure", "expected"),
    [
        ("mojibake_cp874", False, Severity.LOW),
        ("mojibake_lost_characters", False, Severity.MEDIUM),
        ("mojibake_lost_characters", True, Severity.HIGH),
    ],
)
def test_severity_follows_the_damage(kinds: str, repaired_figure: bool, expected: Severity) -> None:
    pages = pd.DataFrame({"source": ["zh.txt"], "repairs": [3], "repair_kinds": [kinds]})
    (found,) = find_encoding(_facts(repaired_figure), pages)
    assert found.severity is expected
