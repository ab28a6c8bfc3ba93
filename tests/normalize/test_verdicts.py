"""Verdicts read as direction-only relations (normalize.verdicts): (1, inf) for a higher one,
(0, 1) for a lower one, a hedge widens it, and a verdict claim is neither a fact nor a
quarantined figure."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from crosscheck.normalize.facts import normalize_claims
from crosscheck.normalize.relations import relations_of_claims
from crosscheck.normalize.verdicts import interpret_verdict
from crosscheck.normalize.vocabulary import load_vocabulary

from crosscheck.contracts import CLAIM_COLUMNS, BoundKind, RelationAspect, stable_id


@pytest.mark.parametrize(
    ("raw", "label", "aspect", "direction", "phrase"),
    [
        ("faster", "faster", RelationAspect.SPEED, "higher", ""),
        ("less", "less memory", RelationAspect.AMOUNT, "lower", "memory"),
        ("fastest", "fastest", RelationAspect.SPEED, "higher", ""),
        ("slowest", "slowest", RelationAspect.SPEED, "lower", ""),
        ("leads", "leads on weekly downloads", RelationAspect.SPEED, "higher", "weekly downloads"),
        ("winner", "winner on cold start", RelationAspect.SPEED, "higher", "cold start"),
        ("best", "best performance", RelationAspect.SPEED, "higher", ""),
        ("most", "most GitHub stars", RelationAspect.AMOUNT, "higher", "github stars"),
        ("plus rapide", "plus rapide", RelationAspect.SPEED, "higher", ""),
        ("trails", "trails cold start", RelationAspect.SPEED, "lower", "cold start"),
    ],
)
def test_verdict_words_give_a_direction(
    raw: str, label: str, aspect: RelationAspect, direction: str, phrase: str
) -> None:
    reading = interpret_verdict(raw, label)
    assert reading is not None
    assert (reading.aspect, reading.direction, reading.phrase) == (aspect, direction, phrase)
    if direction == "higher":
        assert (reading.low, reading.high, reading.bound) == (1.0, math.inf, BoundKind.AT_LEAST)
    else:
        assert (reading.low, reading.high, reading.bound) == (0.0, 1.0, BoundKind.AT_MOST)


def test_a_hedge_allows_a_near_tie_and_numbers_are_no_verdicts() -> None:
    hedged = interpret_verdict("faster", "slightly faster")
    assert hedged is not None and hedged.low == pytest.approx(1 / 1.1) and hedged.high == math.inf
    lower = interpret_verdict("less", "a bit less memory")
    assert lower is not None and lower.low == 0.0 and lower.high == pytest.approx(1.1)
    assert interpret_verdict("3x", "faster") is None
    assert interpret_verdict("twice", "as fast") is None


def _claim(entity: str, other: str | None, raw: str, label: str, sentence: str) -> dict:
    row = dict.fromkeys(CLAIM_COLUMNS)
    row.update(
        claim_id=stable_id("v.md", sentence, raw),
        source="v.md",
        page_sha256="0" * 64,
        entity_raw=entity,
        counterpart_raw=other,
        label=label,
        raw_value=raw,
        role="ratio",
        location_kind="prose",
        locator=f"paragraph 1 verdict {raw}",
        evidence=sentence,
        value_start=sentence.find(raw),
    )
    return row


def test_verdict_claims_become_relations_not_facts_nor_quarantine() -> None:
    claims = pd.DataFrame(
        [
            _claim("Bun", "Node.js", "less", "less memory", "Bun uses less memory than Node.js."),
            _claim("Deno", "next best", "fastest", "fastest", "Deno is the fastest of all."),
        ],
        columns=CLAIM_COLUMNS,
    )
    result = normalize_claims(claims)
    assert result.facts.empty and result.quarantine.empty
    relations = relations_of_claims(claims, load_vocabulary()).set_index("raw_value")
    less, fastest = relations.loc["less"], relations.loc["fastest"]
    assert (less["a"], less["b"], less["metric"], less["direction"]) == (
        "Bun",
        "Node.js",
        "memory_usage",
        "lower",
    )
    assert fastest["b"] is None and fastest["b_raw"] == "next best"
    assert fastest["aspect"] == "speed" and math.isinf(fastest["high"])
