"""What the warehouse suite expects, as plain data: one query and its expectations per table.

Kept free of Great Expectations so the rules can be read, listed in docs and tested without the
3.6 s import; :mod:`checks.suite` turns each :class:`Expect` into a GX expectation by class name.
Derived columns are NULL where a rule does not apply, because GX column-map expectations skip NULLs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Literal

from crosscheck.contracts import (
    CANONICAL_UNITS,
    BoundKind,
    ClaimRole,
    FindingKind,
    LocationKind,
    PageStatus,
    Scope,
    Severity,
    ValueType,
)

SuiteScope = Literal["run", "warehouse"]  # one run's rows, or every row
CRITICAL = "critical"  # a failure makes the suite fail
WARNING = "warning"  # reported and shown in Data Docs, but the suite still succeeds

SHA256_REGEX = r"^[0-9a-f]{64}$"
NO_UNIT = "none"  # stands for a NULL dimension or unit in the dimension_unit pair

# Allowed "dimension:unit" pairs; categorical facts carry no unit.
DIMENSION_UNITS: tuple[str, ...] = (
    *sorted(f"{dim}:{unit}" for dim, unit in CANONICAL_UNITS.items()),
    f"{ValueType.CATEGORICAL.value}:{NO_UNIT}",
)

# Kinds that by definition compare two or more claims; every other kind needs one.
MIN_CLAIMS_BY_KIND: Mapping[str, int] = MappingProxyType(
    {
        FindingKind.CONFLICT.value: 2,
        FindingKind.DIFF_MISMATCH.value: 2,
        FindingKind.IDENTICAL_COLUMNS.value: 2,
        FindingKind.CATEGORICAL_CONFLICT.value: 2,
        FindingKind.RELATION_MISMATCH.value: 2,  # a statement and what contradicts it
    }
)


def _values(enum: Any) -> list[str]:
    return [member.value for member in enum]


@dataclass(frozen=True)
class Expect:
    """One expectation: a stable name, the GX class and its arguments, and why it matters here."""

    name: str
    gx_type: str
    kwargs: Mapping[str, Any]
    why: str
    severity: str = CRITICAL

    @property
    def column(self) -> str | None:
        """The column(s) the expectation looks at, for results and reports."""
        if "column" in self.kwargs:
            return str(self.kwargs["column"])
        if "column_A" in self.kwargs:
            return f"{self.kwargs['column_A']}, {self.kwargs['column_B']}"
        if "column_list" in self.kwargs:
            return ", ".join(self.kwargs["column_list"])
        return None


@dataclass(frozen=True)
class TableCheck:
    """The frame read for one warehouse table (only the needed columns) and what it must satisfy."""

    table: str
    sql: str
    id_columns: tuple[str, ...]  # name the offending rows in failure details
    expectations: tuple[Expect, ...] = field(default_factory=tuple)
    # The rows one run loaded or changed, as a predicate on the query's main table (the
    # parameter $run_id): what `crosscheck run` validates, instead of the whole warehouse.
    run_rows: str = "true"

    def query(self, scope: SuiteScope = "warehouse") -> str:
        """The table's query over the whole warehouse, or over the rows of one run ($run_id)."""
        if scope == "warehouse":
            return self.sql
        return f"{self.sql.rstrip()}\n        WHERE {self.run_rows}"


def _not_null(table: str, column: str, why: str) -> Expect:
    return Expect(
        f"{table}.{column}_not_null", "ExpectColumnValuesToNotBeNull", {"column": column}, why
    )


def _in_set(table: str, column: str, values: list[str], why: str) -> Expect:
    return Expect(
        f"{table}.{column}_in_set",
        "ExpectColumnValuesToBeInSet",
        {"column": column, "value_set": values},
        why,
    )


def _between(name: str, column: str, low: float | None, high: float | None, why: str) -> Expect:
    return Expect(
        name,
        "ExpectColumnValuesToBeBetween",
        {"column": column, "min_value": low, "max_value": high},
        why,
    )


def _ends_between(table: str, stem: str, low: float, high: float, why: str) -> tuple[Expect, ...]:
    """Both finite ends of an interval, read from the derived columns `{stem}_low/_high`."""
    return tuple(
        _between(f"{table}.{stem}_{end}_in_{low:g}_{high:g}", f"{stem}_{end}", low, high, why)
        for end in ("low", "high")
    )


def _low_le_high(table: str, why: str) -> Expect:
    return Expect(
        f"{table}.low_le_high",
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {
            "column_A": "high",
            "column_B": "low",
            "or_equal": True,
            "ignore_row_if": "either_value_is_missing",
        },
        why,
    )


_PROVENANCE_WHY = (
    "every fact must lead back to the exact text on a snapshot it came from "
    "(a fact whose claim row is missing reads as NULL here)"
)

FACTS = TableCheck(
    table="facts",
    id_columns=("claim_id",),
    sql=f"""
        SELECT f.claim_id, f.value_type, f.bound, f.unit, f.dimension, f.low, f.high,
               c.source, c.page_sha256, c.locator, c.role, c.raw_value, c.label,
               CASE WHEN f.value_type = '{ValueType.CATEGORICAL.value}'
                    THEN f.value_type ELSE coalesce(f.dimension, '{NO_UNIT}') END
                 || ':' || coalesce(f.unit, '{NO_UNIT}') AS dimension_unit,
               CASE WHEN f.unit = 'percent' AND c.role = '{ClaimRole.VALUE.value}'
                    THEN f.low END AS percent_value_low,
               CASE WHEN f.unit = 'percent' AND c.role = '{ClaimRole.VALUE.value}'
                         AND isfinite(f.high) THEN f.high END AS percent_value_high,
               CASE WHEN f.unit = 'year' AND f.bound IS DISTINCT FROM '{BoundKind.AT_MOST.value}'
                    THEN f.low END AS year_low,
               CASE WHEN f.unit = 'year' AND isfinite(f.high) THEN f.high END AS year_high
        FROM facts AS f LEFT JOIN claims AS c USING (claim_id)
    """,
    run_rows="$run_id IN (f.updated_run, f.first_seen_run)",
    expectations=(
        _low_le_high("facts", "an interval whose low end is above its high end cannot be true"),
        Expect(
            "facts.unit_fits_dimension",
            "ExpectColumnValuesToBeInSet",
            {"column": "dimension_unit", "value_set": list(DIMENSION_UNITS)},
            "numeric facts must be on the one canonical unit of their dimension (e.g. bytes in B,"
            " never MB) or values of one metric are not comparable; categorical facts carry none",
        ),
        # A warning, not a failure: real pages state values beyond 0-100 % on purpose (a row
        # at 112 % of a reference, 1 - X/threshold = -1272 % when X exceeds the threshold);
        # a rule (checks.reference_columns) judges the ones that are wrong.
        *(
            replace(expect, severity=WARNING)
            for expect in _ends_between(
                "facts",
                "percent_value",
                0,
                100,
                "a share stated as a value usually lies in 0-100 % (diff claims such as +367 %,"
                " relative columns and scores below a threshold may not; an at_least's open"
                " high end is skipped)",
            )
        ),
        *_ends_between(
            "facts",
            "year",
            1980,
            2100,
            "release years outside 1980-2100 are parse or unit"
            " errors (open ends of at_most / at_least are skipped)",
        ),
        _in_set("facts", "value_type", _values(ValueType), "a fact is numeric or categorical"),
        _in_set("facts", "bound", _values(BoundKind), "bound is a BoundKind (NULL: categorical)"),
        *(
            _not_null("facts", col, _PROVENANCE_WHY)
            for col in ("source", "locator", "raw_value", "label", "page_sha256")
        ),
        Expect(
            "facts.page_locator_role_unique",
            "ExpectCompoundColumnsToBeUnique",
            {"column_list": ["source", "page_sha256", "locator", "role"]},
            "one spot on one snapshot states one value per role; a duplicate means claim ids"
            " are not stable and a re-run would double-count the same figure",
        ),
    ),
)

CLAIMS = TableCheck(
    table="claims",
    id_columns=("claim_id",),
    sql="""
        SELECT c.claim_id, c.source, c.locator, c.raw_value, c.evidence, c.role,
               c.location_kind, p.page_sha256 AS page_in_pages
        FROM claims AS c
        LEFT JOIN (SELECT DISTINCT source, page_sha256 FROM pages) AS p
               ON p.source = c.source AND p.page_sha256 = c.page_sha256
    """,
    run_rows="c.first_seen_run = $run_id",  # claims are never rewritten once loaded
    expectations=(
        Expect(
            "claims.claim_id_unique",
            "ExpectColumnValuesToBeUnique",
            {"column": "claim_id"},
            "findings and facts refer to claims by id; two claims with one id are ambiguous",
        ),
        _not_null("claims", "claim_id", "a claim without an id cannot be cited as evidence"),
        *(
            _not_null("claims", col, "reviewers must be able to find the claim on its page")
            for col in ("source", "locator", "raw_value", "evidence")
        ),
        _in_set("claims", "role", _values(ClaimRole), "the role is a closed set"),
        _in_set("claims", "location_kind", _values(LocationKind), "the location is a closed set"),
        _not_null(
            "claims",
            "page_in_pages",
            "every claim comes from a page snapshot recorded in pages (source, page_sha256)",
        ),
    ),
)

FINDINGS = TableCheck(
    table="findings",
    id_columns=("finding_id",),
    sql=f"""
        WITH n AS (SELECT finding_id, count(*) AS claim_count FROM finding_claims GROUP BY ALL),
             k(kind, min_claims) AS (VALUES {
        ", ".join(f"('{kind}', {n})" for kind, n in MIN_CLAIMS_BY_KIND.items())
    })
        SELECT f.finding_id, f.kind, f.scope, f.severity, f.explanation,
               coalesce(n.claim_count, 0) AS claim_count,
               coalesce(k.min_claims, 1) AS min_claims
        FROM findings AS f
        LEFT JOIN n USING (finding_id)
        LEFT JOIN k USING (kind)
    """,
    run_rows="$run_id IN (f.last_seen_run, f.resolved_run, f.reopened_run)",
    expectations=(
        _in_set("findings", "kind", _values(FindingKind), "kinds are fixed (DESIGN stage 4)"),
        _in_set("findings", "scope", _values(Scope), "scope is same_page or cross_source"),
        _in_set("findings", "severity", _values(Severity), "--fail-on ranks severities"),
        _not_null("findings", "explanation", "reviewers read the one-sentence explanation"),
        Expect(
            "findings.explanation_not_empty",
            "ExpectColumnValueLengthsToBeBetween",
            {"column": "explanation", "min_value": 1},
            "an empty explanation explains nothing",
        ),
        _between(
            "findings.has_claims",
            "claim_count",
            1,
            None,
            "a finding rests on the claims it names; without evidence a reviewer cannot check it",
        ),
        Expect(
            "findings.claims_meet_kind_minimum",
            "ExpectColumnPairValuesAToBeGreaterThanB",
            {"column_A": "claim_count", "column_B": "min_claims", "or_equal": True},
            "conflict, diff_mismatch, identical_columns and categorical_conflict compare at"
            " least two claims",
        ),
    ),
)

FINDING_CLAIMS = TableCheck(
    table="finding_claims",
    id_columns=("finding_id", "claim_id"),
    sql="""
        SELECT fc.finding_id, fc.claim_id,
               c.claim_id AS claim_in_claims, f.finding_id AS finding_in_findings
        FROM finding_claims AS fc
        LEFT JOIN claims AS c ON c.claim_id = fc.claim_id
        LEFT JOIN findings AS f ON f.finding_id = fc.finding_id
    """,
    run_rows="fc.finding_id IN (SELECT finding_id FROM findings "
    "WHERE $run_id IN (last_seen_run, resolved_run, reopened_run))",
    expectations=(
        _not_null(
            "finding_claims",
            "claim_in_claims",
            "evidence that points at a missing claim cannot be shown (the open_findings view"
            " silently drops it)",
        ),
        _not_null(
            "finding_claims", "finding_in_findings", "evidence rows belong to a stored finding"
        ),
    ),
)

RECONCILED = TableCheck(
    table="reconciled_facts",
    id_columns=("entity", "metric", "qualifier"),
    sql="""
        SELECT entity, metric, qualifier, low, high, value, confidence, support, dissent,
               CASE WHEN value < low OR value > high THEN value END AS value_outside_interval
        FROM reconciled_facts
    """,
    run_rows="run_id = $run_id",
    expectations=(
        _between(
            "reconciled_facts.confidence_in_0_1",
            "confidence",
            0,
            1,
            "confidence is a 0-1 score; anything else breaks sorting and thresholds",
        ),
        _between("reconciled_facts.support_ge_0", "support", 0, None, "support counts sources"),
        _between("reconciled_facts.dissent_ge_0", "dissent", 0, None, "dissent counts sources"),
        _low_le_high("reconciled_facts", "the consensus interval must be an interval"),
        Expect(
            "reconciled_facts.value_within_interval",
            "ExpectColumnValuesToBeNull",
            {"column": "value_outside_interval"},
            "analysts read value with its interval; a consensus value outside its own interval"
            " misleads (warning until reconcile guarantees it)",
            severity=WARNING,
        ),
    ),
)

PAGES = TableCheck(
    table="pages",
    id_columns=("source", "page_sha256"),
    sql=f"""
        SELECT source, page_sha256, status,
               CASE WHEN status IN ('{PageStatus.FETCHED.value}', '{PageStatus.NOT_MODIFIED.value}')
                    THEN coalesce(page_sha256, '') END AS fetched_page_sha256
        FROM pages
    """,
    run_rows="$run_id IN (first_seen_run, last_seen_run)",
    expectations=(
        _in_set("pages", "status", _values(PageStatus), "status is a PageStatus"),
        Expect(
            "pages.fetched_page_sha256_is_sha256",
            "ExpectColumnValuesToMatchRegex",
            {"column": "fetched_page_sha256", "regex": SHA256_REGEX},
            "a fetched page is kept as a content-addressed snapshot; without its hash the"
            " run cannot be re-parsed offline",
        ),
    ),
)

TABLE_CHECKS: tuple[TableCheck, ...] = (PAGES, CLAIMS, FACTS, FINDINGS, FINDING_CLAIMS, RECONCILED)
