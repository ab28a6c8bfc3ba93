"""The consensus frames a truth-discovery outcome becomes: per (entity, metric, qualifier) the
interval consensus (a weighted median that is a stated figure, or a reviewer's pin) and the
categorical vote, with their confidence, and per source its reliability.

Kept apart from the vote (crosscheck.reconcile.consensus) because the partitioned reconcile
(crosscheck.reconcile.partitioned) builds the same frames from each partition's outcome.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
from crosscheck.reconcile.arrays import first_per_group, group_cumsum, group_starts
from crosscheck.reconcile.truth import (
    CategoryClaims,
    IntervalClaims,
    TruthOutcome,
    category_vote,
)

from crosscheck.contracts import (
    RECONCILED_CATEGORY_COLUMNS,
    RECONCILED_COLUMNS,
    SOURCE_RELIABILITY_COLUMNS,
)


def pinned_values(
    num: pd.DataFrame,
    claims: IntervalClaims,
    pins: tuple[tuple[str, str, str, str, float], ...],
) -> np.ndarray:
    """The reviewed true value of each interval group (entity, metric, qualifier, unit), NaN
    for groups nobody pinned."""
    pinned = np.full(claims.n_groups, np.nan)
    if not pins or claims.n_groups == 0:
        return pinned
    wanted = {(e, m, q or "", u): float(v) for e, m, q, u, v in pins}
    rows = claims.row[group_starts(claims.gid)]
    columns = [num[c].to_numpy(dtype=object)[rows] for c in ("entity", "metric", "qualifier")]
    units = num["unit"].to_numpy(dtype=object)[rows]
    for g, key in enumerate(zip(*columns, units, strict=True)):
        pinned[g] = wanted.get(key, np.nan)
    return pinned


def confidence(
    support: np.ndarray, runner_up: np.ndarray, total: np.ndarray, pseudo: float
) -> np.ndarray:
    """(winning weight − best rival weight) / (all weight + one unseen voice), in [0, 1]."""
    return np.clip((support - runner_up) / (total + pseudo), 0.0, 1.0).round(3)


def _source_lists(g: np.ndarray, src: np.ndarray, names: np.ndarray, n: int) -> list[list[str]]:
    """The distinct sources of each group, sorted by name (source codes follow name order)."""
    pairs = np.sort(g * len(names) + src)
    pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]] if len(pairs) else pairs
    cuts = np.r_[0, np.searchsorted(pairs // len(names), np.arange(1, n)), len(pairs)]
    flat = names[pairs % len(names)].tolist()
    return [flat[a:b] for a, b in itertools.pairwise(cuts)]


def interval_frame(
    num: pd.DataFrame,
    claims: IntervalClaims,
    outcome: TruthOutcome,
    names: np.ndarray,
    pseudo: float,
    pinned: np.ndarray | None = None,
) -> pd.DataFrame:
    """One row per (entity, metric, qualifier): the consensus of its best-supported unit, or
    of the unit a reviewer pinned a true value in (that value, confidence 1)."""
    n = claims.n_groups
    if n == 0:
        return pd.DataFrame(columns=RECONCILED_COLUMNS)
    pinned = np.full(n, np.nan) if pinned is None else pinned
    has_pin = ~np.isnan(pinned)
    w = outcome.interval_weight
    agree = outcome.interval_agree.copy()
    # A pinned group may have no claim at its true value: the median machinery below then
    # runs over all its claims and the pin overrides the result.
    agree |= (has_pin & (np.bincount(claims.gid[agree], minlength=n) == 0))[claims.gid]
    idx = np.flatnonzero(agree)  # sorted by (group, point)
    g, wa, pa = claims.gid[idx], w[idx], claims.point[idx]
    st = group_starts(g)  # every group has agreeing claims: its consensus is one of theirs
    weight = np.add.reduceat(wa, st)
    # Weighted median of the agreeing points; an exact half split takes the midpoint.
    cw, half, eps = group_cumsum(wa, st), weight[g] / 2, 1e-9 * weight[g]
    k = first_per_group(cw >= half - eps, g)
    nxt = np.minimum(k + 1, len(idx) - 1)
    even = (np.abs(cw[k] - half[k]) <= eps[k]) & (nxt != k) & (g[nxt] == g[k])
    value = np.where(even, (pa[k] + pa[nxt]) / 2, pa[k])
    floor, ceiling = (
        np.maximum.reduceat(claims.lo[idx], st),
        np.minimum.reduceat(claims.hi[idx], st),
    )
    value = _stated(np.clip(value, floor, ceiling), floor, ceiling, g, claims, idx)
    low = np.minimum(np.minimum.reduceat(claims.hull_lo[idx], st), value)
    high = np.maximum(np.maximum.reduceat(claims.hull_hi[idx], st), value)
    support = np.diff(np.r_[st, len(idx)])
    claims_n = np.bincount(claims.gid, minlength=n)
    total_w = np.bincount(claims.gid, weights=w, minlength=n)
    first = group_starts(claims.gid)
    key = claims.key[first]
    # The unit with the most support speaks for the key; the other units' claims dissent.
    order = np.lexsort((np.arange(n), -claims_n, -support, -weight.round(12), ~has_pin, key))
    winners = order[group_starts(key[order])]
    losers = weight.copy()
    losers[winners] = 0.0
    rival = np.zeros(int(key.max()) + 1)
    np.maximum.at(rival, key, losers)
    key_w = np.bincount(key, weights=total_w)[key[winners]]
    key_n = np.bincount(key, weights=claims_n)[key[winners]].astype(np.int64)
    runner = np.maximum(outcome.interval_runner[winners], rival[key[winners]])
    sources = _source_lists(g, claims.src[idx], names, n)
    confident = confidence(weight[winners], runner, key_w, pseudo)
    if has_pin.any():
        value, low, high, support, sources = _apply_pins(
            claims, outcome.interval_agree, pinned, names, (value, low, high, support, sources)
        )
        confident = np.where(has_pin[winners], 1.0, confident)
    rows = claims.row[first[winners]]
    return pd.DataFrame(
        {
            "entity": num["entity"].to_numpy(dtype=object)[rows],
            "metric": num["metric"].to_numpy(dtype=object)[rows],
            "qualifier": num["qualifier"].to_numpy(dtype=object)[rows],
            "low": low[winners],
            "high": high[winners],
            "value": value[winners],
            "unit": num["unit"].to_numpy(dtype=object)[rows],
            "support": support[winners].astype(np.int64),
            "dissent": key_n - support[winners],
            "confidence": confident,
            "sources": [sources[i] for i in winners],
        },
        columns=RECONCILED_COLUMNS,
    )


def _stated(
    value: np.ndarray,
    floor: np.ndarray,
    ceiling: np.ndarray,
    g: np.ndarray,
    claims: IntervalClaims,
    idx: np.ndarray,
) -> np.ndarray:
    """Per group, the figure a supporter stated (a point, or a range's end) nearest `value`
    among those every supporter agrees with (inside [floor, ceiling]; the lower on a tie):
    never a number no page gave, such as 900,000 between 850,000 and ~1.2M. A group whose
    supporters state no such figure keeps `value`, the centre of their common interval."""
    candidates = np.concatenate([claims.point[idx], claims.hull_lo[idx], claims.hull_hi[idx]])
    group = np.tile(g, 3)
    eps = 1e-9 * np.maximum(np.abs(candidates), 1.0)
    inside = (candidates >= floor[group] - eps) & (candidates <= ceiling[group] + eps)
    candidates, group = candidates[inside], group[inside]
    if len(candidates) == 0:
        return value
    order = np.lexsort((candidates, np.abs(candidates - value[group]), group))
    firsts = order[group_starts(group[order])]
    stated = value.copy()
    stated[group[firsts]] = candidates[firsts]
    return stated


def _apply_pins(
    claims: IntervalClaims,
    agree: np.ndarray,
    pinned: np.ndarray,
    names: np.ndarray,
    voted: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[list[str]]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[list[str]]]:
    """Value, range, support and sources per group with the pinned groups' replaced: the
    true value, the claims whose comparison interval holds it, and the range they give."""
    value, low, high, support = (a.copy() for a in voted[:4])
    sources = list(voted[4])
    n, has_pin = claims.n_groups, ~np.isnan(pinned)
    held = agree & has_pin[claims.gid]
    support[has_pin] = np.bincount(claims.gid[held], minlength=n)[has_pin]
    lo = np.full(n, np.inf)
    hi = np.full(n, -np.inf)
    np.minimum.at(lo, claims.gid[held], claims.hull_lo[held])
    np.maximum.at(hi, claims.gid[held], claims.hull_hi[held])
    value[has_pin] = pinned[has_pin]
    low[has_pin] = np.minimum(lo, pinned)[has_pin]
    high[has_pin] = np.maximum(hi, pinned)[has_pin]
    pinned_sources = _source_lists(claims.gid[held], claims.src[held], names, n)
    for g in np.flatnonzero(has_pin):
        sources[g] = pinned_sources[g]
    return value, low, high, support, sources


def category_frame(
    cat: pd.DataFrame,
    claims: CategoryClaims,
    texts: np.ndarray,
    outcome: TruthOutcome,
    names: np.ndarray,
    pseudo: float,
) -> pd.DataFrame:
    """One row per (entity, metric, qualifier) of categorical facts: the weighted vote."""
    n = claims.n_groups
    if n == 0:
        return pd.DataFrame(columns=RECONCILED_CATEGORY_COLUMNS)
    w, agree = outcome.category_weight, outcome.category_agree
    _, top, runner = category_vote(claims, w)
    support = np.bincount(claims.gid[agree], minlength=n)
    first = np.unique(claims.gid, return_index=True)[1]
    return pd.DataFrame(
        {
            "entity": cat["entity"].to_numpy(dtype=object)[first],
            "metric": cat["metric"].to_numpy(dtype=object)[first],
            "qualifier": cat["qualifier"].to_numpy(dtype=object)[first],
            "value_text": texts[outcome.category_winner],
            "support": support.astype(np.int64),
            "dissent": np.bincount(claims.gid, minlength=n) - support,
            "confidence": confidence(
                top, runner, np.bincount(claims.gid, weights=w, minlength=n), pseudo
            ),
            "sources": _source_lists(claims.gid[agree], claims.src[agree], names, n),
        },
        columns=RECONCILED_CATEGORY_COLUMNS,
    )


def reliability_frame(
    names: np.ndarray, src: np.ndarray, outcome: TruthOutcome, group_of: dict[str, str]
) -> pd.DataFrame:
    """One row per source that made a reconcilable claim, sorted by source."""
    agreeing = outcome.agreeing.round().astype(np.int64)
    return pd.DataFrame(
        {
            "source": names,
            "reliability": outcome.reliability.round(4),
            "claims": np.bincount(src, minlength=len(names)).astype(np.int64),
            "agreeing": agreeing,
            "disagreeing": outcome.compared.round().astype(np.int64) - agreeing,
            "copy_group": pd.Series([group_of.get(n) for n in names], dtype=object),
        },
        columns=SOURCE_RELIABILITY_COLUMNS,
    )
