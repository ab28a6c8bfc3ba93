"""Shared contracts between the stages: closed sets, small records and the column lists.

The ground floor: every stage may import this module and it imports no stage, no pandas and no
pandera (an enum costs milliseconds). Ingest produces CLAIM_COLUMNS, normalize FACT_COLUMNS and
QUARANTINE_COLUMNS, checks FINDING_COLUMNS, reconcile RECONCILED_COLUMNS; the pandera models in
:mod:`crosscheck.common.schemas` validate the same columns at each boundary.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum  # members compare equal to their values, stored as text

from crosscheck.common.units import CANONICAL_UNITS as CANONICAL_UNITS  # re-exported


class LocationKind(StrEnum):
    """Where on a page a claim was found."""

    TABLE_CELL = "table_cell"
    COLLAPSED_ROW = "collapsed_row"
    CARD = "card"
    LIST_ITEM = "list_item"
    PROSE = "prose"
    ATTRIBUTE_ROW = "attribute_row"


class ClaimRole(StrEnum):
    """What a claim states: a value of one entity, or a stated difference/ratio between two."""

    VALUE = "value"
    DIFF = "diff"
    RATIO = "ratio"


class BoundKind(StrEnum):
    """How the written value bounds the true figure."""

    EXACT = "exact"
    APPROXIMATE = "approximate"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    RANGE = "range"


class ValueType(StrEnum):
    """A fact is a number on a canonical scale or a normalized category."""

    NUMERIC = "numeric"
    CATEGORICAL = "categorical"


class FindingKind(StrEnum):
    """The fixed kinds of finding (docs/architecture.md lists where each is decided)."""

    CONFLICT = "conflict"
    DIFF_MISMATCH = "diff_mismatch"
    IDENTICAL_COLUMNS = "identical_columns"
    MISATTRIBUTION = "misattribution"
    UNIT_SCALE = "unit_scale"
    LOGIC = "logic"
    CATEGORICAL_CONFLICT = "categorical_conflict"
    ENCODING = "encoding"
    # A comparative statement ("3x faster", "within 5 %", "up to 4 times") that the page's own
    # figures, another statement, or another source contradict (issue 16).
    RELATION_MISMATCH = "relation_mismatch"
    # A page that repeats another page's wording and figures: one voice, not a confirmation
    # (decided by reconcile's copy detection, not by a check).
    NEAR_DUPLICATE = "near_duplicate"


class Scope(StrEnum):
    """How far apart the claims of a finding are."""

    SAME_PAGE = "same_page"
    CROSS_SOURCE = "cross_source"


class Severity(StrEnum):
    """Ordered severities; `rank` gives the order for `--fail-on`."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _SEVERITY_ORDER.index(self)


_SEVERITY_ORDER = [Severity.INFO, Severity.LOW, Severity.MEDIUM, Severity.HIGH]


class QuarantineReason(StrEnum):
    """Machine-readable reasons a claim did not become a fact."""

    NO_NUMBER = "no_number"
    UNKNOWN_UNIT = "unknown_unit"
    UNIT_DIMENSION_MISMATCH = "unit_dimension_mismatch"
    UNMAPPED_ENTITY = "unmapped_entity"
    UNPARSEABLE = "unparseable"
    CONTRACT_VIOLATION = "contract_violation"


class PageStatus(StrEnum):
    """Outcome of getting one source page."""

    FETCHED = "fetched"
    NOT_MODIFIED = "not_modified"
    SKIPPED = "skipped"
    FAILED = "failed"


UNMAPPED_METRIC = "unmapped"
# The entity of a figure on a page where no entity was found: ingest keeps the figure as a
# claim under this name and normalize quarantines it (unmapped_entity), so nothing is lost.
NO_ENTITY_RAW = "(no entity found on the page)"
# A label no vocabulary entry matches becomes an auto metric "auto:<label slug>:<dimension>"
# (issue 16): comparable with itself across rows and pages, listed by `crosscheck vocab unmapped`.
AUTO_METRIC_PREFIX = "auto:"
# The condition of a figure its own sentence takes back ("X is 73%, but in fact it is 93%"):
# the claim is kept as written, and checks leave such a figure out of every comparison.
RETRACTED_CONDITION = "retracted"
# A fact qualifier holding that condition (qualifier parts are joined by "; ").
RETRACTED_QUALIFIER = rf"(?:^|;\s*){RETRACTED_CONDITION}(?:;|$)"
# The condition of a table row whose own condition columns a text copy lost: only its place
# ("3 of 9 rows in table 1") tells it from its neighbours. A place says nothing about another
# page's table, so checks never set such a figure against another source's.
ROW_PLACE_QUALIFIER = r"(?:^|;\s*)\d+ of \d+ rows in table \d+(?:;|$)"


def row_place_condition(place: int, rows: int, table: int) -> str:
    """The condition naming a row by its place alone (see ROW_PLACE_QUALIFIER)."""
    return f"{place} of {rows} rows in table {table}"


def is_auto_metric(metric: str | None) -> bool:
    """Whether a fact's metric was made from its label (no vocabulary entry matched)."""
    return bool(metric) and str(metric).startswith(AUTO_METRIC_PREFIX)


@dataclass(frozen=True)
class Snapshot:
    """One body as fetched or read, addressed by its sha256; decoded text kept alongside."""

    source: str
    sha256: str
    text: str
    content_type: str
    fetched_at: str
    status: PageStatus = PageStatus.FETCHED
    http_status: int | None = None
    error: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    note: str = ""  # a doubt about a usable body, e.g. "encoding: declared koi8-r but ... UTF-8"

    @property
    def ok(self) -> bool:
        return self.status in (PageStatus.FETCHED, PageStatus.NOT_MODIFIED) and self.error is None


def stable_id(*parts: object, length: int = 16) -> str:
    """A short content hash used for claim, fact and finding ids, stable across runs."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return digest[:length]


PAGE_COLUMNS: list[str] = [
    "source",  # URL or file path as given
    "page_sha256",  # snapshot hash (empty string when nothing was fetched)
    "title",
    "content_type",
    "fetched_at",  # ISO-8601 UTC
    "status",  # PageStatus
    "http_status",
    "error",  # why a page failed/was skipped; on a usable page: budget cuts, quarantine, encoding
    "claim_count",
    "repairs",  # characters repaired in the page text (mojibake, odd spaces)
    "repair_kinds",  # what was repaired, e.g. "mojibake_em_dash, nbsp"
]

CLAIM_COLUMNS: list[str] = [
    "claim_id",  # stable_id(source, sha256, locator, role)
    "source",  # URL or file path as given
    "page_sha256",  # snapshot hash
    "page_title",
    "entity_raw",  # entity as written (column header, card heading, sentence subject)
    "counterpart_raw",  # the other entity of a diff/ratio claim, else None
    "label",  # metric label as written, or the sentence
    "unit_hint",  # unit split off the label header, e.g. "KB" from "Core Framework Size(KB)"
    "raw_value",  # exact source text of the value
    "role",  # ClaimRole
    "location_kind",  # LocationKind
    "locator",  # "table 2 / row 14 / column Flask", "paragraph 7 chars 40-58"
    "row_key",  # groups the cells of one row (None outside rows)
    "evidence",  # surrounding text
    "value_start",  # offset of raw_value in evidence, or -1
    "conditions",  # conditions of the measurement as written ("16 threads; payload 1 KB"), or None
]

FACT_EXTRA_COLUMNS: list[str] = [
    "entity",  # canonical entity
    "entity_qualifier",  # rest of the entity text, e.g. "2.0+"
    "metric",  # canonical metric id or UNMAPPED_METRIC
    "qualifier",  # metric qualifier, e.g. "concurrent load", "" if none
    "value_type",  # ValueType
    "low",
    "high",
    "bound",  # BoundKind (None for categorical)
    "unit",  # canonical unit (CANONICAL_UNITS) or None
    "dimension",
    "text_value",  # normalized category for categorical facts
    "note",  # parenthetical notes kept from the value, e.g. "PyPI"
    "alt_low",  # the other reading when header scale and value disagree
    "alt_high",
    "repairs",  # count of characters repaired in this claim's text
]

FACT_COLUMNS: list[str] = CLAIM_COLUMNS + FACT_EXTRA_COLUMNS

QUARANTINE_COLUMNS: list[str] = ["claim_id", "source", "stage", "reason", "message", "raw_value"]

FINDING_COLUMNS: list[str] = [
    "finding_id",
    "kind",
    "scope",
    "severity",
    "entity",
    "metric",
    "qualifier",
    "explanation",
    "claim_ids",  # list[str]
    # finding_id of the head of the finding's root cause (checks.root_causes): findings of one
    # contradiction (a same-page conflict and the cross-source one it feeds) share it
    "root_cause",
]

# A comparative statement read as a ratio between two entities (normalize.relations); one row
# per RATIO/DIFF claim that could be read. The ratio is a/b on the statement's aspect: "3x
# faster" is speed 3 (time 1/3, throughput 3), "40 % less memory" is memory 0.6.
RELATION_COLUMNS: list[str] = [
    "relation_id",  # stable_id(claim_id, "relation")
    "claim_id",  # the RATIO/DIFF claim it was read from
    "source",
    "a",  # canonical entity the statement is about
    "a_raw",
    "b",  # canonical entity it is compared with; None for "the next best" / unnamed
    "b_raw",  # as written ("next best" when the page names no B), or None
    "metric",  # canonical metric the phrase names ("higher throughput"), None for plain "faster"
    "phrase",  # what is compared, comparative words left out ("throughput", "memory"), or ""
    "aspect",  # RelationAspect
    "direction",  # "higher", "lower" or "equal": a against b on the aspect
    "low",  # ratio interval a/b on the aspect
    "high",
    "bound",  # BoundKind: "up to 4x" is at_most, "~6x" approximate, "2-3x" range
    "raw_value",
    "label",
    "evidence",  # the sentence: the relation's provenance
    "conditions",
    "locator",
]


class RelationAspect(StrEnum):
    """What a comparative statement compares: speed (faster/slower: higher is better on a
    rate, lower on a time), or the amount its phrase names (memory, throughput, size)."""

    SPEED = "speed"
    AMOUNT = "amount"


RECONCILED_CATEGORY_COLUMNS: list[str] = [
    "entity", "metric", "qualifier",
    "value_text",  # the winning normalized category
    "support", "dissent", "confidence",
    "sources",  # list[str]
]  # fmt: skip

SOURCE_RELIABILITY_COLUMNS: list[str] = [
    "source", "reliability", "claims", "agreeing", "disagreeing",
    "copy_group",  # COPY_GROUP_COLUMNS.group_id or None
]  # fmt: skip

COPY_GROUP_COLUMNS: list[str] = ["group_id", "source", "jaccard_to_group", "size"]

# One row per parsed page: its text as a sketch of word shingles (crosscheck.common.passages),
# made by the worker that parsed it so the page text is not held after parsing. Not stored in
# the warehouse: reconcile reads it to find copies by content.
PASSAGE_COLUMNS: list[str] = [
    "source",
    "sketch",  # numpy uint64 array: the smallest distinct shingle hashes, sorted
    "shingles",  # how many distinct shingles the page has
    "quotes",  # tuple of (sentence hash, sentence) for sentences naming a page entity
]

RECONCILED_COLUMNS: list[str] = [
    "entity",
    "metric",
    "qualifier",
    "low",
    "high",
    "value",
    "unit",
    "support",
    "dissent",
    "confidence",
    "sources",  # list[str]
]
