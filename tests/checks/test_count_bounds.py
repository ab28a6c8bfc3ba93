"""checks.count_bounds: a count one page writes as a floor ("90+") against another page's count
of the same key. Figures are made up in the shape of provider comparison pages."""

from __future__ import annotations

from crosscheck.checks.config import CheckConfig
from crosscheck.checks.conflict import comparable_facts
from crosscheck.checks.count_bounds import find_count_bound_conflicts
from crosscheck.checks.findings import Finding

from crosscheck.contracts import FindingKind, Scope, Severity
from tests.reconcile.facts_factory import fact, facts_frame


def _found(rows: list[tuple[str, float, str]]) -> list[Finding]:
    """(source, value, raw) counts of one key; a raw ending in '+' is a floor."""
    facts = [
        fact(
            src,
            "Orbit Edge",
            "auto:locations:count",
            v,
            bound="at_least" if raw.endswith("+") else "exact",
            unit="count",
            raw=raw,
        )
        for src, v, raw in rows
    ]
    config = CheckConfig()
    return find_count_bound_conflicts(comparable_facts(facts_frame(facts), config))


def test_a_count_below_another_pages_floor_conflicts() -> None:
    found = _found([("a.example", 71, "71"), ("b.example", 73, "73+")])
    assert len(found) == 1
    f = found[0]
    assert f.kind is FindingKind.CONFLICT and f.scope is Scope.CROSS_SOURCE
    assert f.severity is Severity.LOW and len(f.claim_ids) == 2
    assert "'71'" not in f.explanation and "71 on a.example" in f.explanation


def test_a_count_at_or_above_the_floor_holds() -> None:
    assert _found([("a.example", 74, "74"), ("b.example", 73, "73+")]) == []
    assert _found([("a.example", 73, "73"), ("b.example", 73, "73+")]) == []


def test_floors_a_third_apart_conflict_close_ones_hold() -> None:
    assert len(_found([("a.example", 340, "340+"), ("b.example", 460, "460+")])) == 1
    assert _found([("a.example", 240, "240+"), ("b.example", 255, "255+")]) == []


def test_one_page_alone_or_far_apart_counts_are_no_conflict() -> None:
    assert _found([("a.example", 71, "71"), ("a.example", 73, "73+")]) == []
    # three times apart: not one count read twice
    assert _found([("a.example", 30, "30"), ("b.example", 95, "95+")]) == []


def test_label_made_metrics_meet_on_what_they_count() -> None:
    """A prose label carries the figure ("71+ hubs"), a table header does not ("Hubs"), and a
    header naming no unit reads the count as a score: one count all the same."""
    facts = [
        fact(
            "a.example",
            "Orbit Edge",
            "auto:71+_hubs:count",
            71,
            bound="at_least",
            unit="count",
            raw="71+",
        ),
        fact("b.example", "Orbit Edge", "auto:hubs:score", 69, unit="score", raw="69"),
        fact("b.example", "Orbit Edge", "auto:sites:score", 40, unit="score", raw="40"),
    ]
    found = find_count_bound_conflicts(comparable_facts(facts_frame(facts), CheckConfig()))
    assert len(found) == 1 and "hubs" in found[0].explanation and len(found[0].claim_ids) == 2


def test_vocabulary_counts_are_the_conflict_rules() -> None:
    """A named metric's 'N+' is a rounded figure (crosscheck.intervals): no finding here."""
    facts = [
        fact("a.example", "Orbit Edge", "github_forks", 71, bound="at_least", unit="count"),
        fact("b.example", "Orbit Edge", "github_forks", 69, unit="count", raw="69"),
    ]
    assert find_count_bound_conflicts(comparable_facts(facts_frame(facts), CheckConfig())) == []
