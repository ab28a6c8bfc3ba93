"""The stage contracts' own rules as plain pandas functions (no pandera).

The pandera models (:mod:`crosscheck.common.schemas`) call these from their `@pa.check` and
`@pa.dataframe_check` methods of the same name, and the contracts' fast pass calls them
directly, so a run whose frames break no rule never imports pandera.
"""

from __future__ import annotations

import pandas as pd

from crosscheck.common.contracts import ValueType


def low_not_above_high(df: pd.DataFrame) -> pd.Series[bool]:
    """An interval never has its low end above its high end."""
    return df["low"].isna() | df["high"].isna() | (df["low"] <= df["high"])


def numeric_has_interval(df: pd.DataFrame) -> pd.Series[bool]:
    """Numeric facts carry an interval and a unit; categorical facts carry a text value."""
    numeric = df["value_type"] == ValueType.NUMERIC.value
    return (numeric & df["low"].notna() & df["unit"].notna()) | (
        ~numeric & df["text_value"].notna()
    )


def rests_on_claims(claim_ids: pd.Series[object]) -> pd.Series[bool]:
    """Every finding names at least one claim."""
    return claim_ids.map(lambda ids: isinstance(ids, (list, tuple)) and len(ids) > 0)
