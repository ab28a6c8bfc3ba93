"""The value writers of the synthetic corpus (bench.corpus): a clean figure of a metric drawn so
its comparison interval holds the truth, in each family's styles (rates, sizes, hours, counts),
and a wrong one for a defect.
"""

from __future__ import annotations

import math
import random

from bench.corpus_metrics import _NOUNS, MetricSpec
from bench.corpus_numbers import Written, _hours_of, _sig, consistent, fig, num
from bench.corpus_settings import REFERENCE_YEAR

_RATE_UNITS = ("req/sec", "req/s", "RPS", "req/s")


def _unit_text(family: str, value: str, rng: random.Random, hint: str | None, noun: str) -> str:
    """Cell text for a number in the family, with or without a unit depending on the header."""
    if family == "rate":
        return value if hint and rng.random() < 0.3 else f"{value} {rng.choice(_RATE_UNITS)}"
    if family == "ms":
        if hint and rng.random() < 0.3:
            return value
        return f"{value}ms" if rng.random() < 0.4 else f"{value} ms"
    if family in ("KB", "MB"):
        if hint and rng.random() < 0.3:
            return value
        tail = " per instance" if family == "MB" and rng.random() < 0.2 else ""
        return (f"{value}{family}" if rng.random() < 0.3 else f"{value} {family}") + tail
    if family == "percent":
        return f"{value}%"
    if family == "years":
        return f"{value} years"
    if family == "count":
        return f"{value} {noun}" if noun and rng.random() < 0.45 else value
    return value


def _hours_text(hours: float, prefix: str, plus: str = "") -> str:
    if hours < 1.5:
        minutes = max(5, round(hours * 60 / 5) * 5)
        return f"{prefix}{minutes}{plus} minutes"
    value = num(_sig(hours, 2))
    return f"{prefix}{value}{plus} hour{'s' if value != '1' else ''}"


class ValueWriter:
    """Writes clean figures consistent with a truth, and wrong figures that are not.

    Every figure's stated value is read back from the printed text, so a Diff computed from it
    is exactly what the page's own cells give.
    """

    def __init__(self, specs: dict[str, MetricSpec]):
        self.specs = specs

    def clean(
        self,
        rng: random.Random,
        metric: str,
        truth: float,
        hint: str | None,
        style: str | None = None,
        nouns: tuple[str, ...] | None = None,
    ) -> Written:
        spec = self.specs[metric]
        for _ in range(20):
            w = self._draw(rng, spec, truth, hint, style, nouns)
            if w is not None and consistent(w, truth, spec.tolerance):
                return w
        return self._exact(spec, truth, hint, rng)  # always consistent

    def _styles(self, spec: MetricSpec, hint: str | None) -> list[str]:
        if spec.tolerance == 0 or spec.family == "year":
            return ["exact"]
        if hint == "thousands":
            return ["exact", "approx"]
        styles = ["exact", "approx", "approx", "plus"]
        if spec.family not in ("percent", "years"):
            styles.append("range")
        if spec.family == "count" and spec.id in ("weekly_downloads", "github_stars"):
            styles.append("scale")
        return styles

    def _exact(
        self, spec: MetricSpec, truth: float, hint: str | None, rng: random.Random
    ) -> Written:
        if spec.family == "year":
            return Written(str(int(truth)), truth, truth, "exact")
        if spec.family == "hours":
            raw = _hours_text(truth, "")
            return Written(raw, _hours_of(raw), _hours_of(raw), "exact")
        if spec.family in ("years",) or (spec.family == "count" and truth < 100):
            n = round(truth)
            text = f"{n} years" if spec.family == "years" else str(n)
            return Written(text, n, n, "exact")
        if hint == "thousands":
            text, k = fig(_sig(truth / 1000, 3))
            return Written(text, k * 1000, k * 1000, "exact")
        text, value = fig(_sig(truth, 3))
        return Written(_unit_text(spec.family, text, rng, hint, ""), value, value, "exact")

    def _draw(
        self,
        rng: random.Random,
        spec: MetricSpec,
        truth: float,
        hint: str | None,
        style: str | None,
        nouns: tuple[str, ...] | None = None,
    ) -> Written | None:
        style = style or rng.choice(self._styles(spec, hint))
        fam = spec.family
        noun = rng.choice(nouns if nouns is not None else _NOUNS.get(spec.id, ("",)))
        if fam == "year":
            return Written(str(int(truth)), truth, truth, "exact")
        if fam == "years":
            if style == "plus":
                n = max(1, math.floor(truth * rng.uniform(0.85, 1.0)))
                return Written(f"{n}+ years", n, math.inf, "at_least")
            n = round(truth)
            return Written(f"{n} years", n, n, "exact")
        if hint == "thousands":
            text, k = fig(_sig(truth / 1000 * rng.uniform(0.98, 1.02), 2))
            prefix = "~" if style == "approx" else ""
            bound = "approximate" if prefix else "exact"
            return Written(f"{prefix}{text}", k * 1000, k * 1000, bound)
        if fam == "hours":
            return self._hours(rng, truth, style)
        if fam == "count" and truth < 100:
            return self._small_count(rng, truth, style, hint, noun)
        if style == "exact":
            text, v = fig(_sig(truth * rng.uniform(0.98, 1.02), 2))
            if abs(v / truth - 1) > 0.06:
                text, v = fig(_sig(truth, 3))
            return Written(_unit_text(fam, text, rng, hint, noun), v, v, "exact")
        if style == "approx":
            text, v = fig(_sig(truth * rng.uniform(0.93, 1.07), 2))
            return Written("~" + _unit_text(fam, text, rng, hint, noun), v, v, "approximate")
        if style == "plus":
            text, n = fig(_sig(truth * rng.uniform(0.88, 1.0), 2, "floor"))
            if n < 0.85 * truth or n <= 0:
                return None
            return Written(_unit_text(fam, text + "+", rng, hint, noun), n, math.inf, "at_least")
        if style == "range":
            lo_text, lo = fig(_sig(truth * rng.uniform(0.6, 0.85), 2, "floor"))
            hi_text, hi = fig(_sig(truth * rng.uniform(1.15, 1.5), 2, "ceil"))
            if not lo < truth < hi or lo <= 0:
                return None
            text = _unit_text(fam, f"{lo_text}-{hi_text}", rng, hint, noun)
            return Written(text, lo, hi, "range")
        if style == "scale":
            if truth >= 1_000_000:
                text, v = fig(_sig(truth / 1e6, 2))
                return Written(f"~{text}M", v * 1e6, v * 1e6, "approximate")
            text, v = fig(_sig(truth / 1000, 2))
            if truth >= 100_000:
                return Written(f"{text} thousand", v * 1000, v * 1000, "exact")
            return Written(f"~{text}K", v * 1000, v * 1000, "approximate")
        return None

    def _small_count(
        self, rng: random.Random, truth: float, style: str, hint: str | None, noun: str
    ) -> Written | None:
        """Counts under 100 are whole: "7 lines", "40+", "5-9 lines"."""
        if style == "range":
            lo, hi = math.floor(truth * 0.75), math.ceil(truth * 1.3)
            if not lo < truth < hi or lo < 1:
                return None
            return Written(_unit_text("count", f"{lo}-{hi}", rng, hint, noun), lo, hi, "range")
        if style == "plus":
            n = math.floor(truth)
            return Written(_unit_text("count", f"{n}+", rng, hint, noun), n, math.inf, "at_least")
        n = round(truth)
        prefix = "~" if style == "approx" else ""
        bound = "approximate" if prefix else "exact"
        return Written(prefix + _unit_text("count", str(n), rng, hint, noun), n, n, bound)

    def _hours(self, rng: random.Random, truth: float, style: str) -> Written | None:
        if style == "range" and truth >= 1.5:
            lo = max(1, math.floor(truth * rng.uniform(0.6, 0.85)))
            hi = math.ceil(truth * rng.uniform(1.15, 1.5))
            if not lo < truth < hi:
                return None
            return Written(f"{lo}-{hi} hours", lo, hi, "range")
        prefix = "~" if style == "approx" else ""
        raw = _hours_text(truth, prefix)
        value = _hours_of(raw)
        return Written(raw, value, value, "approximate" if prefix else "exact")

    def wrong(self, rng: random.Random, metric: str, truth: float, hint: str | None) -> Written:
        """A figure 3-8× off the truth (either way): no clean figure of it can agree."""
        spec = self.specs[metric]
        factor = rng.uniform(3, 8) if rng.random() < 0.6 else 1 / rng.uniform(3.2, 8)
        bad = truth * factor
        if spec.family == "year":
            year = int(truth) + rng.choice([-9, -7, -6, 6, 7, 8])
            year = min(year, REFERENCE_YEAR - 1)
            return Written(str(year), year, year, "exact", clean=False)
        if spec.family == "years":
            n = max(1, round(bad))
            return Written(f"{n} years", n, n, "exact", clean=False)
        if spec.family == "hours":
            raw = _hours_text(bad, "~" if rng.random() < 0.5 else "")
            value = _hours_of(raw)
            bound = "approximate" if raw.startswith("~") else "exact"
            return Written(raw, value, value, bound, clean=False)
        if spec.family == "percent":
            bad = min(bad, 95.0)
            if 0.4 < bad / truth < 2.6:
                bad = truth / 4
        if spec.family == "count" and bad < 100:
            bad = max(1, round(bad))
        if hint == "thousands":
            text, k = fig(_sig(bad / 1000, 2))
            return Written(text, k * 1000, k * 1000, "exact", clean=False)
        text, v = fig(_sig(bad, 2))
        noun = rng.choice(_NOUNS.get(metric, ("",)))
        if spec.family == "count" and rng.random() < 0.4 and factor > 1:
            raw = _unit_text(spec.family, text + "+", rng, hint, noun)
            return Written(raw, v, math.inf, "at_least", clean=False)
        prefix = "~" if rng.random() < 0.5 else ""
        bound = "approximate" if prefix else "exact"
        raw = prefix + _unit_text(spec.family, text, rng, hint, noun)
        return Written(raw, v, v, bound, clean=False)
