"""Plain column arrays of a frame, for the rules' loops over groups and rows.

Selecting rows of a 30-column DataFrame costs tens of microseconds per call, and at thousands
of groups that dominated the checks stage; a rule reads the columns it needs once and indexes
these numpy arrays by position instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd


class Columns:
    """The columns of a frame as numpy arrays; positions are the frame's row positions."""

    def __init__(self, df: pd.DataFrame, names: Iterable[str] | None = None) -> None:
        self._arrays = {name: df[name].to_numpy() for name in (names or df.columns)}

    def __getitem__(self, name: str) -> np.ndarray:
        return self._arrays[name]

    def __contains__(self, name: object) -> bool:
        return name in self._arrays

    def __len__(self) -> int:
        """The number of rows (explicit so an empty frame's columns are falsy)."""
        return len(next(iter(self._arrays.values()), ()))

    def row(self, position: int | np.integer) -> Row:
        """One row as a column → value mapping, with the scalars a pandas row would hold."""
        return Row(self._arrays, position)


class Row(Mapping[str, Any]):
    """One row of `Columns`: a value is read when asked for (most rows are asked for two or
    three of their columns, and building a dict of all of them cost more than the rule)."""

    __slots__ = ("_arrays", "_position")

    def __init__(self, arrays: dict[str, np.ndarray], position: int | np.integer) -> None:
        self._arrays = arrays
        self._position = position

    def __getitem__(self, name: str) -> Any:
        return self._arrays[name][self._position]

    def __iter__(self) -> Iterator[str]:
        return iter(self._arrays)

    def __len__(self) -> int:
        return len(self._arrays)
