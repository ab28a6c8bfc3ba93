"""A frame's rows as plain dicts, the same as `DataFrame.to_dict("records")`, built from
one `tolist()` per column.

Why: the statements' rules turn the statements (and the band rule the figures of the
entities it names) into records ten times over; pandas boxes every value on its own in
`to_dict` (`maybe_box_native`), which cost ~4x the column lists (issue 20, the statements'
CPU 3.1 -> 6.7 s at 10,000 pages). Frames of other column types fall back to `to_dict`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

# column types whose `tolist()` gives what `to_dict("records")` gives (Python scalars)
_PLAIN = frozenset({"object", "float64", "int64", "bool"})


def records(frame: pd.DataFrame) -> list[dict[Any, Any]]:
    """`frame.to_dict("records")`: each row as a dict of its columns' Python values."""
    columns = list(frame.columns)
    if not columns or not frame.columns.is_unique:
        return frame.to_dict("records")
    lists: list[list[Any]] = []
    for column, dtype in zip(columns, frame.dtypes, strict=True):
        if str(dtype) not in _PLAIN:
            return frame.to_dict("records")
        values = frame[column].tolist()
        if str(dtype) == "object" and any(
            issubclass(t, np.generic) for t in set(map(type, values))
        ):
            return frame.to_dict("records")  # to_dict would turn the numpy scalars native
        lists.append(values)
    return [dict(zip(columns, row, strict=True)) for row in zip(*lists, strict=True)]
