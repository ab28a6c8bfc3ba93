"""Qualitative verdicts become direction-only RATIO claims (ingest.verdicts): comparisons with a
named other side, superlatives against the rest, and nothing for the look-alikes.

The pages are written for these tests (figures reused from real pages, sentences not).
"""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest
from crosscheck.ingest.parse import parse_snapshot
from crosscheck.ingest.verdicts import NEXT_BEST

from crosscheck.common.schemas import ClaimModel
from crosscheck.contracts import CLAIM_COLUMNS, Snapshot

TABLE = """
| Runtime | Requests/sec | Memory | Cold start | Weekly downloads |
|---|---|---|---|---|
| Bun | 52,000 | 45 MB | 8 ms | 1,200,000 |
| Node.js | 19,000 | 60 MB | 40 ms | 30,000,000 |
| Deno | 29,000 | 50 MB | 25 ms | 900,000 |
"""


def _verdicts(prose: str) -> list[tuple[str, str, str, str]]:
    """(entity, counterpart, raw_value, label) of every verdict claim of a small page."""
    text = f"# Bun vs Node.js vs Deno\n\n{prose}\n{TABLE}"
    snapshot = Snapshot(
        "/tmp/verdicts.md", hashlib.sha256(text.encode()).hexdigest(), text, "text/markdown", "now"
    )
    page = parse_snapshot(snapshot)
    return [
        (c["entity_raw"], c["counterpart_raw"], c["raw_value"], c["label"])
        for c in page.claims
        if "verdict" in c["locator"]
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Bun uses less memory than Node.js.", ("Bun", "Node.js", "less", "less memory")),
        ("Deno is the fastest of the three.", ("Deno", NEXT_BEST, "fastest", "fastest")),
        (
            "The winner on cold start is Bun.",
            ("Bun", NEXT_BEST, "winner", "winner on cold start"),
        ),
        (
            "Node.js leads on weekly downloads.",
            ("Node.js", NEXT_BEST, "leads", "leads on weekly downloads"),
        ),
        ("Bun is slightly faster than Deno.", ("Bun", "Deno", "faster", "slightly faster")),
        (
            "Bun posts the best throughput in our runs.",
            ("Bun", NEXT_BEST, "best", "best throughput"),
        ),
        (
            "Bun outperforms Deno on cold start.",
            ("Bun", "Deno", "outperforms", "outperforms cold start"),
        ),
        ("Deno est plus rapide que Node.js.", ("Deno", "Node.js", "plus rapide", "plus rapide")),
        ("Bun 比 Deno 快。", ("Bun", "Deno", "快", "快")),
        ("Bun is faster than the rest.", ("Bun", NEXT_BEST, "faster", "faster")),
        ("Bun outperforms the others.", ("Bun", NEXT_BEST, "outperforms", "outperforms")),
        ("Bun 是最快的。", ("Bun", NEXT_BEST, "最快", "最快")),
        ("Bun est le plus rapide des trois.", ("Bun", NEXT_BEST, "plus rapide", "plus rapide")),
        ("Deno trails Bun on cold start.", ("Deno", "Bun", "trails", "trails cold start")),
        ("Node.js 的内存比 Bun 略高。", ("Node.js", "Bun", "高", "略高内存")),
        (
            "Bun is the fastest JavaScript runtime.",
            ("Bun", NEXT_BEST, "fastest", "fastest"),
        ),
    ],
)
def test_verdicts_without_a_number_become_ratio_claims(
    sentence: str, expected: tuple[str, str, str, str]
) -> None:
    found = _verdicts(sentence)
    assert len(found) == 1
    entity, counterpart, raw, label = found[0]
    assert (entity, counterpart, raw) == expected[:3]
    assert label.startswith(expected[3])


@pytest.mark.parametrize(
    "sentence",
    [
        "Bun is 2.7x faster than Node.js.",  # a number: the numeric reader's statement
        "Node.js is not faster than Bun.",  # a negation
        "Deno is one of the fastest runtimes.",  # a rank, not a superlative
        "Bun is the fastest way to start a project.",  # not about the measured figures
        "Bun is the best choice for new projects.",  # a superlative with no metric
        "Node.js has more than 30 million weekly downloads.",  # "more than" a number
        "Is Bun faster than Deno?",  # a question
        "Bun is faster.",  # a comparison with no other side named
        "Node.js is the fastest-growing runtime.",
        "Deno 比 Bun 快 40%。",  # a number after the word
        "Bun is faster than the rest of the toolchain.",  # not the other entities
        "Bun 可能是最快的。",  # "may be": a guess
        "Bun is perhaps the fastest of the three.",
        "Bun and Deno are the fastest of the three.",  # a joint subject
        "Bun and Deno trade blows, while being the fastest of all.",
        "Bun and Quoxel are close, while being the fastest of all.",  # an unknown second name
        "Deno 不比 Bun 快。",  # a negation
    ],
)
def test_look_alikes_are_no_verdicts(sentence: str) -> None:
    assert _verdicts(sentence) == []


def test_a_sentence_with_two_verdicts_gives_two_claims() -> None:
    found = _verdicts("Bun is faster than Node.js, but Node.js uses less memory than Deno.")
    assert {(e, c, r) for e, c, r, _ in found} == {
        ("Bun", "Node.js", "faster"),
        ("Node.js", "Deno", "less"),
    }


def test_verdict_claims_keep_the_claim_contract() -> None:
    text = f"# Bun vs Node.js\n\nBun uses less memory than Node.js.\n{TABLE}"
    snapshot = Snapshot(
        "/tmp/c.md", hashlib.sha256(text.encode()).hexdigest(), text, "text/markdown", "now"
    )
    claims = pd.DataFrame(parse_snapshot(snapshot).claims, columns=CLAIM_COLUMNS)
    ClaimModel.validate(claims)
    verdict = claims[claims["locator"].str.contains("verdict")].iloc[0]
    assert verdict["role"] == "ratio" and verdict["raw_value"] == "less"
    assert verdict["evidence"][verdict["value_start"] :].startswith("less")


def _two_entity_verdicts(prose: str) -> set[tuple[str, str, str]]:
    text = f"# Bun vs Node.js\n\n{prose}\n{TABLE}"
    snapshot = Snapshot(
        "/tmp/two.md", hashlib.sha256(text.encode()).hexdigest(), text, "text/markdown", "now"
    )
    return {
        (c["entity_raw"], c["counterpart_raw"], c["raw_value"])
        for c in parse_snapshot(snapshot).claims
        if "verdict" in c["locator"]
    }


def test_on_a_two_entity_page_a_comparison_that_ends_its_clause_names_the_other() -> None:
    found = _two_entity_verdicts(
        "Bun is faster. Bun uses less memory, but Node.js has more GitHub stars."
    )
    assert found == {
        ("Bun", "Node.js", "faster"),
        ("Bun", "Node.js", "less"),
        ("Node.js", "Bun", "more"),
    }
    assert _two_entity_verdicts("Bun is faster to set up. Bun is faster than ever.") == set()
    assert _verdicts("Bun is faster.") == []  # three entities: which other one?
