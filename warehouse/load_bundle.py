"""What one run hands the warehouse (`RunBundle`) and what the load added (`LoadResult`): the
load's inputs and outputs apart from its statements, so the engines build a bundle without the
load's machinery (warehouse.load runs it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from crosscheck.warehouse.load_lake import LakeFiles


@dataclass
class RunBundle:
    """Everything one run produced: DataFrames with the contract columns (extra ones ignored)."""

    run_id: str
    started_at: datetime | str
    finished_at: datetime | str
    sources: list[str]
    crosscheck_version: str
    vocabulary_version: str
    pages: pd.DataFrame
    claims: pd.DataFrame
    facts: pd.DataFrame
    quarantine: pd.DataFrame
    findings: pd.DataFrame
    reconciled: pd.DataFrame
    reconciled_categories: pd.DataFrame | None = None
    source_reliability: pd.DataFrame | None = None
    copy_groups: pd.DataFrame | None = None
    settings_digest: str | None = None  # runs.settings_digest (see the migration's comment)
    relations: pd.DataFrame | None = None  # RELATION_COLUMNS: comparative statements (issue 16)
    # Claims read back unchanged from the warehouse (pages reused by an incremental run): they
    # and their facts are stored as they are, so the load does not write them again.
    stored_claims: frozenset[str] = frozenset()
    passages: pd.DataFrame | None = None  # PASSAGE_COLUMNS: sketches of the pages parsed now
    # The run's facts and claims as the workers' Parquet files (the Dask engine): the load
    # reads them with DuckDB and `facts`/`claims` are left empty (warehouse.load_lake).
    lake: LakeFiles | None = None
    # Claims and facts of reused pages the run held without reading them back (stored as
    # they are): counted in the run's row, not written.
    unread_claims: int = 0
    unread_facts: int = 0


@dataclass(frozen=True)
class LoadResult:
    """Rows each table gained from this run (existing rows refreshed by upserts are not counted)."""

    run_id: str
    runs: int = 0
    sources: int = 0
    pages: int = 0
    claims: int = 0
    facts: int = 0
    quarantine: int = 0
    findings: int = 0
    finding_claims: int = 0
    reconciled_facts: int = 0
    resolved_findings: int = 0
    reopened_findings: int = 0


__all__ = ["LoadResult", "RunBundle"]
