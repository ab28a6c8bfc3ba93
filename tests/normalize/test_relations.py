"""Comparative statements read as ratio intervals (normalize.relations)."""

from __future__ import annotations

import pandas as pd
import pytest
from crosscheck.normalize.relations import interpret_relation, relation_facts, relations_of_claims
from crosscheck.normalize.vocabulary import load_vocabulary

from crosscheck.contracts import CLAIM_COLUMNS, RELATION_COLUMNS, BoundKind, RelationAspect


@pytest.mark.parametrize(
    ("raw", "label", "sentence", "low", "high", "direction"),
    [
        ("3x", "faster", "Alpha answers 3x faster than Beta.", 3.0, 3.0, "higher"),
        ("474%", "faster", "Alpha runs 474% faster than Beta here.", 5.74, 5.74, "higher"),
        ("within 5%", "", "Beta stays within 5% of Alpha.", 0.95, 1.05, "equal"),
        ("2-3x", "faster", "It is 2-3x faster than the next library.", 2.0, 3.0, "higher"),
        ("1.2–3.9x", "higher throughput", "", 1.2, 3.9, "higher"),
        ("half", "the memory", "Alpha needs half the memory of Beta.", 0.5, 0.5, "lower"),
        ("40%", "less memory", "Alpha uses 40% less memory.", 0.6, 0.6, "lower"),
        ("3x", "slower", "Beta is 3x slower than Alpha.", 1 / 3, 1 / 3, "lower"),
        ("12 %", "higher", "a 12 % higher score", 1.12, 1.12, "higher"),
        ("18% - 40%", "吞吐量 高", "Redis 的吞吐量比 Dragonfly 高 18% - 40%", 1.18, 1.4, "higher"),
        ("25 倍", "性能提升", "实现了 25 倍的性能提升", 25.0, 25.0, "higher"),
    ],
)
def test_statements_read_as_ratio_intervals(
    raw: str, label: str, sentence: str, low: float, high: float, direction: str
) -> None:
    reading = interpret_relation(raw, label, sentence)
    assert reading is not None
    assert reading.low == pytest.approx(low) and reading.high == pytest.approx(high)
    assert reading.direction == direction


def test_bounds_and_aspects() -> None:
    up_to = interpret_relation("4 times", "faster", "The client is up to 4 times faster than B.")
    assert up_to is not None and up_to.bound is BoundKind.AT_MOST
    assert up_to.aspect is RelationAspect.SPEED
    approx = interpret_relation("~6x", "faster", "Alpha is ~6x faster")
    assert approx is not None and approx.bound is BoundKind.APPROXIMATE
    amount = interpret_relation("25X", "more throughput", "Alpha delivers 25X more throughput")
    assert amount is not None and amount.aspect is RelationAspect.AMOUNT
    assert amount.phrase == "throughput"
    # "less than 3 %" bounds a difference: within 3 %, not "3 % less"
    within = interpret_relation("3%", "variation", "That is less than 3% variation overall.")
    assert within is not None and within.direction == "equal"
    assert (within.low, within.high) == pytest.approx((0.97, 1.03))
    # "more memory efficient" is better, not more memory
    efficient = interpret_relation("30%", "more memory efficient", "30% more memory efficient")
    assert efficient is not None and efficient.aspect is RelationAspect.SPEED


def test_texts_without_a_comparison_are_not_relations() -> None:
    assert interpret_relation("66.9%", "", "Koa 36293 req/sec 66.9%") is None
    assert interpret_relation("fast", "faster", "much faster") is None


def _claim(raw: str, label: str, sentence: str, a: str, b: str | None) -> dict[str, object]:
    row = dict.fromkeys(CLAIM_COLUMNS)
    row.update(
        claim_id=f"c-{raw}-{a}",
        source="page.md",
        entity_raw=a,
        counterpart_raw=b,
        label=label,
        raw_value=raw,
        role="ratio" if "%" not in raw else "diff",
        evidence=sentence,
        locator="paragraph 1",
    )
    return row


def test_relation_facts_name_both_entities_metric_and_next_best() -> None:
    claims = pd.DataFrame(
        [
            _claim("2-3x", "faster", "Alpha is 2-3x faster than the next library.", "Alpha", None),
            _claim("40%", "less memory", "Alpha uses 40% less memory than Beta.", "Alpha", "Beta"),
            _claim("fast", "faster", "Alpha is fast.", "Alpha", "Beta"),  # no number: no relation
        ],
        columns=CLAIM_COLUMNS,
    )
    vocabulary = load_vocabulary()
    relations = relations_of_claims(claims, vocabulary)
    assert list(relations.columns) == RELATION_COLUMNS
    assert len(relations) == 2
    nxt, memory = relations.iloc[0], relations.iloc[1]
    assert (nxt["a"], nxt["b"], nxt["b_raw"]) == ("Alpha", None, "next best")
    assert (nxt["low"], nxt["high"], nxt["bound"]) == (2.0, 3.0, "range")
    assert (memory["b"], memory["metric"], memory["low"]) == ("Beta", "memory_usage", 0.6)


def test_relation_facts_of_no_claims_is_an_empty_frame() -> None:
    empty = relation_facts(pd.DataFrame(columns=CLAIM_COLUMNS), lambda raw: raw)
    assert empty.empty and list(empty.columns) == RELATION_COLUMNS


def test_a_word_only_a_comparison_names_maps_to_its_metric() -> None:
    # "requests" alone is no metric of the vocabulary; compared between two entities it is
    # their throughput (relations.toml [phrase.metrics]); a vocabulary metric still wins
    said = [
        ("about 3x", "requests", "Alpha serves about 3x the requests of Beta."),
        ("2x", "more queries", "Alpha answers 2x more queries than Beta."),
        ("3x", "less memory", "Alpha needs 3x less memory than Beta."),
    ]
    claims = pd.DataFrame(
        [_claim(raw, label, sentence, "Alpha", "Beta") for raw, label, sentence in said],
        columns=CLAIM_COLUMNS,
    )
    relations = relations_of_claims(claims, load_vocabulary())
    assert list(relations["metric"]) == ["throughput", "queries_per_second", "memory_usage"]


def test_page_entities_of_equal_length_come_in_one_order_whatever_the_claims_order() -> None:
    """Names of one length on a page (two spellings of one product) are ordered by their
    text, not by a set's hash order: the statements' counterparts must not change between
    processes."""
    from crosscheck.normalize.relations import _page_entities

    names = ["Kestrel.io", "kestrel.io", "Osprey", "Falcon DB"]
    orders = [names, list(reversed(names)), names[1:] + names[:1]]
    read = []
    for order in orders:
        claims = pd.DataFrame({"source": ["p1"] * len(order), "entity_raw": order})
        read.append(_page_entities(claims)["p1"])
    assert read[0] == ("Kestrel.io", "kestrel.io", "Falcon DB", "Osprey")
    assert all(r == read[0] for r in read)
