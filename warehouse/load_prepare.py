"""The bundle's frames made ready for the load's statements: contract columns checked (a frame
lacking one fails the load with a clear message), the first row of a duplicated key kept, and
the values DuckDB cannot infer well coerced; the tables the lake holds are left to its views."""

from __future__ import annotations

import pandas as pd
from crosscheck.warehouse.errors import LoadFailed
from crosscheck.warehouse.load_bundle import RunBundle

from crosscheck.contracts import (
    CLAIM_COLUMNS,
    FACT_COLUMNS,
    FINDING_COLUMNS,
    PAGE_COLUMNS,
    QUARANTINE_COLUMNS,
    RECONCILED_COLUMNS,
)

_FRAMES: dict[str, list[str]] = {
    "pages": PAGE_COLUMNS,
    "claims": CLAIM_COLUMNS,
    "facts": FACT_COLUMNS,
    "quarantine": QUARANTINE_COLUMNS,
    "findings": FINDING_COLUMNS,
    "reconciled": RECONCILED_COLUMNS,
}
_KEYS: dict[str, list[str]] = {
    "pages": ["source", "page_sha256"],
    "claims": ["claim_id"],
    "facts": ["claim_id"],
    "quarantine": ["claim_id", "stage"],
    "findings": ["finding_id"],
    "reconciled": ["entity", "metric", "qualifier"],
}


def prepare(bundle: RunBundle) -> dict[str, pd.DataFrame]:
    """Check the contract columns, drop duplicate keys, coerce what DuckDB cannot infer well."""
    frames: dict[str, pd.DataFrame] = {}
    for name, columns in _FRAMES.items():
        if bundle.lake is not None and name in ("claims", "facts"):
            continue  # read from the lake's files (warehouse.load_lake)
        if name == "reconciled" and bundle.lake is not None and bundle.lake.consensus is not None:
            continue  # the Dask workers wrote it to the lake (warehouse.load_lake)
        if name == "findings" and bundle.lake is not None and bundle.lake.findings is not None:
            continue  # the Dask workers wrote them to the lake (crosscheck.dask_findings)
        df = getattr(bundle, name)
        if not isinstance(df, pd.DataFrame):
            raise LoadFailed(f"run {bundle.run_id}: {name} is not a DataFrame")
        missing = [c for c in columns if c not in df.columns]
        if missing:
            raise LoadFailed(f"run {bundle.run_id}: {name} lacks contract columns {missing}")
        frames[name] = df[columns]
    pages = frames["pages"].copy()
    pages["page_sha256"] = pages["page_sha256"].fillna("")
    pages["fetched_at"] = pd.to_datetime(
        pages["fetched_at"], utc=True, errors="coerce", format="ISO8601"
    ).dt.tz_convert(None)
    frames["pages"] = pages
    if "findings" in frames:
        frames["findings"] = frames["findings"].assign(
            claim_ids=frames["findings"]["claim_ids"].map(_as_list)
        )
    if bundle.stored_claims:  # first: what follows then touches only the claims written now
        for name in ("claims", "facts"):
            if name not in frames:
                continue
            df = frames[name]
            frames[name] = df[~df["claim_id"].isin(list(bundle.stored_claims))]
    # '' and 0 are the contract's "none" for qualifiers and repairs (key and NOT NULL columns)
    if "facts" in frames:
        facts = frames["facts"]
        frames["facts"] = facts.assign(
            qualifier=facts["qualifier"].fillna(""), repairs=facts["repairs"].fillna(0)
        )
    if "reconciled" in frames:
        reconciled = frames["reconciled"]
        frames["reconciled"] = reconciled.assign(
            sources=reconciled["sources"].map(_as_list),
            qualifier=reconciled["qualifier"].fillna(""),
        )
    for name, keys in _KEYS.items():
        if name not in frames:
            continue
        df = frames[name]
        if len(df) and df.duplicated(keys).any():  # the first row of a key wins
            frames[name] = df.drop_duplicates(keys)
    return frames


def _as_list(value: object) -> list[str] | None:
    """A list-like cell (list, tuple, array) as a list of strings; a missing value stays None."""
    if isinstance(value, str):
        return [value]
    if value is None or pd.api.types.is_scalar(value):
        return None
    return [str(v) for v in value]  # type: ignore[attr-defined]


__all__ = ["prepare"]
