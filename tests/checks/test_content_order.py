"""The canonical row order `run_checks` reads the facts in: by page hash, locator and role,
the claim id only breaking ties (a page given at two paths), missing texts first."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
from crosscheck.checks.run import _content_order


def _expected(facts: pd.DataFrame) -> list[int]:
    """Row positions sorted by every key's text (missing first), stable."""

    def key(at: int) -> tuple:
        return tuple(
            (0, "") if pd.isna(facts[n].iloc[at]) else (1, str(facts[n].iloc[at]))
            for n in ("page_sha256", "locator", "role", "claim_id")
            if n in facts.columns
        )

    return sorted(range(len(facts)), key=key)


def test_ties_of_page_place_and_role_are_broken_by_claim_id() -> None:
    facts = pd.DataFrame(
        {
            "page_sha256": ["b", "a", "a", "a", None, "a"],
            "locator": ["t1", "t2", "t1", "t1", "t1", "t1"],
            "role": ["value"] * 6,
            "claim_id": ["c9", "c1", "c7", "c3", "c5", None],
        },
        dtype=object,
    )
    assert _content_order(facts).tolist() == [4, 5, 3, 2, 1, 0]


def test_the_order_is_that_of_every_key_sorted_on_random_frames() -> None:
    rng = random.Random(20)
    for _ in range(200):
        n = rng.randint(0, 25)
        facts = pd.DataFrame(
            {
                "page_sha256": [rng.choice(["a", "b", None]) for _ in range(n)],
                "locator": [rng.choice(["x", "y", np.nan]) for _ in range(n)],
                "role": [rng.choice(["value", "diff"]) for _ in range(n)],
                "claim_id": [rng.choice(["c1", "c2", "c10", None]) for _ in range(n)],
            },
            dtype=object,
        )
        assert _content_order(facts).tolist() == _expected(facts)
        only_ids = facts[["claim_id"]]
        assert _content_order(only_ids).tolist() == _expected(only_ids)
