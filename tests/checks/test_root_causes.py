"""One id per root cause: a same-page conflict and the cross-source conflict its wrong figure
feeds share a root_cause; findings that only touch the same page or figure do not."""

from __future__ import annotations

import pandas as pd
from crosscheck.checks import CheckConfig
from crosscheck.checks.root_causes import root_causes
from crosscheck.checks.run import run_checks

from crosscheck.contracts import FINDING_COLUMNS, PAGE_COLUMNS
from tests.reconcile.facts_factory import fact, facts_frame


def _finding(fid: str, kind: str, scope: str, severity: str, claims: list[str], **kw) -> dict:
    row = dict.fromkeys(FINDING_COLUMNS)
    row.update(
        finding_id=fid, kind=kind, scope=scope, severity=severity, claim_ids=claims,
        entity=kw.get("entity", "Lapin"), metric=kw.get("metric", "throughput"),
        explanation="x", root_cause=fid,
    )  # fmt: skip
    return row


def _causes(rows: list[dict]) -> dict[str, str]:
    frame = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    return dict(zip(frame["finding_id"], root_causes(frame), strict=True))


def test_a_same_page_conflict_heads_the_cross_source_one_it_feeds() -> None:
    causes = _causes(
        [
            _finding("b-cross", "conflict", "cross_source", "medium", ["c2", "c3"]),
            _finding("a-page", "conflict", "same_page", "high", ["c1", "c2"]),
            _finding("c-other", "conflict", "cross_source", "medium", ["c9", "c8"]),
        ]
    )
    assert causes == {"a-page": "a-page", "b-cross": "a-page", "c-other": "c-other"}


def test_same_severity_the_same_page_finding_heads() -> None:
    causes = _causes(
        [
            _finding("a-cross", "relation_mismatch", "cross_source", "medium", ["r1", "x"]),
            _finding("z-page", "relation_mismatch", "same_page", "medium", ["r1", "y"]),
        ]
    )
    assert causes == {"a-cross": "z-page", "z-page": "z-page"}


def test_a_misread_scale_and_the_conflict_it_causes_are_one_cause() -> None:
    causes = _causes(
        [
            _finding("conf", "conflict", "same_page", "high", ["c1", "c2"]),
            _finding("scale", "unit_scale", "same_page", "medium", ["c2"]),
        ]
    )
    assert set(causes.values()) == {"conf"}


def test_trap_sharing_a_claim_about_another_metric_or_entity_is_not_one_cause() -> None:
    causes = _causes(
        [
            _finding("a", "conflict", "same_page", "high", ["c1", "c2"]),
            _finding("b", "conflict", "cross_source", "medium", ["c2", "c3"], metric="latency"),
            _finding("c", "conflict", "cross_source", "medium", ["c2", "c4"], entity="Corbeau"),
        ]
    )
    assert causes == {"a": "a", "b": "b", "c": "c"}


def test_trap_page_level_and_self_contradicting_rows_are_causes_of_their_own() -> None:
    causes = _causes(
        [
            _finding("conf", "conflict", "same_page", "high", ["c1", "c2"]),
            _finding("enc", "encoding", "same_page", "info", ["c1"]),
            _finding("dup", "near_duplicate", "cross_source", "low", ["c1", "c7"]),
            _finding("row", "logic", "same_page", "high", ["c2", "c5"]),
        ]
    )
    assert causes == {"conf": "conf", "enc": "enc", "dup": "dup", "row": "row"}


def test_checks_fill_root_cause_for_a_page_that_contradicts_itself_and_another() -> None:
    rows = [
        fact("a.example", "Lapin", "throughput", 5_000, raw="5,000 req/s"),
        fact("a.example", "Lapin", "throughput", 9_700, raw="9,700 req/s"),
        fact("b.example", "Lapin", "throughput", 9_700, raw="9,700 req/s"),
        fact("c.example", "Lapin", "throughput", 9_700, raw="9,700 req/s"),
    ]
    frame = facts_frame(rows)
    frame["row_key"] = ["t1r1", "t2r1", "t1r1", "t1r1"]  # page a: two tables disagree
    frame["locator"] = ["table 1 row 1", "table 2 row 1", "table 1 row 1", "table 1 row 1"]
    findings = run_checks(frame, pd.DataFrame(columns=PAGE_COLUMNS), CheckConfig()).findings
    assert set(findings["scope"]) == {"same_page", "cross_source"}
    page = findings[findings["scope"] == "same_page"].iloc[0]
    assert (findings["root_cause"] == page["finding_id"]).all()
