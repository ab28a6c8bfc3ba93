"""Frames gathered from many tasks hold one string object per distinct value: a column sent
as categories and codes (`shared`) comes back as values pointing at its few distinct strings
(`expanded`), not one unpickled copy per row (issue 19: the Dask client's peak)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

#: Where a shared frame notes its columns' own types (frames of the same columns concatenate
#: with it: pandas keeps `attrs` that every frame has alike).
_TYPES = "shared_types"


def shared(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """`frame` with those of `columns` that hold strings and no null as categoricals (a
    null would come back as NaN: such a column is left as it is)."""
    convert = [
        c
        for c in columns
        if c in frame.columns
        and (frame[c].dtype == object or isinstance(frame[c].dtype, pd.StringDtype))
        and bool(frame[c].notna().all())
    ]
    if not convert or frame.empty:
        return frame
    out = frame.astype(dict.fromkeys(convert, "category"))
    out.attrs[_TYPES] = {c: str(frame[c].dtype) for c in convert}
    return out


def expanded(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its shared columns in their own types again (the same values: each row
    points at its category's string). Concatenated shared frames hold categoricals, or the
    categories' type where their categories differed."""
    types = frame.attrs.get(_TYPES, {})
    back = {c: frame[c].cat.categories.dtype for c in frame.columns if _categorical(frame[c])}
    back.update({c: t for c, t in types.items() if c in frame.columns})
    back = {c: t for c, t in back.items() if str(frame[c].dtype) != str(t)}
    if not back and not types:
        return frame
    out = frame.astype(back) if back else frame.copy(deep=False)
    out.attrs.pop(_TYPES, None)
    return out


def _categorical(column: pd.Series) -> bool:
    return isinstance(column.dtype, pd.CategoricalDtype)
