"""What a one-changed-page re-run checks again (crosscheck.partial_checks): the metrics whose
figures changed, and the stored findings the metric rule gave, told apart by their ids."""

from __future__ import annotations

import pandas as pd
from crosscheck.checks.findings import evidence_keys, findings_frame, make_finding

from crosscheck.contracts import FACT_COLUMNS, FindingKind, Scope, Severity
from crosscheck.partial import Prior
from crosscheck.partial_checks import _row_rule, cut_of


def _facts(sha: str, stars: str) -> pd.DataFrame:
    """Two figures of one page revision: a throughput and a star count."""
    rows = []
    for metric, raw, locator in (
        ("throughput", "2,500", "t1/r1/c1"),
        ("github_stars", stars, "t1/r2/c1"),
    ):
        row = {c: None for c in FACT_COLUMNS}
        row.update(
            claim_id=f"{sha}-{locator}",
            source="page.md",
            page_sha256=sha,
            locator=locator,
            role="value",
            entity="Flask",
            metric=metric,
            raw_value=raw,
            low=float(raw.replace(",", "")),
            high=float(raw.replace(",", "")),
        )
        rows.append(row)
    return pd.DataFrame(rows, columns=FACT_COLUMNS)


def _prior(old_facts: pd.DataFrame) -> Prior:
    empty = pd.DataFrame()
    return Prior(frozenset({"page.md"}), frozenset({"Flask"}), empty, empty, empty, old_facts)


def test_the_cut_takes_the_metrics_whose_figures_changed_not_every_metric_of_the_page() -> None:
    before, after = _facts("old", "68,000"), _facts("new", "69,000")
    cut = cut_of(_prior(before), frozenset({"Flask"}), after)
    assert cut.metrics == {"github_stars"}  # throughput: same place, same figure, new ids
    assert cut_of(_prior(before), frozenset(), _facts("new", "68,000")).metrics == frozenset()


def test_the_metric_rules_stored_findings_are_told_from_a_same_kind_rules_by_their_id() -> None:
    facts = _facts("old", "68,000")
    claims = list(facts["claim_id"])
    found = [
        make_finding(
            FindingKind.UNIT_SCALE, Scope.SAME_PAGE, Severity.MEDIUM, "Flask", metric, None,
            "far from the metric's usual magnitude", claims, rule=rule,
        )
        for metric, rule in (("throughput", "row_magnitude"), ("github_stars", ""))
    ]  # fmt: skip
    frame = findings_frame(found, evidence_keys(facts, found))
    by_metric = dict(zip(frame["metric"], _row_rule(frame, facts), strict=True))
    assert by_metric == {"throughput": True, "github_stars": False}
