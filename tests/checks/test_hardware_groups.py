"""Findings on groups of hardware pages (realacc5): spec sheets of one product on two sites,
percentages written on the wrong base, "up to" maxima, and the traps around them (a bus
width in bits, a memory's bandwidth row, an efficiency claim beside a speed claim).

Each page below is written for the test (figures echo real spec sheets, sentences do not)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_pages


def _raws(analysis: Analysis, finding: pd.Series) -> set[str]:
    facts = analysis.facts
    return set(facts.loc[facts["claim_id"].isin(finding["claim_ids"]), "raw_value"])


SPEC_TABLE = """# Card A9 vs Card A7

| Spec | Card A7 | Card A9 |
|---|---|---|
| Memory Size | 16 GB | 24 GB |
| Memory Bus | 256-bit | 384-bit |
| Memory Speed | 716.8 GB/s | 1,008 GB/s |
| TDP | 320 W | 450 W |
"""


def test_a_bus_width_and_a_bandwidth_row_are_no_memory_usage(tmp_path: Path) -> None:
    """'256-bit' is a width (a count of bits), not 32 B/s; a memory's speed or bus is not an
    amount of memory: the rows never conflict with 'Memory Size'."""
    analysis = analyze_pages(tmp_path, {"a.md": SPEC_TABLE})
    facts = analysis.facts.set_index("raw_value")
    assert facts.loc["256-bit", "unit"] == "count" and facts.loc["256-bit", "low"] == 256
    assert facts.loc["716.8 GB/s", "metric"] != "memory_usage"
    assert analysis.findings.empty


PRICES = """# Card A9 vs Card A7

The Card A9 costs $1,599, and the Card A7 costs $1,199, so the Card A7 is about 33.4% less
expensive than the Card A9.
"""


def test_a_percentage_on_the_wrong_base_is_flagged(tmp_path: Path) -> None:
    """$1,199 is 25.0 % below $1,599; 33.4 % is how far $1,599 is above $1,199."""
    analysis = analyze_pages(tmp_path, {"p.md": PRICES})
    mismatch = analysis.findings[analysis.findings["kind"] == "relation_mismatch"]
    assert len(mismatch) == 1
    assert {"about 33.4%", "$1,599", "$1,199"} <= _raws(analysis, mismatch.iloc[0])


def test_a_percentage_on_the_right_base_holds(tmp_path: Path) -> None:
    text = PRICES.replace("33.4%", "25%")
    analysis = analyze_pages(tmp_path, {"p.md": text})
    assert "relation_mismatch" not in set(analysis.findings["kind"])


APPOSITIVE = """# Card A9 vs Card A7

In our games the Card A9 did better than the Card A7. It averaged 133 FPS in ten games at 4K,
while the Card A7 averaged 107 FPS, a 24.3% speed boost.
"""


def test_an_appositive_after_a_while_clause_is_the_winners(tmp_path: Path) -> None:
    """The 24.3 % sums up the sentence (the A9 ahead, 133 against 107), not the A7's clause."""
    analysis = analyze_pages(tmp_path, {"g.md": APPOSITIVE})
    claims = analysis.claims.set_index("raw_value")
    assert claims.loc["24.3%", "entity_raw"].endswith("A9")
    assert analysis.findings.empty


EFFICIENT = """# Card A9 vs Card A7

On average the Card A9 draws 69 more watts than the Card A7, making the Card A7 23.3% more
efficient than the Card A9.
"""
FASTER = """# Card A9 vs Card A7

Across the board the Card A9 shows a 35% to 60% performance increase over the Card A7.
"""


def test_an_efficiency_claim_is_no_speed_claim(tmp_path: Path) -> None:
    """A7 more efficient and A9 faster both hold: efficiency is its own class of statement."""
    analysis = analyze_pages(tmp_path, {"e.md": EFFICIENT, "f.md": FASTER})
    assert "relation_mismatch" not in set(analysis.findings["kind"])


SSD_ONE = """# Drive Q vs Drive R

| Specification | Drive Q | Drive R |
|---|---|---|
| Random Read IOPS | Up to 1,600K | Up to 1,200K |
| Sequential Write Speed | Up to 6,900 MB/s | Up to 6,300 MB/s |
"""
SSD_TWO = """# Drive Q vs Drive R

| Specification | Drive Q | Drive R |
|---|---|---|
| Max Random Read IOPS | Up to 1,400K IOPS | Up to 1,200K IOPS |
| Max Sequential Write | Up to 6,900 MB/s | Up to 6,600 MB/s (2TB/4TB) |
"""


def test_two_sites_up_to_maxima_of_one_drive_disagree(tmp_path: Path) -> None:
    """'Up to 1,600K' and 'up to 1,400K' IOPS both state Drive Q's maximum: a conflict. The
    6,600 MB/s of the 2TB/4TB models is the maximum of those variants only: no conflict."""
    analysis = analyze_pages(tmp_path, {"s1.md": SSD_ONE, "s2.md": SSD_TWO})
    conflicts = analysis.findings[analysis.findings["kind"] == "conflict"]
    assert len(conflicts) == 1
    assert _raws(analysis, conflicts.iloc[0]) == {"Up to 1,600K", "Up to 1,400K IOPS"}


UP_TO = """# iPhone 14 Pro vs Galaxy S23 Ultra

The iPhone 14 Pro is up to 21 percent faster than the Galaxy S23 Ultra in single core performance.

The iPhone 14 Pro has a score of 1,874 in the single core test, while the Galaxy S23 Ultra's score stood at 1,480.
"""  # noqa: E501


def test_up_to_a_percentage_the_figures_exceed_is_flagged(tmp_path: Path) -> None:
    """1,874 against 1,480 is 26.6 % faster: more than "up to 21 percent" allows."""
    analysis = analyze_pages(tmp_path, {"u.md": UP_TO})
    assert list(analysis.findings["kind"]) == ["relation_mismatch"]
    text = UP_TO.replace("21 percent", "27 percent")
    (tmp_path / "ok").mkdir()
    analysis = analyze_pages(tmp_path / "ok", {"u.md": text})
    assert analysis.findings.empty
