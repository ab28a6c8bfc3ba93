"""`relation_mismatch` on a leaderboard (one row per entity): its rows pair with each other even
when an entity also has a stat card of the same metric (issue 16, the synthetic shape pages)."""

from __future__ import annotations

from typing import Any

import pandas as pd
from crosscheck.checks import CheckConfig
from crosscheck.checks.relations import find_relation_mismatches
from crosscheck.normalize.relations import relation_facts

from crosscheck.contracts import CLAIM_COLUMNS
from tests.checks.test_relations import statement, value
from tests.reconcile.facts_factory import facts_frame


def _check(rows: list[tuple[dict[str, Any], str | None]], said: dict[str, Any]) -> list[Any]:
    facts = facts_frame([r for r, _ in rows])
    facts["row_key"] = [key for _, key in rows]
    facts["conditions"] = [r.get("conditions") for r, _ in rows]
    claims = pd.DataFrame([said], columns=CLAIM_COLUMNS)
    relations = relation_facts(claims, lambda raw: raw or None)
    return find_relation_mismatches(facts, relations, CheckConfig())


def _stars(entity: str, v: float, raw: str) -> dict[str, Any]:
    return value("lb.md", entity, "github_stars", v, "count", raw)


def test_parity_claim_against_leaderboard_rows_is_flagged_despite_a_card() -> None:
    rows = [
        (_stars("Hyper", 21000, "21,000"), "t1r1"),
        (_stars("Falcon", 2950, "2,950"), "t1r3"),
        (_stars("Hyper", 21000, "21k"), None),  # the stat card under the table
    ]
    said = statement(
        "lb.md",
        "within 5%",
        "within (GitHub stars)",
        "Falcon is within 5% of Hyper on GitHub stars.",
        "Falcon",
        "Hyper",
    )
    found = _check(rows, said)
    assert len(found) == 1
    assert "2,950" in found[0].explanation


def test_true_parity_claim_on_a_leaderboard_is_not_flagged() -> None:
    rows = [
        (_stars("Hyper", 21000, "21,000"), "t1r1"),
        (_stars("Falcon", 20500, "20,500"), "t1r2"),
        (_stars("Hyper", 21000, "21k"), None),
    ]
    said = statement(
        "lb.md",
        "within 5%",
        "within (GitHub stars)",
        "Falcon is within 5% of Hyper on GitHub stars.",
        "Falcon",
        "Hyper",
    )
    assert _check(rows, said) == []


def test_condition_rows_still_pair_only_within_their_row() -> None:
    """Entities as columns, one row per condition: the rows are not a leaderboard, so the
    statement holds on the row where the two are close and nothing is flagged."""
    rows = [
        (_stars("Hyper", 10000, "10,000"), "t1r1"),
        (_stars("Falcon", 9900, "9,900"), "t1r1"),
        (_stars("Hyper", 5000, "5,000"), "t1r2"),
        (_stars("Falcon", 20000, "20,000"), "t1r2"),
    ]
    said = statement(
        "lb.md",
        "within 5%",
        "within (GitHub stars)",
        "Falcon is within 5% of Hyper on GitHub stars.",
        "Falcon",
        "Hyper",
    )
    assert _check(rows, said) == []
