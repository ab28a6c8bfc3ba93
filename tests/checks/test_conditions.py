"""Figures under different conditions are different facts: never a conflict (issue 16)."""

from __future__ import annotations

from crosscheck.checks import CheckConfig
from crosscheck.checks.conflict import find_conflicts
from crosscheck.checks.summary import find_summaries_outside_tables

from tests.reconcile.facts_factory import fact, facts_frame


def _rows(conditions: tuple[str | None, str | None]):
    rows = [
        fact("bench.txt", "Express.js", "throughput", 14800, qualifier="", raw="14,800 req/s"),
        fact("bench.txt", "Express.js", "throughput", 11100, qualifier="zod", raw="11,100 req/s"),
    ]
    frame = facts_frame(rows)
    frame["conditions"] = list(conditions)
    return frame


def test_a_qualifier_made_of_conditions_is_no_side_to_compare() -> None:
    found = find_conflicts(_rows((None, "with Zod validation")), CheckConfig())
    assert found == []


def test_label_qualifiers_are_still_compared() -> None:
    found = find_conflicts(_rows((None, None)), CheckConfig())
    assert len(found) == 1 and "different qualifiers" in found[0].explanation


def _summary_page(summary: float):
    rows = [
        fact(
            "cloud.txt",
            "Express.js",
            "throughput",
            summary,
            raw=f"{summary:,.0f} requests per second",
        ),
        fact(
            "cloud.txt",
            "Express.js",
            "throughput",
            14800,
            qualifier="benchmark 1",
            raw="14,800 req/s",
        ),
        fact("cloud.txt", "Express.js", "throughput", 11100, qualifier="zod", raw="11,100 req/s"),
    ]
    frame = facts_frame(rows)
    frame["conditions"] = [None, "plain JSON (Benchmark 1)", "with Zod validation"]
    return frame


def test_a_summary_outside_every_measured_condition_is_flagged() -> None:
    found = find_summaries_outside_tables(_summary_page(50000), CheckConfig())
    assert len(found) == 1
    assert "50,000 requests per second" in found[0].explanation
    assert "11,100" in found[0].explanation or "14,800" in found[0].explanation


def test_a_summary_inside_the_measured_range_is_not() -> None:
    assert find_summaries_outside_tables(_summary_page(12000), CheckConfig()) == []


def test_two_figures_of_one_cell_are_variants_not_a_conflict() -> None:
    rows = [
        fact("gpu.md", "A100", "memory_usage", 40e9, unit="B", raw="40GB/80GB HBM2e"),
        fact("gpu.md", "A100", "memory_usage", 80e9, unit="B", raw="40GB/80GB HBM2e"),
    ]
    frame = facts_frame(rows)
    frame["locator"] = "table 1 / row 4 / column A100"
    assert find_conflicts(frame, CheckConfig()) == []
    frame.loc[1, "locator"] = "table 2 / row 1 / column A100"
    assert len(find_conflicts(frame, CheckConfig())) == 1


def test_a_comparing_sentence_read_as_one_entitys_two_values_is_no_conflict() -> None:
    sentence = "Alpha serves 48,210 QPS compared to 9,870 QPS for Beta."
    rows = [
        fact("db.md", "Alpha", "queries_per_second", 48210, raw="48,210 QPS"),
        fact("db.md", "Alpha", "queries_per_second", 9870, raw="9,870 QPS"),
    ]
    frame = facts_frame(rows)
    frame["evidence"] = sentence
    assert find_conflicts(frame, CheckConfig()) == []
    frame["evidence"] = ["Alpha serves 48,210 QPS.", "Alpha serves 9,870 QPS on the old box."]
    assert len(find_conflicts(frame, CheckConfig())) == 1
