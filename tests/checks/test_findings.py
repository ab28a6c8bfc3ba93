"""Finding ids and the evidence keys they are made of."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from crosscheck.checks.columns import Columns
from crosscheck.checks.extremes import describe_extremes
from crosscheck.checks.findings import evidence_keys, make_finding

from crosscheck.contracts import FindingKind, Scope, Severity, stable_id


def test_evidence_keys_hash_source_locator_and_role_as_stable_id_does() -> None:
    facts = pd.DataFrame(
        {
            "claim_id": ["c1", "c2", "c3"],
            "source": ["a.html", "b.html", "a.html"],
            "locator": ["table 1 / row 2 / column 3", None, math.nan],
            "role": ["value", "diff", "value"],
        }
    )
    finding = make_finding(
        FindingKind.CONFLICT, Scope.SAME_PAGE, Severity.LOW, "E", "m", None, "x", ["c1", "c2", "c3"]
    )
    keys = evidence_keys(facts, [finding])
    assert keys == {
        c: stable_id(s, loc, r)
        for c, s, loc, r in zip(
            facts["claim_id"], facts["source"], facts["locator"], facts["role"], strict=True
        )
    }
    assert len(set(keys.values())) == 3


def test_extremes_quote_the_first_lowest_and_highest_point_skipping_missing_ones() -> None:
    df = pd.DataFrame(
        {
            "point": [np.nan, 5.0, 1.0, 9.0, 1.0, 9.0],
            "low": [np.nan, 5.0, 1.0, 9.0, 1.0, 9.0],
            "high": [np.nan, 5.0, 1.0, 9.0, 1.0, 9.0],
            "unit": ["s"] * 6,
            "label": ["l0", "l1", "l2", "l3", "l4", "l5"],
            "source": ["p"] * 6,
            "locator": ["r0", "r1", "r2", "r3", "r4", "r5"],
        }
    )
    text, ratio = describe_extremes(Columns(df), np.arange(6))
    assert "'l2'" in text and "'l3'" in text and "'l4'" not in text and "'l5'" not in text
    assert text.index("'l2'") < text.index("'l3'") and ratio == 9.0
