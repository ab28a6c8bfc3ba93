"""Iterative truth discovery over interval and category claims, in the spirit of TruthFinder/CRH.

Each round weighs every claim by its source's reliability (one voice per copy group, split over
its claims in a group), takes per group the value covered by the most weight (intervals) or the
heaviest category, and re-scores each source as the Beta-smoothed share of contested claims
that agree. All steps are whole-array numpy operations; only the rounds are a Python loop.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from crosscheck.reconcile.arrays import dense_codes, first_per_group, group_cumsum, group_starts
from crosscheck.reconcile.errors import ReconcileError

from crosscheck.intervals import IntervalPolicy, comparison_bounds

_EPS = 1e-9  # relative tolerance when comparing summed weights (ties)


@dataclass(frozen=True)
class TruthConfig:
    """The Beta prior on reliability, the iteration limits and the confidence shrinkage."""

    prior_alpha: float = 2.0  # pseudo-agreements: a new source starts at alpha/(alpha+beta)
    prior_beta: float = 1.0  # pseudo-disagreements
    max_iterations: int = 10
    tolerance: float = 1e-4  # stop when no reliability moves by more than this
    pseudo_weight: float = 1.0  # one unseen voice in the confidence denominator

    def __post_init__(self) -> None:
        if self.prior_alpha <= 0 or self.prior_beta <= 0:
            raise ReconcileError("the Beta prior needs alpha > 0 and beta > 0")
        if self.max_iterations < 1 or self.tolerance < 0 or self.pseudo_weight < 0:
            raise ReconcileError("max_iterations ≥ 1, tolerance ≥ 0 and pseudo_weight ≥ 0")

    @property
    def prior_mean(self) -> float:
        return self.prior_alpha / (self.prior_alpha + self.prior_beta)


@dataclass
class IntervalClaims:
    """Numeric claims sorted by (group, point): comparison bounds, source and weight share;
    `row` is each claim's position in the facts it came from."""

    gid: np.ndarray
    src: np.ndarray
    share: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    contested: np.ndarray  # the group has at least two independent voices
    n_groups: int
    row: np.ndarray
    key: np.ndarray  # (entity, metric, qualifier) code; groups add the unit
    point: np.ndarray
    hull_lo: np.ndarray  # the range a claim adds to a consensus: N for N+ and 'under N'
    hull_hi: np.ndarray


@dataclass
class CategoryClaims:
    """Categorical claims: group, category code (codes sorted by group, then text)."""

    gid: np.ndarray
    src: np.ndarray
    share: np.ndarray
    cat: np.ndarray
    cat_gid: np.ndarray  # group of every category code
    contested: np.ndarray
    n_groups: int


def _shares(
    gid: np.ndarray, src: np.ndarray, voice_of_src: np.ndarray, n_src: int
) -> tuple[np.ndarray, np.ndarray]:
    """Weight share of each claim — one voice per copy group, split over its member pages and
    over each page's claims in the group — and whether its group has two or more voices."""
    if len(gid) == 0:
        return np.empty(0), np.zeros(0, dtype=bool)
    n_voice = int(voice_of_src.max()) + 1
    pages, page_of_claim, claims_of_page = np.unique(
        gid * n_src + src, return_inverse=True, return_counts=True
    )
    voices, members = np.unique(
        pages // n_src * n_voice + voice_of_src[pages % n_src], return_counts=True
    )
    claim_voice = gid * n_voice + voice_of_src[src]
    members_of_claim = members[np.searchsorted(voices, claim_voice)]
    voice_count = np.bincount(voices // n_voice, minlength=int(gid.max()) + 1)
    share = 1.0 / (members_of_claim * claims_of_page[page_of_claim])
    return share, voice_count[gid] >= 2


def _points(low: np.ndarray, high: np.ndarray, bound: np.ndarray) -> np.ndarray:
    """crosscheck.intervals.point_value over arrays: N for N+ and 'under N', else the midpoint."""
    at_least = (bound == "at_least") | ~np.isfinite(high)
    return np.where(at_least, low, np.where(bound == "at_most", high, (low + high) / 2))


def _tolerances(metric: pd.Series, tolerances: dict[str, float], default: float) -> np.ndarray:
    codes, metrics = pd.factorize(metric.astype(object))
    return np.array([tolerances.get(m, default) for m in metrics], dtype=float)[codes]


def interval_claims(
    num: pd.DataFrame,
    src: np.ndarray,
    voice_of_src: np.ndarray,
    policy: IntervalPolicy,
    tolerances: dict[str, float],
) -> IntervalClaims:
    """Claims sorted by (group, point) with comparison bounds, points and weight shares."""
    low = num["low"].to_numpy(dtype=float)
    high = pd.to_numeric(num["high"], errors="coerce").to_numpy(dtype=float)
    high = np.where(np.isnan(high), np.inf, high)
    bound = num["bound"].astype(object).to_numpy(dtype=object)
    tolerance = _tolerances(num["metric"], tolerances, policy.default_tolerance)
    raw = num["raw_value"].to_numpy(dtype=object) if "raw_value" in num.columns else None
    lo, hi = comparison_bounds(low, high, bound, tolerance, policy, raw)  # "over N": open
    lo, hi = np.minimum(lo, hi), np.maximum(lo, hi)  # negative figures widen the other way
    point = _points(low, high, bound)
    fixed = np.isin(bound, ["at_least", "at_most"])
    key = dense_codes(num["entity"], num["metric"], num["qualifier"])
    gid = dense_codes(pd.Series(key), num["unit"])
    order = np.lexsort((point, gid))
    src, gid = src[order].astype(np.int64), gid[order]
    share, contested = _shares(gid, src, voice_of_src, len(voice_of_src))
    return IntervalClaims(
        gid, src, share, lo[order], hi[order], contested,
        int(gid.max(initial=-1)) + 1, order, key[order], point[order],
        np.where(fixed, point, low)[order], np.where(fixed, point, high)[order],
    )  # fmt: skip


def category_claims(
    cat: pd.DataFrame, src: np.ndarray, voice_of_src: np.ndarray
) -> tuple[CategoryClaims, pd.DataFrame, np.ndarray]:
    """Claims with one code per (group, category), codes sorted by group then text; the frame
    gains its group codes and the text of every code comes back alongside."""
    gid = dense_codes(cat["entity"], cat["metric"], cat["qualifier"])
    code = dense_codes(pd.Series(gid), cat["text_value"].astype(str))
    cat = cat.assign(gid=gid, code=code)
    firsts = cat.drop_duplicates("code").sort_values("code")
    src = src.astype(np.int64)
    share, contested = _shares(gid, src, voice_of_src, len(voice_of_src))
    claims = CategoryClaims(
        gid, src, share, code, firsts["gid"].to_numpy(dtype=np.int64),
        contested, int(gid.max(initial=-1)) + 1,
    )  # fmt: skip
    return claims, cat, firsts["text_value"].astype(str).to_numpy(dtype=object)


class Sweep:
    """The start/end events of the claims' intervals in (group, coordinate) order, sorted once;
    the coverage of any weighting is then one grouped cumulative sum."""

    def __init__(self, claims: IntervalClaims) -> None:
        n = len(claims.gid)
        coord = np.r_[claims.lo, claims.hi]
        kind = np.r_[np.zeros(n, dtype=np.int8), np.ones(n, dtype=np.int8)]  # starts first
        gid = np.r_[claims.gid, claims.gid]
        # Starts come first in `coord`, so stable sorts keep them before ends at one point.
        by_coord = np.argsort(coord, kind="stable")
        order = by_coord[np.argsort(gid[by_coord], kind="stable")]
        self.claim = np.r_[np.arange(n), np.arange(n)][order]
        self.sign = np.where(kind[order] == 0, 1.0, -1.0)
        self.coord = coord[order]
        self.gid = gid[order]
        self.starts = group_starts(self.gid)
        self.count = group_cumsum(self.sign, self.starts)  # claims covering each event
        self.is_start = self.sign > 0

    def best(self, weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per group, the point with the most covering weight (ties: more claims, then the
        lowest point) and that weight."""
        cover = group_cumsum(weight[self.claim] * self.sign, self.starts)
        at_start = np.where(self.is_start, cover, -np.inf)
        top = np.maximum.reduceat(at_start, self.starts)
        near = self.is_start & (cover >= top[self.gid] - _EPS * np.maximum(top[self.gid], 1.0))
        claims = np.where(near, self.count, -1.0)
        most = np.maximum.reduceat(claims, self.starts)
        chosen = first_per_group(near & (self.count == most[self.gid]), self.gid)
        return self.coord[chosen], np.maximum(top, 0.0)


def interval_agreement(claims: IntervalClaims, point: np.ndarray) -> np.ndarray:
    """Whether each claim's comparison interval contains its group's consensus point."""
    x = point[claims.gid]
    return (claims.lo <= x) & (claims.hi >= x)


def category_vote(
    claims: CategoryClaims, weight: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Winning category code per group (ties: more claims, then alphabetical), its weight and
    the runner-up's weight."""
    n_cats = len(claims.cat_gid)
    score = np.bincount(claims.cat, weights=weight, minlength=n_cats)
    count = np.bincount(claims.cat, minlength=n_cats).astype(float)
    starts = group_starts(claims.cat_gid)
    top = np.maximum.reduceat(score, starts)
    near = score >= top[claims.cat_gid] - _EPS * np.maximum(top[claims.cat_gid], 1.0)
    most = np.maximum.reduceat(np.where(near, count, -1.0), starts)
    winner = first_per_group(near & (count == most[claims.cat_gid]), claims.cat_gid)
    rest = score.copy()
    rest[winner] = -np.inf
    runner = np.maximum(np.maximum.reduceat(rest, starts), 0.0)
    return winner, top, runner


@dataclass
class TruthOutcome:
    """Reliability per source code, agreement per claim and the final claim weights."""

    reliability: np.ndarray
    agreeing: np.ndarray
    compared: np.ndarray
    interval_agree: np.ndarray
    interval_weight: np.ndarray
    interval_runner: np.ndarray  # per group: most weight covering one point among dissenters
    category_winner: np.ndarray
    category_agree: np.ndarray
    category_weight: np.ndarray
    iterations: int
    converged: bool


def _score(
    n_src: int,
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    config: TruthConfig,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Beta-smoothed agreement rate per source over its contested claims."""
    src = np.concatenate([s[c] for s, _, c in parts])
    agree = np.concatenate([a[c] for _, a, c in parts]).astype(float)
    compared = np.bincount(src, minlength=n_src).astype(float)
    agreeing = np.bincount(src, weights=agree, minlength=n_src)
    reliability = (agreeing + config.prior_alpha) / (
        compared + config.prior_alpha + config.prior_beta
    )
    return reliability, agreeing, compared


def _decided(top: np.ndarray, runner: np.ndarray) -> np.ndarray:
    """Groups whose winner outweighs the best rival: a tie is no evidence about anyone."""
    return top - runner > _EPS * np.maximum(top, 1.0)


def _interval_round(
    sweep: Sweep | None, claims: IntervalClaims, weight: np.ndarray, pinned: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Agreement per claim with its group's best-covered point (or the reviewed true value of
    a pinned group), the runner-up weight per group and whether each claim's group is decided
    (a pinned group always is: reviewed truth outranks the vote)."""
    if sweep is None:
        return np.zeros(0, dtype=bool), np.empty(0), np.zeros(0, dtype=bool)
    point, top = sweep.best(weight)
    has_pin = ~np.isnan(pinned)
    point = np.where(has_pin, pinned, point)
    agree = interval_agreement(claims, point)
    runner = sweep.best(np.where(agree, 0.0, weight))[1]
    return agree, runner, (_decided(top, runner) | has_pin)[claims.gid]


def _category_round(
    claims: CategoryClaims, weight: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Winning category per group, agreement per claim and decided per claim."""
    if len(claims.gid) == 0:
        return np.empty(0, dtype=np.int64), np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)
    winner, top, runner = category_vote(claims, weight)
    return winner, claims.cat == winner[claims.gid], _decided(top, runner)[claims.gid]


def discover_truth(
    intervals: IntervalClaims,
    categories: CategoryClaims,
    n_src: int,
    config: TruthConfig,
    pinned: np.ndarray | None = None,
) -> TruthOutcome:
    """Alternate consensus and reliability until no reliability moves by more than tolerance.
    Only claims in groups with two or more voices and a strict winner count as evidence, and
    every claim of a group whose true value a reviewer pinned (`pinned`, per interval group,
    NaN where none) does, judged against that value."""
    sweep = Sweep(intervals) if len(intervals.gid) else None
    if pinned is None:
        pinned = np.full(intervals.n_groups, np.nan)
    counted = intervals.contested | ~np.isnan(pinned)[intervals.gid]
    reliability = np.full(n_src, config.prior_mean)
    converged, iterations = False, 0
    while True:
        w_num = reliability[intervals.src] * intervals.share
        w_cat = reliability[categories.src] * categories.share
        agree_num, runner, decided_num = _interval_round(sweep, intervals, w_num, pinned)
        winner, agree_cat, decided_cat = _category_round(categories, w_cat)
        updated, agreeing, compared = _score(
            n_src,
            [
                (intervals.src, agree_num, counted & decided_num),
                (categories.src, agree_cat, categories.contested & decided_cat),
            ],
            config,
        )
        if converged or iterations >= config.max_iterations:
            break
        iterations += 1
        converged = bool(np.max(np.abs(updated - reliability), initial=0.0) <= config.tolerance)
        reliability = updated
    return TruthOutcome(
        updated, agreeing, compared, agree_num, w_num, runner, winner, agree_cat, w_cat,
        iterations, converged,
    )  # fmt: skip
