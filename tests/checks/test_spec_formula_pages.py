"""checks.spec_formulas end to end on a spec table written for the test (figures echo real GPU
and SSD spec pages): a sequential read above its own interface bandwidth and a memory bandwidth
its bus width and per-pin rate do not give are flagged; figures that hold are not."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.analysis import analyze_pages

TABLE = """# Card A vs Card B

| Spec | Card A | Card B |
|---|---|---|
| Memory Bus | 256-bit | 384-bit |
| Memory Speed | 22.4 Gbps | 21 Gbps |
| Memory Bandwidth | {bandwidth} | 1008 GB/s |
| Interface Bandwidth | {link} | 64 Gb/s |
| Sequential Read | 7450 MB/s | 7000 MB/s |
"""


def _formula_findings(tmp_path: Path, bandwidth: str, link: str) -> pd.DataFrame:
    page = TABLE.format(bandwidth=bandwidth, link=link)
    found = analyze_pages(tmp_path, {"cards.md": page}).findings
    return found[found["explanation"].str.contains("bandwidth = |within the interface")]


def test_figures_that_hold_give_no_formula_finding(tmp_path: Path) -> None:
    assert _formula_findings(tmp_path, "716.8 GB/s", "64 Gb/s").empty


def test_a_read_above_the_link_and_a_copied_bandwidth_are_flagged(tmp_path: Path) -> None:
    found = _formula_findings(tmp_path, "1008 GB/s", "16 Gb/s")
    assert sorted(zip(found["kind"], found["entity"], strict=True)) == [
        ("diff_mismatch", "Card A"),
        ("logic", "Card A"),
    ]


ENDURANCE = """# Drive A vs Drive B endurance

| Spec | Drive A | Drive B |
|---|---|---|
| Capacity | 2 TB | 1 TB |
| Endurance | 1200 TB | 600 TB |
| Warranty | 5 years | 5 years |
| DWPD | {dwpd} | 0.33 |
"""


def test_a_dwpd_its_tbw_capacity_and_warranty_rule_out_is_flagged(tmp_path: Path) -> None:
    found = analyze_pages(tmp_path, {"drives.md": ENDURANCE.format(dwpd="0.66")}).findings
    assert found["entity"].tolist() == ["Drive A"]
    assert "drive writes per day = TBW / (capacity x warranty days)" in found["explanation"].iloc[0]


def test_dwpd_that_the_tbw_gives_is_not_flagged(tmp_path: Path) -> None:
    found = analyze_pages(tmp_path, {"drives.md": ENDURANCE.format(dwpd="0.33")}).findings
    assert found.empty, found["explanation"].tolist()
