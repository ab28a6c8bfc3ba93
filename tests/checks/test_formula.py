"""A score formula against the page's stated maximum (checks/formula.py): "(% × 1 000)"
beside "a maximum score of 10 000" is a logic finding; a formula that gives the maximum, or a
figure times a number, is not.

Sentences are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

import pytest
from crosscheck.checks.formula import find_formula_vs_maximum, percent_factor, stated_maximum

from crosscheck.contracts import FindingKind, Severity
from tests.reconcile.facts_factory import fact, facts_frame

MAXIMUM = "Every test can earn a maximum score of 10 000 at each concurrency level."


def _page(formula: str, maximum: str = MAXIMUM):
    rows = []
    for sentence, raw in ((maximum, "10 000"), (formula, "1 000")):
        row = fact(
            "method.txt",
            "PHP",
            "auto:score:score",
            float(raw.replace(" ", "")),
            unit="score",
            raw=raw,
        )
        row["evidence"] = sentence
        rows.append(row)
    return facts_frame(rows)


def test_a_formula_that_cannot_give_the_maximum_is_flagged() -> None:
    found = find_formula_vs_maximum(_page("The score is the share of the best result (% * 1 000)."))
    assert len(found) == 1
    finding = found[0]
    assert finding.kind is FindingKind.LOGIC and finding.severity is Severity.MEDIUM
    assert "100,000" in finding.explanation and "10,000" in finding.explanation
    assert len(finding.claim_ids) == 2


@pytest.mark.parametrize(
    "formula",
    [
        "The score is the share of the best result (% * 100).",  # 100 % × 100 = 10 000
        "Scores grew 5% * 2 times this year.",  # a figure times a number, no formula
        "The score is the share of the best result, times 1 000.",  # no symbol: not read
    ],
)
def test_look_alikes_are_not_flagged(formula: str) -> None:
    assert find_formula_vs_maximum(_page(formula)) == []


def test_formula_and_maximum_readings() -> None:
    assert percent_factor("points = (% × 1 000)") == 1000
    assert percent_factor("a 5 % * 3 rise") is None
    assert stated_maximum("a maximum score of 10 000 per level") == 10000
    assert stated_maximum("rated out of 100") == 100
    assert stated_maximum("no ceiling is stated") is None
