"""Findings on unseen pages, fifth pass (checks/scenarios.py, checks/unit_labels.py): an
earlier state of a product is another measurement than its figure now; a figure read off a
tool's line with only its unit for a label names no metric to conflict on.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.findings import Finding
from crosscheck.checks.peaks import find_exceeded_peaks
from crosscheck.checks.scenarios import markers_of
from crosscheck.checks.unit_labels import unit_labelled

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_paths


def _analyze(tmp_path: Path, text: str) -> Analysis:
    page = tmp_path / "brokers.txt"
    page.write_text(text, encoding="utf-8")
    return analyze_paths([page], tmp_path / "store")


def _conflicts(analysis: Analysis) -> pd.DataFrame:
    findings = analysis.findings
    return findings[findings["kind"] == "conflict"]


REWRITE = (
    "Message brokers compared\n\n"
    "NATS was originally a hobby project and reached a modest 150k messages per second. "
    "The team rewrote it, and now it does 9 million messages per second.\n"
)

NO_HISTORY = (
    "Message brokers compared\n\n"
    "NATS was a hobby project and reached a modest 150k messages per second. "
    "The team tuned it, and now it does 9 million messages per second.\n"
)


def test_an_earlier_state_is_no_side_of_a_conflict(tmp_path: Path) -> None:
    analysis = _analyze(tmp_path, REWRITE)
    assert {"150k messages per second", "9 million messages per second"} <= set(
        analysis.facts["raw_value"]
    )
    assert _conflicts(analysis).empty, _conflicts(analysis)["explanation"].tolist()


def test_the_same_figures_without_an_earlier_state_still_conflict(tmp_path: Path) -> None:
    conflicts = _conflicts(_analyze(tmp_path, NO_HISTORY))
    assert list(conflicts["entity"]) == ["NATS"], conflicts["explanation"].tolist()


@pytest.mark.parametrize(
    ("sentence", "marker"),
    [
        ("It was originally built in Ruby and did 150k", "an earlier state"),
        ("Initially the cluster held 3 nodes", "an earlier state"),
        ("In its early days it served 2,000 users", "an earlier state"),
        ("It now serves 9 million messages", ""),
    ],
)
def test_earlier_state_markers(sentence: str, marker: str) -> None:
    assert markers_of(sentence) == marker


def _facts(
    raws: list[str], labels: list[str], metrics: list[str], rows: list[object]
) -> pd.DataFrame:
    return pd.DataFrame({"raw_value": raws, "label": labels, "metric": metrics, "row_key": rows})


def test_a_narrated_figure_labelled_by_its_own_unit_names_no_metric() -> None:
    df = _facts(
        ["140.45 MiB/s", "214.28 MiB/s]", "139.29 MiB/s", "12 ms", "1,200 req/s"],
        ["MiB/s", "MiB/s", "parser Avg", "ms", "Req/s"],
        ["auto:mib_s:data_rate"] * 2 + ["auto:parser_avg:data_rate", "latency", "auto:req_s:rate"],
        [None, None, None, None, "t1r1"],
    )
    # a mapped metric and a table column keep their figures; a real label keeps its figure
    assert unit_labelled(df).tolist() == [True, True, False, False, False]


TOOL_LINES = """serde_json_borrow: a borrowing JSON parser

We ran the crate's bench on a laptop.

serde_json Avg: 139.29 MiB/s Median: 139.53 MiB/s [134.51 MiB/s .. 140.45 MiB/s]
serde_json_borrow Avg: 210.33 MiB/s Median: 209.66 MiB/s [204.08 MiB/s .. 214.28 MiB/s]
"""


def test_figures_labelled_only_by_their_unit_do_not_conflict(tmp_path: Path) -> None:
    # both lines' last figures ("140.45 MiB/s]", "214.28 MiB/s]") are read apart from their
    # line and given to one entity: as figures of one metric "MiB/s" they conflicted
    conflicts = _conflicts(_analyze(tmp_path, TOOL_LINES))
    assert conflicts.empty, conflicts["explanation"].tolist()


def _rates(rows: list[tuple[str, str, str, float, str]]) -> pd.DataFrame:
    """Comparable rate figures: (page, entity, label, point, qualifier)."""
    return pd.DataFrame(
        {
            "claim_id": [f"c{i}" for i in range(len(rows))],
            "source": [r[0] for r in rows],
            "entity": [r[1] for r in rows],
            "metric": ["throughput"] * len(rows),
            "qualifier": [r[4] for r in rows],
            "unit": ["req/s"] * len(rows),
            "label": [r[2] for r in rows],
            "raw_value": [f"{r[3]:g}" for r in rows],
            "point": [r[3] for r in rows],
        }
    )


def _peaks(rows: list[tuple[str, str, str, float, str]]) -> list[Finding]:
    return find_exceeded_peaks(_rates(rows), CheckConfig())


SUMMARY = [("part1.md", "Ollama", "Tokens/Sec (Peak)", 68.4, "")]
RUNS = [
    ("part2.md", "Ollama", "Throughput (t/s)", 68.4, "1 concurrency"),
    ("part2.md", "Ollama", "Throughput (t/s)", 71.2, "2 concurrency"),
    ("part2.md", "Ollama", "Throughput (t/s)", 74.1, "8 concurrency"),
]


def test_a_peak_below_a_run_it_was_taken_from_is_flagged() -> None:
    findings = _peaks(SUMMARY + RUNS)
    assert [(f.kind, f.entity, f.scope) for f in findings] == [("logic", "Ollama", "cross_source")]
    assert "'74.1' (8 concurrency)" in findings[0].explanation
    assert sorted(findings[0].claim_ids) == ["c0", "c1", "c3"]


def test_a_higher_rate_elsewhere_without_the_peak_among_its_runs_is_not_flagged() -> None:
    # another page's own runs (other hardware): none of them is the peak's figure
    other = [(p, e, label, point + 3.0, q) for p, e, label, point, q in RUNS]
    assert _peaks(SUMMARY + other) == []
    # the runs the peak was taken from, with the peak the highest of them
    assert _peaks(SUMMARY + RUNS[:1]) == []


def test_a_peak_is_not_tied_by_a_short_figure_a_far_series_or_one_run() -> None:
    # "32" could be any page's figure: two significant digits tie no two pages
    short = [
        ("part1.md", "Ollama", "Tokens/Sec (Peak)", 32.0, ""),
        ("part2.md", "Ollama", "Throughput (t/s)", 32.0, "1 concurrency"),
        ("part2.md", "Ollama", "Throughput (t/s)", 34.0, "8 concurrency"),
    ]
    assert _peaks(short) == []
    # a run more than 1.5x the peak belongs to another series
    far = [*RUNS, ("part2.md", "Ollama", "Throughput (t/s)", 140.0, "64 concurrency")]
    assert _peaks(SUMMARY + far) == []
    # the same figure and a higher one of one run (one qualifier) are a conflict, not runs
    one_run = [(p, e, label, point, "1 concurrency") for p, e, label, point, _ in RUNS]
    assert _peaks(SUMMARY + one_run) == []


def test_two_variants_of_the_entity_are_no_runs_of_one() -> None:
    variants = _rates(SUMMARY + RUNS).assign(entity_qualifier=[None, "40GB", "40GB", "80GB"])
    assert find_exceeded_peaks(variants, CheckConfig()) == []
    assert len(find_exceeded_peaks(variants.assign(entity_qualifier=None), CheckConfig())) == 1
