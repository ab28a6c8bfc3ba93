"""Findings on unseen pages, tenth pass: result lines that state their winner's margin
("Go 15x" beside two times) read as the winner's lead, and never set against another line's
margin (checks/statement_readings.is_margin, checks/statement_pairs); two pages that agree
who leads but state leads far apart in size (checks/stated_sizes.py).

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_pages

MARGINS = """Language shoot-out

RESULTS
Parse JSON    Rust: 30ms    Go: 75ms    Rust {parse}
Cold start    Rust: 3ms     Go: 1ms     Go 3x
Build         Rust: 60s     Go: 5s      Go 12x
"""


def _mismatches(analysis: Analysis) -> pd.DataFrame:
    found = analysis.findings
    return found[found["kind"] == "relation_mismatch"]


def test_result_line_margins_that_hold_give_no_finding(tmp_path: Path) -> None:
    analysis = analyze_pages(tmp_path, {"langs.txt": MARGINS.format(parse="2.5x")})
    assert analysis.findings.empty, analysis.findings["explanation"].tolist()


def test_a_margin_its_line_does_not_give_is_flagged_once(tmp_path: Path) -> None:
    analysis = analyze_pages(tmp_path, {"langs.txt": MARGINS.format(parse="9x")})
    found = analysis.findings
    assert len(found) == 1  # by the line's own figures (30 vs 75 ms give 2.5x), not the others
    assert "'9x'" in found["explanation"].iloc[0]


LEAD = (
    "At 4K with maximum settings, the RTX 4090 delivers {lead} higher frame rates than the "
    "RTX 4080.\n"
)
OTHER = (
    "Across the board, the RTX 4090 shows a {lead} performance increase over the RTX 4080 "
    "in {where}.\n"
)


def _sizes(analysis: Analysis) -> pd.DataFrame:
    found = _mismatches(analysis)
    return found[found["explanation"].str.contains("agree on who leads")]


def test_two_pages_stating_leads_far_apart_are_flagged(tmp_path: Path) -> None:
    pages = {
        "a.txt": "# GPUs\n\n" + LEAD.format(lead="15-25%"),
        "b.txt": "# GPUs\n\n" + OTHER.format(lead="35% to 60%", where="practical scenarios"),
    }
    found = _sizes(analyze_pages(tmp_path, pages))
    assert len(found) == 1
    assert found["scope"].iloc[0] == "cross_source" and found["severity"].iloc[0] == "low"


def test_leads_that_overlap_or_name_other_conditions_are_not(tmp_path: Path) -> None:
    near = {
        "a.txt": "# GPUs\n\n" + LEAD.format(lead="15-25%"),
        "b.txt": "# GPUs\n\n" + OTHER.format(lead="about 28%", where="practical scenarios"),
    }
    (tmp_path / "near").mkdir()
    assert _sizes(analyze_pages(tmp_path / "near", near)).empty
    other = {
        "a.txt": "# GPUs\n\n" + LEAD.format(lead="15-25%"),
        "b.txt": "# GPUs\n\n" + OTHER.format(lead="35% to 60%", where="1080p games"),
    }
    (tmp_path / "other").mkdir()
    assert _sizes(analyze_pages(tmp_path / "other", other)).empty


SPECS = """# Three cards

| Spec | Card A | Card B | Card C |
|---|---|---|---|
| CUDA cores | 16,384 | 12,288 | 9,728 |
| Memory size | {memory} | {memory} | 16 GB |
"""


def test_two_cards_sharing_a_memory_step_are_no_copied_column(tmp_path: Path) -> None:
    # memory comes in steps (a power of two or three times one): 24 GB twice is chance
    analysis = analyze_pages(tmp_path, {"cards.md": SPECS.format(memory="24 GB")})
    assert analysis.findings[analysis.findings["kind"] == "identical_columns"].empty


def test_a_size_off_the_steps_shared_is_still_a_copy(tmp_path: Path) -> None:
    analysis = analyze_pages(tmp_path, {"cards.md": SPECS.format(memory="22 GB")})
    assert len(analysis.findings[analysis.findings["kind"] == "identical_columns"]) == 1


PRICES = """Launch prices

The iPhone 15 Pro Max gets a {change}. The iPhone 15 Pro Max now has a $1,199 price tag.
"""


def test_a_price_hike_is_a_difference_not_a_price(tmp_path: Path) -> None:
    analysis = analyze_pages(tmp_path, {"prices.txt": PRICES.format(change="$100 price hike")})
    assert analysis.findings[analysis.findings["kind"] == "conflict"].empty


RATES = """# Fastify vs Express: {title}

| Framework | Requests/sec |
|---|---|
| Fastify | 4,920 |
| Express | 1,680 |

Fastify is {lead} faster than Express on requests per second.
"""


def test_a_lead_its_own_page_contradicts_is_that_pages_finding_only(tmp_path: Path) -> None:
    # 4,920 / 1,680 is 2.9x: the "10x" page is wrong by its own table, which the per-page
    # relation check flags; a second finding setting it against the other page's lead says
    # nothing more
    pages = {
        "a.md": RATES.format(title="benchmark 2026", lead="10x"),
        "b.md": RATES.format(title="a comparison", lead="2.3-3.7x"),
    }
    analysis = analyze_pages(tmp_path, pages)
    assert _sizes(analysis).empty
    found = _mismatches(analysis)
    assert found["explanation"].str.contains("'10x'").any()
