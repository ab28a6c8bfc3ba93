"""`identical_columns`: a row giving two entities the very same value for an entity-specific
metric, the mark of a column copied by a template ("First Release Year | 2018 | 2018"); and
two rows of one table (other entities or other loads) carrying the very same figures in every
measured column, the mark of a row pasted twice."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from crosscheck.checks.columns import Columns
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.conflict import metric_name
from crosscheck.checks.findings import Finding, make_finding
from crosscheck.checks.grouping import distinct_counts, group_ids, group_positions, with_several

from crosscheck.contracts import ClaimRole, FindingKind, LocationKind, Scope, Severity

_SAME_CELL = ["source", "row_key", "same_value"]
_ROW_KINDS = (
    LocationKind.TABLE_CELL.value,
    LocationKind.COLLAPSED_ROW.value,
    LocationKind.ATTRIBUTE_ROW.value,
)

# What a finding reads of the cells of a row.
_READ = ["claim_id", "source", "row_key", "locator", "entity", "metric", "qualifier", "raw_value"]


# Plans of one tier compared side by side share their menu sizes, written exactly ('1GB',
# '2TB', '1 core'), and their prices (vendors price at the same points: '$10/month'): a price,
# an exact size or core count of one significant digit, or a memory step ('24 GB' of two
# graphics cards), is shared by chance. A measured
# size ('~50 KB') or any other figure shared by two columns is still the mark of a copy.
_PRICE = re.compile(r"[$€£¥]")
_MENU_SIZE = re.compile(r"^\d+(?:\.0+)?\s*(?:[kKMGTP]i?B|cores?|v?CPUs?)$")
_NOT_DIGIT = re.compile(r"\D+")
# Years bunch in a few recent values: two of three or more products released the same year
# (a row of 2020, 2012, 2015, 2020, 2017) is chance; two columns alone sharing one is a copy.
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# A bare one-digit count ('1' core needed, '5' seats, '0' of a missing badge) is shared by
# chance: products differ by a digit or not at all, and a copy needs a figure with more to it,
# or the page itself giving one of the sharing products another number for that metric.
_ONE_DIGIT = re.compile(r"^\d(?:\.0+)?$")


def _precise(value: object) -> bool:
    """Whether a shared cell could only be copied: no price, no exact one-digit menu size."""
    if not isinstance(value, str) or _PRICE.search(value):
        return False
    text = value.strip()
    if not _MENU_SIZE.match(text):
        return True
    runs = _digit_runs(text)
    if len(runs) == 1 and _capacity_step(int(runs[0])):
        return False  # '24 GB', '16 GB': memory comes in these steps, two cards may share one
    return any(len(run.strip("0")) >= 2 for run in runs)


def _capacity_step(n: int) -> bool:
    """Whether n is a step memory and storage come in: a power of two, or three times one
    (8, 12, 16, 24, 32, 48, 64, 96, 128...)."""
    if n <= 0:
        return False
    core = n // 3 if n % 3 == 0 else n
    return core & (core - 1) == 0


def _digit_runs(text: str) -> list[str]:
    """The numbers of a text with their separators dropped ('1,240.5' → '12405')."""
    return [_NOT_DIGIT.sub("", n) for n in re.findall(r"\d[\d,. ]*\d|\d", text)]


def _normalized(texts: pd.Series) -> np.ndarray:
    """Each text stripped and casefolded (missing stays None), worked out once per distinct
    text: a page repeats its figures many times."""
    codes, distinct = pd.factorize(texts, use_na_sentinel=False)
    normal = np.array(
        [t.strip().casefold() if isinstance(t, str) else None for t in distinct], dtype=object
    )
    return normal[codes]


def find_identical_columns(facts: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    """Copied cells of one row and copied rows of one table."""
    return find_identical_cells(facts, config) + find_identical_rows(facts, config)


def find_identical_cells(facts: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    """One finding per row where ≥2 entities share a value of an entity-specific metric."""
    rows = facts.loc[
        (facts["role"] == ClaimRole.VALUE.value)
        & facts["location_kind"].isin(_ROW_KINDS)
        & facts["row_key"].notna()
        & facts["metric"].isin(config.entity_specific),
        _READ,
    ]
    rows = rows.loc[rows["raw_value"].map(_precise).astype(bool)]
    rows = rows.assign(same_value=_normalized(rows["raw_value"]))
    shared = with_several(rows, _SAME_CELL, "entity")
    cells = Columns(shared)
    row_sizes: pd.Series | None = None  # entities a row gives figures to, once a year is shared
    findings: list[Finding] = []
    told: dict[tuple[str, str, str], set[str]] | None = None  # the pages' own numbers
    for _, same in group_positions(shared, _SAME_CELL):
        first = cells.row(same[0])
        sharing = set(cells["entity"][same])
        digit = str(first["raw_value"]).strip()
        if _ONE_DIGIT.match(digit):
            if told is None:
                told = _numbers_told(facts, shared)
            digit = _digit_runs(digit)[0]
            key = (str(first["source"]), str(first["metric"]))
            if not any(told.get((*key, e), set()) - {digit} for e in sharing):
                continue  # a one-digit value two products share, and nothing says otherwise
        if _YEAR.match(str(first["same_value"])):
            if row_sizes is None:
                row_sizes = rows.groupby(["source", "row_key"])["entity"].nunique()
            in_row = int(row_sizes.get((first["source"], first["row_key"]), 0))
            if in_row >= 3 and len(sharing) < in_row:
                continue  # some of several products released the same year: chance
        names = " and ".join(sorted(sharing))
        explanation = (
            f"{names} are both given {first['raw_value']!r} for "
            f"{metric_name(first['metric'], first['qualifier'])} in one row "
            f"({first['source']} {first['locator'].rsplit(' / column', 1)[0]}); a figure "
            "that differs between products is unlikely to be identical, so one column was "
            "probably copied."
        )
        findings.append(
            make_finding(
                FindingKind.IDENTICAL_COLUMNS,
                Scope.SAME_PAGE,
                Severity.MEDIUM,
                None,
                first["metric"],
                first["qualifier"],
                explanation,
                cells["claim_id"][same],
            )
        )
    return findings


def _numbers_told(
    facts: pd.DataFrame, shared: pd.DataFrame
) -> dict[tuple[str, str, str], set[str]]:
    """The first number of every figure the pages of `shared` give each (source, metric,
    entity): a shared one-digit cell is a copy when the page gives a sharer another number."""
    pool = facts.loc[
        (facts["role"] == ClaimRole.VALUE.value) & facts["source"].isin(set(shared["source"])),
        ["source", "metric", "entity", "raw_value"],
    ]
    told: dict[tuple[str, str, str], set[str]] = {}
    for source, metric, entity, raw in pool.itertuples(index=False, name=None):
        runs = _digit_runs(str(raw))
        if runs:
            told.setdefault((str(source), str(metric), str(entity)), set()).add(runs[0])
    return told


# A copied row is told from a coincidence by its length: four or more equal measurements, at
# least three of them different numbers (a row of zeros or of one repeated value is no copy).
_MIN_ROW_VALUES = 4
_MIN_DISTINCT = 3
_ROW_READ = [
    *("claim_id", "source", "row_key", "locator", "entity", "entity_qualifier"),
    *("conditions", "label", "raw_value", "evidence"),
]


def group_sizes(df: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """Per row, how many rows its group (by `keys`) has."""
    ids = group_ids(df, keys, ordered=False)
    return np.bincount(ids)[ids]


def _table_of(row_key: str) -> str:
    """'t2r18' → 't2': the table a row key names (a key without a row part is its own)."""
    head, _, _ = row_key.rpartition("r")
    return head or row_key


def find_identical_rows(facts: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    """One finding per set of rows of one table that give different entities, variants or
    conditions the same figure in every one of at least four measured columns."""
    mask = (
        (facts["role"] == ClaimRole.VALUE.value)
        & facts["location_kind"].isin(_ROW_KINDS)
        & facts["row_key"].notna()
    )
    cells = facts.loc[mask, [c for c in _ROW_READ if c in facts.columns]]
    # measurements are numbers: a row of the same driver names ('asyncpg | aiomysql') is a
    # shared stack, no copied figures
    cells = cells.loc[cells["raw_value"].astype(str).str.contains(r"\d", regex=True)]
    if cells.empty:
        return []
    cells = _whole_rows_seen_twice(cells.assign(same_value=_normalized(cells["raw_value"])))
    rows: dict[tuple[str, str], dict] = {}
    for claim_id, source, row_key, label, value, who in zip(
        cells["claim_id"],
        cells["source"],
        cells["row_key"],
        cells["label"],
        cells["same_value"],
        _who(cells),
        strict=True,
    ):
        row = rows.setdefault((source, row_key), {"cells": {}, "claims": [], "who": set()})
        row["cells"].setdefault(str(label), set()).add(value)
        row["claims"].append(claim_id)
        row["who"].add(who)
    by_signature: dict[tuple, list[tuple[str, str]]] = {}
    for (source, row_key), row in rows.items():
        if len(row["who"]) != 1 or len(row["cells"]) < _MIN_ROW_VALUES:
            continue  # a row of several entities is the other rule's; a short row proves little
        if any(len(values) != 1 for values in row["cells"].values()):
            continue
        values = {label: next(iter(v)) for label, v in row["cells"].items()}
        if len(set(values.values())) < _MIN_DISTINCT:
            continue
        signature = (source, _table_of(row_key), tuple(sorted(values.items())))
        by_signature.setdefault(signature, []).append((source, row_key))
    findings: list[Finding] = []
    for (source, _, values), keys in sorted(by_signature.items()):
        who = {next(iter(rows[k]["who"])) for k in keys}
        if len(who) < 2:
            continue  # the same entity and conditions twice: a repeated row, not a copy
        names = " and ".join(sorted(f"{e}{f' ({c})' if c else ''}" for e, c in who))
        shown = ", ".join(f"{label} {value}" for label, value in values)
        explanation = (
            f"{names} are given the very same figures in {len(keys)} rows of one table "
            f"({source} rows {', '.join(k for _, k in keys)}): {shown}; {len(values)} equal "
            "measurements of different products or loads are practically impossible, so one "
            "row was probably copied."
        )
        claims = [c for k in keys for c in rows[k]["claims"]]
        findings.append(
            make_finding(
                FindingKind.IDENTICAL_COLUMNS,
                Scope.SAME_PAGE,
                Severity.HIGH,
                None,
                None,
                None,
                explanation,
                claims,
                rule="identical_rows",
            )
        )
    return findings


def _whole_rows_seen_twice(cells: pd.DataFrame) -> pd.DataFrame:
    """The cells of rows (≥ 4 cells) each of whose cells — label and value — appears in
    another row of the same table: column-wise, so only candidate rows are read one by one."""
    if cells.empty:
        return cells
    # the table of each distinct row key, worked out once per key
    codes, keys = pd.factorize(cells["row_key"].astype(str))
    tables = np.array([_ROW_PART.sub("", key) for key in keys], dtype=object)
    cells = cells.assign(table=tables[codes])
    row = ["source", "row_key"]
    in_rows = distinct_counts(cells, ["source", "table", "label", "same_value"], "row_key")
    size = group_sizes(cells, row)
    repeated = (
        pd.Series(in_rows >= 2, index=cells.index).groupby(group_ids(cells, row)).transform("sum")
    )
    keep = (size >= _MIN_ROW_VALUES) & (repeated.to_numpy() == size)
    return cells[keep]


_ROW_PART = re.compile(r"r\d+$")


def _who(cells: pd.DataFrame) -> list[tuple[str, str]]:
    """Per cell, what its row describes: the entity with its variant, and the conditions."""
    nothing = np.full(len(cells), None, dtype=object)
    variants, conditions = (
        cells[c].to_numpy(dtype=object) if c in cells.columns else nothing
        for c in ("entity_qualifier", "conditions")
    )
    out = []
    for entity, variant, condition in zip(cells["entity"], variants, conditions, strict=True):
        name = f"{entity} {variant}" if isinstance(variant, str) and variant else str(entity)
        out.append((name, condition if isinstance(condition, str) else ""))
    return out
