"""A fast pass of a pandera model's own rules over a frame, before pandera itself.

Why: pandera spent ~0.55 ms a page in the parse task (claims and facts, ~80 rows a page)
re-reading every string column several times; the rules our models use (dtype, nullable,
unique, str_length, isin, ge and frame-wide checks) are a few vectorized tests. When every
rule holds and pandera's coercion keeps every column as it is, pandera would return the
frame unchanged, so it is not called; otherwise it runs as before (its failure cases name the
quarantined rows). The rules are read from the model's schema, never restated here.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa

#: The built-in checks this pass understands (pandera's names); any other check, parser or
#: schema option sends the frame to pandera.
_KNOWN_CHECKS = frozenset({"str_length", "isin", "greater_than_or_equal_to"})


@functools.lru_cache(maxsize=16)
def _schema(model: type[pa.DataFrameModel]) -> Any:
    """The model's schema (built once; `to_schema` rebuilds it on every call)."""
    return model.to_schema()


@functools.lru_cache(maxsize=512)
def _keeps_dtype(model: type[pa.DataFrameModel], column: str, dtype: Any) -> bool:
    """Whether pandera's coercion leaves a column of `dtype` as it is (asked of an empty
    column once per model, column and dtype)."""
    try:
        coerced = _schema(model).columns[column].dtype.coerce(pd.Series([], dtype=dtype))
    except Exception:  # pandera cannot coerce it: let pandera say so
        return False
    return bool(coerced.dtype == dtype) and repr(coerced.dtype) == repr(dtype)


def _simple_schema(schema: Any) -> bool:
    """A schema with no option this pass does not implement."""
    return not (
        schema.strict
        or schema.ordered
        or schema.unique
        or schema.add_missing_columns
        or schema.drop_invalid_rows
        or getattr(schema, "parsers", None)
        or getattr(schema, "index", None) is not None
    )


def _check_holds(check: Any, values: pd.Series) -> bool:
    """A built-in column check over the column's non-null values."""
    stats = check.statistics
    if check.name == "isin":
        return bool(values.isin(stats["allowed_values"]).all())
    if check.name == "greater_than_or_equal_to":
        return bool((values >= stats["min_value"]).all())
    # str_length
    low, high, exact = stats.get("min_value"), stats.get("max_value"), stats.get("exact_value")
    if exact is None and high is None and low == 1:
        return not bool((values == "").any())  # the common "not empty" rule, without len()
    lengths = values.str.len()
    if exact is not None:
        return bool((lengths == exact).all())
    return bool(
        (low is None or (lengths >= low).all()) and (high is None or (lengths <= high).all())
    )


def validate_fast(frame: pd.DataFrame, model: type[pa.DataFrameModel]) -> pd.DataFrame | None:
    """What `model.validate(frame)` returns when every rule holds (the frame, its columns
    coerced as pandera coerces them); None means only "ask pandera" (a rule failed, or the
    frame or schema is outside this pass)."""
    schema = _schema(model)
    if not _simple_schema(schema) or not schema.coerce:
        return None
    coerced: dict[str, pd.Series] = {}
    for name, column in schema.columns.items():
        if name not in frame.columns:
            if column.required:
                return None
            continue
        if column.regex or getattr(column, "parsers", None):
            return None
        series = frame[name]
        if not _keeps_dtype(model, name, series.dtype):
            try:  # pandera's own coercion of the column (an all-None object column: str)
                series = column.dtype.try_coerce(series)
            except Exception:  # pandera reports it
                return None
            if not _keeps_dtype(model, name, series.dtype):
                return None
            coerced[name] = series
        nulls = series.isna().to_numpy()
        has_nulls = bool(nulls.any())
        if has_nulls and not column.nullable:
            return None
        if column.unique and series.duplicated().any():
            return None
        values = series[~nulls] if has_nulls else series
        for check in column.checks:
            if check.name not in _KNOWN_CHECKS or check.groupby is not None:
                return None
            if not check.ignore_na and has_nulls:
                return None
            if not _check_holds(check, values):
                return None
    out = frame.assign(**coerced) if coerced else frame.copy(deep=False)
    for check in schema.checks:  # frame-wide checks (the model's @dataframe_check methods)
        function = getattr(check, "_check_fn", None)
        if function is None or check.groupby is not None or check.statistics:
            return None
        result = function(out)
        if not isinstance(result, pd.Series) or result.dtype != np.bool_:
            return None
        if not bool(result.all()):
            return None
    return out
