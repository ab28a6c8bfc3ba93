"""A fast pass of a pandera model's own rules over a frame, before pandera itself.

Why: pandera spent ~0.55 ms a page in the parse task (claims and facts, ~80 rows a page)
re-reading every string column several times; the rules our models use (dtype, nullable,
unique, str_length, isin, ge, the models' own column and frame-wide checks) are a few
vectorized tests. When every
rule holds and pandera's coercion keeps every column as it is, pandera would return the
frame unchanged, so it is not called; otherwise it runs as before (its failure cases name the
quarantined rows). The rules are read from the model's schema (common.contract_rules, kept
between processes so a clean run never imports pandera), never restated here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from crosscheck.common import frame_checks
from crosscheck.common.contract_rules import (
    KNOWN_CHECKS,
    CheckRule,
    ColumnRules,
    ModelName,
    rules_of,
)

if TYPE_CHECKING:
    import pandera.pandas as pa

#: A stage contract by name (pandera is imported only if a frame needs it) or a pandera model.
Model = ModelName | type["pa.DataFrameModel"]


def model_class(model: Model) -> type[pa.DataFrameModel]:
    """The pandera model itself (imports pandera)."""
    if not isinstance(model, str):
        return model
    from crosscheck.common import schemas

    found: type[pa.DataFrameModel] = getattr(schemas, model)
    return found


@functools.lru_cache(maxsize=16)
def _schema(model: type[pa.DataFrameModel]) -> Any:
    """The model's schema (built once; `to_schema` rebuilds it on every call)."""
    return model.to_schema()


@functools.lru_cache(maxsize=512)
def _keeps_dtype(model: type[pa.DataFrameModel], column: str, dtype: Any) -> bool:
    """Whether pandera's coercion leaves a column of `dtype` as it is (asked of an empty
    column once per model, column and dtype): for a dtype the kept rules do not list."""
    try:
        coerced = _schema(model).columns[column].dtype.coerce(pd.Series([], dtype=dtype))
    except Exception:  # pandera cannot coerce it: let pandera say so
        return False
    return bool(coerced.dtype == dtype) and repr(coerced.dtype) == repr(dtype)


def _keeps(model: Model, column: ColumnRules, dtype: Any) -> bool:
    kept = column.kept(dtype)
    return _keeps_dtype(model_class(model), column.name, dtype) if kept is None else kept


def _coerced(model: Model, column: ColumnRules, series: pd.Series) -> pd.Series:
    """The column as pandera's coercion returns it (raises where pandera's would)."""
    if column.target is not None:
        try:
            coerced: pd.Series = series.astype(column.target)
            return coerced
        except Exception:  # pandera's own fallbacks and messages: ask it
            pass
    live: pd.Series = _schema(model_class(model)).columns[column.name].dtype.try_coerce(series)
    return live


def _check_fails(check: CheckRule, values: pd.Series) -> np.ndarray:
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


def _own_check_fails(check: CheckRule, values: pd.Series) -> np.ndarray | None:
    """Where a model's own column check (the function of common.frame_checks its `@pa.check`
    method calls, given the column's non-null values as pandera gives them) fails; None for
    an answer that is not one boolean a value."""
    function: Callable[[pd.Series], object] = getattr(frame_checks, check.name)
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


def fast_pass(frame: pd.DataFrame, model: Model) -> FastPass | None:
    """The model's rules over `frame`, vectorized; None when the frame or schema is outside
    this pass (a missing column, a coercion that fails, a check it does not know): pandera
    then judges the whole frame. The rules come from common.contract_rules: pandera itself
    is imported only for a dtype or a coercion those rules do not cover."""
    rules = rules_of(model)
    if rules is None:
        return None
    coerced: dict[str, pd.Series] = {}
    failing = np.zeros(len(frame), dtype=bool)
    for column in rules.columns:
        name = column.name
        if name not in frame.columns:
            if column.required:
                return None
            continue
        series = frame[name]
        if not _keeps(model, column, series.dtype):
            try:  # pandera's own coercion of the column (an all-None object column: str)
                series = _coerced(model, column, series)
            except Exception:  # pandera reports it
                return None
            if not _keeps(model, column, series.dtype):
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
            if not check.ignore_na and has_nulls:
                return None
            known = check.name in KNOWN_CHECKS
            failed = _check_fails(check, values) if known else _own_check_fails(check, values)
            if failed is None:
                return None
            if has_nulls:
                failing[np.flatnonzero(~nulls)[failed]] = True
            else:
                failing |= failed
    out = frame.assign(**coerced) if coerced else frame.copy(deep=False)
    for check_name in rules.frame_checks:  # frame-wide (the model's @dataframe_check methods)
        result = getattr(frame_checks, check_name)(out)
        if not isinstance(result, pd.Series) or result.dtype != np.bool_:
            return None
        failing |= ~result.to_numpy()
    return FastPass(out, failing)


def validate_fast(frame: pd.DataFrame, model: Model) -> pd.DataFrame | None:
    """What `model.validate(frame)` returns when every rule holds; None means "ask pandera"
    (a row breaks a rule, or the frame or schema is outside this pass)."""
    checked = fast_pass(frame, model)
    if checked is None or checked.failing.any():
        return None
    return checked.frame
