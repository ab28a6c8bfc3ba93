"""How the synthetic corpus writes a number (bench.corpus): significant figures, a written figure
and its comparison interval (docs/normalization.md), and the Diff cell of two figures.

Kept apart from the value writers (bench.corpus_values) and pages: every page part reads these.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from crosscheck.common.intervals import rounding_tolerance


def _sig(x: float, digits: int = 2, mode: str = "round") -> float:
    if x <= 0:
        return x
    exp = math.floor(math.log10(x)) - digits + 1
    unit = 10.0**exp
    op = {"round": round, "floor": math.floor, "ceil": math.ceil}[mode]
    value = op(x / unit) * unit
    return float(round(value, max(0, -exp)))


def num(x: float) -> str:
    """A figure as pages write it: thousands separators, one decimal when small."""
    if x >= 100 or float(x).is_integer():
        return f"{round(x):,}"
    return f"{x:.1f}".rstrip("0").rstrip(".") if x < 10 else f"{x:.1f}".removesuffix(".0")


def fig(x: float) -> tuple[str, float]:
    """The printed figure and the value it states (what a reader, and the parser, gets)."""
    text = num(x)
    return text, float(text.replace(",", ""))


@dataclass(frozen=True)
class Written:
    """A figure as written and what it states, in the metric family's base unit."""

    raw: str
    low: float
    high: float  # inf for N+
    bound: str  # exact, approximate, at_least, range
    clean: bool = True

    @property
    def point(self) -> float:
        if self.bound == "range":
            return (self.low + self.high) / 2
        return self.low


def comparison_interval(w: Written, tolerance: float) -> tuple[float, float]:
    """The documented reading of a figure, re-derived here and kept on the strict side: exact
    ±tol, "~N" a rounded N (±max(tol, 5 %, its rounding): crosscheck.intervals), ranges as
    written ±tol, "N+" as [N - tol, 1.3 N] (the tightest reading of "about N, at least N" the
    pipeline has used). A clean figure's interval holds the truth, so any two clean figures
    agree under any looser reading too."""
    approximate = max(tolerance, 0.05, rounding_tolerance(w.low))
    tol = approximate if w.bound == "approximate" else tolerance
    if w.bound == "at_least":
        return w.low * (1 - tol), w.low * 1.3
    return w.low * (1 - tol), w.high * (1 + tol)


def consistent(w: Written, truth: float, tolerance: float) -> bool:
    lo, hi = comparison_interval(w, tolerance)
    return lo <= truth <= hi


def _hours_of(raw: str) -> float:
    text = raw.lstrip("~").replace("+", "")
    value, unit = text.split()[0], text.split()[1]
    hours = float(value.replace(",", ""))
    return hours / 60 if unit.startswith("minute") else hours


def diff_text(a: Written, b: Written) -> str | None:
    """The correct Diff cell, (a - b) / b as a whole percent, as the pages write it."""
    if b.point == 0:
        return None
    pct = round((a.point - b.point) / b.point * 100)
    if pct == 0:
        return None
    return f"{pct:+d}%"


def wrong_diff(rng: random.Random, a: Written, b: Written) -> str | None:
    """A Diff the values do not give: swapped direction, or just wrong."""
    right = (a.point - b.point) / b.point * 100
    options: list[float] = []
    if a.point:
        options.append((b.point - a.point) / a.point * 100)  # columns swapped
    options.append(-right)  # sign flipped
    options.append(right * rng.uniform(1.6, 3.0) + rng.choice([-40, 40]))
    rng.shuffle(options)
    for option in options:
        pct = round(option)
        if pct != 0 and abs(pct - right) > max(6, abs(right) * 0.25):
            return f"{pct:+d}%"
    return None
