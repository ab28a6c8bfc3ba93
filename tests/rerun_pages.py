"""The example pages copied with an old mtime, and a one-worker run over them: what the re-run
tests (full, partial checks, partial reconcile) start from."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import duckdb
import pandas as pd

from crosscheck.pipeline import RunConfig
from tests.conftest import EXAMPLES_DIR

OLD = time.time() - 3600  # an mtime old enough for the stat signature to be trusted


def old_pages(tmp_path: Path) -> Path:
    """The example pages under tmp_path/pages, every file's mtime an hour old."""
    pages = tmp_path / "pages"
    shutil.copytree(EXAMPLES_DIR, pages)
    for page in pages.iterdir():
        os.utime(page, (OLD, OLD))
    return pages


def rerun_config(tmp_path: Path, pages: Path, db: str = "w.duckdb") -> RunConfig:
    """A one-worker run of `pages` into tmp_path/db (snapshots beside it)."""
    return RunConfig(
        sources=[str(pages)],
        db_path=tmp_path / db,
        snapshot_dir=tmp_path / f"{db}.snapshots",
        reference_year=2026,
        workers=1,
    )


def table(db: Path, sql: str) -> pd.DataFrame:
    """A query's rows from a run's warehouse, read-only."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).df()
    finally:
        con.close()
