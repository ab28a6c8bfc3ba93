"""The canonical row order `run_checks` reads the facts in: by page hash, locator and role,
the claim id only breaking ties (a page given at two paths), missing texts first."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pandas as pd
from crosscheck.checks.run import (
    _canonical,
    _kept_order,
    content_order,
    merged_content_order,
)


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
    assert content_order(facts).tolist() == [4, 5, 3, 2, 1, 0]


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
        assert content_order(facts).tolist() == _expected(facts)
        only_ids = facts[["claim_id"]]
        assert content_order(only_ids).tolist() == _expected(only_ids)


def test_the_parts_orders_merged_are_the_whole_frames_order() -> None:
    """The parse tasks sort their chunks' facts; the checks lap merges those orders by page
    hash (a hash in several parts, or missing, is sorted again): the whole frame's order."""
    rng = random.Random(21)
    for _ in range(200):
        n = rng.randint(0, 30)
        facts = pd.DataFrame(
            {
                "page_sha256": [rng.choice(["a", "b", "c", "d", None]) for _ in range(n)],
                "locator": [rng.choice(["x", "y", "z", None]) for _ in range(n)],
                "role": [rng.choice(["value", "diff"]) for _ in range(n)],
                "claim_id": [rng.choice(["c1", "c2", "c10", None]) for _ in range(n)],
            },
            dtype=object,
        )
        cuts = sorted(rng.sample(range(n + 1), k=min(n + 1, rng.randint(0, 4))))
        bounds = [0, *cuts, n]
        parts = [content_order(facts.iloc[a:b]) for a, b in itertools.pairwise(bounds)]
        merged = merged_content_order(facts, parts)
        assert merged is not None and merged.tolist() == content_order(facts).tolist()
    assert merged_content_order(facts, [np.arange(n + 1)]) is None  # the parts do not add up


def test_an_order_given_for_every_fact_is_kept_for_the_facts_left() -> None:
    """A row filter of the facts (the retracted figures left out) keeps the given order of
    the rows left: the canonical frame is the one sorted without it."""
    facts = pd.DataFrame(
        {
            "page_sha256": ["b", "a", "a", "c", "a"],
            "locator": ["t1", "t2", "t1", "t1", "t0"],
            "role": ["value"] * 5,
            "claim_id": ["c1", "c2", "c3", "c4", "c5"],
        },
        dtype=object,
    )
    kept = facts[[True, False, True, True, True]]
    order = _kept_order(content_order(facts), facts, kept)
    assert order is not None and order.tolist() == content_order(kept).tolist()
    assert _canonical(kept, order).equals(_canonical(kept))
