"""One spec spelled two ways: a spec table's 'Battery' row and the prose's 'battery capacity'
on one page, a 'Display resolution, long side' row and another page's 'Resolution, long side'
under a 'Display' heading. The conflict rule meets them once their words are compared without
the measure words; labels that differ by a word naming a variant (PnP, HTTPS) stay apart.
Figures echo real phone and package-manager pages; labels and sentences are made up."""

from __future__ import annotations

import pandas as pd
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.run import run_checks
from crosscheck.checks.spelled_specs import canonical_spec

from crosscheck.contracts import FACT_COLUMNS, PAGE_COLUMNS


def _fact(at: int, source: str, label: str, raw: str, value: float, **kw: str) -> dict:
    kind = kw.get("kind", "table_cell")
    evidence = f"| {label} | {raw} |" if kind == "table_cell" else f"It has a {label} of {raw}."
    slug = label.lower().replace(",", "").replace(" ", "_")
    row: dict = {c: None for c in FACT_COLUMNS}
    row.update(
        claim_id=f"c{at}",
        source=source,
        page_sha256=source,
        entity_raw="Phone X",
        label=label,
        raw_value=raw,
        role="value",
        location_kind=kind,
        locator=f"table 1 / row {at}" if kind == "table_cell" else f"paragraph {at} sentence at 0",
        row_key=f"r{at}" if kind == "table_cell" else None,
        evidence=evidence,
        value_start=evidence.find(raw),
        entity="Phone X",
        metric=f"auto:{slug}:{kw.get('dimension', 'charge')}",
        qualifier=kw.get("qualifier", ""),
        value_type="numeric",
        low=value,
        high=value,
        bound="exact",
        unit=kw.get("unit", "mAh"),
        dimension=kw.get("dimension", "charge"),
        repairs=0,
    )
    return row


def _findings(rows: list[dict]) -> pd.DataFrame:
    facts = pd.DataFrame(rows)
    return run_checks(facts, pd.DataFrame(columns=PAGE_COLUMNS), CheckConfig()).findings


def test_a_spec_table_row_and_its_prose_under_a_measure_word_conflict() -> None:
    found = _findings(
        [
            _fact(1, "p.md", "Battery", "5,000 mAh", 5000),
            _fact(2, "p.md", "battery capacity", "3,274mAh", 3274, kind="prose"),
        ]
    )
    assert found["kind"].tolist() == ["conflict"]
    said = found["explanation"].iloc[0]
    assert "named 'battery' (\u201c| Battery | 5,000 mAh |\u201d) and 'battery capacity'" in said
    assert "It has a battery capacity of 3,274mAh." in said  # both sides' own words


def test_one_battery_spelled_two_ways_within_tolerance_is_no_conflict() -> None:
    found = _findings(
        [
            _fact(1, "p.md", "Battery", "3,274 mAh", 3274),
            _fact(2, "p.md", "battery capacity", "3,300mAh", 3300, kind="prose"),
        ]
    )
    assert found.empty


def test_a_heading_as_qualifier_on_one_page_and_in_the_label_on_another_conflict() -> None:
    common = {"unit": "count", "dimension": "count"}
    found = _findings(
        [
            _fact(1, "a.md", "Display resolution, long side", "2796", 2796, **common),
            _fact(2, "b.md", "Resolution, long side", "2000", 2000, qualifier="display", **common),
        ]
    )
    assert found["scope"].tolist() == ["cross_source"]
    assert "under 'display'" in found["explanation"].iloc[0]


def test_labels_apart_by_a_variant_word_are_other_specs() -> None:
    common = {"unit": "s", "dimension": "time"}
    found = _findings(
        [
            _fact(1, "a.md", "install", "7.1s", 7.1, **common),
            _fact(2, "a.md", "install pnp", "2.9s", 2.9, kind="prose", **common),
            _fact(3, "b.md", "Result", "57000", 57000, qualifier="scenario: http", **common),
            _fact(4, "b.md", "Result", "46000", 46000, qualifier="scenario: https", **common),
        ]
    )
    # (the plain conflict rule may still compare HTTP and HTTPS rows of one key as scenarios)
    assert not found["explanation"].str.contains("The spec is named").any()


def test_the_canonical_key_keeps_conditions_with_numbers_and_drops_measure_words() -> None:
    assert canonical_spec("auto:battery_capacity:charge", "") == ("auto:battery:charge", "")
    assert canonical_spec("auto:resolution_long_side:count", "display; 100 vus") == (
        "auto:display_long_resolution_side:count",
        "100 vus",
    )
    assert canonical_spec("auto:capacity:charge", None) == ("auto:capacity:charge", "")
    assert canonical_spec("latency", "display") is None  # a named metric keeps its key
    assert canonical_spec("auto:6900_mb_s:data_rate", "") is None  # the label names its value
