"""Page shapes of realacc13's held-out set (docs/benchmarks.md): a tool's lone summary line
under its table, a cell's signed change from a baseline, a heading that names the product
after a label, CJK figures glued to the words before them, numbers written as words in a
comparison, and a model year before a product's name. Each rule has its look-alike.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

import pytest
from crosscheck.ingest.spans import find_prose_figures
from crosscheck.ingest.table_cells import split_figures
from crosscheck.normalize.quantity import parse_quantity
from crosscheck.normalize.relations import interpret_relation

from crosscheck.contracts import BoundKind
from tests.ingest.parsing import claims_by_raw, text_claims

TOOL = """Load test of two servers

**Falcon (Gunicorn)**

```
Statistics        Avg      Stdev        Max
  Reqs/sec     21450.10    3120.40   26011.02
  Latency        2.31ms     1.02ms    31.80ms
  Throughput:     5.12MB/s
```

**Falcon (Uvicorn)**

```
Statistics        Avg      Stdev        Max
  Reqs/sec     30112.77    4110.25   35020.66
  Latency        1.64ms     0.81ms    22.05ms
  Threads:     4
```
"""


def test_a_lone_summary_line_under_a_tool_table_is_read() -> None:
    claims = claims_by_raw(text_claims(TOOL))
    # bombardier's report (ingest.load_reports): the closing line is the run's transfer rate
    assert claims["5.12MB/s"]["label"] == "transfer rate"
    assert claims["5.12MB/s"]["entity_raw"] == "Falcon"
    assert claims["21450.10"]["label"] == "Requests/sec"
    assert claims["3120.40"]["label"] == "Requests/sec sampled stddev"


def test_a_lone_setting_line_under_a_tool_table_is_not() -> None:
    claims = claims_by_raw(text_claims(TOOL))
    assert "4" not in claims  # 'Threads:  4': no unit, no rate: the run's set-up


def test_a_lone_summary_line_without_a_table_is_not_read() -> None:
    block = "Results\n\n```\nThroughput:     5.12MB/s\n```\n"
    assert "5.12MB/s" not in claims_by_raw(text_claims(block))


def test_a_signed_change_in_a_cell_is_its_own_figure() -> None:
    pieces = split_figures("650 Mbps (-7.1%)", "Download", None)
    assert [(p.raw, p.label) for p in pieces] == [
        ("650 Mbps", "Download"),
        ("7.1%", "Download (decrease)"),
    ]
    pieces = split_figures("5.5 ms (+2.5ms)", "Ping", "ms")
    assert [(p.raw, p.label) for p in pieces] == [("5.5 ms", "Ping"), ("2.5ms", "Ping (increase)")]


@pytest.mark.parametrize("cell", ["1520 (+12)", "(+44) 20 7946", "v2 (-beta)"])
def test_a_bare_signed_number_in_parentheses_stays_with_its_cell(cell: str) -> None:
    assert [p.raw for p in split_figures(cell, "Rating", None)] == [cell]


DELTAS = """Alpha VPN vs Beta VPN speed

| Server | Metric | Baseline | Alpha VPN | Beta VPN |
|---|---|---|---|---|
| Paris | Download | 700 Mbps | **650 Mbps** (-7.1%) | 600 Mbps (-14.3%) |
| Paris | Ping | 3.0 ms | 5.5 ms (+2.5ms) | 6.0 ms (+3.0 ms) |
"""


def test_a_table_change_figure_keeps_its_row_and_entity() -> None:
    claims = claims_by_raw(text_claims(DELTAS))
    assert claims["650 Mbps"]["entity_raw"] == "Alpha VPN"
    assert claims["7.1%"]["entity_raw"] == "Alpha VPN"
    assert claims["7.1%"]["label"].endswith("(decrease)")
    assert claims["3.0 ms"]["entity_raw"] == "Beta VPN"
    assert claims["3.0 ms"]["label"].endswith("(increase)")


HEADING = """Redis vs Memcached for session caches

Memcached
Memcached keeps every item in memory and evicts the least recently used ones first.
- Item size limit: 1 MB by default
Example: Redis Limits
- Databases per instance: 16
"""

NO_NAME = HEADING.replace("Example: Redis Limits", "Model 1: Contacts-Based Pricing")


def test_a_heading_naming_a_product_after_a_label_heads_the_items_below() -> None:
    claims = claims_by_raw(text_claims(HEADING))
    assert claims["1 MB"]["entity_raw"] == "Memcached"
    assert claims["16"]["entity_raw"] == "Redis"


def test_a_labelled_heading_naming_no_product_changes_nothing() -> None:
    claims = claims_by_raw(text_claims(NO_NAME))
    assert claims["16"]["entity_raw"] == "Memcached"


def test_a_cjk_figure_with_its_unit_is_read_after_a_cjk_word() -> None:
    text = "読み込み後、タイトル画面までさらに12秒以上かかり、サイズはおよそ3.1倍になった。"
    # the glued "およそ" (about) is part of the figure (notfound30: ingest/cjk_spans.py)
    assert [s.text for s in find_prose_figures(text)] == ["12秒以上", "およそ3.1倍"]
    reading = parse_quantity("12秒以上")
    assert reading.low == 12 and reading.bound is BoundKind.AT_LEAST


@pytest.mark.parametrize("text", ["第3章を参照", "版本2更新了", "共有2つの方法"])
def test_a_bare_number_after_a_cjk_word_is_not_a_figure(text: str) -> None:
    assert find_prose_figures(text) == []


WORDS = """Alpha Engine vs Beta Engine

Load times are cut by over fivefold in Alpha Engine versus Beta Engine.
The Alpha Engine gives around two to three hours more battery life than Beta Engine.
Both engines took two hours of setup, and one of the two tests failed.
"""


def test_numbers_written_as_words_in_a_comparison_are_figures() -> None:
    claims = claims_by_raw(text_claims(WORDS))
    assert claims["fivefold"]["role"] == "ratio"
    assert claims["around two to three hours"]["role"] == "value"
    assert claims["around two to three hours"]["entity_raw"] == "Alpha Engine"
    reading = parse_quantity("around two to three hours")
    assert (reading.low, reading.high) == (7200, 10800)
    relation = interpret_relation("fivefold", "faster", "Alpha loads fivefold faster than Beta")
    assert relation is not None and relation.low == 5


def test_numbers_written_as_words_outside_a_comparison_are_not() -> None:
    raws = set(claims_by_raw(text_claims(WORDS)))
    assert not any(raw.startswith(("two hours", "one", "two tests")) for raw in raws)


YEARS = """Laptop battery notes

The 2015 Dell XPS 13 lasted 501 minutes on the web browsing test.
The late-2015 Dell XPS 13 lasted 488 minutes on the same test.
In 2015 Dell XPS 13 reached 420 minutes on average.
"""


def test_a_model_year_before_a_name_stays_with_it() -> None:
    claims = claims_by_raw(text_claims(YEARS))
    assert claims["501 minutes"]["entity_raw"] == "Dell XPS 13 (2015)"
    assert claims["488 minutes"]["entity_raw"] == "Dell XPS 13 (late 2015)"


def test_a_year_dating_the_sentence_is_not_a_model_year() -> None:
    claims = claims_by_raw(text_claims(YEARS))
    assert claims["420 minutes"]["entity_raw"] == "Dell XPS 13"


LEADS = """Alpha Laptop vs Beta Laptop

The Alpha Laptop gives 30 minutes more battery life than the Beta Laptop.
The Alpha Laptop lasted 9 hours on the web browsing test.
"""


def test_a_figure_a_comparative_follows_is_a_difference_not_a_value() -> None:
    claims = claims_by_raw(text_claims(LEADS))
    assert claims["30 minutes"]["conditions"] == "difference"
    assert claims["9 hours"]["conditions"] is None  # the product's own value


CHIPS = """Laptop battery notes

The Dell XPS 13 lasted 9 hours on our web browsing test.
That fits, as the Core i7-1360P in the Dell XPS 13 has a base clock of 2.2GHz, while the
i5-1235U in the 2022 Dell XPS 13 has a base of 1.3GHz.
The Dell XPS 13 in the office ran 7 hours.
"""


def test_a_processor_model_owns_its_clock_not_the_machine_it_sits_in() -> None:
    claims = claims_by_raw(text_claims(CHIPS))
    assert claims["2.2GHz"]["entity_raw"] == "Core i7-1360P"
    assert claims["1.3GHz"]["entity_raw"] == "i5-1235U"
    assert claims["9 hours"]["entity_raw"] == "Dell XPS 13"


def test_a_place_after_in_the_is_no_host() -> None:
    claims = claims_by_raw(text_claims(CHIPS))
    assert claims["7 hours"]["entity_raw"] == "Dell XPS 13"
