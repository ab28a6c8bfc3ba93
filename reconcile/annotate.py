"""One sentence per conflict finding saying which side the consensus favours and why, so a
reviewer reading a contradiction sees at once which figure the other sources back."""

from __future__ import annotations

import numpy as np
import pandas as pd

from crosscheck.contracts import RECONCILED_COLUMNS, FindingKind
from crosscheck.formatting import format_value
from crosscheck.intervals import comparison_bounds
from reconcile.consensus import ReconcileConfig

_KEY = ["entity", "metric", "qualifier"]
_NO_VALUE = " No consensus: no reconciled value for this metric."
format_figure = format_value  # one formatter for checks and reconcile (crosscheck.formatting)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _independent(sources: list[str], group_of: dict[str, str]) -> int:
    return len({group_of.get(s, s) for s in sources})


def _favours(row: pd.Series, any_agree: bool, group_of: dict[str, str]) -> str:
    """The sentence for a finding whose claims share one reconciled key."""
    if row["confidence"] <= 0:
        return " No consensus: support is split evenly."
    figure = format_figure(row["value"], row["unit"])
    support, claims = int(row["support"]), int(row["support"] + row["dissent"])
    k = _independent(list(row["sources"]), group_of)
    why = (
        f"{support} of {_plural(claims, 'claim')} from {k} independent "
        f"source{'' if k == 1 else 's'} agree{'s' if support == 1 else ''}; "
        f"confidence {row['confidence']:.2f}"
    )
    if any_agree:
        return f" Consensus favours {figure} ({why})."
    return f" Consensus ({figure}) favours neither side ({why})."


def _by_qualifier(rows: pd.DataFrame) -> str:
    """The sentence for a finding spanning several qualifiers of one metric."""
    parts = [
        f"{format_figure(r.value, r.unit)} for {r.qualifier or 'no qualifier'} "
        f"(confidence {r.confidence:.2f})"
        for r in rows.sort_values("qualifier").itertuples(index=False)
    ]
    return " Consensus differs by qualifier: " + "; ".join(parts) + "."


def annotate_conflicts(
    findings: pd.DataFrame,
    facts: pd.DataFrame,
    reconciled: pd.DataFrame,
    *,
    copy_groups: pd.DataFrame | None = None,
    config: ReconcileConfig | None = None,
) -> pd.DataFrame:
    """A copy of `findings` whose conflict explanations end with the consensus sentence.
    `copy_groups` (from the same reconciliation) makes copies count as one source."""
    config = config or ReconcileConfig()
    out = findings.copy()
    if len(out) == 0:
        return out
    positions = np.flatnonzero((out["kind"] == FindingKind.CONFLICT.value).to_numpy(dtype=bool))
    if len(positions) == 0:
        return out
    group_of: dict[str, str] = {}
    if copy_groups is not None and len(copy_groups):
        group_of = dict(zip(copy_groups["source"], copy_groups["group_id"], strict=True))
    if len(reconciled.columns) == 0:
        reconciled = pd.DataFrame(columns=RECONCILED_COLUMNS)
    rec = reconciled.assign(qualifier=reconciled["qualifier"].fillna("")).set_index(_KEY)
    conflicts = out.iloc[positions].set_axis(positions)
    sentences: dict[int, str] = {}
    for finding, own in _claims_of(conflicts, facts, rec, config).groupby("finding", sort=False):
        keys = own.loc[own["reconciled"], _KEY].drop_duplicates()
        if len(keys) == 1:
            row = rec.loc[tuple(keys.iloc[0])]
            sentences[int(finding)] = _favours(row, bool(own["agrees"].any()), group_of)
        elif len(keys) > 1:
            rows = rec.loc[pd.MultiIndex.from_frame(keys)].reset_index()
            sentences[int(finding)] = _by_qualifier(rows)
    column = out.columns.get_loc("explanation")
    for position in positions:
        sentence = sentences.get(int(position), _NO_VALUE)
        out.iat[position, column] = f"{out.iat[position, column]}{sentence}"
    return out


def _claims_of(
    conflicts: pd.DataFrame, facts: pd.DataFrame, rec: pd.DataFrame, config: ReconcileConfig
) -> pd.DataFrame:
    """The claims of every conflict with their key, the key's consensus and whether they
    agree with it; a finding whose claims are unknown keeps its own key."""
    ids = conflicts["claim_ids"].map(lambda v: list(v) if isinstance(v, list | tuple) else [])
    flat = [claim for claim_ids in ids for claim in claim_ids]
    own = pd.DataFrame({"finding": ids.index.repeat(ids.map(len)), "claim_id": flat})
    cols = ["claim_id", *_KEY, "low", "high", "bound", "unit"]
    known = facts[cols].drop_duplicates("claim_id") if len(facts) else pd.DataFrame(columns=cols)
    own = own.merge(known, on="claim_id", how="inner")
    fallback = conflicts[_KEY].assign(finding=conflicts.index, unit=None)
    own = pd.concat([own, fallback[~fallback["finding"].isin(own["finding"])]], ignore_index=True)
    own["qualifier"] = own["qualifier"].fillna("")
    consensus = rec[["value", "unit"]].rename(columns={"unit": "c_unit"})
    own = own.join(consensus, on=_KEY)
    own["reconciled"] = own["value"].notna()
    tol = (
        own["metric"]
        .map(config.tolerances)
        .astype(float)
        .fillna(config.intervals.default_tolerance)
    )
    lo, hi = comparison_bounds(
        pd.to_numeric(own["low"], errors="coerce").to_numpy(dtype=float),
        pd.to_numeric(own["high"], errors="coerce").to_numpy(dtype=float),
        own["bound"].astype(object).to_numpy(dtype=object),
        tol.to_numpy(dtype=float),
        config.intervals,
    )
    value = own["value"].to_numpy(dtype=float)
    same_unit = (own["unit"].astype(object) == own["c_unit"].astype(object)).to_numpy(dtype=bool)
    own["agrees"] = same_unit & (np.minimum(lo, hi) <= value) & (np.maximum(lo, hi) >= value)
    return own
