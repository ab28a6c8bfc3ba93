"""Findings on unseen pages (realfind3): a figure and its bracketed conversion in one phrase
that disagree; each with a look-alike that is no finding.

Each page below is written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from crosscheck.checks.unit_pairs import find_unit_pair_slips

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_pages


def _unit_pairs(analysis: Analysis) -> pd.DataFrame:
    found = analysis.findings
    return found[found["explanation"].str.contains("written with its conversion", regex=False)]


ROAD = """Kia EV6 long-term test

We drove the Kia EV6 for a month of commutes and one long trip.

{sentence}

On the motorway the Kia EV6 returned 149 miles (240km) between two chargers.
"""


def test_a_wrong_conversion_in_one_phrase_is_flagged(tmp_path: Path) -> None:
    page = ROAD.format(sentence="Its rated range is a 310-mile (436km) figure on the label.")
    found = _unit_pairs(analyze_pages(tmp_path, {"ev.txt": page}))
    assert len(found) == 1
    assert "'310-mile'" in found["explanation"].iat[0]
    assert "'436km'" in found["explanation"].iat[0]


def test_rounded_conversions_are_no_finding(tmp_path: Path) -> None:
    page = ROAD.format(sentence="Its rated range is a 310-mile (499km) figure on the label.")
    found = _unit_pairs(analyze_pages(tmp_path, {"ev.txt": page}))
    assert found.empty  # 149 mi is 239.8 km, 310 mi is 498.9 km


def test_another_page_says_which_side_to_believe(tmp_path: Path) -> None:
    wrong = ROAD.format(sentence="Its rated range is a 310-mile (436km) figure on the label.")
    other = "Kia EV6 range\n\nThe Kia EV6 is rated for 499 km on one charge.\n"
    found = _unit_pairs(analyze_pages(tmp_path, {"ev.txt": wrong, "fr.txt": other}))
    assert len(found) == 1
    assert "believe it, '436km' is the slip" in found["explanation"].iat[0]


_SENTENCE = "A 310-mile (436km) range, or 12 ms (12 s) of jitter."


def _frame(rows: list[tuple[str, str, float, int]]) -> pd.DataFrame:
    sentence = _SENTENCE
    return pd.DataFrame(
        [
            {
                "claim_id": f"c{n}",
                "source": "p.txt",
                "entity": "Car",
                "metric": "unmapped",
                "raw_value": raw,
                "unit": unit,
                "low": value,
                "high": value,
                "evidence": sentence,
                "value_start": start,
                "role": "value",
            }
            for n, (raw, unit, value, start) in enumerate(rows)
        ]
    )


def test_two_figures_of_one_unit_or_other_quantities_are_no_pair() -> None:
    # the same unit word twice is no conversion; different quantities never pair
    at = _SENTENCE.find
    ms_s = _frame([("12 ms", "s", 0.012, at("12 ms")), ("12 s", "s", 12.0, at("12 s"))])
    assert len(find_unit_pair_slips(ms_s)) == 1  # ms and s differ: a (wrong) conversion
    same = _frame([("12 ms", "s", 0.012, at("12 ms")), ("12 s", "s", 0.012, at("12 s"))])
    assert find_unit_pair_slips(same) == []  # they agree
    mile, km = ("310-mile", "m", 498896.64, at("310")), ("436km", "s", 436.0, at("436"))
    assert find_unit_pair_slips(_frame([mile, km])) == []  # other quantities
    apart = _frame([mile, ("12 ms", "m", 436000.0, at("12 ms"))])
    assert find_unit_pair_slips(apart) == []  # not side by side


BROWSERS = """Chrome, Safari and Firefox on a Mac

{lead} the new build of Chrome is 7% faster than Safari. In addition, the Speedometer \
benchmark gave Chrome a higher score (300 points) than any other browser.

Curious, I ran Speedometer on an older iMac of the office.

First of all, the score of Chrome is 167 points.

Safari scored 183 points.
"""


def _score_conflicts(analysis: Analysis) -> int:
    found = analysis.findings
    chrome = found["entity"].astype(str).str.contains("Chrome", regex=False)
    return int(((found["kind"] == "conflict") & chrome).sum())


def test_a_paragraph_reporting_a_vendor_claim_is_another_scenario(tmp_path: Path) -> None:
    page = BROWSERS.format(lead="According to Google,")
    assert _score_conflicts(analyze_pages(tmp_path, {"browsers.txt": page})) == 0


def test_the_same_paragraph_in_the_writer_s_words_is_still_flagged(tmp_path: Path) -> None:
    page = BROWSERS.format(lead="On paper,")
    assert _score_conflicts(analyze_pages(tmp_path, {"browsers.txt": page})) == 1
