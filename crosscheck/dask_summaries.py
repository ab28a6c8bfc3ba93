"""What the Dask client keeps of each parse chunk's summary (crosscheck.dask_held.summarize)
as it arrives, so what it holds stops growing with the chunks once the run's names and
column types have been seen (issue 19).

A summary carries the entity names its facts name and one sample row of its facts and of its
statements. The client only ever reads the union of the names (`HeldFacts.entities`: the
stored facts of those entities vote) and the column types of every sample stacked
(`HeldFacts.dtypes`, `HeldStatements.of`); yet every chunk's names arrived as new strings in
a set of their own and every sample as a one-row frame of 31 columns: ~0.37 MiB per 1,000
pages where the checks begin. Each summary now keeps only the names no earlier chunk named
(the union is the same), and a sample whose column types and missing values an earlier one
had is replaced by that one (stacking gives the same types: pandas resolves a column's type
from its parts' types and, for some types, whether a part is all missing).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from crosscheck.batch_frames import HeldPiece


def _signature(sample: pd.DataFrame) -> tuple[Any, ...]:
    """What stacking reads of a one-row sample: each column's name, type and whether it is
    missing."""
    missing = sample.isna().any().tolist()
    return tuple(zip(sample.columns.tolist(), sample.dtypes.tolist(), missing, strict=True))


class ChunkSummaries:
    """The run's names and samples so far, one per DaskPool (one run): `keep` each chunk's
    summary as it arrives, in any order (the union and the set of samples do not depend on
    it)."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.samples: dict[tuple[Any, ...], pd.DataFrame] = {}

    def keep(self, held: HeldPiece | None) -> None:
        if held is None:
            return
        if held.entities:
            new = held.entities - self.names
            self.names |= new
            held.entities = frozenset(new)
        held.sample = self._shared(held.sample)
        if held.statement_sample is not None:
            held.statement_sample = self._shared(held.statement_sample)

    def _shared(self, sample: pd.DataFrame) -> pd.DataFrame:
        if not len(sample):  # a chunk without facts: dtypes() leaves its sample out
            return sample
        return self.samples.setdefault(_signature(sample), sample)
