"""What real comparison pages write, one capability per test: national number formats, markup
and cards, units of many families, units stated by labels, auto metrics, conditions as
qualifiers, per-operation values and versions split off entity names. Figures only; the texts
around them are written for these tests."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from crosscheck.normalize import Normalizer, load_vocabulary, normalize_claims
from crosscheck.normalize.label_units import effective_hint, label_hint
from crosscheck.normalize.quantity import parse_quantity
from crosscheck.normalize.units import resolve_unit

from crosscheck.contracts import CLAIM_COLUMNS, FactModel

INF = math.inf


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "bound"),
    [
        ("48 210", 48210, 48210, "count", "exact"),  # space thousands
        ("48\u202f210 QPS", 48210, 48210, "req/s", "exact"),  # narrow no-break space
        ("1\u00a0234\u00a0567", 1234567, 1234567, "count", "exact"),
        ("1.234.567", 1234567, 1234567, "count", "exact"),  # dots in groups: unambiguous
        ("1.234", 1.234, 1.234, "count", "exact"),  # one dot group alone: a decimal
        ("1.234.567,89", 1234567.89, 1234567.89, "count", "exact"),
        ("12,5 ms", 0.0125, 0.0125, "s", "exact"),  # decimal commas
        ("0,85", 0.85, 0.85, "count", "exact"),
        ("0,482 s", 0.482, 0.482, "s", "exact"),
        ("3,761", 3761, 3761, "count", "exact"),  # a comma before three digits: thousands
        ("1 234,5 ms", 1.2345, 1.2345, "s", "exact"),
        ("112,72%", 112.72, 112.72, "percent", "exact"),
        ("54.2k", 54200, 54200, "count", "exact"),
        ("1.2 M", 1.2e6, 1.2e6, "count", "exact"),
        ("2.0K", 2000, 2000, "count", "exact"),
        ("≈310–330 rps", 310, 330, "req/s", "range"),
        ("8-15ms", 0.008, 0.015, "s", "range"),
        ("2.5x", 2.5, 2.5, "x", "exact"),
        ("25X", 25, 25, "x", "exact"),
        ("25 倍", 25, 25, "x", "exact"),
        ("300+", 300, INF, "count", "at_least"),
        ("up to 16,896", 0, 16896, "count", "at_most"),
        ("20.456<sub>±0.025</sub>", 20.456, 20.456, "count", "exact"),  # median ± MAD
        ("**2.721**", 2.721, 2.721, "count", "exact"),
        ("36.62<sub>±00.12</sub> + 0.25<sub>±00.00</sub>", 36.62, 36.62, "count", "exact"),
        ("12.5 ± 0.3 ms", 0.0125, 0.0125, "s", "exact"),
        ("1906ms🥈", 1.906, 1.906, "s", "exact"),  # a medal glued to the value
        ("27*", 27, 27, "count", "exact"),  # a footnote mark glued to the figure
        ("64!", 64, 64, "count", "exact"),
        ("3,5 ms†", 0.0035, 0.0035, "s", "exact"),  # ... or to its unit
        ("2.5 GB[12]", 2.5e9, 2.5e9, "B", "exact"),  # a numbered reference
        ("45 ms¹", 0.045, 0.045, "s", "exact"),  # a superscript after a unit
        ('[<sub>93</sub>](# "+2 last week")', 93, 93, "count", "exact"),  # a link with a tooltip
        ("25 min 4.53 sec", 1504.53, 1504.53, "s", "exact"),
        ("1h 5m", 3900, 3900, "s", "exact"),
        ("Weekly\n8.9M", 8.9e6, 8.9e6, "count", "exact"),  # a card: label line, figure line
        ("FP32\n51.22 TFLOPS", 51.22e12, 51.22e12, "FLOP/s", "exact"),
        ("305\nMB/s", 305e6, 305e6, "B/s", "exact"),  # the unit on the card's next line
        ("QPS: 159K", 159000, 159000, "req/s", "exact"),  # the unit named before the figure
        ("P99.9: 0.8ms", 0.0008, 0.0008, "s", "exact"),
        ("Top 5 project", 1, 5, "rank", "range"),
        ("in March 2024", 2024, 2024, "year", "exact"),
        ("released in 2020", 2020, 2020, "year", "exact"),
        ("13 years", 13 * 31557600, 13 * 31557600, "s", "exact"),  # a duration, not a year
        ("40GB/80GB HBM2e", 40e9, 40e9, "B", "exact"),  # two variants: the first one
        ("2.0-Slots", 2, 2, "count", "exact"),
        ("within 5%", 0, 5, "percent", "at_most"),  # comparative statements
        ("18% - 40%", 18, 40, "percent", "range"),
        ("half the memory", 0.5, 0.5, "x", "exact"),
        ("twice as fast", 2, 2, "x", "exact"),
        ("seven compression codecs", 7, 7, "count", "exact"),
    ],
)
def test_real_number_formats(text: str, low: float, high: float, unit: str, bound: str) -> None:
    q = parse_quantity(text)
    assert (q.unit, q.bound.value) == (unit, bound), text
    assert q.low == pytest.approx(low) and q.high == pytest.approx(high), text


@pytest.mark.parametrize(
    ("text", "unit", "factor"),
    [
        ("MB/s", "B/s", 1e6), ("GB/s", "B/s", 1e9), ("MiB/s", "B/s", 2**20),
        ("Gbps", "B/s", 1.25e8), ("Mbit/s", "B/s", 1.25e5), ("GBps", "B/s", 1e9),
        ("TFLOPS", "FLOP/s", 1e12),
        ("PetaFLOPS", "FLOP/s", 1e15), ("GFLOP/s", "FLOP/s", 1e9), ("TOPS", "OP/s", 1e12),
        ("POPS", "OP/s", 1e15), ("QPS", "req/s", 1), ("TPS", "req/s", 1), ("ops/sec", "req/s", 1),
        ("msg/s", "req/s", 1), ("inserts/s", "req/s", 1), ("requests per second", "req/s", 1),
        ("MHz", "Hz", 1e6), ("GHz", "Hz", 1e9), ("W", "W", 1), ("kW", "W", 1e3), ("J", "J", 1),
        ("kJ", "J", 1e3), ("Gpixel/s", "pixel/s", 1e9), ("$", "usd", 1), ("µs", "s", 1e-6),
        ("us", "s", 1e-6), ("KiB", "B", 1024), ("MiB", "B", 2**20), ("GiB", "B", 2**30),
        ("kB", "B", 1e3), ("MB", "B", 1e6), ("Mb", "B", 1.25e5), ("years", "s", 31557600),
        ("score", "score", 1), ("rank", "rank", 1), ("X", "x", 1),
    ],
)  # fmt: skip
def test_unit_families(text: str, unit: str, factor: float) -> None:
    info = resolve_unit(text)
    assert info is not None, text
    assert (info.canonical_unit, info.factor) == (unit, pytest.approx(factor))


def test_per_operation_values_keep_their_base_unit() -> None:
    assert parse_quantity("4805 ns/op")[:5] == (4.805e-6, 4.805e-6, "exact", "s", "time")
    for text, unit in (("4805 ns/op", "s"), ("56 B/op", "B"), ("2 allocs/op", "count")):
        q = parse_quantity(text)
        assert (q.unit, q.per) == (unit, "per operation"), text


def test_a_per_operation_hint_marks_a_cell_with_its_own_unit() -> None:
    q = parse_quantity("3258 B", "B/op")
    assert (q.low, q.unit, q.per) == (3258, "B", "per operation")


@pytest.mark.parametrize(
    ("text", "hint", "seconds"),
    [("1,5", "sekundach", 1.5), ("250", "millisecondes", 0.25), ("2", "minutos", 120.0),
     ("0,75", "Sekunden", 0.75), ("3 segundos", None, 3.0)],
)  # fmt: skip
def test_time_units_in_other_languages(text: str, hint: str | None, seconds: float) -> None:
    q = parse_quantity(text, hint)
    assert (q.unit, q.low) == ("s", pytest.approx(seconds))


def test_a_unit_after_one_leading_word() -> None:
    q = parse_quantity("14,320 HTTP requests per second")
    assert (q.low, q.unit, q.note) == (14320, "req/s", "HTTP")


def test_prices_in_us_dollars() -> None:
    q = parse_quantity("$2.49/hr")
    assert (q.low, q.unit, q.note) == (2.49, "usd", "per hr")


@pytest.mark.parametrize(
    ("label", "hint"),
    [
        ("RPS[K]", "K RPS"), ("avg[ms]", "ms"), ("p90-ms", "ms"), ("Time, s", "s"),
        ("Energy, J", "J"), ("Memory, MiB (base)", "MiB"), ("Durée en ms", "ms"),
        ("Decompression Speed (GB/s)", "GB/s"), ("Latency p99 (ms)", "ms"),
        ("Requests/sec", "Requests/sec"), ("ns/op", "ns/op"), ("allocs/op", "allocs/op"),
        ("First Release", "release year"), ("Ratio", "Ratio"),
        ("pypistats downloads last month", None), ("GitHub Stars", None), ("Memory (RSS)", None),
        # "in" before the unit, in several languages, bracketed or not
        ("Response time (in ms)", "ms"), ("Build [in seconds]", "seconds"),
        ("Czas odpowiedzi w sekundach", "sekundach"), ("Tempo de resposta em ms", "ms"),
        ("Temps de chargement (en secondes)", "secondes"), ("Antwortzeit in Sekunden", "Sekunden"),
        ("Written in Rust", None), ("Made in USA", None),
    ],
)  # fmt: skip
def test_labels_state_units(label: str, hint: str | None) -> None:
    assert label_hint(label) == hint


def test_label_units_apply_only_where_the_claim_has_none() -> None:
    assert effective_hint("MB", "Memory (GiB)") == "MB"  # the header's own hint wins
    assert effective_hint("thousands", "RPS") == "thousands RPS"  # a scale takes the unit
    assert effective_hint(None, "RPS[K]") == "K RPS"
    assert parse_quantity("9.1", effective_hint(None, "RPS[K]"))[:4] == (
        9100,
        9100,
        "exact",
        "req/s",
    )
    assert parse_quantity("39.7s", effective_hint(None, "max[ms]")).low == 39.7  # the cell wins
    # a size under a label that names a rate is per second
    assert effective_hint("MB", "Throughput") == effective_hint(None, "Throughput (MB)") == "MB/s"
    assert effective_hint(None, "Memory (MB)") == "MB"


def _claim(number: int, **fields: object) -> dict[str, object]:
    row: dict[str, object] = {
        "claim_id": f"c{number}", "source": "page.md", "page_sha256": "0" * 64,
        "page_title": None, "entity_raw": "Alpha", "counterpart_raw": None,
        "label": "Widget spin rate", "unit_hint": None, "raw_value": "12", "role": "value",
        "location_kind": "table_cell", "locator": f"table 1 / row {number}", "row_key": None,
        "evidence": "", "value_start": -1, "conditions": None,
    }  # fmt: skip
    row.update(fields)
    return row


def _facts(*rows: dict[str, object]) -> pd.DataFrame:
    claims = pd.DataFrame(list(rows), columns=CLAIM_COLUMNS)
    result = normalize_claims(claims, normalizer=Normalizer(load_vocabulary()))
    assert result.quarantine.empty, result.quarantine.to_dict("records")
    FactModel.validate(result.facts)  # every new unit is a canonical one
    return result.facts.set_index("claim_id")


def test_unknown_labels_become_auto_metrics_comparable_with_themselves() -> None:
    facts = _facts(
        _claim(1, label="Widget spin rate (ms)", raw_value="12"),
        _claim(2, label="Widget spin rate", unit_hint="ms", raw_value="15", source="other.md"),
        _claim(3, label="Widget spin rate", raw_value="40"),
    )
    assert facts.loc["c1", "metric"] == facts.loc["c2", "metric"] == "auto:widget_spin_rate:time"
    assert facts.loc["c1", "unit"] == "s" and facts.loc["c1", "low"] == pytest.approx(0.012)
    assert facts.loc["c3", "metric"] == "auto:widget_spin_rate:count"  # another dimension


def test_conditions_become_the_qualifier() -> None:
    facts = _facts(
        _claim(1, conditions="16 threads; payload 1 KB"),
        _claim(2, conditions="Payload 1 KB;  16 Threads"),  # the same conditions, rewritten
        _claim(3, conditions="64 threads; payload 1 KB"),
        _claim(4),
    )
    assert (
        facts.loc["c1", "qualifier"] == facts.loc["c2", "qualifier"] == "16 threads; payload 1 kb"
    )
    assert facts.loc["c3", "qualifier"] != facts.loc["c1", "qualifier"]
    assert facts.loc["c4", "qualifier"] == ""


def test_metric_qualifier_per_operation_and_conditions_combine() -> None:
    facts = _facts(
        _claim(1, label="ns/op", raw_value="4805", conditions="GOMAXPROCS=4"),
        _claim(2, label="Latency p99 (ms)", raw_value="3.2", conditions="250 VUs"),
    )
    assert facts.loc["c1", "qualifier"] == "per operation; gomaxprocs=4"
    assert facts.loc["c1", "low"] == pytest.approx(4.805e-6) and facts.loc["c1", "unit"] == "s"
    assert facts.loc["c2", "metric"] == "latency"
    assert facts.loc["c2", "qualifier"] == "p99; 250 vus"


def test_versions_and_variants_split_off_entities() -> None:
    facts = _facts(
        _claim(1, entity_raw="PostgreSQL 16"),
        _claim(2, entity_raw="rust actix-web + sqlx 0.8"),
        _claim(3, entity_raw="Some Unknown Engine"),
    )
    assert tuple(facts.loc["c1", ["entity", "entity_qualifier"]]) == ("PostgreSQL", "16")
    assert tuple(facts.loc["c2", ["entity", "entity_qualifier"]]) == (
        "rust actix-web + sqlx",
        "0.8",
    )
    assert facts.loc["c3", "entity"] == "Some Unknown Engine"  # unknown names stay facts
    # another version or variant is another fact: the qualifier starts with it
    assert facts.loc["c1", "qualifier"] == "16" and facts.loc["c2", "qualifier"] == "0.8"
    assert facts.loc["c3", "qualifier"] == ""


def test_auto_metrics_keep_variant_brackets_and_drop_unit_brackets() -> None:
    facts = _facts(
        _claim(1, label="Widget build (no cache)", raw_value="7463ms"),
        _claim(2, label="Widget build (with cache)", raw_value="5267ms"),
        _claim(3, label="Widget build (ms)", raw_value="5267"),
    )
    assert facts["metric"].tolist() == [
        "auto:widget_build_no_cache:time",
        "auto:widget_build_with_cache:time",
        "auto:widget_build:time",
    ]


def test_new_units_reach_the_facts() -> None:
    facts = _facts(
        _claim(1, label="FP64", raw_value="~60 TFLOPS"),
        _claim(2, label="clock", raw_value="1410MHz"),
        _claim(3, label="Decompression Speed (GB/s)", raw_value="8.1"),
        _claim(4, label="TDP", raw_value="350W"),
    )
    assert facts["unit"].tolist() == ["FLOP/s", "Hz", "B/s", "W"]
    assert facts["low"].tolist() == pytest.approx([60e12, 1.41e9, 8.1e9, 350])
    assert facts.loc["c1", "bound"] == "approximate"


def test_bare_figures_take_the_metric_unit_only_when_its_scale_is_known() -> None:
    facts = _facts(
        _claim(1, label="Framework age", raw_value="13"),  # age_years: bare_unit = "years"
        _claim(2, label="Latency", raw_value="12"),  # ms or s? not guessed
        _claim(3, label="Requests per second", raw_value="9100"),  # a rate has one scale
    )
    assert (facts.loc["c1", "unit"], facts.loc["c1", "low"]) == ("s", 13 * 31_557_600)
    assert facts.loc["c2", "unit"] == "count" and facts.loc["c2", "metric"] == "latency"
    assert (facts.loc["c3", "unit"], facts.loc["c3", "low"]) == ("req/s", 9100)


def test_sentences_are_no_metric_names() -> None:
    facts = _facts(
        _claim(1, label="Our widget spins at about this many turns on a quiet day", raw_value="12"),
        _claim(2, label="Czas wykonania zapytań (ms)", raw_value="12"),
    )
    assert facts.loc["c1", "metric"] == "unmapped"
    assert facts.loc["c2", "metric"] == "auto:czas_wykonania_zapytań:time"  # any script


def test_percentiles_named_by_the_label_join_the_qualifier() -> None:
    facts = _facts(
        _claim(1, label="Latency p10", raw_value="1.79 s"),
        _claim(2, label="Latency p99.9", raw_value="25.56 s"),
        _claim(3, label="Latency p99", raw_value="20 s"),
        _claim(4, label="latency 99.9%", raw_value="3.2 ms"),  # a time metric's "99.9%"
    )
    assert facts["metric"].tolist() == ["latency"] * 4
    assert facts["qualifier"].tolist() == ["p10", "p99.9", "p99", "p99.9"]


def test_a_lone_dot_group_follows_the_page_number_style() -> None:
    facts = _facts(
        _claim(1, source="comma.md", label="Widget time (ms)", raw_value="12,5"),
        _claim(2, source="comma.md", label="Widget time (ms)", raw_value="1.234"),
        _claim(3, source="comma.md", label="Version", unit_hint="version", raw_value="2.210"),
        _claim(4, source="point.md", label="Widget time (ms)", raw_value="1.234"),
    )
    assert facts["low"].tolist()[:2] == pytest.approx([0.0125, 1.234])  # 1,234 ms
    assert facts.loc["c3", "unit"] == "version"  # a version stays a version
    assert facts.loc["c4", "low"] == pytest.approx(0.001234)  # decimal points: 1.234 ms


def test_dotted_versions_are_quarantined_with_a_reason() -> None:
    claims = pd.DataFrame([_claim(1, raw_value="14.2.0")], columns=CLAIM_COLUMNS)
    result = normalize_claims(claims, normalizer=Normalizer(load_vocabulary()))
    assert result.facts.empty
    assert "a version number" in result.quarantine.loc[0, "message"]


def test_prices_per_minute_and_sample_rates() -> None:
    q = parse_quantity("$0.048/min")
    assert (q.low, q.unit, q.note) == (0.048, "usd", "per min")
    q = parse_quantity("40 million samples/s")
    assert (q.low, q.unit) == (40e6, "req/s")
