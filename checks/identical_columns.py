"""`identical_columns`: a row giving two entities the very same value for an entity-specific
metric, the mark of a column copied by a template ("First Release Year | 2018 | 2018")."""

from __future__ import annotations

import numpy as np
import pandas as pd

from checks.columns import Columns
from checks.config import CheckConfig
from checks.conflict import metric_name
from checks.findings import Finding, make_finding
from checks.grouping import group_positions, with_several
from crosscheck.contracts import ClaimRole, FindingKind, LocationKind, Scope, Severity

_SAME_CELL = ["source", "row_key", "same_value"]
_ROW_KINDS = (
    LocationKind.TABLE_CELL.value,
    LocationKind.COLLAPSED_ROW.value,
    LocationKind.ATTRIBUTE_ROW.value,
)

# What a finding reads of the cells of a row.
_READ = ["claim_id", "source", "row_key", "locator", "entity", "metric", "qualifier", "raw_value"]


def _normalized(texts: pd.Series) -> np.ndarray:
    """Each text stripped and casefolded (missing stays None), worked out once per distinct
    text: a page repeats its figures many times."""
    codes, distinct = pd.factorize(texts, use_na_sentinel=False)
    normal = np.array(
        [t.strip().casefold() if isinstance(t, str) else None for t in distinct], dtype=object
    )
    return normal[codes]


def find_identical_columns(facts: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    """One finding per row where ≥2 entities share a value of an entity-specific metric."""
    rows = facts.loc[
        (facts["role"] == ClaimRole.VALUE.value)
        & facts["location_kind"].isin(_ROW_KINDS)
        & facts["row_key"].notna()
        & facts["metric"].isin(config.entity_specific),
        _READ,
    ]
    rows = rows.assign(same_value=_normalized(rows["raw_value"]))
    shared = with_several(rows, _SAME_CELL, "entity")
    cells = Columns(shared)
    findings: list[Finding] = []
    for _, same in group_positions(shared, _SAME_CELL):
        first = cells.row(same[0])
        names = " and ".join(sorted(set(cells["entity"][same])))
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
