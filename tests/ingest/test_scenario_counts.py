"""Counts that set up a scenario or a plan's size are conditions, not figures
(ingest/scenario_counts.py); a plan's own limit and a frame rate stay figures.
Pages are written for the test with invented names (figures reused)."""

from __future__ import annotations

from crosscheck.ingest.scenario_counts import scenario_count

from tests.ingest.parsing import parse_snapshot_text


def test_scenario_counts_are_conditions() -> None:
    assert scenario_count("10,000", "that costs $300/mo — if ", " of those are dead")
    assert scenario_count("10", "If ", " projects share one store")
    assert scenario_count("30,000", "That is the rule. At ", " contacts on Postly you pay")
    assert scenario_count("1k", "Creator: $25/month (", " subs), Pro: $50")


def test_look_alikes_stay_figures() -> None:
    assert not scenario_count("194", "the game ran at ", " FPS on average")
    assert not scenario_count("500", "Free plan: ", " contacts")
    assert not scenario_count("2,500", "Up to ", " subscribers")
    assert not scenario_count("4x", "if ", " faster")


def test_a_pricing_page_keeps_the_price_and_drops_the_list_size() -> None:
    text = (
        "Postly vs Mailnest\n\n"
        "At 30,000 contacts on Postly Standard you are paying $300/mo; if 10,000 of those "
        "are dead, that is a $100/mo tax.\n"
        "Mailnest Creator: $25/month (1k subs), and its free plan holds 500 contacts.\n"
    )
    raws = {c["raw_value"] for c in parse_snapshot_text(text).claims}
    assert {"$300", "$100", "$25"} <= raws
    assert not {"30,000", "10,000", "1k"} & raws
