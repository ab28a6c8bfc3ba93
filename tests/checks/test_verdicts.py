"""Verdicts without a number checked against the page's figures (`relation_mismatch`, rule
`verdict`): flagged only when every figure pair the verdict may describe reverses it.

Figures reused from real pages' shapes; sentences our own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from crosscheck.checks import CheckConfig
from crosscheck.checks.findings import findings_frame
from crosscheck.checks.relations import find_relation_mismatches
from crosscheck.checks.root_causes import root_causes
from crosscheck.normalize.relations import relation_facts

import crosscheck
from crosscheck.contracts import CLAIM_COLUMNS, FindingKind, Severity
from tests.checks.test_relations import statement, value
from tests.reconcile.facts_factory import facts_frame

PAGE = "runtimes.md"


def _table(rows: list[tuple[str, str, float, str, str]]) -> list[dict[str, Any]]:
    """(entity, metric, value, unit, raw) rows of one page, one table row per entity."""
    out = []
    for entity, metric, v, unit, raw in rows:
        row = value(PAGE, entity, metric, v, unit, raw)
        row["row_key"] = f"t1r{['Bun', 'Node.js', 'Deno'].index(entity) + 1}"
        out.append(row)
    return out


def _check(values: list[dict[str, Any]], said: list[dict[str, Any]]) -> list[Any]:
    facts = facts_frame(values)
    facts["row_key"] = [v.get("row_key") for v in values]
    facts["conditions"] = [v.get("conditions") for v in values]
    claims = pd.DataFrame(said, columns=CLAIM_COLUMNS)
    relations = relation_facts(claims, lambda raw: raw or None, _metric_of)
    return find_relation_mismatches(facts, relations, CheckConfig())


def _metric_of(phrase: str) -> str | None:
    return {"memory": "memory_usage", "weekly downloads": "weekly_downloads"}.get(phrase)


def _verdict(a: str, b: str | None, raw: str, label: str, sentence: str) -> dict[str, Any]:
    return statement(PAGE, raw, label, sentence, a, b)


MEMORY = [
    ("Bun", "memory_usage", 45e6, "B", "45 MB"),
    ("Node.js", "memory_usage", 60e6, "B", "60 MB"),
    ("Deno", "memory_usage", 50e6, "B", "50 MB"),
]
THROUGHPUT = [
    ("Bun", "throughput", 52000, "req/s", "52,000"),
    ("Node.js", "throughput", 19000, "req/s", "19,000"),
    ("Deno", "throughput", 29000, "req/s", "29,000"),
]


def test_a_verdict_the_table_contradicts_is_flagged() -> None:
    said = _verdict("Node.js", "Bun", "less", "less memory", "Node.js uses less memory than Bun.")
    found = _check(_table(MEMORY), [said])
    assert len(found) == 1
    finding = found[0]
    assert finding.kind is FindingKind.RELATION_MISMATCH and finding.rule == "verdict"
    assert finding.severity is Severity.LOW  # 60 MB against 45 MB: reversed, not by 2x
    assert "'60 MB'" in finding.explanation and "'45 MB'" in finding.explanation
    assert finding.metric == "memory_usage"


def test_a_verdict_the_table_supports_is_not_flagged() -> None:
    said = _verdict("Bun", "Node.js", "less", "less memory", "Bun uses less memory than Node.js.")
    assert _check(_table(MEMORY), [said]) == []
    faster = _verdict("Bun", "Deno", "faster", "faster", "Bun is faster than Deno.")
    assert _check(_table(THROUGHPUT), [faster]) == []


def test_a_verdict_on_another_metric_or_condition_is_not_flagged() -> None:
    # The memory verdict finds no memory figures: the throughput table says nothing about it.
    said = _verdict("Node.js", "Bun", "less", "less memory", "Node.js uses less memory than Bun.")
    assert _check(_table(THROUGHPUT), [said]) == []
    # Two benchmarks the page distinguishes: one of them gives the verdict, so it holds.
    rows = [
        value(PAGE, "Bun", "throughput", 52000, "req/s", "52,000", "plain text"),
        value(PAGE, "Deno", "throughput", 29000, "req/s", "29,000", "plain text"),
        value(PAGE, "Bun", "throughput", 9000, "req/s", "9,000", "database"),
        value(PAGE, "Deno", "throughput", 12000, "req/s", "12,000", "database"),
    ]
    faster = _verdict("Deno", "Bun", "faster", "faster", "Deno is faster than Bun.")
    assert _check(rows, [faster]) == []


def test_a_superlative_is_checked_against_the_strongest_other_entity() -> None:
    wrong = _verdict("Deno", "next best", "fastest", "fastest", "Deno is the fastest of the three.")
    found = _check(_table(THROUGHPUT), [wrong])
    assert len(found) == 1 and "'52,000'" in found[0].explanation  # Bun, not Node.js
    right = _verdict("Bun", "next best", "fastest", "fastest", "Bun is the fastest of the three.")
    slowest = _verdict("Node.js", "next best", "slowest", "slowest", "Node.js is the slowest.")
    assert _check(_table(THROUGHPUT), [right, slowest]) == []
    wrong_slowest = _verdict("Deno", "next best", "slowest", "slowest", "Deno is the slowest.")
    found = _check(_table(THROUGHPUT), [wrong_slowest])
    assert len(found) == 1 and "'19,000'" in found[0].explanation  # Node.js is slower


def test_a_wide_reversal_is_medium_and_a_hedge_allows_a_near_tie() -> None:
    downloads = [
        ("Bun", "weekly_downloads", 1.2e6, "count", "1,200,000"),
        ("Node.js", "weekly_downloads", 3e7, "count", "30,000,000"),
        ("Deno", "weekly_downloads", 9e5, "count", "900,000"),
    ]
    leads = _verdict(
        "Deno", "next best", "leads", "leads on weekly downloads", "Deno leads on weekly downloads."
    )
    found = _check(_table(downloads), [leads])
    assert len(found) == 1 and found[0].severity is Severity.MEDIUM
    near = [
        ("Bun", "throughput", 50000, "req/s", "50,000"),
        ("Deno", "throughput", 52000, "req/s", "52,000"),
    ]
    hedged = _verdict("Bun", "Deno", "faster", "slightly faster", "Bun is slightly faster.")
    assert _check(_table(near), [hedged]) == []
    plain = _verdict("Bun", "Deno", "faster", "faster", "Bun is faster than Deno overall.")
    assert _check(_table(near), [plain]) == []  # 4 %: within the margin
    far = [("Bun", "throughput", 39000, "req/s", "39,000"), near[1]]
    assert len(_check(_table(far), [hedged])) == 1  # 25 % behind: no near tie


def test_a_verdict_and_a_numeric_statement_on_one_pair_share_a_root_cause() -> None:
    verdict = _verdict("Deno", "Bun", "faster", "faster", "Deno is faster than Bun.")
    numeric = _verdict("Deno", "Bun", "2x", "faster", "Deno is 2x faster than Bun here.")
    found = _check(_table(THROUGHPUT), [verdict, numeric])
    assert {f.rule for f in found} == {"verdict", "figures"}
    frame = findings_frame(found)
    assert frame["finding_id"].nunique() == 2
    assert root_causes(frame).nunique() == 1


def test_a_plain_faster_never_pairs_ages() -> None:
    years = 365 * 86400.0
    rows = [
        value(PAGE, "Bun", "age_years", 3 * years, "s", "3 years old"),
        value(PAGE, "Node.js", "age_years", 15 * years, "s", "15 years old"),
    ]
    faster = _verdict("Node.js", "Bun", "faster", "faster", "Node.js is faster than Bun.")
    assert _check(rows, [faster]) == []
    rows += [
        value(PAGE, "Bun", "cold_start_time", 0.008, "s", "8 ms"),
        value(PAGE, "Node.js", "cold_start_time", 0.040, "s", "40 ms"),
    ]
    found = _check(rows, [faster])
    assert len(found) == 1 and "'40 ms'" in found[0].explanation


def test_a_page_run_end_to_end_flags_only_the_contradicted_verdicts(tmp_path: Path) -> None:
    page = tmp_path / "runtimes.md"
    page.write_text(
        "# Bun vs Node.js vs Deno\n\n"
        "Bun uses less memory than Node.js. Deno is the fastest of the three. "
        "The winner on cold start is Bun. Node.js leads on weekly downloads. "
        "Deno uses more memory than Node.js.\n\n"
        "| Runtime | Requests/sec | Memory | Cold start | Weekly downloads |\n"
        "|---|---|---|---|---|\n"
        "| Bun | 52,000 | 45 MB | 8 ms | 1,200,000 |\n"
        "| Node.js | 19,000 | 60 MB | 40 ms | 30,000,000 |\n"
        "| Deno | 29,000 | 50 MB | 25 ms | 900,000 |\n",
        encoding="utf-8",
    )
    db = tmp_path / "w.duckdb"
    result = crosscheck.run([page], db=db, validate=False, environ={})
    assert result.summary is not None and result.summary.quarantined == 0
    with duckdb.connect(str(db), read_only=True) as con:
        verdicts = con.execute(
            "SELECT count(*) FROM relations WHERE isinf(high) OR low <= 0"
        ).fetchone()
        found = con.execute(
            "SELECT entity, explanation FROM findings WHERE kind = 'relation_mismatch' "
            "ORDER BY entity, explanation"
        ).fetchall()
    assert verdicts == (5,)
    assert [entity for entity, _ in found] == ["Deno", "Deno"]
    assert "'fastest'" in found[0][1] and "'52,000'" in found[0][1]
    assert "'more memory'" in found[1][1] and "'50 MB'" in found[1][1]
