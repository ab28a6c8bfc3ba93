"""Prose and list items: entity discovery, clause attribution, relations, non-figures.

The pages here are written for these tests (figures reused from real pages, sentences not).
"""

from __future__ import annotations

import hashlib

import pytest
from crosscheck.ingest.entities import EntityFinder, finder_for_page
from crosscheck.ingest.entity_leads import title_entities
from crosscheck.ingest.parse import NO_ENTITY, NO_FIGURE, ParsedPage, parse_snapshot
from crosscheck.ingest.spans import find_prose_figures

from crosscheck.batches import page_row
from crosscheck.common.gazetteer import build_gazetteer, load_gazetteer
from crosscheck.contracts import Snapshot
from tests.conftest import SHARED_DIR


def _parse(text: str, name: str = "page.txt") -> ParsedPage:
    snapshot = Snapshot(
        f"/tmp/{name}", hashlib.sha256(text.encode()).hexdigest(), text, "text/plain", "now"
    )
    return parse_snapshot(snapshot)


def _values(page: ParsedPage) -> set[tuple[str, str]]:
    return {(c["entity_raw"], c["raw_value"]) for c in page.claims if c["role"] == "value"}


def _raws(page: ParsedPage) -> set[str]:
    return {c["raw_value"] for c in page.claims}


def test_gazetteer_reads_the_shared_entity_names_and_aliases() -> None:
    gazetteer = load_gazetteer()
    assert len(gazetteer.names) >= 300
    assert gazetteer.canonical("Postgres") == "PostgreSQL"
    assert gazetteer.canonical("node") == "Node.js"
    assert gazetteer.canonical("zstd") == "Zstandard"
    assert gazetteer.canonical("not a product") is None
    kinds = {known.kind for known in gazetteer.names.values()}
    assert {"database", "runtime", "broker", "build_tool", "codec", "hardware"} <= kinds


def test_mentions_follow_case_and_boundary_rules() -> None:
    finder = EntityFinder(
        build_gazetteer(
            [
                {"name": "Express.js", "aliases": ["express"]},
                {"name": "Node.js", "aliases": ["node"]},
                {"name": "Flask", "aliases": []},
            ]
        )
    )
    text = "Express’s router on Node beats Flask-SQLAlchemy; an express delivery is not a name."
    found = [(m.text, m.canonical) for m in finder.mentions(text)]
    assert found == [("Express", "Express.js"), ("Node", "Node.js")]
    finder.add_page_names(["Express"])  # named by the page: lower case counts now
    assert [m.text for m in finder.mentions("fast as express")] == ["express"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Kafka vs Pulsar vs RabbitMQ vs NATS vs Redpanda",
            ["Kafka", "Pulsar", "RabbitMQ", "NATS", "Redpanda"],
        ),
        ("Runtime Speed in 2026: Bun vs Node.js vs Deno", ["Bun", "Node.js", "Deno"]),
        ("Acme DB vs. Zeta Store: what we measured", ["Acme DB", "Zeta Store"]),
        ("What separates the NVIDIA H100 and A100", ["NVIDIA H100", "A100"]),
    ],
)
def test_title_entities_of_any_length(title: str, expected: list[str]) -> None:
    assert title_entities(title, finder_for_page()) == expected


def test_comparative_clauses_are_attributed_to_their_own_entity() -> None:
    page = _parse(
        "Redis vs Dragonfly\n"
        "Dragonfly serves 48 210 QPS on one node compared to 9 870 QPS for Redis.\n"
        "Measured again, Dragonfly (≈310–330 rps) versus Redis (≈95–99 rps) on a tiny VM.\n"
        "Startup was 12 ms for Dragonfly and 30 ms for Redis.\n"
    )
    values = _values(page)
    assert {
        ("Dragonfly", "48 210 QPS"),
        ("Redis", "9 870 QPS"),
        ("Dragonfly", "≈310–330 rps"),
        ("Redis", "≈95–99 rps"),
        ("Dragonfly", "12 ms"),
        ("Redis", "30 ms"),
    } <= values


def test_several_metrics_in_one_sentence_get_their_own_labels() -> None:
    page = _parse(
        "Acme vs Zeta\nAcme has 31,508 stars, 1,240 watchers and 7,902 forks on GitHub.\n"
    )
    labels = {c["raw_value"]: c["label"] for c in page.claims}
    assert labels == {"31,508 stars": "stars", "1,240 watchers": "watchers", "7,902 forks": "forks"}
    assert {c["entity_raw"] for c in page.claims} == {"Acme"}


def test_a_value_without_its_own_metric_inherits_the_previous_clause_metric() -> None:
    page = _parse(
        "Bun vs Node.js vs Deno\n"
        "Bun claims 52,000 req/sec, Deno hits 29,000, and Node.js manages 14,000.\n"
        "Cold starts take 31ms on Bun compared to Node.js’s 142ms.\n"
    )
    by_raw = {c["raw_value"]: (c["entity_raw"], c["label"]) for c in page.claims}
    assert by_raw["29,000"] == ("Deno", "req/sec")
    assert by_raw["14,000"] == ("Node.js", "req/sec")
    assert by_raw["142ms"] == ("Node.js", "Cold starts")
    hints = {c["raw_value"]: c["unit_hint"] for c in page.claims}
    assert hints["29,000"] == "req/sec" and hints["52,000 req/sec"] is None


def test_comparisons_are_relation_claims_with_their_mark() -> None:
    page = _parse(
        "Vite vs Webpack\n"
        "Vite rebuilds 2.7x faster than Webpack on our app.\n"
        "Webpack dropped 19% in throughput at high load.\n"
        "Vite needs 30% less memory than Webpack.\n"
    )
    relations = {
        (c["role"], c["entity_raw"], c["counterpart_raw"], c["raw_value"], c["label"])
        for c in page.claims
        if c["role"] != "value"
    }
    assert ("ratio", "Vite", "Webpack", "2.7x", "faster") in relations
    assert ("diff", "Webpack", "Vite", "19%", "dropped (throughput)") in relations
    assert any(
        r[:4] == ("diff", "Vite", "Webpack", "30%") and r[4].startswith("less") for r in relations
    )


def test_chinese_multiplier_and_comparative_are_relations() -> None:
    page = _parse(
        "Redis vs Dragonfly\n"
        "与 Redis 相比,Dragonfly 实现了 25 倍的性能提升;Redis 的吞吐量比 Dragonfly 高 18% - 40%。\n"
    )
    found = {(c["role"], c["entity_raw"], c["raw_value"]) for c in page.claims}
    assert ("ratio", "Dragonfly", "25 倍") in found
    assert ("diff", "Redis", "18% - 40%") in found


def test_versions_dates_flags_and_loads_are_not_figures() -> None:
    page = _parse(
        "Fastify vs Express\n"
        "Published Jun 15, 2026 · 7 min read\n"
        "We ran PostgreSQL 16 and Node 22 with Fastify 4.x under 100 concurrent connections.\n"
        "The client was started with -c 50 -d 30 and repeated 5 times.\n"
        "Fastify answered 92,400 req/s under 100 concurrent connections.\n"
    )
    raws = _raws(page)
    assert raws == {"92,400 req/s"}
    claim = page.claims[0]
    assert claim["entity_raw"] == "Fastify"
    assert claim["conditions"] == "100 concurrent connections"


def test_release_numbers_dates_and_markers_are_not_figures() -> None:
    page = _parse(
        "Acme vs Zeta\n"
        "Acme v1.2.3 first commit 1970-01-01, as footnote [1] says; Zeta 2.0 uses PCIe 5.0.\n"
        "Acme is built on a 4-nanometer process with HBM3 memory and 3rd-gen cores.\n"
        "Acme serves 5,000 req/s.\n"
    )
    assert _raws(page) == {"5,000 req/s"}


def test_event_years_are_figures_other_years_are_not() -> None:
    page = _parse(
        "Webpack vs Vite\n"
        "In 2026 the landscape changed. Webpack arrived in 2012 and Vite was released in 2020.\n"
    )
    assert {(c["entity_raw"], c["raw_value"], c["label"]) for c in page.claims} == {
        ("Webpack", "2012", "arrived"),
        ("Vite", "2020", "released"),
    }


def test_locale_number_formats_are_kept_whole() -> None:
    spans = [
        s.text
        for s in find_prose_figures("Symfony a pris 57 510 ms, soit 0,482 s et 112,72% du total.")
    ]
    assert spans == ["57 510 ms", "0,482 s", "112,72%"]
    assert [s.text for s in find_prose_figures("9.2K GitHub 星,177 个 fork")] == ["9.2K", "177 个"]


def test_bullets_under_entity_headings_and_bold_item_names() -> None:
    page = _parse(
        "H100 vs A100\n"
        "Memory\n"
        "- **H100**: uses HBM3 with up to 3 TB/s of bandwidth.\n"
        "- **A100**:\n"
        "- Offers 2 TB/s of bandwidth and 80GB of capacity.\n"
        "Deno: The Newcomer\n"
        "Key Characteristics:\n"
        "  • Ships a formatter and 1,200 lint rules\n"
    )
    values = _values(page)
    assert ("H100", "3 TB/s") in {(e, r.removeprefix("up to ")) for e, r in values}
    assert {("A100", "2 TB/s"), ("A100", "80GB")} <= values
    assert ("Deno", "1,200") in values


def test_named_list_items_are_leaderboard_lines() -> None:
    page = _parse("Proxy maximum rate\n- Nginx - 60k\n- HAProxy - 45k\n- Envoy - 48.8k\n")
    assert _values(page) == {("Nginx", "60k"), ("HAProxy", "45k"), ("Envoy", "48.8k")}
    linked = _parse(
        "Python frameworks by stars\n"
        "- [Quartz](https://example.org/quartz) - 12,400 stars\n"
        "- [Pebble](https://example.org/v2/pebble): 3,100 stars\n"
    )
    assert _values(linked) == {("Quartz", "12,400 stars"), ("Pebble", "3,100 stars")}


def test_a_page_without_figures_says_why() -> None:
    no_entity = _parse("Just some words.\nNothing here is measured.\n")
    assert no_entity.claims == [] and no_entity.empty_reason == NO_ENTITY
    no_figure = _parse("Flask vs FastAPI\nBoth are pleasant to use.\n")
    assert no_figure.claims == [] and no_figure.empty_reason == NO_FIGURE
    snapshot = Snapshot("/tmp/x.txt", "abc", "x", "text/plain", "now")
    row = page_row(snapshot, "Flask vs FastAPI", 0, 0, "", empty_reason=no_figure.empty_reason)
    assert row["status"] == "fetched" and row["error"] == "no figure found"


def test_links_to_other_articles_and_code_lines_give_no_figures() -> None:
    page = _parse(
        "Bun vs Node.js\n"
        "For more, see our guide: Vitest vs Jest: 28x Faster Tests.\n"
        "npx autocannon -c 50 -d 30 http://localhost:3000/\n"
        "Bun answers in 8 ms.\n"
    )
    assert _raws(page) == {"8 ms"}


REAL = SHARED_DIR / "real-pages"


def _real(name: str) -> ParsedPage:
    if not REAL.is_dir():
        pytest.skip(f"the real pages are not at {REAL} (../shared beside the checkout)")
    path = next(REAL.glob(f"{name}_*"))
    text = path.read_text(encoding="utf-8")
    kind = "text/markdown" if path.suffix == ".md" else "text/plain"
    return parse_snapshot(Snapshot(str(path), "sha", text, kind, "now"))


def test_real_runtime_page_attributes_each_clause() -> None:
    page = _real("12")
    values = _values(page)
    assert {
        ("Node.js", "5,240 req/s"),
        ("Deno", "6,180 req/s"),
        ("Node.js", "142ms"),
        ("Bun", "31ms"),
    } <= values
    ratios = {c["raw_value"] for c in page.claims if c["role"] == "ratio"}
    assert {"2.7x", "2.3x", "4.6x"} <= ratios
    assert not any(c["raw_value"].startswith("2026") for c in page.claims)


def test_real_gpu_pages_split_products_and_keep_ratios() -> None:
    page = _real("37")
    values = _values(page)
    assert {("H100", "~80 billion transistors"), ("A100", "~54B"), ("A100", "6,912")} <= values
    assert not {"5", "≈5", "7", "4"} & _raws(page)  # "4N (≈5nm)", "7nm", "4th gen" are names
    ratios = {(c["entity_raw"], c["raw_value"]) for c in page.claims if c["role"] == "ratio"}
    assert {("H100", "9×"), ("H100", "30×"), ("H100", "up to 4×")} <= ratios
    bullets = _values(_real("38"))
    assert {("H100", "1.8 PetaFLOPS"), ("A100", "19.5 TFLOPS"), ("A100", "2 TB/s")} <= bullets


def test_real_pages_without_title_entities_find_them_in_the_text() -> None:
    page = _real("21")  # Chinese, garbled charset: the title names only Redis
    found = {(c["role"], c["entity_raw"], c["raw_value"]) for c in page.claims}
    assert {("ratio", "Dragonfly", "25 倍"), ("diff", "Redis", "18% - 40%")} <= found
    years = _real("14")
    assert {("Node.js", "2009"), ("Deno", "2018")} <= _values(years)
    assert not {"2", "1.0", "2.0"} & _raws(years)  # "Deno 2", "Bun hit 1.0" are versions


def test_html_headings_and_bold_items_scope_their_figures() -> None:
    html = (
        "<html><head><title>Choosing a broker in 2026</title></head><body>"
        "<h1>Choosing a broker in 2026</h1>"
        "<h2>Kafka: the log</h2><p>It sustained 605 MB/s on three brokers.</p>"
        "<h2>RabbitMQ: the queue</h2><p>Peak was 38 MB/s with mirroring.</p>"
        "<ul><li><strong>Pulsar</strong>: 305 MB/s at 200 MB/s load</li></ul>"
        "<h2>Test environment</h2><p>Each node had 32GB RAM and 12 cores at 2.2 GHz.</p>"
        "</body></html>"
    )
    snapshot = Snapshot("/tmp/b.html", "sha", html, "text/html", "now")
    page = parse_snapshot(snapshot)
    assert _values(page) == {("Kafka", "605 MB/s"), ("RabbitMQ", "38 MB/s"), ("Pulsar", "305 MB/s")}
    pulsar = next(c for c in page.claims if c["entity_raw"] == "Pulsar")
    assert pulsar["conditions"] == "200 MB/s load"


def test_word_multipliers_pairs_versions_and_machines() -> None:
    page = _parse(
        "Notes from our queue migration\n"
        "Both brokers ran on a 16-core server with 64 GB of RAM.\n"
        "Redpanda 23.2 pushed 91 200 msgs/s, compared to 60 400 msgs/s for NATS 2.10.\n"
        "NATS needed half the disk of Redpanda overall (3.1 TB vs 6.0 TB).\n"
        "Redpanda answered twice as fast as NATS on small messages.\n"
    )
    values = _values(page)
    assert {
        ("Redpanda 23.2", "91 200 msgs/s"),
        ("NATS 2.10", "60 400 msgs/s"),
        ("NATS", "3.1 TB"),
        ("Redpanda", "6.0 TB"),
    } <= values
    assert not {"64 GB", "16"} & _raws(page)
    ratios = {
        (c["entity_raw"], c["counterpart_raw"], c["raw_value"])
        for c in page.claims
        if c["role"] == "ratio"
    }
    assert {("NATS", "Redpanda", "half"), ("Redpanda", "NATS", "twice")} <= ratios
    label = next(c["label"] for c in page.claims if c["raw_value"] == "91 200 msgs/s")
    assert label == "msgs/s"


def test_html_navigation_and_footer_are_not_read() -> None:
    html = (
        "<html><body><nav><a href='/a'>2024 archive</a> <a href='/b'>Top 10 lists</a></nav>"
        "<h1>Redis vs Valkey</h1><p>Valkey served 1.2M ops/s.</p>"
        "<aside>Popular: 5 tips for Redis</aside><footer>© 2025 · 14 comments</footer>"
        "</body></html>"
    )
    page = parse_snapshot(Snapshot("/tmp/n.html", "sha", html, "text/html", "now"))
    assert _raws(page) == {"1.2M ops/s"}


def test_a_summing_up_relation_compares_the_leader_with_the_last() -> None:
    page = _parse(
        "Bun vs Deno vs Node.js\n"
        "Bun serves 52,000 req/s, Deno 29,000, and Node.js 14,000 - a 270% throughput gap.\n"
        "Bun is 3.7x faster than Node.js and 1.8x faster than Deno on this test.\n"
        "That is a 1.8x lead overall.\n"
    )
    relations = {
        (c["entity_raw"], c["counterpart_raw"], c["raw_value"])
        for c in page.claims
        if c["role"] != "value"
    }
    assert {
        ("Bun", "Node.js", "270%"),
        ("Bun", "Node.js", "3.7x"),
        ("Bun", "Deno", "1.8x"),
    } <= relations
    assert ("Bun", None, "1.8x") in relations  # "a 1.8x lead": the page's comparisons' winner


def test_within_percent_is_a_diff_between_the_two_names() -> None:
    page = _parse("Vite vs Webpack\nVite and Webpack are within 5% of each other on cold builds.\n")
    assert [
        (c["role"], c["entity_raw"], c["counterpart_raw"], c["raw_value"]) for c in page.claims
    ] == [("diff", "Vite", "Webpack", "within 5%")]


def test_a_sentence_lead_labels_its_figures_and_a_plain_line_names_no_entities() -> None:
    page = _parse(
        "Notes on three servers\n"
        "Caddy answered 9,100 requests per second while Nginx reached 12,300.\n"
        "Memory: Caddy 41 MB, Nginx 12 MB, Envoy 55 MB.\n"
    )
    assert page.entities == []  # no title names them: no "compared" list is invented
    assert {(c["entity_raw"], c["raw_value"], c["label"]) for c in page.claims} == {
        ("Caddy", "9,100 requests per second", "requests per second"),
        ("Nginx", "12,300", "requests per second"),
        ("Caddy", "41 MB", "Memory"),
        ("Nginx", "12 MB", "Memory"),
        ("Envoy", "55 MB", "Memory"),
    }


def test_comparisons_by_a_margin_and_in_words() -> None:
    page = _parse(
        "Redis vs KeyDB\n"
        "KeyDB outperforms Redis by 30% on writes and is three times faster on reads.\n"
    )
    found = {
        (c["role"], c["entity_raw"], c["counterpart_raw"], c["raw_value"], c["label"])
        for c in page.claims
    }
    assert found == {
        ("diff", "KeyDB", "Redis", "30%", "outperforms by"),
        ("ratio", "KeyDB", "Redis", "three times", "faster"),
    }


def test_settings_identifiers_code_calls_and_inputs_are_not_figures() -> None:
    page = _parse(
        "Redis vs Valkey\n"
        "We set the expiry to 500 and pinned cores 2 and 3 to the client.\n"
        "Rows were generated with repeat('x', 22) into a character(84) column.\n"
        "On a mixed 1 MB data set Valkey compressed 12,000 keys per second.\n"
        "- Exemple : 100 clefs de traduction par requête\n"
    )
    assert [(c["raw_value"], c["conditions"]) for c in page.claims] == [
        ("12,000 keys per second", "1 MB data")
    ]


def _labels(page: ParsedPage) -> dict[str, str]:
    return {c["raw_value"]: c["label"] for c in page.claims if c["role"] == "value"}


def test_a_lead_in_before_a_colon_labels_the_figures_after_it() -> None:
    page = _parse(
        "Node.js vs Bun vs Deno\n\n"
        "Cold starts are where the runtimes really part ways: Bun boots in 9-14ms, "
        "Deno in 35-55ms, and Node.js in 70-110ms.\n"
    )
    assert _labels(page) == {
        "9-14ms": "Cold starts",
        "35-55ms": "Cold starts",
        "70-110ms": "Cold starts",
    }
    assert _values(page) == {("Bun", "9-14ms"), ("Deno", "35-55ms"), ("Node.js", "70-110ms")}


def test_trap_a_lead_in_that_names_an_entity_or_no_metric_labels_nothing() -> None:
    named = _parse(
        "Node.js vs Bun\n\nBun is the newcomer with quick cold starts: it served 14,320 req/s.\n"
    )
    assert _labels(named) == {"14,320 req/s": "req/s"}
    plain = _parse(
        "Node.js vs Bun\n\n"
        "Here is what we measured on one laptop: Bun in 9-14ms, Node.js in 70-110ms.\n"
    )
    assert "Cold starts" not in _labels(plain).values()
    assert all("cold" not in label.lower() for label in _labels(plain).values())
