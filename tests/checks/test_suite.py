"""The Great Expectations warehouse suite: a clean load passes, each kind of corruption is named.

The warehouse is built with the project's own loader from the warehouse tests' hand-made
bundle, then corrupted with plain SQL the way a buggy stage or a hand edit would.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from crosscheck.checks.errors import ChecksError
from crosscheck.checks.suite import (
    SUITE_NAME,
    SUITE_VERSION,
    SuiteError,
    SuiteResult,
    run_suite,
    validate_frames,
)
from crosscheck.checks.suite_expectations import TABLE_CHECKS, WARNING
from crosscheck.warehouse import open_warehouse

from tests.conftest import REPO_ROOT
from tests.warehouse.test_support import (
    C_PROSE,
    C_TABLE,
    C_URL,
    FIND_SAME_PAGE,
    loaded,
    make_bundle,
)

RUN_ID = "run-1"
ALL_EXPECTATIONS = sum(len(check.expectations) for check in TABLE_CHECKS)


@pytest.fixture(scope="module")
def base_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse with the warehouse tests' full scenario loaded once."""
    path = tmp_path_factory.mktemp("suite") / "base.duckdb"
    loaded(path, make_bundle(RUN_ID)).close()
    return path


@pytest.fixture
def con(base_db: Path, tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A writable copy of the base warehouse, for one test to corrupt."""
    path = tmp_path / "wh.duckdb"
    shutil.copy(base_db, path)
    connection = open_warehouse(path)
    yield connection
    connection.close()


def failed_names(result: SuiteResult) -> set[str]:
    return {r.name for r in result.results if not r.success}


def test_clean_warehouse_passes_read_only(base_db: Path) -> None:
    with open_warehouse(base_db, read_only=True) as ro:
        result = run_suite(ro)
    assert result.success, [r for r in result.results if not r.success]
    assert (result.suite, result.suite_version) == (SUITE_NAME, SUITE_VERSION)
    assert result.evaluated == ALL_EXPECTATIONS == len(result.results)
    assert result.failed == 0 and result.warnings == 0
    assert result.run_id == RUN_ID  # defaults to the latest completed run
    assert result.docs_path is None
    assert {r.table for r in result.results} == {
        "pages",
        "claims",
        "facts",
        "findings",
        "finding_claims",
        "reconciled_facts",
    }


def _missing_claim(con: duckdb.DuckDBPyConnection) -> None:
    # The FK forbids this, so rebuild the table without constraints first, as a CREATE TABLE AS
    # copy or a restore from Parquet would.
    con.execute("CREATE TABLE fc_copy AS SELECT * FROM finding_claims")
    con.execute("DROP TABLE finding_claims")
    con.execute("ALTER TABLE fc_copy RENAME TO finding_claims")
    con.execute(
        "INSERT INTO finding_claims VALUES (?, 'ghost-claim', 9)", [FIND_SAME_PAGE["finding_id"]]
    )


CORRUPTIONS = {
    "low_above_high": (
        lambda con: con.execute(
            "UPDATE facts SET low = high + 1000 WHERE claim_id = ?", [C_TABLE["claim_id"]]
        ),
        {"facts.low_le_high"},
    ),
    "unit_MB": (
        lambda con: con.execute(
            "UPDATE facts SET unit = 'MB' WHERE claim_id = ?", [C_URL["claim_id"]]
        ),
        {"facts.unit_fits_dimension"},
    ),
    "unit_of_other_dimension": (
        lambda con: con.execute(
            "UPDATE facts SET unit = 's' WHERE claim_id = ?", [C_URL["claim_id"]]
        ),
        {"facts.unit_fits_dimension"},
    ),
    "year_1066": (
        lambda con: con.execute(
            "UPDATE facts SET unit = 'year', dimension = 'year', low = 1066, high = 1066, "
            "bound = 'exact' WHERE claim_id = ?",
            [C_PROSE["claim_id"]],
        ),
        {"facts.year_low_in_1980_2100", "facts.year_high_in_1980_2100"},
    ),
    "bad_bound": (
        lambda con: con.execute(
            "UPDATE facts SET bound = 'roughly' WHERE claim_id = ?", [C_TABLE["claim_id"]]
        ),
        {"facts.bound_in_set"},
    ),
    "finding_without_claims": (
        lambda con: con.execute(
            "INSERT INTO findings (finding_id, kind, scope, severity, explanation, "
            "first_seen_run, last_seen_run, status) VALUES "
            "('lonely', 'misattribution', 'same_page', 'low', 'no evidence', ?, ?, 'open')",
            [RUN_ID, RUN_ID],
        ),
        {"findings.has_claims", "findings.claims_meet_kind_minimum"},
    ),
    "conflict_with_one_claim": (
        lambda con: con.execute(
            "DELETE FROM finding_claims WHERE finding_id = ? AND claim_id = ?",
            [FIND_SAME_PAGE["finding_id"], C_PROSE["claim_id"]],
        ),
        {"findings.claims_meet_kind_minimum"},
    ),
    "unknown_finding_kind": (
        lambda con: con.execute(
            "UPDATE findings SET kind = 'hunch' WHERE finding_id = ?",
            [FIND_SAME_PAGE["finding_id"]],
        ),
        {"findings.kind_in_set"},
    ),
    "finding_claim_to_missing_claim": (_missing_claim, {"finding_claims.claim_in_claims_not_null"}),
    "confidence_above_1": (
        lambda con: con.execute("UPDATE reconciled_facts SET confidence = 1.5"),
        {"reconciled_facts.confidence_in_0_1"},
    ),
    "fetched_page_without_hash": (
        lambda con: con.execute(
            "INSERT INTO pages (source, page_sha256, status, first_seen_run, last_seen_run) "
            "VALUES ('https://example.com/empty', '', 'fetched', ?, ?)",
            [RUN_ID, RUN_ID],
        ),
        {"pages.fetched_page_sha256_is_sha256"},
    ),
}


@pytest.mark.parametrize("case", sorted(CORRUPTIONS))
def test_corruption_fails_the_suite_and_names_the_expectation(
    con: duckdb.DuckDBPyConnection, case: str
) -> None:
    corrupt, expected = CORRUPTIONS[case]
    corrupt(con)
    result = run_suite(con, run_id=RUN_ID)
    assert not result.success
    assert failed_names(result) == expected
    assert result.failed == len(expected)
    for record in result.failures:
        assert record.unexpected_count and record.unexpected_count >= 1
        assert record.expectation.startswith("expect_")
        assert record.details.get("partial_unexpected_index_list"), record  # names the rows


def test_a_percentage_beyond_0_100_is_a_warning(con: duckdb.DuckDBPyConnection) -> None:
    """Real pages state 112 % of a reference row and -1272 % below a threshold on purpose:
    reported, but the suite still succeeds (checks.reference_columns judges the wrong ones)."""
    con.execute(
        "UPDATE facts SET unit = 'percent', dimension = 'percent', low = 250, high = 250 "
        "WHERE claim_id = ?",
        [C_TABLE["claim_id"]],
    )
    result = run_suite(con, run_id=RUN_ID)
    assert result.success and result.failed == 0 and result.warnings == 2
    assert {r.name for r in result.failures} == {
        "facts.percent_value_low_in_0_100",
        "facts.percent_value_high_in_0_100",
    }
    assert all(r.severity == WARNING for r in result.failures)


def test_consensus_value_outside_interval_is_a_warning(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("UPDATE reconciled_facts SET value = high + 1 WHERE metric = 'throughput'")
    result = run_suite(con)
    assert result.success and result.failed == 0 and result.warnings == 1
    (record,) = result.failures
    assert record.name == "reconciled_facts.value_within_interval"
    assert record.severity == WARNING


def test_data_docs_are_built(base_db: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    with open_warehouse(base_db, read_only=True) as ro:
        result = run_suite(ro, docs_dir=docs, run_id=RUN_ID)
        assert result.docs_path == (docs / "index.html").resolve()
        assert result.docs_path.is_file()
        assert SUITE_NAME in result.docs_path.read_text(encoding="utf-8")
        validations = list((docs / "validations").rglob("*.html"))
        assert len(validations) == len(TABLE_CHECKS)
        assert all(f"/{RUN_ID}/" in p.as_posix() for p in validations)
        suite_page = docs / "expectations" / SUITE_NAME / "facts.html"
        assert "facts.low_le_high" in suite_page.read_text(encoding="utf-8")  # the why, rendered

        # The same folder again is rebuilt in place: one site, the latest suite run.
        run_suite(ro, docs_dir=docs, run_id="run-2")
    validations = list((docs / "validations").rglob("*.html"))
    assert len(validations) == len(TABLE_CHECKS)
    assert all("/run-2/" in p.as_posix() for p in validations)


def test_refuses_a_docs_folder_with_other_files(base_db: Path, tmp_path: Path) -> None:
    (tmp_path / "validations").mkdir()
    (tmp_path / "validations" / "mine.html").write_text("keep me", encoding="utf-8")
    with (
        open_warehouse(base_db, read_only=True) as ro,
        pytest.raises(SuiteError, match="not empty"),
    ):
        run_suite(ro, docs_dir=tmp_path)
    assert (tmp_path / "validations" / "mine.html").read_text(encoding="utf-8") == "keep me"


def test_summary_is_strict_json(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "UPDATE facts SET low = 'inf'::DOUBLE, high = 1 WHERE claim_id = ?", [C_URL["claim_id"]]
    )
    result = run_suite(con)
    text = json.dumps(result.summary(), allow_nan=False)
    assert json.loads(text)["results"][0]["table"] == "pages"
    con.execute("SELECT ?::JSON", [text]).fetchall()  # storable in check_runs.summary


def test_empty_warehouse_passes(tmp_path: Path) -> None:
    with open_warehouse(tmp_path / "empty.duckdb") as empty:
        result = run_suite(empty)
    assert result.success and result.evaluated == ALL_EXPECTATIONS
    assert result.run_id is None


def test_not_a_warehouse_raises_suite_error() -> None:
    with duckdb.connect(":memory:") as bare, pytest.raises(SuiteError, match="not a crosscheck"):
        run_suite(bare)
    assert issubclass(SuiteError, ChecksError)


def test_validate_frames_requires_every_table() -> None:
    with pytest.raises(SuiteError, match="frames missing"):
        validate_frames({})


def test_expectation_names_are_unique() -> None:
    names = [e.name for check in TABLE_CHECKS for e in check.expectations]
    assert len(names) == len(set(names))


def test_importing_the_suite_does_not_import_great_expectations() -> None:
    code = "import sys, checks.suite; print('great_expectations' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_every_expectation_is_documented() -> None:
    text = (REPO_ROOT / "docs" / "suite.md").read_text(encoding="utf-8")
    missing = [e.name for c in TABLE_CHECKS for e in c.expectations if f"`{e.name}`" not in text]
    assert not missing
