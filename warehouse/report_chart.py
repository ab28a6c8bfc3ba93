"""Numbers as reviewers read them (2,500 / 1.2M / 45 MB) and the conflict chart's geometry.

The chart is numbers only: labels stay plain text for the autoescaping templates to escape.
"""

from __future__ import annotations

import math
from typing import Any

from crosscheck.common.units import interval_text, number_text, unit_text

__all__ = ["conflict_chart", "interval_text", "number_text", "unit_text"]

_PALETTE = ["#2563eb", "#d97706", "#059669", "#9333ea", "#dc2626", "#0891b2", "#65a30d", "#db2777"]
_W, _LEFT, _RIGHT, _ROW, _TOP, _AXIS = 760, 230, 24, 24, 12, 30


def _scale(lo: float, hi: float) -> tuple[bool, float, float, list[float]]:
    """(log?, domain start, domain end, ticks): log10 when the values span more than 100x."""
    if lo > 0 and hi / lo > 100:
        a, b = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
        step = max(1, math.ceil((b - a) / 8))
        return True, float(a), float(b), [10.0**k for k in range(a, b + 1, step)]
    if lo == hi:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / 5
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    a, b = math.floor(lo / step) * step, math.ceil(hi / step) * step
    return False, a, b, [a + i * step for i in range(round((b - a) / step) + 1)]


def conflict_chart(
    claims: list[dict], consensus: dict | None, compared: list[tuple[float, float]] | None = None
) -> dict[str, Any] | None:
    """Geometry of an interval chart (numbers only; labels stay text for the template to escape).

    Each bar is the interval the rules compare (`compared`, one per numeric claim of the first
    claim's unit: `N+` as [N, 1.3 N], `~N` widened, never an open end drawn to the axis), with
    a dot at the stated figure; the consensus is a line at its value, drawn only when support
    is not split (confidence above 0) and in the claims' unit."""
    rows = [c for c in claims if c["numeric"]]
    rows = [c for c in rows if c["unit"] == rows[0]["unit"]]  # one axis, one unit
    if not rows:
        return None
    spans = compared if compared is not None else [(c["low"], c["high"]) for c in rows]
    unit = rows[0]["unit"]
    mark = None
    if (
        consensus
        and (consensus.get("confidence") or 0) > 0
        and consensus.get("unit") == unit
        and consensus.get("value") is not None
        and math.isfinite(consensus["value"])
    ):
        mark = float(consensus["value"])
    points = [_point(c) for c in rows]
    finite = [v for pair in spans for v in pair if v is not None and math.isfinite(v)]
    finite += [p for p in points if math.isfinite(p)] + ([mark] if mark is not None else [])
    if not finite:
        return None
    positive = [v for v in finite if v > 0]
    # "under N" is compared from 0: on a log axis it starts at the left edge.
    wide = bool(positive) and max(positive) / min(positive) > 100
    log, a, b, ticks = _scale(min(positive) if wide else min(finite), max(finite))
    plot = _W - _LEFT - _RIGHT

    def x(v: float) -> float:
        if math.isinf(v):
            return _LEFT if v < 0 else _LEFT + plot
        if log and v <= 0:
            return _LEFT
        t = math.log10(v) if log else v
        return round(_LEFT + (t - a) / ((b - a) or 1) * plot, 1)

    colours: dict[str, str] = {}
    bars = []
    for i, (c, (lo, hi), p) in enumerate(zip(rows, spans, points, strict=True)):
        y = _TOP + i * _ROW + _ROW / 2
        colour = colours.setdefault(c["source"], _PALETTE[len(colours) % len(_PALETTE)])
        label = f"#{c['position']} {c['raw_value']}"
        compared_text = interval_text(lo, hi, unit)
        agrees = c.get("agrees")
        bars.append(
            dict(
                y=y,
                x1=x(lo),
                x2=x(hi),
                px=x(p),
                colour=colour,
                agrees=agrees,
                label=label if len(label) <= 34 else label[:33] + "…",
                title=f"#{c['position']} {c['raw_value']} → {c['normalized']}, compared as "
                f"{compared_text} ({c['source']})"
                + ("" if agrees is None else " · agrees" if agrees else " · dissents"),
            )
        )
    axis_y = _TOP + len(rows) * _ROW + 6
    return dict(
        width=_W,
        height=axis_y + _AXIS,
        left=_LEFT,
        right=_LEFT + plot,
        top=_TOP,
        axis_y=axis_y,
        log=log,
        bars=bars,
        scale_label=" · ".join(t for t in (unit_text(unit), "log" if log else "") if t),
        ticks=[dict(x=x(t), label=number_text(t, unit)) for t in ticks],
        consensus=None if mark is None else _consensus_mark(x(mark), mark, unit, _LEFT + plot),
    )


def _consensus_mark(at: float, value: float, unit: str | None, right: float) -> dict[str, Any]:
    """The consensus line's place and label; the label reads leftwards near the right edge."""
    leftwards = at > right - 160
    return dict(
        x=at,
        text=interval_text(value, value, unit),
        anchor="end" if leftwards else "start",
        label_x=at - 3 if leftwards else at + 3,
    )


def _point(claim: dict) -> float:
    """The stated figure of a claim: N for N+ and 'under N', the midpoint of a range."""
    low, high, bound = claim["low"], claim["high"], claim.get("bound")
    if bound == "at_least" or not math.isfinite(high):
        return float(low)
    if bound == "at_most" or not math.isfinite(low):
        return float(high)
    return (low + high) / 2
