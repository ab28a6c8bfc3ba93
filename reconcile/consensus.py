"""Reconcile stage entry point: facts → copy groups → truth discovery → consensus frames.

Numeric value facts are grouped by (entity, metric, qualifier, unit), categorical ones by
(entity, metric, qualifier); both feed one reliability estimate per source. The method, its
prior and its confidence formula are written up in docs/reconcile.md.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from crosscheck.reconcile.arrays import (
    dense_codes,
    factorize_runs,
    first_per_group,
    group_cumsum,
    group_starts,
)
from crosscheck.reconcile.copies import (
    CopyConfig,
    CopyDetection,
    PageShingles,
    detect_copies,
    empty_copies,
)
from crosscheck.reconcile.duplicates import (
    TextCopyConfig,
    copy_findings,
    figure_keys,
    merge_text_copies,
    shares_figures,
    text_copies,
)
from crosscheck.reconcile.errors import ReconcileError
from crosscheck.reconcile.truth import (
    CategoryClaims,
    IntervalClaims,
    TruthConfig,
    TruthOutcome,
    category_claims,
    category_vote,
    discover_truth,
    interval_claims,
)

from crosscheck.contracts import (
    RECONCILED_CATEGORY_COLUMNS,
    RECONCILED_COLUMNS,
    RETRACTED_QUALIFIER,
    SOURCE_RELIABILITY_COLUMNS,
    UNMAPPED_METRIC,
    ClaimRole,
    FindingKind,
    ValueType,
)
from crosscheck.intervals import IntervalPolicy

REQUIRED_COLUMNS: tuple[str, ...] = (
    "source", "entity", "metric", "qualifier", "role", "value_type", "low", "high", "bound",
    "unit", "text_value", "label", "raw_value",
)  # fmt: skip


@dataclass(frozen=True)
class ReconcileConfig:
    """Tolerances per metric (from the vocabulary), the shared interval policy, the truth
    discovery prior and the copy detection thresholds."""

    intervals: IntervalPolicy = field(default_factory=IntervalPolicy)
    tolerances: dict[str, float] = field(default_factory=dict)
    truth: TruthConfig = field(default_factory=TruthConfig)
    copies: CopyConfig = field(default_factory=CopyConfig)
    text_copies: TextCopyConfig = field(default_factory=TextCopyConfig)
    # True values reviewers confirmed: (entity, metric, qualifier, unit, value) in the canonical
    # unit. A pin is the consensus of its key and scores the sources (docs/reconcile.md).
    pins: tuple[tuple[str, str, str, str, float], ...] = ()


@dataclass
class ReconcileResult:
    """Consensus per key (numeric and categorical), source reliability and copy groups."""

    reconciled: pd.DataFrame  # RECONCILED_COLUMNS, one row per (entity, metric, qualifier)
    groups: int  # rows of `reconciled`
    reconciled_categories: pd.DataFrame  # RECONCILED_CATEGORY_COLUMNS
    source_reliability: pd.DataFrame  # SOURCE_RELIABILITY_COLUMNS
    copy_groups: pd.DataFrame  # COPY_GROUP_COLUMNS: pages in groups of two or more
    iterations: int = 0
    converged: bool = True
    # FINDING_COLUMNS: one near_duplicate finding per page that repeats another's wording
    copy_findings: pd.DataFrame = field(default_factory=lambda: copy_findings(None, None))


# Finding kinds that say a figure itself is wrong (copied from another column, belonging to
# another entity, read at the wrong scale), not merely that figures disagree.
FLAGGING_KINDS = frozenset(
    {FindingKind.IDENTICAL_COLUMNS, FindingKind.MISATTRIBUTION, FindingKind.UNIT_SCALE}
)


def flagged_claims(findings: pd.DataFrame) -> frozenset[str]:
    """Claim ids of the evidence of findings whose kind flags the figure itself."""
    if findings.empty:
        return frozenset()
    kinds = {k.value for k in FLAGGING_KINDS}
    rows = findings[findings["kind"].isin(kinds)]
    return frozenset(c for ids in rows["claim_ids"] for c in ids)


def _unflagged(facts: pd.DataFrame, flagged: frozenset[str]) -> pd.DataFrame:
    """The facts without the flagged ones, except in keys (entity, metric, qualifier) where
    every fact is flagged: a consensus never rests on a figure its own checks flag while any
    unflagged figure is there to decide it."""
    kept = _unflagged_rows(facts, flagged)
    return facts if kept is None else facts[kept]


def _unflagged_rows(facts: pd.DataFrame, flagged: frozenset[str]) -> np.ndarray | None:
    """Which rows `_unflagged` keeps (None: every one), so `_select` filters only the
    columns it takes (a row filter of the whole frame copied every column: ~0.2 s CPU at
    720,000 facts)."""
    if not flagged or "claim_id" not in facts.columns:
        return None
    suspect = facts["claim_id"].isin(flagged).to_numpy(dtype=bool, copy=True)
    if not suspect.any():
        return None
    # The same figure repeated on the page (a second table, a summary card) is the same
    # statement: flagged with it. Coded only over the pages (and, for the keys, the
    # entities) of the flagged facts: every other row is in neither a flagged figure nor key.
    same = ["source", "entity", "metric", "qualifier", "low", "high"]
    pages = _sharing(facts["source"].astype(object).fillna(""), suspect)
    # column by column: a row filter of the whole frame copies every column
    figure = dense_codes(*(facts[c][pages].astype(object).fillna("") for c in same))
    suspect[pages] = np.isin(figure, figure[suspect[pages]])
    near = _sharing(facts["entity"], suspect)
    key = dense_codes(
        facts["entity"][near], facts["metric"][near], facts["qualifier"][near].fillna("")
    )
    clean_keys = np.unique(key[~suspect[near]])
    dropped = np.zeros(len(facts), dtype=bool)
    dropped[near] = suspect[near] & np.isin(key, clean_keys)
    return ~dropped


def _sharing(column: pd.Series, rows: np.ndarray) -> np.ndarray:
    """Which rows hold a value of `column` that a row in `rows` holds (missing matches
    missing): a superset of the rows that can share a coded combination with them."""
    values = column.to_numpy(dtype=object)
    held = pd.unique(values[rows])
    missing = pd.isna(held)
    found = np.asarray(column.isin(held[~missing]).to_numpy(dtype=bool))
    return found | column.isna().to_numpy(dtype=bool) if missing.any() else found


def _select(
    facts: pd.DataFrame, kept: np.ndarray | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Numeric and categorical value facts of mapped metrics among the `kept` rows (default
    every one); a missing qualifier reads ''."""
    missing = [c for c in REQUIRED_COLUMNS if c not in facts.columns]
    if missing:
        raise ReconcileError(f"facts frame lacks column(s): {', '.join(missing)}")
    value = (
        (facts["role"] == ClaimRole.VALUE.value)
        & facts["metric"].notna()
        & (facts["metric"] != UNMAPPED_METRIC)
        & facts["entity"].notna()
        & facts["source"].notna()
    ).to_numpy(dtype=bool)
    # a figure its own sentence takes back ("73%, but in fact 93%") is no voice
    value = value & ~_retracted(facts["qualifier"])
    if kept is not None:
        value &= kept
    low = pd.to_numeric(facts["low"], errors="coerce").to_numpy(dtype=float)
    kind = facts["value_type"].to_numpy(dtype=object)
    numeric = value & (kind == ValueType.NUMERIC.value) & np.isfinite(low)
    numeric &= facts["unit"].notna().to_numpy(dtype=bool)
    categorical = value & (kind == ValueType.CATEGORICAL.value)
    categorical &= facts["text_value"].notna().to_numpy(dtype=bool)
    keys = ["source", "entity", "metric", "qualifier"]
    num = facts.loc[numeric, [*keys, "low", "high", "bound", "unit", "raw_value"]]
    cat = facts.loc[categorical, [*keys, "text_value"]]
    return (
        num.assign(qualifier=num["qualifier"].fillna("")).reset_index(drop=True),
        cat.assign(qualifier=cat["qualifier"].fillna("")).reset_index(drop=True),
    )


def _retracted(qualifier: pd.Series) -> np.ndarray:
    """Per row, whether its qualifier marks a retracted figure: the pattern is tried once per
    distinct qualifier (missing reads ''), not once per fact."""
    codes, distinct = pd.factorize(qualifier.to_numpy(dtype=object))
    texts = [str(q) for q in distinct] + [""]  # code -1 (missing) reads the last
    hit = np.array([re.search(RETRACTED_QUALIFIER, t) is not None for t in texts], dtype=bool)
    return hit[codes]


def reconcile_facts(
    facts: pd.DataFrame,
    config: ReconcileConfig | None = None,
    flagged: frozenset[str] = frozenset(),
    passages: pd.DataFrame | None = None,
    shingles: Sequence[PageShingles] | None = None,
) -> ReconcileResult:
    """Consensus per (entity, metric, qualifier), source reliability and copy groups; the
    `flagged` claim ids (`flagged_claims` of the run's findings) take no part in the vote of
    a key that has unflagged claims. `passages` (PASSAGE_COLUMNS) adds the copies found by
    content, and a near_duplicate finding for each; `shingles`, the figure shingles of every
    page of `facts` made where they were parsed, spares hashing them again."""
    config = config or ReconcileConfig()
    copies, found = _copies(facts, config, passages, shingles)
    if facts.empty:
        return replace(_empty(copies.groups), copy_findings=found)
    num, cat = _select(facts, _unflagged_rows(facts, flagged))
    src_all, names = factorize_runs(
        pd.concat([num["source"], cat["source"]], ignore_index=True).astype(str), sort=True
    )
    if len(names) == 0:
        return replace(_empty(copies.groups), copy_findings=found)
    voices = [copies.group_of.get(n, "\x00" + n) for n in names]
    voice_of_src = pd.factorize(pd.Series(voices, dtype=object))[0].astype(np.int64)
    src_num, src_cat = src_all[: len(num)], src_all[len(num) :]
    intervals = interval_claims(num, src_num, voice_of_src, config.intervals, config.tolerances)
    categories, cat, texts = category_claims(cat, src_cat, voice_of_src)
    pinned = _pinned(num, intervals, config.pins)
    outcome = discover_truth(intervals, categories, len(names), config.truth, pinned)
    pseudo = config.truth.pseudo_weight
    reconciled = _interval_frame(num, intervals, outcome, names, pseudo, pinned)
    return ReconcileResult(
        reconciled=reconciled,
        groups=len(reconciled),
        reconciled_categories=_category_frame(cat, categories, texts, outcome, names, pseudo),
        source_reliability=_reliability_frame(names, src_all, outcome, copies.group_of),
        copy_groups=copies.groups,
        iterations=outcome.iterations,
        converged=outcome.converged,
        copy_findings=found,
    )


def _copies(
    facts: pd.DataFrame,
    config: ReconcileConfig,
    passages: pd.DataFrame | None,
    shingles: Sequence[PageShingles] | None = None,
) -> tuple[CopyDetection, pd.DataFrame]:
    """Copy groups by figures and by content, and the near_duplicate findings of the latter."""
    copies = detect_copies(facts, config.copies, shingles) if not facts.empty else empty_copies()
    if passages is None or len(passages) < 2 or not config.copies.enabled:
        return copies, copy_findings(None, None)
    # a pair with no figure in common has nothing to confirm twice: neither grouped nor reported
    found = text_copies(passages, config.text_copies)
    # Figure keys only of the pages in a pair: keying every fact was half of reconcile.
    paired = {source for pair in found for source in (pair.copy, pair.original)}
    keys = figure_keys(facts[facts["source"].astype(str).isin(paired)]) if paired else {}
    pairs = [p for p in found if shares_figures(keys, p)]
    if not pairs:
        return copies, copy_findings(None, None)
    groups = merge_text_copies(copies.groups, pairs)
    group_of = dict(zip(groups["source"], groups["group_id"], strict=True))
    return CopyDetection(groups, group_of), copy_findings(
        passages, facts, config.text_copies, pairs, keys
    )


def _pinned(
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


def _interval_frame(
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


def _category_frame(
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


def _reliability_frame(
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


def _empty(copy_groups: pd.DataFrame | None = None) -> ReconcileResult:
    """Empty frames with the right columns (no facts, or none that reconcile)."""
    return ReconcileResult(
        pd.DataFrame(columns=RECONCILED_COLUMNS),
        0,
        pd.DataFrame(columns=RECONCILED_CATEGORY_COLUMNS),
        pd.DataFrame(columns=SOURCE_RELIABILITY_COLUMNS),
        empty_copies().groups if copy_groups is None else copy_groups,
    )
