"""A price comparison stated as a percentage: "cheaper" is a lower price, its percentage is of
the dearer side, and the two prices its sentence writes (no metric named) are what it compares.
Figures reuse a GPU price pair; the sentences are the test's own."""

from __future__ import annotations

from typing import Any

import pandas as pd
from crosscheck.checks import CheckConfig
from crosscheck.checks.relations import find_relation_mismatches
from crosscheck.normalize.relations import relation_facts

from crosscheck.contracts import CLAIM_COLUMNS, UNMAPPED_METRIC, stable_id
from tests.reconcile.facts_factory import fact, facts_frame

SENTENCE = "The shop sells the Alpha card for $1,599 and the Beta card for $1,199, so Beta is {}."


def _price(entity: str, usd: float, raw: str, sentence: str) -> dict[str, Any]:
    row = fact("gpu.txt", entity, UNMAPPED_METRIC, usd, unit="usd", raw=raw)
    row["evidence"] = sentence
    row["location_kind"] = "sentence"
    return row


def _check(stated: str, raw: str) -> list[Any]:
    sentence = SENTENCE.format(stated)
    facts = facts_frame(
        [_price("Alpha", 1599, "$1,599", sentence), _price("Beta", 1199, "$1,199", sentence)]
    )
    facts["locator"] = ["paragraph 1 / a", "paragraph 1 / b"]
    facts["row_key"] = None
    facts["conditions"] = None
    claim = dict.fromkeys(CLAIM_COLUMNS)
    claim.update(
        claim_id=stable_id("gpu.txt", sentence, raw),
        source="gpu.txt",
        entity_raw="Beta",
        counterpart_raw="Alpha",
        label="cheaper",
        raw_value=raw,
        role="diff",
        evidence=sentence,
        locator="paragraph 1 / statement",
    )
    relations = relation_facts(pd.DataFrame([claim], columns=CLAIM_COLUMNS), lambda r: r or None)
    return find_relation_mismatches(facts, relations, CheckConfig())


def test_cheaper_is_a_lower_price() -> None:
    claim = dict.fromkeys(CLAIM_COLUMNS)
    sentence = SENTENCE.format("more than 33% cheaper")
    claim.update(
        claim_id="c1", source="gpu.txt", entity_raw="Beta", counterpart_raw="Alpha",
        label="cheaper", raw_value="more than 33%", role="diff", evidence=sentence,
        locator="paragraph 1",
    )  # fmt: skip
    relations = relation_facts(pd.DataFrame([claim], columns=CLAIM_COLUMNS), lambda r: r or None)
    row = relations.iloc[0]
    assert row["direction"] == "lower" and abs(row["high"] - 0.67) < 1e-9


def test_more_than_a_third_cheaper_against_a_quarter_is_flagged() -> None:
    found = _check("more than 33.4% cheaper", "more than 33.4%")
    assert len(found) == 1  # $1,199 against $1,599 is 25.0 % cheaper
    assert "$1,199" in found[0].explanation and "$1,599" in found[0].explanation


def test_a_quarter_cheaper_holds() -> None:
    assert _check("25% cheaper", "25%") == []
    assert _check("more than 20% cheaper", "more than 20%") == []


def _memory(stated: str) -> list[Any]:
    """Two cases of one page: A uses 40 % less memory than B in one, 10 % less in the other."""
    sentence = f"A uses {stated} less memory than B."
    rows = [("A", 60e6, "60 MB", "case one"), ("B", 100e6, "100 MB", "case one")]
    rows += [("A", 90e6, "90 MB", "case two"), ("B", 100e6, "100 MB", "case two")]
    values = [
        fact("m.txt", e, "memory_usage", v, unit="B", raw=r, qualifier=c) for e, v, r, c in rows
    ]
    facts = facts_frame(values)
    facts["conditions"] = [v["qualifier"] for v in values]
    claim = dict.fromkeys(CLAIM_COLUMNS)
    claim.update(
        claim_id=stable_id("m.txt", sentence), source="m.txt", entity_raw="A",
        counterpart_raw="B", label="less memory", raw_value=stated, role="diff",
        evidence=sentence, locator="paragraph 2",
    )  # fmt: skip
    relations = relation_facts(pd.DataFrame([claim], columns=CLAIM_COLUMNS), lambda r: r or None)
    return find_relation_mismatches(facts, relations, CheckConfig())


def test_up_to_less_is_the_largest_gap_read_downwards() -> None:
    assert _memory("up to 40%") == []  # the largest gap is 40 %: it holds
    found = _memory("up to 10%")
    assert len(found) == 1 and "60 MB" in found[0].explanation  # 40 % less is more than 10 %
    assert _memory("more than 30%") == []  # case one gives 40 %
    assert len(_memory("more than 50%")) == 1  # no case reaches half


def test_a_statement_naming_its_measure_leaves_unnamed_figures_alone() -> None:
    sentence = "Alpha has 320MHz channels against 160MHz on Beta, and about 20% more throughput."
    rows = [("Alpha", 320e6, "320MHz"), ("Beta", 160e6, "160MHz")]
    values = [fact("w.txt", e, UNMAPPED_METRIC, v, unit="Hz", raw=r) for e, v, r in rows]
    for row in values:
        row["evidence"], row["location_kind"] = sentence, "sentence"
    facts = facts_frame(values)
    facts["row_key"] = None
    facts["conditions"] = None
    claim = dict.fromkeys(CLAIM_COLUMNS)
    claim.update(
        claim_id="w1", source="w.txt", entity_raw="Alpha", counterpart_raw="Beta",
        label="more throughput", raw_value="about 20%", role="diff", evidence=sentence,
        locator="paragraph 3",
    )  # fmt: skip
    relations = relation_facts(pd.DataFrame([claim], columns=CLAIM_COLUMNS), lambda r: r or None)
    assert find_relation_mismatches(facts, relations, CheckConfig()) == []
