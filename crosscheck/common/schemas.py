"""The pandera models of the stage contracts: loaded only where validation runs.

Kept apart from :mod:`crosscheck.common.contracts` because pandera costs ~0.5 s to import and
most commands (query, export, diff, --help) never validate a frame.
"""

from __future__ import annotations

from typing import Optional

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from crosscheck.common import frame_checks
from crosscheck.common.contracts import (
    BoundKind,
    ClaimRole,
    FindingKind,
    LocationKind,
    Scope,
    Severity,
    ValueType,
)
from crosscheck.common.units import CANONICAL_UNITS


class ClaimModel(pa.DataFrameModel):
    """A claim: one figure said about one entity, with its provenance."""

    claim_id: Series[str] = pa.Field(unique=True, str_length={"min_value": 1})
    source: Series[str] = pa.Field(str_length={"min_value": 1})
    page_sha256: Series[str] = pa.Field(str_length={"min_value": 64, "max_value": 64})
    page_title: Series[str] = pa.Field(nullable=True)
    entity_raw: Series[str] = pa.Field(str_length={"min_value": 1})
    counterpart_raw: Series[str] = pa.Field(nullable=True)
    label: Series[str] = pa.Field(str_length={"min_value": 1})
    unit_hint: Series[str] = pa.Field(nullable=True)
    raw_value: Series[str] = pa.Field(str_length={"min_value": 1})
    role: Series[str] = pa.Field(isin=[r.value for r in ClaimRole])
    location_kind: Series[str] = pa.Field(isin=[k.value for k in LocationKind])
    locator: Series[str] = pa.Field(str_length={"min_value": 1})
    row_key: Series[str] = pa.Field(nullable=True)
    evidence: Series[str]
    value_start: Series[int]
    conditions: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = False
        coerce = True


class FactModel(ClaimModel):
    """A normalized claim: a canonical entity and metric with an interval or a category."""

    entity: Series[str] = pa.Field(str_length={"min_value": 1})
    entity_qualifier: Series[str] = pa.Field(nullable=True)
    metric: Series[str] = pa.Field(str_length={"min_value": 1})
    qualifier: Series[str]
    value_type: Series[str] = pa.Field(isin=[v.value for v in ValueType])
    low: Series[float] = pa.Field(nullable=True)
    high: Series[float] = pa.Field(nullable=True)
    bound: Series[str] = pa.Field(nullable=True, isin=[b.value for b in BoundKind])
    unit: Series[str] = pa.Field(nullable=True, isin=sorted(set(CANONICAL_UNITS.values())))
    dimension: Series[str] = pa.Field(nullable=True)
    text_value: Series[str] = pa.Field(nullable=True)
    note: Series[str] = pa.Field(nullable=True)
    alt_low: Series[float] = pa.Field(nullable=True)
    alt_high: Series[float] = pa.Field(nullable=True)
    repairs: Series[int] = pa.Field(ge=0)

    # Each own check calls the plain function of its name (common.frame_checks), which the
    # contracts' fast pass calls without pandera.
    @pa.dataframe_check
    @classmethod
    def low_not_above_high(cls, df: pd.DataFrame) -> pd.Series[bool]:
        """An interval never has its low end above its high end."""
        return frame_checks.low_not_above_high(df)

    @pa.dataframe_check
    @classmethod
    def numeric_has_interval(cls, df: pd.DataFrame) -> pd.Series[bool]:
        """Numeric facts carry an interval and a unit; categorical facts carry a text value."""
        return frame_checks.numeric_has_interval(df)


class FindingModel(pa.DataFrameModel):
    """A finding: a contradiction or defect resting on the claims it names."""

    finding_id: Series[str] = pa.Field(unique=True)
    kind: Series[str] = pa.Field(isin=[k.value for k in FindingKind])
    scope: Series[str] = pa.Field(isin=[s.value for s in Scope])
    severity: Series[str] = pa.Field(isin=[s.value for s in Severity])
    entity: Series[str] = pa.Field(nullable=True)
    metric: Series[str] = pa.Field(nullable=True)
    qualifier: Series[str] = pa.Field(nullable=True)
    explanation: Series[str] = pa.Field(str_length={"min_value": 1})
    claim_ids: Series[object]
    # absent in frames built before root causes are grouped (checks.root_causes fills it)
    root_cause: Optional[Series[str]] = pa.Field(nullable=True)  # noqa: UP045 (pandera)

    @pa.check("claim_ids")
    @classmethod
    def rests_on_claims(cls, claim_ids: pd.Series) -> pd.Series[bool]:
        """Every finding names at least one claim."""
        return frame_checks.rests_on_claims(claim_ids)

    class Config:
        strict = False
        coerce = True
