"""checks.scale_slips: a figure a lost unit prefix puts out of its quantity's plausible range
('320 Hz' for a channel width). Figures are made up in the shape of real spec rows; figures
inside the range, other quantities, and values no single prefix explains never fire."""

from __future__ import annotations

import pandas as pd
from crosscheck.checks.scale_slips import find_scale_slips

from crosscheck.contracts import FindingKind

Row = tuple[str, str, str, float, str]  # entity, label, raw value, value, unit


def _facts(rows: list[Row], row_key: str | None = None) -> pd.DataFrame:
    texts = [f"| {r[1]} | {r[2]} |" for r in rows]
    return pd.DataFrame(
        {
            "claim_id": [f"c{i}" for i in range(len(rows))],
            "source": ["a.md"] * len(rows),
            "entity": [r[0] for r in rows],
            "metric": ["m"] * len(rows),
            "label": [r[1] for r in rows],
            "raw_value": [r[2] for r in rows],
            "low": [r[3] for r in rows],
            "high": [r[3] for r in rows],
            "unit": [r[4] for r in rows],
            "value_type": ["number"] * len(rows),
            "row_key": [row_key] * len(rows),
            "evidence": texts,
            "value_start": [t.find(r[2]) for t, r in zip(texts, rows, strict=True)],
        }
    )


def test_a_channel_width_in_hz_is_a_lost_prefix() -> None:
    rows: list[Row] = [
        ("Std A", "Channel width", "240 Hz", 240.0, "Hz"),
        ("Std B", "Channel width", "80 Hz", 80.0, "Hz"),
    ]
    findings = find_scale_slips(_facts(rows, row_key="t1r3"))
    assert [(f.kind, f.claim_ids) for f in findings] == [(FindingKind.UNIT_SCALE, ("c0", "c1"))]
    assert "MHz" in findings[0].explanation


def test_figures_in_range_or_of_other_quantities_are_left_alone() -> None:
    rows: list[Row] = [
        ("Std A", "Channel width", "240 MHz", 2.4e8, "Hz"),
        ("Panel X", "Refresh rate", "240 Hz", 240.0, "Hz"),  # no range for refresh rates
        ("Card Y", "Boost clock", "2.61 GHz", 2.61e9, "Hz"),
    ]
    assert find_scale_slips(_facts(rows)) == []


def test_a_clock_without_its_prefix_is_flagged_once_per_figure() -> None:
    rows: list[Row] = [("Card Y", "Boost clock", "2610 Hz", 2610.0, "Hz")]
    findings = find_scale_slips(_facts(rows))
    assert [f.claim_ids for f in findings] == [("c0",)]


def test_a_value_no_single_prefix_explains_is_not_flagged() -> None:
    # 2 Hz x 10^6 = 2 MHz and x 10^9 = 2 GHz both lie in a channel width's range: which?
    rows: list[Row] = [("Std A", "Channel width", "2 Hz", 2.0, "Hz")]
    assert find_scale_slips(_facts(rows)) == []
