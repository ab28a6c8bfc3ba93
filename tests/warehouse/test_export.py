"""Exports keep the documented shapes (docs/architecture.md, "Contracts"): scripts use them."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import duckdb
import pytest
from crosscheck.warehouse import ExportError, export, export_all_parquet

from crosscheck.contracts import CLAIM_COLUMNS, FACT_COLUMNS, RECONCILED_COLUMNS
from tests.warehouse.test_support import (
    C_DASH,
    C_STARS,
    C_TABLE,
    C_URL,
    FILE_SOURCE,
    FIND_CROSS,
    FIND_SAME_PAGE,
    FIND_STARS,
    TABLES,
    URL_SOURCE,
    file_only_bundle,
    loaded,
    make_bundle,
)

FINDING_KEYS = [
    *("finding_id", "kind", "scope", "severity", "entity", "metric", "explanation"),
    "root_cause",
]
CLAIM_KEYS = ["claim_id", "source", "locator", "entity", "label", "raw_value", "low", "high"]
CLAIM_KEYS += ["unit"]


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    return loaded(tmp_path / "w.duckdb", make_bundle("r1"))


def test_findings_json_shape_is_exactly_as_documented(con: duckdb.DuckDBPyConnection) -> None:
    findings = json.loads(export(con, "findings", "json") or "")
    assert isinstance(findings, list) and len(findings) == 3
    for item in findings:
        assert list(item) == [*FINDING_KEYS, "claims"]
        assert item["claims"] and all(list(c) == CLAIM_KEYS for c in item["claims"])
    # highest severity first
    assert [f["severity"] for f in findings] == ["high", "medium", "low"]
    cross = next(f for f in findings if f["finding_id"] == FIND_CROSS["finding_id"])
    assert cross == {
        "finding_id": FIND_CROSS["finding_id"],
        "kind": "conflict",
        "scope": "cross_source",
        "severity": "medium",
        "entity": "Flask",
        "metric": "throughput",
        "root_cause": FIND_CROSS["finding_id"],  # no root_cause stored: its own
        "explanation": FIND_CROSS["explanation"],
        "claims": [
            {"claim_id": C_TABLE["claim_id"], "source": FILE_SOURCE, "locator": C_TABLE["locator"],
             "entity": "Flask", "label": C_TABLE["label"], "raw_value": "~2,500 req/sec",
             "low": 2250.0, "high": 2750.0, "unit": "req/s"},
            {"claim_id": C_URL["claim_id"], "source": URL_SOURCE, "locator": C_URL["locator"],
             "entity": "Flask", "label": "Throughput", "raw_value": "~8,000-12,000 req/s",
             "low": 8000.0, "high": 12000.0, "unit": "req/s"},
        ],
    }  # fmt: skip


def test_finding_claims_use_canonical_entity_null_infinity_and_raw_entity_without_fact(
    con: duckdb.DuckDBPyConnection,
) -> None:
    findings = json.loads(export(con, "findings", "json") or "")
    stars = next(f for f in findings if f["finding_id"] == FIND_STARS["finding_id"])
    by_id = {c["claim_id"]: c for c in stars["claims"]}
    star = by_id[C_STARS["claim_id"]]
    assert (star["entity"], star["low"], star["high"]) == ("Flask", 400000.0, None)  # not 2.0+
    dash = by_id[C_DASH["claim_id"]]  # quarantined: no fact
    assert (dash["entity"], dash["low"], dash["high"], dash["unit"]) == ("Flask", None, None, None)
    assert dash["raw_value"] == "—"


def test_findings_export_lists_open_findings_only(tmp_path: Path) -> None:
    con = loaded(
        tmp_path / "w.duckdb", make_bundle("r1"), file_only_bundle("r2", [FIND_SAME_PAGE], 10)
    )
    ids = {f["finding_id"] for f in json.loads(export(con, "findings", "json") or "")}
    assert ids == {FIND_SAME_PAGE["finding_id"], FIND_CROSS["finding_id"]}


def test_claims_facts_and_reconciled_json_keys(con: duckdb.DuckDBPyConnection) -> None:
    claims = json.loads(export(con, "claims", "json") or "")
    facts = json.loads(export(con, "facts", "json") or "")
    reconciled = json.loads(export(con, "reconciled", "json") or "")
    assert len(claims) == 6 and all(list(c) == CLAIM_COLUMNS for c in claims)
    assert len(facts) == 5 and all(list(f) == FACT_COLUMNS for f in facts)
    assert len(reconciled) == 2 and all(list(r) == RECONCILED_COLUMNS for r in reconciled)
    star = next(f for f in facts if f["claim_id"] == C_STARS["claim_id"])
    assert (star["metric"], star["qualifier"], star["bound"], star["high"]) == (
        "github_stars", "", "at_least", None,
    )  # fmt: skip
    throughput = next(r for r in reconciled if r["metric"] == "throughput")
    assert throughput["sources"] == [FILE_SOURCE, URL_SOURCE]


def test_findings_csv_flattens_claims_to_a_joined_id_list(con: duckdb.DuckDBPyConnection) -> None:
    rows = list(csv.DictReader(io.StringIO(export(con, "findings", "csv") or "")))
    assert list(rows[0]) == [*FINDING_KEYS, "claim_ids"]
    same_page = next(r for r in rows if r["finding_id"] == FIND_SAME_PAGE["finding_id"])
    assert same_page["claim_ids"] == "; ".join(FIND_SAME_PAGE["claim_ids"])


def test_reconciled_csv_joins_sources_and_blanks_infinity(con: duckdb.DuckDBPyConnection) -> None:
    rows = list(csv.DictReader(io.StringIO(export(con, "reconciled", "csv") or "")))
    assert list(rows[0]) == RECONCILED_COLUMNS
    stars = next(r for r in rows if r["metric"] == "github_stars")
    assert (stars["low"], stars["high"], stars["sources"]) == ("400000", "", FILE_SOURCE)
    throughput = next(r for r in rows if r["metric"] == "throughput")
    assert throughput["sources"] == f"{FILE_SOURCE}; {URL_SOURCE}"


def test_markdown_is_a_table_with_escaped_pipes(con: duckdb.DuckDBPyConnection) -> None:
    lines = (export(con, "claims", "md") or "").splitlines()
    assert lines[0] == "| " + " | ".join(CLAIM_COLUMNS) + " |"
    assert lines[1] == "|" + "---|" * len(CLAIM_COLUMNS)
    assert len(lines) == 2 + 6
    star = next(line for line in lines if C_STARS["claim_id"] in line)
    assert "400,000+ \\| stars" in star  # the raw value's pipe does not split the cell
    findings = (export(con, "findings", "md") or "").splitlines()
    assert findings[0] == "| " + " | ".join([*FINDING_KEYS, "claim_ids"]) + " |"


def test_export_writes_a_file_when_given_one(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "findings.json"
    assert export(con, "findings", "json", out) is None
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(
        export(con, "findings", "json") or ""
    )


def test_parquet_needs_a_file_and_keeps_types(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match="--out"):
        export(con, "facts", "parquet", None)
    out = tmp_path / "facts.parquet"
    assert export(con, "facts", "parquet", out) is None
    high = con.execute(
        "SELECT high FROM read_parquet(?) WHERE claim_id = ?", [str(out), C_STARS["claim_id"]]
    ).fetchall()
    assert high == [(math.inf,)]
    findings = tmp_path / "findings.parquet"
    export(con, "findings", "parquet", findings)
    nested = con.execute(
        "SELECT len(claims) FROM read_parquet(?) ORDER BY finding_id", [str(findings)]
    ).fetchall()
    assert nested == [(2,), (2,), (2,)]


def test_empty_warehouse_exports_an_empty_list(tmp_path: Path) -> None:
    from crosscheck.warehouse import open_warehouse

    con = open_warehouse(tmp_path / "w.duckdb")
    assert json.loads(export(con, "findings", "json") or "") == []
    assert export(con, "claims", "csv") == ",".join(CLAIM_COLUMNS) + "\n"


def test_unknown_export_is_refused(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ExportError, match="cannot export 'pages'"):
        export(con, "pages", "json")  # type: ignore[arg-type]
    with pytest.raises(ExportError, match="unknown export format 'xml'"):
        export(con, "claims", "xml")  # type: ignore[arg-type]


def test_export_all_parquet_writes_every_table(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    written = export_all_parquet(con, tmp_path / "dump")
    assert sorted(p.stem for p in written) == sorted(TABLES)
    for path in written:
        copied = con.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchall()
        original = con.execute(f'SELECT count(*) FROM "{path.stem}"').fetchall()
        assert copied == original
