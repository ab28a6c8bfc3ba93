"""Findings on unseen pages, eighth pass: a verdict whose sentence fronts its topic ("In terms
of charging, ...") pairs only with figures of that measure (checks/statement_topics.py); a
page's stated verdict against its other size of the same comparison (checks/verdict_sizes.py).

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from crosscheck.checks.statement_topics import topic_words
from crosscheck.checks.verdict_sizes import verdict_size_mismatches

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_pages


def _dir(root: Path, name: str) -> Path:
    (root / name).mkdir()
    return root / name


def _mismatches(analysis: Analysis) -> pd.DataFrame:
    findings = analysis.findings
    return findings[findings["kind"] == "relation_mismatch"]


RUNTIMES = """# Phone battery test

| Phone | Runtime (hours) |
|---|---|
| Galaxy S24 Ultra | 12.5 |
| iPhone 15 Pro Max | 10.3 |
| Pixel 8 Pro | 10.0 |

{sentence}
"""


def test_a_fronted_topic_keeps_a_verdict_off_another_measure(tmp_path: Path) -> None:
    # the verdict is about charging; the table measures how long each battery lasts
    sentence = (
        "In terms of charging, the Galaxy S24 Ultra with its 45W adapter is faster than the rest."
    )
    analysis = analyze_pages(tmp_path, {"battery.md": RUNTIMES.format(sentence=sentence)})
    assert len(analysis.relations) == 1  # the verdict is read
    assert _mismatches(analysis).empty, _mismatches(analysis)["explanation"].tolist()


def test_a_fronted_topic_keeps_a_sized_statement_off_another_measure(tmp_path: Path) -> None:
    sentence = "In terms of charging, the Galaxy S24 Ultra is 2x faster than the Pixel 8 Pro."
    analysis = analyze_pages(tmp_path, {"battery.md": RUNTIMES.format(sentence=sentence)})
    assert len(analysis.relations) == 1
    assert _mismatches(analysis).empty, _mismatches(analysis)["explanation"].tolist()


LATENCY = """# Runtime latency test

| Runtime | Latency (ms) |
|---|---|
| Bun | 14 |
| Node.js | 9 |
| Deno | 10 |

{sentence}
"""


def test_a_fronted_topic_naming_the_measure_still_pairs(tmp_path: Path) -> None:
    # the look-alike: the topic names the table's measure, which says the other way round
    sentence = "When it comes to latency, Bun is faster than the rest."
    analysis = analyze_pages(tmp_path, {"latency.md": LATENCY.format(sentence=sentence)})
    found = _mismatches(analysis)
    assert len(found) == 1, found["explanation"].tolist()
    assert "Bun" in found["entity"].iloc[0]


def test_topic_words() -> None:
    sentence = "In terms of charging too, the phone with the 45W adapter is faster than the rest."
    assert topic_words(sentence) == frozenset({"charg"})
    # generic topics name no measure; no marker, no topic
    assert topic_words("In terms of raw speed, Bun is faster than Node.js.") == frozenset()
    assert topic_words("Bun is faster than Node.js on cold starts.") == frozenset()
    # the entities' own words are no topic
    assert topic_words("As for Bun, it is faster.", frozenset({"bun"})) == frozenset()


TITLE = "# Bun is 5 times faster than Node.js\n\nWe served one JSON document from each runtime.\n\n"


def test_a_verdict_against_the_titles_size(tmp_path: Path) -> None:
    page = TITLE + "The verdict: Bun is 10x faster than Node.js.\n"
    found = _mismatches(analyze_pages(tmp_path, {"post.md": page}))
    assert len(found) == 1, found["explanation"].tolist()
    assert "verdict" in found["explanation"].iloc[0]


def test_sizes_within_rounding_or_without_a_verdict_pass(tmp_path: Path) -> None:
    within = TITLE + "The verdict: Bun is 5.5x faster than Node.js.\n"
    assert _mismatches(analyze_pages(_dir(tmp_path, "a"), {"post.md": within})).empty
    # no sentence says it states the page's result: sizes may differ with conditions
    plain = TITLE + "Bun is 10x faster than Node.js.\n"
    assert _mismatches(analyze_pages(_dir(tmp_path, "b"), {"post.md": plain})).empty


def _statement(raw: str, low: float, evidence: str, **more: object) -> dict[str, object]:
    row: dict[str, object] = {
        "relation_id": raw, "claim_id": raw, "source": "p.md", "a": "Bun", "a_raw": "Bun",
        "b": "Node.js", "b_raw": "Node.js", "metric": None, "phrase": "", "aspect": "speed",
        "direction": "higher", "low": low, "high": low, "bound": "exact", "raw_value": raw,
        "label": "faster", "evidence": evidence, "conditions": None, "locator": "",
    }  # fmt: skip
    row.update(more)
    return row


def test_verdict_sizes_read_only_sized_unconditioned_statements() -> None:
    verdict = _statement("10x", 10.0, "TL;DR: Bun is 10x faster than Node.js.")
    other = _statement("5 times", 5.0, "Bun is 5 times faster than Node.js.")
    assert len(verdict_size_mismatches(pd.DataFrame([verdict, other]))) == 1
    # a condition, a bound, an opposite direction or another page leaves them apart
    for changed in (
        {"conditions": "cold start"},
        {"bound": "at_most"},
        {"low": 0.2, "high": 0.2},
        {"source": "q.md"},
    ):
        rows = pd.DataFrame([verdict, {**other, **changed}])
        assert verdict_size_mismatches(rows) == [], changed
    # two verdicts that disagree among themselves state no one result
    second = _statement("3x", 3.0, "In short, Bun is 3x faster than Node.js.")
    assert verdict_size_mismatches(pd.DataFrame([verdict, second, other])) == []
