"""Plain column arrays of a frame, for the rules' loops over groups and rows.

Selecting rows of a 30-column DataFrame costs tens of microseconds per call, and at thousands
of groups that dominated the checks stage; a rule reads the columns it needs once and indexes
these numpy arrays by position instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd


class Columns:
    """The columns of a frame as numpy arrays; positions are the frame's row positions."""

    def __init__(self, df: pd.DataFrame, names: Iterable[str] | None = None) -> None:
        self._arrays = {name: df[name].to_numpy() for name in (names or df.columns)}

    def __getitem__(self, name: str) -> np.ndarray:
        return self._arrays[name]

    def __len__(self) -> int:
        """The number of rows (explicit so an empty frame's columns are falsy)."""
        return len(next(iter(self._arrays.values()), ()))

    def row(self, position: int | np.integer) -> dict[str, Any]:
        """One row as a column → value dict, with the scalars a pandas row would hold."""
        return {name: values[position] for name, values in self._arrays.items()}
