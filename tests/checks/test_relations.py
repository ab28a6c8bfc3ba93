"""`relation_mismatch` on small hand-made pages: every must-flag shape and every trap shape of
issue 16 (figures reused from the real pages, sentences our own)."""

from __future__ import annotations

from typing import Any

import pandas as pd
from crosscheck.checks import CheckConfig, run_checks
from crosscheck.checks.relations import find_relation_mismatches
from crosscheck.normalize.relations import relation_facts

from crosscheck.contracts import CLAIM_COLUMNS, FindingKind, stable_id
from tests.reconcile.facts_factory import fact, facts_frame

CONFIG = CheckConfig()


def value(
    source: str, entity: str, metric: str, v: float, unit: str, raw: str, conditions: str = ""
) -> dict[str, Any]:
    row = fact(source, entity, metric, v, unit=unit, raw=raw, qualifier=conditions)
    row["conditions"] = conditions or None
    return row


def statement(
    source: str, raw: str, label: str, sentence: str, a: str, b: str | None
) -> dict[str, Any]:
    row = dict.fromkeys(CLAIM_COLUMNS)
    row.update(
        claim_id=stable_id(source, sentence, raw),
        source=source,
        entity_raw=a,
        counterpart_raw=b,
        label=label,
        raw_value=raw,
        role="diff" if "%" in raw else "ratio",
        evidence=sentence,
        locator=f"paragraph / {raw}",
    )
    return row


def check(values: list[dict[str, Any]], statements: list[dict[str, Any]]):
    facts = facts_frame(values) if values else facts_frame([])
    if values:
        facts["conditions"] = [v.get("conditions") for v in values]
    claims = pd.DataFrame(statements, columns=CLAIM_COLUMNS)
    relations = relation_facts(claims, lambda raw: raw or None)
    return find_relation_mismatches(facts, relations, CONFIG), relations


def go_bench(source: str) -> list[dict[str, Any]]:
    """A Go benchmark section: fasthttp and net/http, server and client rows (ns/op)."""
    rows = [
        ("net/http", 14010, "server; BenchmarkNetHTTPServerGet2ReqPerConn10KClients"),
        ("fasthttp", 2208, "server; BenchmarkServerGet2ReqPerConn10KClients"),
        ("net/http", 7151, "server; BenchmarkNetHTTPServerGet10KReqPerConn"),
        ("fasthttp", 1422, "server; BenchmarkServerGet10KReqPerConn"),
        ("net/http", 31010, "client; BenchmarkNetHTTPClientGetEndToEnd1000Inmemory"),
        ("fasthttp", 2645, "client; BenchmarkClientGetEndToEnd1000Inmemory"),
        ("net/http", 5617, "client; BenchmarkNetHTTPClientGetEndToEnd1TCP"),
        ("fasthttp", 2461, "client; BenchmarkClientGetEndToEnd1TCP"),
    ]
    return [
        value(source, e, "auto:ns/op:time", ns * 1e-9, "s", f"{ns} ns/op", c) for e, ns, c in rows
    ]


def test_up_to_summary_contradicted_by_the_benchmark_rows_is_flagged() -> None:
    found, _ = check(
        go_bench("go.md"),
        [
            statement(
                "go.md",
                "4 times",
                "faster",
                "Our client is up to 4 times faster than net/http.",
                "fasthttp",
                "net/http",
            )
        ],
    )
    assert len(found) == 1
    finding = found[0]
    assert finding.kind is FindingKind.RELATION_MISMATCH
    assert "11.7x" in finding.explanation and "31010 ns/op" in finding.explanation


def test_up_to_summary_that_holds_after_rounding_is_not_flagged() -> None:
    found, _ = check(
        go_bench("go.md"),
        [
            statement(
                "go.md",
                "6 times",
                "faster",
                "Our server is up to 6 times faster than net/http.",
                "fasthttp",
                "net/http",
            )
        ],
    )
    assert found == []  # the largest server gap is 14010 / 2208 = 6.35x


def test_prose_ratios_that_hold_are_not_flagged() -> None:
    sentence = "Bun serves 2.7x faster than Node.js (5,240 req/s)."
    values = [
        value("rt.txt", "Bun", "throughput", 14320, "req/s", "14,320"),
        value("rt.txt", "Node.js", "throughput", 5240, "req/s", "5,240"),
        value("rt.txt", "Bun", "cold_start_time", 0.031, "s", "31ms"),
        value("rt.txt", "Node.js", "cold_start_time", 0.142, "s", "142ms"),
    ]
    found, _ = check(
        values,
        [
            statement("rt.txt", "2.7x", "faster", sentence, "Bun", "Node.js"),
            statement(
                "rt.txt", "4.6x", "advantage", "cold starts: a 4.6x advantage", "Bun", "Node.js"
            ),
        ],
    )
    assert found == []  # 14,320 / 5,240 = 2.73x; 142 / 31 = 4.58x


def test_a_percentage_is_read_either_way_before_it_is_flagged() -> None:
    values = [
        value("lam.txt", "Bun", "cold_start_time", 0.156, "s", "156ms"),
        value("lam.txt", "Node.js", "cold_start_time", 0.245, "s", "245ms"),
    ]
    ok, _ = check(
        values,
        [
            statement(
                "lam.txt",
                "35%",
                "improvement",
                "a 35% improvement in cold starts",
                "Bun",
                "Node.js",
            )
        ],
    )
    assert ok == []  # (245 - 156) / 245 = 36 %
    bad, _ = check(
        values,
        [
            statement(
                "lam.txt",
                "80%",
                "improvement",
                "an 80% improvement in cold starts",
                "Bun",
                "Node.js",
            )
        ],
    )
    assert len(bad) == 1 and "1.57x" in bad[0].explanation


def test_within_percent_contradicted_by_rows_nine_percent_apart() -> None:
    values = [
        value("w.md", "Alpha", "throughput", 10000, "req/s", "10,000"),
        value("w.md", "Beta", "throughput", 9100, "req/s", "9,100"),
    ]
    found, _ = check(
        values,
        [
            statement(
                "w.md",
                "within 5%",
                "throughput",
                "Beta is within 5% of Alpha on throughput.",
                "Beta",
                "Alpha",
            )
        ],
    )
    assert len(found) == 1
    # "less than 3 % variation" between 12,400 and 12,000 (3.3 % max/min) is defensible
    values = [
        value("v.md", "Bun", "throughput", 12400, "req/s", "12,400"),
        value("v.md", "Node.js", "throughput", 12000, "req/s", "12,000"),
    ]
    found, _ = check(
        values,
        [
            statement(
                "v.md", "3%", "variation", "RPS shows less than 3% variation", "Bun", "Node.js"
            )
        ],
    )
    assert found == []


def test_next_best_gap_larger_than_stated() -> None:
    values = [
        value("n.md", "Quick", "throughput", 80000, "req/s", "80,000"),
        value("n.md", "Steady", "throughput", 10000, "req/s", "10,000"),
        value("n.md", "Slow", "throughput", 4000, "req/s", "4,000"),
    ]
    sentence = "Quick is 2-3x faster than the next library."
    found, relations = check(values, [statement("n.md", "2-3x", "faster", sentence, "Quick", None)])
    assert relations.iloc[0]["b_raw"] == "next best"
    assert len(found) == 1 and "8.0x" in found[0].explanation


def test_two_statements_in_opposite_directions_on_one_page() -> None:
    found, _ = check(
        [],
        [
            statement(
                "kv.txt",
                "25x",
                "faster",
                "Dragonfly is 25x faster than Redis.",
                "Dragonfly",
                "Redis",
            ),
            statement(
                "kv.txt",
                "18% - 40%",
                "higher throughput",
                "Redis has 18% - 40% higher throughput than Dragonfly.",
                "Redis",
                "Dragonfly",
            ),
        ],
    )
    assert len(found) == 1
    assert found[0].scope.value == "same_page" and "cannot both hold" in found[0].explanation


def test_statements_across_sources_agreeing_and_disagreeing() -> None:
    found, _ = check(
        [],
        [
            statement(
                "a.md",
                "25X",
                "increase in throughput",
                "Dragonfly showed a 25X increase in throughput compared to Redis.",
                "Dragonfly",
                "Redis",
            ),
            statement(
                "b.txt",
                "18% - 40%",
                "higher throughput",
                "Redis has 18% - 40% higher throughput than Dragonfly.",
                "Redis",
                "Dragonfly",
            ),
            # agreement on memory (less memory vs more memory efficient) is no finding
            statement(
                "a.md",
                "30%",
                "more memory efficient",
                "Dragonfly is 30% more memory efficient than Redis.",
                "Dragonfly",
                "Redis",
            ),
            statement(
                "b.txt",
                "30%",
                "less memory",
                "Dragonfly needs 30% less memory than Redis.",
                "Dragonfly",
                "Redis",
            ),
        ],
    )
    assert len(found) == 1
    assert found[0].scope.value == "cross_source"
    assert "18% - 40%" in found[0].explanation


def test_three_percentages_that_cannot_all_hold() -> None:
    claims = [
        statement("c.md", "40%", "faster", "A is 40% faster than B.", "A", "B"),
        statement("c.md", "200%", "faster", "B is 200% faster than C.", "B", "C"),
        statement("c.md", "150%", "faster", "A is 150% faster than C.", "A", "C"),
    ]
    found, _ = check([], claims)
    assert len(found) == 1  # 1.4 × 3 = 4.2x, stated 2.5x
    assert "should be" in found[0].explanation and "'150%'" in found[0].explanation
    claims[2] = statement("c.md", "320%", "faster", "A is 320% faster than C.", "A", "C")
    found, _ = check([], claims)
    assert found == []


def test_traps_conditions_one_entity_and_rounding() -> None:
    values = [
        # different conditions: the 1 KB pair holds, the 1 MB pair would not; no finding
        value("t.md", "Alpha", "throughput", 3000, "req/s", "3,000", "payload 1 KB"),
        value("t.md", "Beta", "throughput", 1000, "req/s", "1,000", "payload 1 KB"),
        value("t.md", "Alpha", "throughput", 900, "req/s", "900", "payload 1 MB"),
        value("t.md", "Beta", "throughput", 1000, "req/s", "1,000", "payload 1 MB"),
        # a relative column truncated (0.3798 shown as 0.37x)
        value("t.md", "Gamma", "throughput", 3810.3847, "req/s", "3810.3847 rps"),
        value("t.md", "Delta", "throughput", 10031.8862, "req/s", "10031.8862 rps"),
    ]
    found, _ = check(
        values,
        [
            statement(
                "t.md",
                "3x",
                "faster",
                "Alpha is 3x faster than Beta with 1 KB payloads.",
                "Alpha",
                "Beta",
            ),
            statement("t.md", "0.37x", "relative", "Gamma 0.37x", "Gamma", "Delta"),
            # a comparative sentence about one entity's two values is no relation to check
            statement(
                "t.md", "3x", "faster", "Alpha got 3x faster after the upgrade.", "Alpha", "Alpha"
            ),
        ],
    )
    assert found == []


def test_run_checks_reports_relation_findings_once() -> None:
    facts = facts_frame(go_bench("go.md"))
    facts["conditions"] = [v["conditions"] for v in go_bench("go.md")]
    claims = pd.DataFrame(
        [
            statement(
                "go.md",
                "4 times",
                "faster",
                "Our client is up to 4 times faster than net/http.",
                "fasthttp",
                "net/http",
            )
        ],
        columns=CLAIM_COLUMNS,
    )
    relations = relation_facts(claims, lambda raw: raw)
    result = run_checks(facts, pd.DataFrame(), CONFIG, relations)
    kinds = result.findings["kind"].tolist()
    assert kinds.count("relation_mismatch") == 1
    assert run_checks(facts, pd.DataFrame(), CONFIG).by_kind.get("relation_mismatch") is None


def test_statement_turned_around_by_another_pages_figures() -> None:
    values = [
        value("vendor-a.txt", "Kafka", "throughput", 605e6, "B/s", "605 MB/s"),
        value("vendor-a.txt", "Pulsar", "throughput", 305e6, "B/s", "305 MB/s"),
    ]
    claims = [
        statement(
            "vendor-b.txt",
            "2.5x",
            "higher throughput",
            "Pulsar reaches 2.5x higher throughput than Kafka.",
            "Pulsar",
            "Kafka",
        ),
    ]
    facts = facts_frame(values)
    relations = relation_facts(pd.DataFrame(claims, columns=CLAIM_COLUMNS), lambda r: r)
    relations["metric"] = "throughput"  # as the vocabulary maps "higher throughput"
    found = find_relation_mismatches(facts, relations, CONFIG)
    assert len(found) == 1 and found[0].scope.value == "cross_source"
    assert "vendor-a.txt" in found[0].explanation and "0.50x" in found[0].explanation
    # the same direction on the other page (sizes differ between benchmarks) is no finding
    facts.loc[facts["entity"] == "Pulsar", ["low", "high"]] = 900e6
    assert find_relation_mismatches(facts, relations, CONFIG) == []


def test_opposed_pairs_are_the_pairs_a_full_scan_would_test() -> None:
    """Statements against statements pair only opposed statements about the same two entities
    (the scan of every pair grew with the square of the pages): the same pairs, in the same
    order, as the full scan's conditions select, speed classes counted as one."""
    import random

    from crosscheck.checks.statement_pairs import opposed_pairs as _opposed_pairs

    rng = random.Random(20)
    classes = ["speed", "speed (unnamed)", "memory", "latency"]
    oriented = [
        (
            *sorted(rng.sample(["a", "b", "c", "d"], 2)),
            rng.choice(classes),
            low := rng.choice([0.2, 0.5, 0.9, 1.0, 1.2, 3.0, float("nan")]),
            low * rng.choice([1.0, 1.5, 4.0]) if low == low else rng.choice([0.5, 2.0]),
        )
        for _ in range(300)
    ]
    speed = {"speed", "speed (unnamed)"}

    def scanned(i: int, j: int) -> bool:
        one, two = oriented[i], oriented[j]
        same_class = one[2] == two[2] or {one[2], two[2]} <= speed
        opposite = (one[3] > 1 and two[4] < 1) or (one[4] < 1 and two[3] > 1)
        return one[:2] == two[:2] and same_class and opposite

    expected = [(i, j) for i in range(300) for j in range(i + 1, 300) if scanned(i, j)]
    assert expected  # the sample holds opposed statements
    assert _opposed_pairs(oriented) == expected


def test_figure_pairs_at_home_and_on_the_pages_measuring_both_in_page_order() -> None:
    """The figures are indexed by position per page and entity (figure_rows.Figures): a
    statement pairs a's and b's figures of its own page (not a third entity's), and one with
    no pair at home gets every other page measuring both entities, in the pages' order."""
    from crosscheck.checks.relation_pages import figure_pairs_by_page

    values = [
        value("z-bench.txt", "Kafka", "throughput", 605e6, "B/s", "605 MB/s"),
        value("z-bench.txt", "Pulsar", "throughput", 305e6, "B/s", "305 MB/s"),
        value("a-bench.txt", "Pulsar", "throughput", 200e6, "B/s", "200 MB/s"),
        value("a-bench.txt", "RabbitMQ", "throughput", 50e6, "B/s", "50 MB/s"),
        value("a-bench.txt", "Kafka", "throughput", 100e6, "B/s", "100 MB/s"),
        value("only-kafka.txt", "Kafka", "throughput", 1e6, "B/s", "1 MB/s"),
    ]
    facts = facts_frame(values)
    places = zip(facts["source"], facts["entity"], strict=True)
    claim = dict(zip(places, facts["claim_id"], strict=True))
    claims = [
        statement("vendor-b.txt", "2.5x", "higher throughput",
                  "Pulsar reaches 2.5x higher throughput than Kafka.", "Pulsar", "Kafka"),
        statement("a-bench.txt", "2x", "higher throughput",
                  "Pulsar reaches 2x higher throughput than Kafka.", "Pulsar", "Kafka"),
    ]  # fmt: skip
    relations = relation_facts(pd.DataFrame(claims, columns=CLAIM_COLUMNS), lambda r: r)
    relations["metric"] = "throughput"
    own, elsewhere = figure_pairs_by_page(facts, relations, CONFIG)
    away, home = relations["relation_id"]
    assert own[away] == []
    assert [(p.a_claim, p.b_claim, p.a_point, p.b_point) for p in own[home]] == [
        (claim["a-bench.txt", "Pulsar"], claim["a-bench.txt", "Kafka"], 200e6, 100e6)
    ]
    assert [(source, [(p.a_claim, p.b_claim) for p in pairs]) for source, pairs in
            elsewhere[away]] == [
        ("z-bench.txt", [(claim["z-bench.txt", "Pulsar"], claim["z-bench.txt", "Kafka"])]),
        ("a-bench.txt", [(claim["a-bench.txt", "Pulsar"], claim["a-bench.txt", "Kafka"])]),
    ]  # fmt: skip
    assert home not in elsewhere  # pairs at home: no other page is read


def test_a_speed_statement_is_never_checked_against_counts() -> None:
    sentence = "The vendor says H100 Tensor Cores deliver 9x faster AI training than A100."
    values = [
        value("gpu.txt", "H100", "auto:tensor cores:count", 528, "count", "528"),
        value("gpu.txt", "A100", "auto:tensor cores:count", 432, "count", "432"),
    ]
    label = "faster AI training (Tensor Cores)"
    found, relations = check(values, [statement("gpu.txt", "9x", label, sentence, "H100", "A100")])
    assert len(relations) == 1
    assert found == []  # 528 / 432 is how many cores, no training speed


def test_a_winner_cell_ratio_is_read_against_the_rows_next_best() -> None:
    # 'Ash 1,410x' in a Winner column names no baseline: 818/0.58 (the faster rival) gives it,
    # the reader's b (the first rival, 878 ms) would not
    from crosscheck.checks.unnamed_baselines import NEXT_BEST, with_unnamed_baselines

    rel = {
        "a": "Ash", "a_raw": "Ash", "b": "Elm", "b_raw": "Elm", "raw_value": "Ash 1,410x",
        "evidence": "lcc | **0.58ms** | 878ms | 818ms | Ash 1,410x",
        "locator": "table 3 (entities as columns) / row 5 / column Diff",
    }  # fmt: skip
    named = dict(rel, raw_value="1,410x vs Elm")
    out = with_unnamed_baselines(pd.DataFrame([rel, named]))
    assert out["b"].tolist() == [None, "Elm"]
    assert out["b_raw"].tolist() == [NEXT_BEST, "Elm"]


def test_a_cell_writing_the_winner_with_its_multiple_is_a_margin() -> None:
    from crosscheck.checks.statement_readings import is_margin

    rel = {
        "direction": "higher", "aspect": "amount", "label": "lcc", "a_raw": "Ash",
        "raw_value": "Ash 1,410x", "evidence": "lcc | **0.58ms** | 878ms | 818ms | Ash 1,410x",
    }  # fmt: skip
    assert is_margin(rel)
    assert not is_margin(dict(rel, evidence="lcc | 0.58ms | 878ms"))
