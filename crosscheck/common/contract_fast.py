"""A fast pass of a pandera model's own rules over a frame, before pandera itself.

Why: pandera spent ~0.55 ms a page in the parse task (claims and facts, ~80 rows a page)
re-reading every string column several times; the rules our models use (dtype, nullable,
unique, str_length, isin, ge, the models' own column and frame-wide checks) are a few
vectorized tests. When every
rule holds and pandera's coercion keeps every column as it is, pandera would return the
frame unchanged, so it is not called; otherwise it runs as before (its failure cases name the
quarantined rows). The rules are read from the model's schema, never restated here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
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


def _check_fails(check: Any, values: pd.Series) -> np.ndarray:
    """Where a built-in column check fails, over the column's non-null values."""
    stats = check.statistics
    if check.name == "isin":
        holds = values.isin(stats["allowed_values"])
    elif check.name == "greater_than_or_equal_to":
        holds = values >= stats["min_value"]
    else:  # str_length
        low, high = stats.get("min_value"), stats.get("max_value")
        exact = stats.get("exact_value")
        if exact is None and high is None and low == 1:
            holds = values != ""  # the common "not empty" rule, without len()
        else:
            lengths = values.str.len()
            holds = lengths == exact if exact is not None else pd.Series(True, values.index)
            if exact is None and low is not None:
                holds &= lengths >= low
            if exact is None and high is not None:
                holds &= lengths <= high
    failed: np.ndarray = ~holds.to_numpy(dtype=bool)
    return failed


def _own_check_fails(check: Any, values: pd.Series) -> np.ndarray | None:
    """Where a model's own column check (a `@pa.check` method, given the column's non-null
    values as pandera gives them) fails; None for any other check, or an answer that is not
    one boolean a value."""
    function = getattr(check, "_check_fn", None)
    if function is None or check.statistics or check.element_wise:
        return None
    result = function(values)
    if (
        not isinstance(result, pd.Series)
        or result.dtype != np.bool_
        or not result.index.equals(values.index)
    ):
        return None
    failed: np.ndarray = ~result.to_numpy()
    return failed


@dataclass
class FastPass:
    """The frame as pandera would return it were every row valid (columns coerced as pandera
    coerces them), and the rows that break a rule (pandera names which)."""

    frame: pd.DataFrame
    failing: np.ndarray


def fast_pass(frame: pd.DataFrame, model: type[pa.DataFrameModel]) -> FastPass | None:
    """The model's rules over `frame`, vectorized; None when the frame or schema is outside
    this pass (a missing column, a coercion that fails, a check it does not know): pandera
    then judges the whole frame."""
    schema = _schema(model)
    if not _simple_schema(schema) or not schema.coerce:
        return None
    coerced: dict[str, pd.Series] = {}
    failing = np.zeros(len(frame), dtype=bool)
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
            failing |= nulls
        if column.unique:
            failing |= series.duplicated(keep=False).to_numpy()
        values = series[~nulls] if has_nulls else series
        for check in column.checks:
            if check.groupby is not None or (not check.ignore_na and has_nulls):
                return None
            known = check.name in _KNOWN_CHECKS
            failed = _check_fails(check, values) if known else _own_check_fails(check, values)
            if failed is None:
                return None
            if has_nulls:
                failing[np.flatnonzero(~nulls)[failed]] = True
            else:
                failing |= failed
    out = frame.assign(**coerced) if coerced else frame.copy(deep=False)
    for check in schema.checks:  # frame-wide checks (the model's @dataframe_check methods)
        function = getattr(check, "_check_fn", None)
        if function is None or check.groupby is not None or check.statistics:
            return None
        result = function(out)
        if not isinstance(result, pd.Series) or result.dtype != np.bool_:
            return None
        failing |= ~result.to_numpy()
    return FastPass(out, failing)


def validate_fast(frame: pd.DataFrame, model: type[pa.DataFrameModel]) -> pd.DataFrame | None:
    """What `model.validate(frame)` returns when every rule holds; None means "ask pandera"
    (a row breaks a rule, or the frame or schema is outside this pass)."""
    checked = fast_pass(frame, model)
    if checked is None or checked.failing.any():
        return None
    return checked.frame
