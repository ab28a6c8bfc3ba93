"""Prose scenarios (checks/scenarios.py): a page that narrates two benchmarks in prose gives
one entity several figures of one metric; figures of different stated conditions or of another
run of the same result set are not a same-page conflict, while one changed figure still is.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from crosscheck.checks.scenarios import markers_of, with_scenarios

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_paths


def _analyze(tmp_path: Path, text: str) -> Analysis:
    page = tmp_path / "runtimes.txt"
    page.write_text(text, encoding="utf-8")
    return analyze_paths([page], tmp_path / "store")


def _conflicts(analysis: Analysis) -> pd.DataFrame:
    findings = analysis.findings
    return findings[(findings["kind"] == "conflict") & (findings["scope"] == "same_page")]


TWO_RUNS = """Server runtimes compared

Vendor charts show Bun serving 52,000 req/sec, Deno 29,000 req/sec and Node.js 14,000 req/sec.
Those figures come from an empty route.

A second team built a shop with a database behind it.
Their numbers: Bun 12,400 req/sec, Deno 12,400 req/sec and Node.js 12,000 req/sec.
"""


def test_a_result_set_reported_twice_with_most_figures_changed_is_two_runs(
    tmp_path: Path,
) -> None:
    analysis = _analyze(tmp_path, TWO_RUNS)
    figures = set(analysis.facts["raw_value"])
    assert {"52,000 req/sec", "12,400 req/sec"} <= figures, figures
    assert _conflicts(analysis).empty, _conflicts(analysis)["explanation"].tolist()


ONE_SLIP = """Server runtimes compared

Our run gave Bun 52,000 req/sec, Deno 29,000 req/sec and Node.js 14,000 req/sec.
Later on the same run: Bun 12,400 req/sec, Deno 29,000 req/sec and Node.js 14,000 req/sec.
"""


def test_one_changed_figure_of_a_repeated_result_set_is_still_a_conflict(tmp_path: Path) -> None:
    conflicts = _conflicts(_analyze(tmp_path, ONE_SLIP))
    assert list(conflicts["entity"]) == ["Bun"], conflicts["explanation"].tolist()
    assert conflicts["severity"].iloc[0] == "medium"  # prose figures: less sure than a table


PIPELINE = """Key-value stores

Dragonfly served 3.8M QPS on our largest machine.

In pipeline mode `--pipeline=30`, Dragonfly reaches 15M QPS.
"""


def test_a_sentence_naming_other_conditions_is_another_measurement(tmp_path: Path) -> None:
    analysis = _analyze(tmp_path, PIPELINE)
    assert {"3.8M QPS", "15M QPS"} <= set(analysis.facts["raw_value"])
    assert _conflicts(analysis).empty, _conflicts(analysis)["explanation"].tolist()


SAME_WORDS = """Key-value stores

Dragonfly served 3.8M QPS on our largest machine.

Dragonfly served 15M QPS on that machine as well.
"""


def test_two_sentences_without_conditions_still_conflict(tmp_path: Path) -> None:
    conflicts = _conflicts(_analyze(tmp_path, SAME_WORDS))
    assert list(conflicts["entity"]) == ["Dragonfly"], conflicts["explanation"].tolist()


def test_markers_name_flags_modes_instances_and_loads_but_not_plain_words() -> None:
    assert markers_of("In pipeline mode `--pipeline=30`, X reaches 15M QPS for GET") == (
        "--pipeline=30; for get; in pipeline mode"
    )
    assert markers_of("on a c6gn.16xlarge with 64 connections") == "64 connections; c6gn.16xlarge"
    # "production" as a word of praise names no test
    assert markers_of("15+ years of production stability with 68,000+ stars") == ""


def test_table_figures_keep_the_empty_scenario() -> None:
    df = pd.DataFrame(
        {
            "source": ["p"] * 2,
            "entity": ["A", "A"],
            "metric": ["throughput"] * 2,
            "row_key": ["t1r1", None],
            "evidence": ["| A | 10 | --threads 4 |", "with 8 threads A does 12"],
            "cmp_lo": [9.0, 11.0],
            "cmp_hi": [11.0, 13.0],
        }
    )
    scenarios = with_scenarios(df, ["source", "metric"])["scenario"].tolist()
    assert scenarios == ["", "8 threads"]


@pytest.mark.parametrize(
    ("sentence", "marker"),
    [
        ("Parsing payload.json takes 3 ms", "payload.json"),
        ("On the Silesia corpus it packs 510 MB/s", "on the silesia corpus"),
        ("A cold start on AWS Lambda costs 156 ms", "on aws lambda"),
        ("A box with 32 GB of RAM served it", "32 gb of ram"),
        ("In-memory it is 5x faster", "in memory"),
        ("in memory it is 5x faster", "in memory"),
        ("Over TCP the gap is 2x", "over tcp"),
        ("Redis 7.0 handled 1M ops", ""),
        ("The vendor claims 52,000 req/s", "claimed by a third party"),
        ("According to its site it serves 9,000", "claimed by a third party"),
        ("The most popular framework by far", ""),
    ],
)
def test_markers_of_data_sets_platforms_and_transports(sentence: str, marker: str) -> None:
    assert markers_of(sentence) == marker


def _table_rows(values: dict[str, list[float]]) -> pd.DataFrame:
    """One metric of three entities in as many tables as each entity has values."""
    rows = []
    for entity, figures in values.items():
        for t, value in enumerate(figures, 1):
            rows.append(
                {
                    "source": "p",
                    "entity": entity,
                    "metric": "queries_per_second",
                    "row_key": f"t{t}r{entity}",
                    "evidence": f"| {entity} | {value} |",
                    "locator": f"table {t} (entities as rows) / row 1 / column QPS",
                    "cmp_lo": value * 0.99,
                    "cmp_hi": value * 1.01,
                }
            )
    return pd.DataFrame(rows)


def test_a_table_repeated_with_most_figures_changed_is_another_run() -> None:
    df = _table_rows({"Alpha": [312.5, 1728.3], "Beta": [290.6, 1785.3], "Gamma": [158.0, 359.8]})
    scenarios = dict(
        zip(df["row_key"], with_scenarios(df, ["source", "metric"])["scenario"], strict=True)
    )
    assert {k: v for k, v in scenarios.items() if k.startswith("t1")} == dict.fromkeys(
        ["t1rAlpha", "t1rBeta", "t1rGamma"], ""
    )
    assert {scenarios[k] for k in ("t2rAlpha", "t2rBeta", "t2rGamma")} == {"table run 1"}


def test_a_repeated_table_with_one_changed_figure_stays_in_its_run() -> None:
    df = _table_rows({"Alpha": [312.5, 312.5], "Beta": [290.6, 290.6], "Gamma": [158.0, 259.0]})
    assert set(with_scenarios(df, ["source", "metric"])["scenario"]) == {""}
