"""Seeded synthetic corpus of comparison pages with injected defects and known ground truth.

Pages take the shapes of the seed pages (../shared/seeds) and of examples/pages, in our own
wording: a Key Facts table with a Diff column and units glued to labels, Key Differences cards,
a Full Comparison table with collapsed "Show N more attributes" rows, pros/cons lists under
entity headings, and prose with figures. Even-numbered pages are HTML (~150 KB each, with the
navigation, styles, scripts and footers of a real site so that parsing costs what it costs in
the wild); odd-numbered pages are text snapshots like the seeds.

Every entity has a hidden true value per metric. Clean figures are drawn so that each one's
comparison interval (docs/normalization.md:
exact ±tol, "~N" a rounded N, "N+" as [N, 1.5 N], ranges as written)
contains the truth, so any two clean figures agree; the look-alikes (N vs N+, a point inside a
range, correct Diff cells, bare values under a "(thousands)" header, ...) are recorded as such.
Defects are injected at known rates and written to ``truth.json`` (format: bench.truth).

    python -m bench.corpus --pages 200 --out bench/out/corpus-200 --seed 7
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from bench.corpus_dir import clear_corpus as clear_corpus_dir
from bench.corpus_names import generate_entity_names, real_framework_names
from bench.truth import TRUTH_FILE, Defect, LookAlike, Mention, PageTruth, Truth
from crosscheck.common.intervals import rounding_tolerance

REPO = Path(__file__).resolve().parents[1]
METRICS_TOML = REPO / "normalize" / "data" / "metrics.toml"
ENTITIES_TOML = REPO / "normalize" / "data" / "entities.toml"
REFERENCE_YEAR = 2026  # the run's reference_year must match (age vs release year)
GENERATOR_VERSION = "15"  # 15: verdicts without a number (bench/corpus_verdicts.py)
EM = "—"
TROPHY = "🏆"
NBSP = "\u00a0"

# Defect rates: the probability that a page (of the right shape) gets one defect of the kind.
RATES: dict[str, float] = {
    "conflict_row": 0.15,  # a duplicate row giving one entity a conflicting figure
    "conflict_prose": 0.12,  # a sentence or bullet contradicting the table
    "diff_mismatch": 0.15,  # a Diff cell the row's values do not give
    "identical_columns": 0.12,  # one entity's value copied into the other's column
    "misattribution_component": 0.6,  # pages with FastAPI/Flask: "(with uvicorn)" elsewhere
    "misattribution_borrowed": 0.06,  # the other entity's figure in this entity's column
    "unit_scale": 0.10,  # "(thousands)" over a plain count such as "40,000+"
    "logic": 0.06,  # p99 latency below the average latency
    "encoding": 0.12,  # text pages: "β" for every em dash, "π" for every trophy
    "cross_page": 0.04,  # one page consistently gives an entity a figure others contradict
    "copy": 0.03,  # the page copied to another site (different path, same rows)
}
# Look-alikes that are not in every page anyway.
LOOKALIKE_RATES: dict[str, float] = {
    "p99_above_average": 0.10,
    "shared_metric_row": 0.25,
    "component_own_column": 0.5,
    "cell_unit_over_header": 0.3,
}

COMPONENTS: dict[str, tuple[str, ...]] = {
    "FastAPI": ("uvicorn", "pydantic"),
    "Flask": ("werkzeug",),
}

# --- metrics -------------------------------------------------------------------------------------
# family, truth range (in the family's base unit). Labels come from the vocabulary's aliases and
# qualifiers (normalize/data/metrics.toml); only qualifiers that name the same quantity are kept,
# so one hidden truth per entity and metric is honest.
_FAMILY: dict[str, tuple[str, float, str, float]] = {
    # metric: (family, centre, latent trait, exponent); truth = centre × trait^exponent × noise
    "throughput": ("rate", 4_000, "speed", 1.0),
    "latency": ("ms", 30, "speed", -1.0),
    "memory_usage": ("MB", 60, "weight", 1.0),
    "startup_time": ("ms", 250, "weight", 1.0),
    "cold_start_time": ("ms", 600, "weight", 1.0),
    "concurrent_connections": ("count", 2_000, "speed", 1.0),
    "package_size": ("KB", 200, "weight", 1.0),
    "github_stars": ("count", 15_000, "reach", 1.5),
    "github_forks": ("count", 2_000, "reach", 1.5),
    "contributors": ("count", 300, "reach", 1.0),
    "stackoverflow_questions": ("count", 20_000, "reach", 1.5),
    "weekly_downloads": ("count", 400_000, "reach", 1.5),
    "extensions_count": ("count", 600, "reach", 1.5),
    "job_postings": ("count", 5_000, "reach", 1.5),
    "adoption_share": ("percent", 8, "reach", 1.0),
    "release_year": ("year", 0, "", 0.0),  # uniform 2004-2023
    "age_years": ("years", 0, "", 0.0),  # derived from the release year
    "time_to_build": ("hours", 2, "weight", 0.7),
    "learning_time": ("hours", 30, "weight", 0.8),
    "boilerplate_lines": ("count", 10, "weight", 0.8),
}
# Each entity has three latent traits, log-uniform in [1/3.3, 3.3]: reach (popularity), speed,
# weight (footprint and effort). Pages compare products of any class, yet two entities' figures
# for one metric rarely differ by more than ~50x, as on real comparison pages.
_TRAIT_SPAN = 3.3
_NOISE = 1.35
_LANGUAGES = ("python", "javascript", "go")
_ECOSYSTEM = {  # one registry per language: a figure every framework of it shares
    "python": (480_000, ("~480,000 packages (PyPI)", "480,000+", "~480,000")),
    "javascript": (2_100_000, ("~2,100,000 packages (npm)", "2,000,000+", "~2.1M")),
    "go": (600_000, ("~600,000 modules", "600,000+", "~600,000")),
}
_KEEP_QUALIFIERS: dict[str, frozenset[str]] = {
    "throughput": frozenset({"", "concurrent load", "benchmark"}),
    "latency": frozenset({"", "average", "simple get", "hello world"}),
    "memory_usage": frozenset({"", "idle", "base", "single instance"}),
    "startup_time": frozenset({"", "average"}),
    "time_to_build": frozenset({"first app", "first endpoint"}),
    "weekly_downloads": frozenset({"", "pypi"}),
}
_DROP_QUALIFIERS = frozenset({"npm", "go", "production deployments", "p99", "p95", "median"})
_HINTS: dict[str, tuple[str | None, ...]] = {
    "rate": ("req/sec", "req/s", "RPS", "requests/second"),
    "ms": ("ms", "milliseconds"),
    "KB": ("KB", "kilobytes"),
    "MB": ("MB",),
    "percent": ("percent", "%"),
    "year": (None,),
    "years": ("years",),
    "hours": ("hours",),
}
_NOUNS: dict[str, tuple[str, ...]] = {
    "github_stars": ("stars",),
    "github_forks": ("forks",),
    "contributors": ("contributors", "people"),
    "stackoverflow_questions": ("questions",),
    "weekly_downloads": ("downloads",),
    "extensions_count": ("packages", "extensions", "plugins"),
    "job_postings": ("positions", "jobs"),
    "concurrent_connections": ("connections",),
    "boilerplate_lines": ("lines",),
}
_FLATTENED_NOUNS = frozenset(
    [
        "stars",
        "packages",
        "extensions",
        "questions",
        "lines",
        "positions",
        "jobs",
        "connections",
        "downloads",
    ]
)
_THOUSANDS_OK = frozenset(
    {"stackoverflow_questions", "weekly_downloads", "job_postings", "github_stars"}
)
_NO_DIFF = frozenset({"release_year", "age_years"})
_CASE = {
    "Github": "GitHub",
    "Pypi": "PyPI",
    "Rps": "RPS",
    "Ram": "RAM",
    "Stackoverflow": "StackOverflow",
    "Start-Up": "Start-up",
    "Crud": "CRUD",
}


@dataclass(frozen=True)
class Label:
    """A metric label as a page writes it, with its glued unit and the qualifier it carries."""

    text: str  # e.g. "Startup Time(milliseconds)"
    hint: str | None
    qualifier: str


@dataclass(frozen=True)
class MetricSpec:
    id: str
    family: str
    centre: float
    tolerance: float
    entity_specific: bool
    labels: tuple[Label, ...]


def _title(alias: str) -> str:
    words = []
    for word in alias.split():
        w = word if len(word) > 3 or "/" in word else word.upper() if word == "rps" else word
        w = "/".join(p[:1].upper() + p[1:] for p in w.split("/"))
        words.append(_CASE.get(w, w))
    return " ".join(words)


def load_metric_specs() -> dict[str, MetricSpec]:
    """Numeric metrics of the vocabulary with label variants verified against it."""
    from crosscheck.normalize.vocabulary import (
        load_vocabulary,  # the same mapping the pipeline uses
    )

    vocabulary = load_vocabulary()
    doc = tomllib.loads(METRICS_TOML.read_text(encoding="utf-8"))
    specs: dict[str, MetricSpec] = {}
    for raw in doc["metric"]:
        mid = raw["id"]
        if mid not in _FAMILY or raw["value_type"] != "numeric":
            continue
        family, centre, _trait, _exponent = _FAMILY[mid]
        keep = _KEEP_QUALIFIERS.get(mid)
        names = [_title(a) for a in raw["aliases"]]
        qualifiers = ["", *raw.get("qualifiers", {})]
        hints: tuple[str | None, ...] = _HINTS.get(family, ())
        if family == "count":
            hints = (None, "count", *_NOUNS.get(mid, ()))
            if mid in _THOUSANDS_OK:
                hints = (*hints, "thousands")
        labels: list[Label] = []
        for name in names:
            for q in qualifiers:
                if q in _DROP_QUALIFIERS or (keep is not None and q not in keep and q):
                    continue
                base = f"{name} ({_title(q)})" if q else name
                for hint in hints:
                    match = vocabulary.match_label(base, hint, None)
                    if match.metric != mid:
                        continue
                    if keep is not None and match.qualifier not in keep:
                        continue
                    text = f"{base}({hint})" if hint else base
                    labels.append(Label(text, hint, match.qualifier))
        if labels:
            specs[mid] = MetricSpec(
                mid,
                family,
                centre,
                float(raw.get("tolerance", 0.1)),
                bool(raw.get("entity_specific", True)),
                tuple(dict.fromkeys(labels)),
            )
    return specs


# --- numbers -------------------------------------------------------------------------------------


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


# --- value writers per family --------------------------------------------------------------------

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


# --- categorical features ------------------------------------------------------------------------

_FEATURES: dict[str, tuple[str, ...]] = {
    "websocket_support": ("WebSocket Support", "Built-in WebSocket Handling"),
    "orm": ("Built-in Database ORM", "ORM Support"),
    "admin_ui": ("Admin Interface", "Admin Dashboard"),
    "data_validation": ("Built-in Data Validation", "Data Validation"),
    "auth_builtin": ("Built-in Auth", "Authentication Support"),
    "async_support": ("Native Async/Await Support", "Async Support"),
}
_HAS = ("Native built-in", "Built-in", "Yes (built in)", "Full native support", "Included")
_LACKS = (
    "Addon required",
    "No (use an extension)",
    "Requires third-party package",
    "Manual integration required",
    "None (bring your own)",
    "Third-party extensions only",
)

# --- text pieces (our own wording) ---------------------------------------------------------------
_TAGLINES = (
    "Minimal web framework with routing, request handling and templates; the rest comes as "
    "add-ons.",
    "Async-first framework for typed APIs that validates requests from type hints.",
    "Batteries-included framework with an ORM, migrations, an admin and authentication.",
    "Small, composable toolkit for HTTP services that favours explicit wiring over magic.",
    "Opinionated full-stack framework built around conventions and generators.",
    "Lightweight server framework aimed at microservices and serverless functions.",
)
_BEST_FOR = (
    "server-rendered sites, small internal services, teaching web basics",
    "JSON APIs, microservices, I/O-heavy backends, teams fluent in type hints",
    "content sites, admin-heavy back offices, teams that want one way of doing things",
    "event-driven services, websockets, high-concurrency gateways",
    "prototypes that grow into products, startups, solo developers",
)
_RELATED_TITLES = (
    (
        "Best Laptops for Programmers This Year: Our Picks",
        "We compared keyboards, screens and battery life across a dozen machines so you do not "
        "have to, from budget ultrabooks to workstation-class portables.",
    ),
    (
        "How to Choose a Cloud Host for a Side Project",
        "Free tiers, egress fees and cold starts explained, with a checklist for picking a host "
        "that will not surprise you with a bill at the end of the month.",
    ),
    (
        "Remote Work Tools Compared: Chat, Docs and Video",
        "Which collaboration suites hold up for distributed teams, and which features matter "
        "once the team grows beyond a handful of people.",
    ),
    (
        "A Beginner's Guide to Web Hosting Jargon",
        "DNS, CDNs, TLS certificates and load balancers in plain words, with diagrams and a "
        "glossary you can keep open in another tab.",
    ),
    (
        "Streaming Services Ranked by Catalogue and Price",
        "We tracked catalogues, ad tiers and household sharing rules to rank the streaming "
        "services worth paying for and the ones to skip.",
    ),
    (
        "Password Managers Compared for Families",
        "Sharing vaults, recovery options and browser support: the features that decide which "
        "password manager a family will actually keep using.",
    ),
    (
        "Mechanical Keyboards for Long Coding Sessions",
        "Switch types, layouts and ergonomics for people who type all day, with notes on noise "
        "for shared offices.",
    ),
    (
        "Note-Taking Apps That Survive a Migration",
        "Export formats, offline access and sync conflicts: what to check before committing "
        "years of notes to one app.",
    ),
)


# --- page model ----------------------------------------------------------------------------------


class Placed(NamedTuple):
    """A clean figure on the page, where it stands and under which header."""

    w: Written
    where: str
    hint: str | None
    qualifier: str | None


@dataclass
class Row:
    label: str
    cells: list[str | None]  # one per entity (None = the empty marker)
    diff: str | None = None
    hidden: bool = False


@dataclass
class Page:
    """Content of one comparison page, before rendering to HTML or text."""

    index: int
    slug: str
    entities: tuple[str, str]
    taglines: tuple[str, str]
    best_for: tuple[str, str]
    short_answer: list[str] = field(default_factory=list)
    verdict: list[str] = field(default_factory=list)
    key_facts: list[Row] = field(default_factory=list)
    cards: list[tuple[str, str, int]] = field(default_factory=list)  # text A, text B, winner
    full_rows: list[Row] = field(default_factory=list)
    collapsed: list[Row] = field(default_factory=list)
    hidden_rows: list[Row] = field(default_factory=list)
    pros_cons: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    faq: list[tuple[str, str]] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    articles: list[int] = field(default_factory=list)
    html: bool = True
    mojibake: bool = False
    copy_of: str | None = None
    site: int = 0


_CARD_TEMPLATES: dict[str, tuple[str, ...]] = {
    "throughput": ("{v} RPS", "{v} req/s"),
    "github_stars": ("{n} stars", "{n} GitHub stars"),
    "extensions_count": ("{n} extensions", "{n} integrations"),
    "startup_time": ("{v}ms startup",),
    "memory_usage": ("{v} MB memory footprint",),
    "stackoverflow_questions": ("{n} questions",),
}
# (template, where): {w} is the figure; the sentence speaks of {e} only
_PROS: dict[str, tuple[str, ...]] = {
    "github_stars": ("{w} GitHub stars and a large pool of tutorials and answered questions",),
    "throughput": (
        "Handles {w} on the same hardware in our benchmark",
        "Sustains {w} per worker under load",
    ),
    "memory_usage": ("Small footprint, {w} of memory per worker",),
    "startup_time": ("Starts in {w}, handy for autoscaling",),
    "extensions_count": ("Mature ecosystem with {w} third-party extensions",),
    "stackoverflow_questions": ("{w} Stack Overflow questions make troubleshooting easy",),
    "age_years": ("{w} of production stability behind it",),
}
_CONS: dict[str, tuple[str, ...]] = {
    "throughput": ("Synchronous workers level off at {w} in our benchmark",),
    "memory_usage": ("Each worker needs {w} of memory, more than lighter options",),
    "startup_time": ("Cold processes take {w} to start serving",),
}
_PLAIN_PROS = (
    "Clear documentation with many worked examples",
    "Stable API that rarely breaks between releases",
    "Easy to test with the built-in test client",
    "Friendly community on chat and forums",
)
_PLAIN_CONS = (
    "Fewer batteries included than full-stack frameworks",
    "Async pitfalls steepen the learning curve",
    "Some extensions lag behind new releases",
)


def _figure_unit(metric: str, family: str, w: Written) -> str:
    """A clean or wrong figure with the unit or noun free text needs to be understood."""
    raw = w.raw
    bare = raw.lstrip("~").replace(",", "").replace("+", "").replace(".", "").isdigit()
    if family == "rate" and bare:
        return f"{raw} req/s"
    if family == "ms" and bare:
        return f"{raw} ms"
    if family == "MB" and bare:
        return f"{raw} MB"
    if metric == "github_stars" and "star" not in raw:
        return raw  # the template adds "GitHub stars"
    return raw


class Generator:
    """Plans, writes and records a corpus; deterministic for a given seed and page count."""

    def __init__(self, seed: int, n_pages: int, *, entity_count: int | None = None):
        self.seed = seed
        self.n_pages = n_pages
        self.rng = random.Random(seed)
        self.specs = load_metric_specs()
        self.writer = ValueWriter(self.specs)
        real = real_framework_names()
        count = entity_count or max(60, min(600, n_pages // 12))
        self.entities = list(real) + generate_entity_names(
            self.rng, count, {n.lower() for n in real}
        )
        self.real = set(real)
        self.language = {
            e: real[e] if e in real else self.rng.choice(_LANGUAGES) for e in self.entities
        }
        weights = [3.0 if n in self.real else 1.0 for n in self.entities]
        weights = [w / (1 + i * 0.004) for i, w in enumerate(weights)]  # a popular head
        self.weights = weights
        self.truth: dict[str, dict[str, float]] = {e: self._truths(e) for e in self.entities}
        self.features: dict[str, dict[str, bool]] = {
            e: {f: self.rng.random() < 0.5 for f in _FEATURES} for e in self.entities
        }
        self.numeric = [m for m in self.specs if m not in ("release_year", "age_years")]
        # (entity, metric, qualifier) -> pages that state it cleanly in Key Facts
        self.seen: dict[tuple[str, str, str], list[str]] = {}
        from bench.corpus_heldout import enrol_heldout

        enrol_heldout(self)  # names no gazetteer lists (bench/data/heldout.toml)

    def _truths(self, entity: str, rng: random.Random | None = None) -> dict[str, float]:
        rng = rng or self.rng
        span = math.log(_TRAIT_SPAN)
        traits = {t: math.exp(rng.uniform(-span, span)) for t in ("reach", "speed", "weight")}
        out: dict[str, float] = {}
        for mid in self.specs:
            family, centre, trait, exponent = _FAMILY[mid]
            if family == "year":
                out[mid] = float(rng.randint(2004, 2023))
                continue
            if family == "years":
                continue
            noise = math.exp(rng.uniform(-math.log(_NOISE), math.log(_NOISE)))
            value = centre * traits[trait] ** exponent * noise
            if family == "percent":
                value = min(value, 60.0)
            if family == "count" and value < 100:
                value = float(max(2, round(value)))  # small counts are whole
            out[mid] = value
        if "release_year" in out:
            out["age_years"] = float(REFERENCE_YEAR - out["release_year"])
        if "latency" in out:  # p99 is not a vocabulary metric of its own: a latency qualifier
            out["latency_p99"] = out["latency"] * rng.uniform(2.5, 4.0)
        return out

    # --- corpus --------------------------------------------------------------------------------
    def generate(self, out_dir: Path) -> Truth:
        out_dir.mkdir(parents=True, exist_ok=True)
        truth = Truth(seed=self.seed, n_pages=self.n_pages, reference_year=REFERENCE_YEAR)
        truth.rates = dict(RATES)
        made = 0
        index = 0
        while made < self.n_pages:
            page_rng = random.Random(f"{self.seed}:{index}")
            page, record = self._page(index, page_rng)
            path = self._write(out_dir, page)
            truth.pages[path] = record
            made += 1
            if made < self.n_pages and page_rng.random() < RATES["copy"]:
                copy_page, copy_record = self._copy(page, record, page_rng)
                copy_path = self._write(out_dir, copy_page)
                copy_record.path = copy_path
                truth.pages[copy_path] = copy_record
                truth.copies.append([path, copy_path])
                made += 1
            index += 1
        truth.finalize()
        (out_dir / TRUTH_FILE).write_text(json.dumps(truth.to_json()), encoding="utf-8")
        return truth

    def _write(self, out_dir: Path, page: Page) -> str:
        rel = page_path(page)
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not isinstance(page, Page):  # a shape page (bench.corpus_shapes) renders itself
            body = page.render()
        else:
            body = render_html(page, self) if page.html else render_text(page)
        path.write_bytes(body.encode("utf-8"))
        return rel

    def _copy(self, page: Page, record: PageTruth, rng: random.Random) -> tuple[Page, PageTruth]:
        """The same rows on another site: another chrome, another path; defects come along."""
        clone = type(page)(**{k: getattr(page, k) for k in page.__dataclass_fields__})
        clone.site = (page.site + 1 + rng.randrange(4)) % 5
        clone.copy_of = page.slug
        copy_record = PageTruth(
            path="",
            html=record.html,
            entities=list(record.entities),
            copy_family=record.copy_family or page.slug,
        )
        record.copy_family = copy_record.copy_family
        copy_record.mentions = [Mention(**vars(m)) for m in record.mentions]
        copy_record.defects = [Defect(**vars(d)) for d in record.defects]
        copy_record.lookalikes = [LookAlike(**vars(la)) for la in record.lookalikes]
        return clone, copy_record

    # --- one page --------------------------------------------------------------------------------
    def _pick_pair(self, rng: random.Random) -> tuple[str, str]:
        a, b = rng.choices(self.entities, weights=self.weights, k=2)
        while b == a:
            b = rng.choices(self.entities, weights=self.weights, k=1)[0]
        return a, b

    def _page(self, index: int, rng: random.Random) -> tuple[Page, PageTruth]:
        from bench.corpus_shapes import build_shape_page, is_shape_page

        if is_shape_page(self.seed, index):  # leaderboards, N-way tables, cards, relations
            return build_shape_page(self, index, rng)  # type: ignore[return-value]
        from bench.corpus_heldout import heldout_pair

        a, b = heldout_pair(self.seed, index, *self._pick_pair(rng))
        html = index % 2 == 0
        page = Page(
            index=index,
            slug=f"{_slug(a)}-vs-{_slug(b)}",
            entities=(a, b),
            taglines=(rng.choice(_TAGLINES), rng.choice(_TAGLINES)),
            best_for=(rng.choice(_BEST_FOR), rng.choice(_BEST_FOR)),
            html=html,
            site=rng.randrange(5),
        )
        record = PageTruth(path=page_path(page), html=html, entities=[a, b])
        builder = PageBuilder(self, page, record, rng)
        builder.build()
        return page, record


def page_path(page: Page) -> str:
    """Where a page lives, relative to the corpus folder: one folder per site."""
    site = f"site-{'abcde'[page.site]}"
    ext = ".html" if page.html else (".md" if page.index % 4 == 1 else ".txt")
    return f"{site}/{page.slug}-{page.index:05d}{'-copy' if page.copy_of else ''}{ext}"


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-")


class PageBuilder:
    """Fills one Page with clean content, then injects that page's defects."""

    def __init__(self, gen: Generator, page: Page, record: PageTruth, rng: random.Random):
        self.gen = gen
        self.page = page
        self.record = record
        self.rng = rng
        self.a, self.b = page.entities
        self.override: dict[tuple[str, str], float] = {}
        self.used: set[tuple[str, str]] = set()  # (entity, metric) pairs a defect already uses
        # (entity, metric) -> clean figures written on the page
        self.clean: dict[tuple[str, str], list[Placed]] = {}
        self.kf_metrics: list[tuple[str, Label]] = []

    # --- helpers --------------------------------------------------------------------------------
    def truth(self, entity: str, metric: str) -> float:
        return self.override.get((entity, metric), self.gen.truth[entity][metric])

    def note(
        self,
        w: Written,
        entity: str,
        metric: str,
        where: str,
        label: Label | None = None,
        reuse: bool = True,
    ) -> str:
        """Record a figure the page states; clean ones may be reused by look-alikes/defects."""
        self.record.mentions.append(Mention(w.raw, entity, metric, where, w.clean))
        if w.clean and reuse:
            hint, qualifier = (label.hint, label.qualifier) if label else (None, None)
            self.clean.setdefault((entity, metric), []).append(Placed(w, where, hint, qualifier))
        return w.raw

    def spec(self, metric: str) -> MetricSpec:
        return self.gen.specs[metric]

    def defect(
        self,
        kind: str,
        subtype: str,
        entity: str | None,
        metric: str | None,
        raw: Sequence[str],
        counter: Sequence[str],
        where: str,
    ) -> None:
        self.record.defects.append(
            Defect(
                kind=kind,
                subtype=subtype,
                entity=entity,
                metric=metric,
                raw_values=list(raw),
                counter=list(dict.fromkeys(counter)),
                where=where,
            )
        )

    def lookalike(
        self,
        kind: str,
        cls: str,
        entity: str | None,
        metric: str | None,
        raw: Sequence[str],
        where: str,
    ) -> None:
        self.record.lookalikes.append(LookAlike(kind, cls, entity, metric, list(raw), where))

    # --- build ------------------------------------------------------------------------------------
    def build(self) -> None:
        rng, gen = self.rng, self.gen
        self._plan_cross_page()
        self._key_facts()
        self._full_comparison()
        self._cards()
        self._pros_cons()
        self._prose()
        self._natural_lookalikes()
        self._inject()
        from bench.corpus_template_extra import add_heldout_rows, add_statement

        add_heldout_rows(self)  # Key Facts rows under labels the vocabulary does not know
        add_statement(self)  # "..., so A is 2.1x faster than B on requests per second"
        if not self.page.html and rng.random() < RATES["encoding"]:
            self.page.mojibake = True
            self.defect("encoding", "mojibake", None, None, [], [], "every em dash and trophy")
        elif self.page.html:
            self.lookalike("encoding", "html_entities", None, None, [], "&amp;, real dashes")
        else:
            self.lookalike("encoding", "real_unicode", None, None, [], "real em dashes, 🏆")
        self.page.related = [
            f"{x} vs {y}" for x, y in (gen._pick_pair(rng) for _ in range(rng.randint(14, 24)))
        ]
        self.page.articles = rng.sample(range(len(_RELATED_TITLES)), k=5)

    def _plan_cross_page(self) -> None:
        """Sometimes this page consistently states a figure other pages contradict: a Key
        Facts label whose qualifier other pages already used for the entity, a wrong truth."""
        if self.rng.random() >= RATES["cross_page"]:
            return
        entity = self.rng.choice(self.page.entities)
        options = sorted(
            {
                (m, lab)
                for (e, m, q) in self.gen.seen
                if e == entity and m in self.gen.numeric
                for lab in self.spec(m).labels
                if lab.qualifier == q and lab.hint != "thousands"
            },
            key=lambda p: (p[0], p[1].text),
        )
        if not options:
            return
        metric, label = self.rng.choice(options)
        truth = self.gen.truth[entity][metric]
        wrong = self.gen.writer.wrong(self.rng, metric, truth, None)
        self.override[(entity, metric)] = wrong.point
        self.used.add((entity, metric))
        self.cross_page = (entity, metric)
        self.cross_label = label

    def _label(self, metric: str, avoid_thousands: bool = False) -> Label:
        labels = [
            lab
            for lab in self.spec(metric).labels
            if not (lab.hint == "thousands" and (avoid_thousands or metric not in _THOUSANDS_OK))
        ]
        return self.rng.choice(labels)

    def _fits_thousands(self, metric: str) -> bool:
        return all(self.truth(e, metric) < 900_000 for e in self.page.entities) and all(
            self.truth(e, metric) >= 1_000 for e in self.page.entities
        )

    def _key_facts(self) -> None:
        rng, page = self.rng, self.page
        cross = getattr(self, "cross_page", None)
        metrics = rng.sample(self.gen.numeric, k=rng.randint(14, min(20, len(self.gen.numeric))))
        if cross and cross[1] not in metrics:
            metrics.insert(rng.randrange(len(metrics) + 1), cross[1])
        if "release_year" not in metrics and rng.random() < 0.5:
            metrics.append("release_year")
        if "age_years" not in metrics and rng.random() < 0.3:
            metrics.append("age_years")
        for metric in metrics:
            label = self._label(metric, avoid_thousands=not self._fits_thousands(metric))
            if cross and metric == cross[1]:
                label = self.cross_label
            where = f"key facts row {len(page.key_facts) + 1}"
            cells: list[str | None] = []
            written: list[Written | None] = []
            for col, entity in enumerate(page.entities):
                both = cross is not None and metric == cross[1] and entity == cross[0]
                if col == 1 and not both and rng.random() < 0.35:
                    cells.append(None)
                    written.append(None)
                    continue
                w = self.gen.writer.clean(rng, metric, self.truth(entity, metric), label.hint)
                if col == 1 and written[0] is not None and _same(w.raw, written[0].raw):
                    cells.append(None)
                    written.append(None)
                    continue
                w = Written(
                    w.raw, w.low, w.high, w.bound, clean=(entity, metric) not in self.override
                )
                cells.append(self.note(w, entity, metric, f"{where} / {entity}", label))
                written.append(w)
                if label.hint == "thousands":
                    self.lookalike(
                        "unit_scale", "bare_under_thousands", entity, metric, [w.raw], where
                    )
            diff = None
            wa, wb = written
            if wa is not None and wb is not None and metric not in _NO_DIFF and rng.random() < 0.75:
                diff = diff_text(wa, wb)
                if diff is not None:
                    self.lookalike(
                        "diff_mismatch",
                        "correct_diff",
                        self.a,
                        metric,
                        [diff, wa.raw, wb.raw],
                        where,
                    )
            page.key_facts.append(Row(label.text, cells, diff))
            self.kf_metrics.append((metric, label))
            if cross and metric == cross[1]:
                self._cross_defect(cross, label, cells, where)
        for (metric, label), row in zip(self.kf_metrics, page.key_facts, strict=True):
            for entity, cell in zip(page.entities, row.cells, strict=True):
                if cell is not None and (entity, metric) not in self.override:
                    self.gen.seen.setdefault((entity, metric, label.qualifier), []).append(
                        self.record.path
                    )

    def _cross_defect(
        self, cross: tuple[str, str], label: Label, cells: list[str | None], where: str
    ) -> None:
        entity, metric = cross
        others = self.gen.seen.get((entity, metric, label.qualifier), [])
        self.record.cross_page = {
            "entity": entity,
            "metric": metric,
            "qualifier": label.qualifier,
            "other_pages": list(others[-20:]),
        }
        self.defect("conflict", "cross_page", entity, metric, [], [], where)

    def _row_from(
        self, metric: str, label: Label, where: str, keep_b: bool = True, flattened: bool = False
    ) -> Row:
        cells: list[str | None] = []
        first: Written | None = None
        nouns = None
        if flattened:  # the flattened "Show N more" form only knows the seeds' nouns
            nouns = tuple(n for n in _NOUNS.get(metric, ()) if n in _FLATTENED_NOUNS) or ("",)
        for col, entity in enumerate(self.page.entities):
            if col == 1 and (not keep_b or self.rng.random() < 0.4):
                cells.append(None)
                continue
            truth = self.truth(entity, metric)
            w = self.gen.writer.clean(self.rng, metric, truth, label.hint, nouns=nouns)
            if first is not None and _same(w.raw, first.raw):
                cells.append(None)
                continue
            w = Written(w.raw, w.low, w.high, w.bound, clean=(entity, metric) not in self.override)
            first = first or w
            cells.append(self.note(w, entity, metric, f"{where} / {entity}", label))
            if label.hint == "thousands":
                self.lookalike("unit_scale", "bare_under_thousands", entity, metric, [w.raw], where)
        return Row(label.text, cells)

    def _full_comparison(self) -> None:
        rng, page = self.rng, self.page
        repeats = rng.sample(self.kf_metrics, k=min(len(self.kf_metrics), rng.randint(5, 8)))
        rows: list[Row] = []
        for n, (metric, label) in enumerate(repeats, 1):
            other = self._label(metric, avoid_thousands=not self._fits_thousands(metric))
            rows.append(
                self._row_from(
                    metric, other if rng.random() < 0.5 else label, f"full comparison row {n}"
                )
            )
        features = rng.sample(list(_FEATURES), k=rng.randint(3, 5))
        for feature in features:
            rows.insert(rng.randrange(len(rows) + 1), self._feature_row(feature))
        page.full_rows = rows
        collapsed_metrics = rng.sample(
            self.kf_metrics, k=min(len(self.kf_metrics), rng.randint(3, 6))
        )
        group: list[Row] = []
        for n, (metric, _label) in enumerate(collapsed_metrics, 1):
            label = self._label(metric, avoid_thousands=True)
            if page.html:
                group.append(self._row_from(metric, label, f"details row {n}"))
            else:
                group.append(
                    self._row_from(
                        metric,
                        label,
                        f"collapsed attr {n}",
                        keep_b=rng.random() < 0.5,
                        flattened=True,
                    )
                )
        if rng.random() < 0.6:
            feature = rng.choice(list(_FEATURES))
            row = self._feature_row(feature)
            if not page.html:
                row.cells[1] = None  # flattened text rows carry one text value, as the seeds do
            group.append(row)
        page.collapsed = group
        if page.html:
            for n, (metric, label) in enumerate(rng.sample(self.kf_metrics, k=2), 1):
                row = self._row_from(metric, label, f"hidden row {n}")
                row.hidden = True
                page.hidden_rows.append(row)

    def _feature_row(self, feature: str) -> Row:
        label = self.rng.choice(_FEATURES[feature])
        cells: list[str | None] = []
        for entity in self.page.entities:
            has = self.gen.features[entity][feature]
            cells.append(self.rng.choice(_HAS if has else _LACKS))
        if _same(cells[0] or "", cells[1] or ""):
            cells[1] = None
        return Row(label, cells)

    def _cards(self) -> None:
        rng, page = self.rng, self.page
        options = [m for m in _CARD_TEMPLATES if m in self.gen.specs]
        chosen = rng.sample(options, k=rng.randint(3, 5))
        for n, metric in enumerate(chosen, 1):
            texts: list[str] = []
            values: list[float] = []
            template = rng.choice(_CARD_TEMPLATES[metric])
            for entity in page.entities:
                truth = self.truth(entity, metric)
                style = "plus" if "{n}" in template else "approx"
                w = self.gen.writer.clean(rng, metric, truth, None, style=style)
                if w.bound != ("at_least" if style == "plus" else "approximate"):
                    w = self.gen.writer.clean(rng, metric, truth, None, style="exact")
                number = _number_part(w.raw)
                text = template.format(v=number, n=number)
                figure = _card_figure(metric, text)
                w = Written(
                    figure, w.low, w.high, w.bound, clean=(entity, metric) not in self.override
                )
                self.note(w, entity, metric, f"card {n} / {entity}")
                texts.append(text)
                values.append(truth)
            lower_wins = metric in ("startup_time", "memory_usage")
            winner = values.index(min(values) if lower_wins else max(values))
            page.cards.append((texts[0], texts[1], winner))
        # one categorical pair, as the seeds have
        feature = rng.choice(list(_FEATURES))
        has = [self.gen.features[e][feature] for e in page.entities]
        texts = [rng.choice(_HAS if h else _LACKS) for h in has]
        page.cards.insert(
            rng.randrange(len(page.cards) + 1), (texts[0], texts[1], 0 if has[0] else 1)
        )

    def _pros_cons(self) -> None:
        rng, page = self.rng, self.page
        for entity in page.entities:
            pros: list[str] = []
            cons: list[str] = []
            for metric in rng.sample(list(_PROS), k=rng.randint(2, 3)):
                pros.append(self._bullet(entity, metric, rng.choice(_PROS[metric]), "pros"))
            pros += rng.sample(_PLAIN_PROS, k=rng.randint(1, 2))
            if rng.random() < 0.6:
                metric = rng.choice(list(_CONS))
                cons.append(self._bullet(entity, metric, rng.choice(_CONS[metric]), "cons"))
            cons += rng.sample(_PLAIN_CONS, k=rng.randint(1, 2))
            rng.shuffle(pros)
            page.pros_cons[entity] = {"Pros": pros, "Cons": cons}

    def _bullet(
        self, entity: str, metric: str, template: str, where: str, wrong: Written | None = None
    ) -> str:
        spec = self.spec(metric)
        if wrong is None:
            style = (
                "plus"
                if metric
                in ("github_stars", "extensions_count", "stackoverflow_questions", "age_years")
                else "approx"
            )
            w = self.gen.writer.clean(self.rng, metric, self.truth(entity, metric), None, style)
            w = Written(w.raw, w.low, w.high, w.bound, clean=(entity, metric) not in self.override)
        else:
            w = wrong
        figure = _free_figure(metric, spec.family, w.raw)
        text = template.format(w=figure)
        span = _span_in(text, figure)
        self.note(
            Written(span, w.low, w.high, w.bound, w.clean), entity, metric, f"{where} of {entity}"
        )
        return text

    def _prose(self) -> None:
        rng, page = self.rng, self.page
        a, b = page.entities
        fast, slow = (a, b) if self.truth(a, "throughput") > self.truth(b, "throughput") else (b, a)
        wf = self.gen.writer.clean(rng, "throughput", self.truth(fast, "throughput"), None, "exact")
        ws = self.gen.writer.clean(
            rng, "throughput", self.truth(slow, "throughput"), None, "approx"
        )
        f_fig = f"about {_number_part(wf.raw)} req/s"
        s_fig = f"~{_number_part(ws.raw).lstrip('~')} req/s"
        self.note(
            Written(
                f_fig, wf.low, wf.high, "approximate", (fast, "throughput") not in self.override
            ),
            fast,
            "throughput",
            "short answer sentence 1",
        )
        self.note(
            Written(
                s_fig, ws.low, ws.high, "approximate", (slow, "throughput") not in self.override
            ),
            slow,
            "throughput",
            "short answer sentence 1",
        )
        page.short_answer = [
            f"{fast} is the quicker option for JSON APIs: in the benchmark behind this page "
            f"{fast} handled {f_fig}, while {slow} handled {s_fig}.",
            f"{slow} wins on simplicity and on the breadth of its extension catalogue {EM} "
            f"{slow} remains a common default for server-rendered sites.",
        ]
        page.verdict = [
            f"Pick {fast} when the service is an API first and you want validation and "
            "interactive docs without extra packages.",
            f"Pick {slow} when you render HTML on the server, teach newcomers, or depend on an "
            "extension that has no async counterpart yet.",
        ]
        faq: list[tuple[str, str]] = []
        if "release_year" in self.gen.specs:
            year = int(self.truth(a, "release_year"))
            if (a, "release_year") not in self.override:
                self.note(Written(str(year), year, year, "exact"), a, "release_year", "faq 1")
                faq.append(
                    (
                        f"Is {a} still maintained?",
                        f"Yes. {a}, first released in {year}, ships regular releases and security "
                        f"fixes {EM} the project is far from abandoned.",
                    )
                )
        stars = self.gen.writer.clean(
            rng, "github_stars", self.truth(b, "github_stars"), None, "plus"
        )
        if stars.bound == "at_least":
            figure = f"{_number_part(stars.raw)} GitHub stars"
            clean = (b, "github_stars") not in self.override
            self.note(
                Written(figure, stars.low, stars.high, stars.bound, clean),
                b,
                "github_stars",
                "faq 2",
            )
            faq.append(
                (
                    f"Is {b} popular?",
                    f"Quite. {b} has {figure}, a huge archive of answered questions and an "
                    "extension for almost every task.",
                )
            )
        faq.append(
            (
                f"Can I move from {a} to {b} later?",
                "Yes, though routing, request objects and middleware differ, so plan a gradual "
                "migration behind a reverse proxy.",
            )
        )
        page.faq = faq

    def _natural_lookalikes(self) -> None:
        """Record the N vs N+ and point-in-range pairs the clean content contains."""
        for (entity, metric), figures in self.clean.items():
            exact = [w for w, *_ in figures if w.bound in ("exact", "approximate")]
            plus = [w for w, *_ in figures if w.bound == "at_least"]
            ranges = [w for w, *_ in figures if w.bound == "range"]
            for p in plus[:1]:
                for e in exact[:1]:
                    self.lookalike("conflict", "n_vs_nplus", entity, metric, [e.raw, p.raw], "")
            for r in ranges[:1]:
                for e in exact[:1]:
                    self.lookalike("conflict", "point_in_range", entity, metric, [e.raw, r.raw], "")
            if len(plus) >= 2 and plus[0].low != plus[1].low:
                self.lookalike(
                    "conflict", "nplus_vs_nplus", entity, metric, [plus[0].raw, plus[1].raw], ""
                )
        # optional look-alike rows
        rng = self.rng
        if rng.random() < LOOKALIKE_RATES["shared_metric_row"]:
            languages = {self.gen.language[e] for e in self.page.entities}
            if len(languages) == 1 and languages <= set(_ECOSYSTEM):
                raw = rng.choice(_ECOSYSTEM[languages.pop()][1])  # one registry, one figure
                self.page.full_rows.append(Row("Package Ecosystem Size(packages)", [raw, raw]))
                self.lookalike(
                    "identical_columns",
                    "shared_metric",
                    None,
                    "ecosystem_size",
                    [raw],
                    "full comparison",
                )
        if rng.random() < LOOKALIKE_RATES["p99_above_average"]:
            self._p99(lookalike=True)
        if rng.random() < LOOKALIKE_RATES["cell_unit_over_header"]:
            self._minutes_under_hours()
        owners = [e for e in self.page.entities if e in COMPONENTS]
        if owners and rng.random() < LOOKALIKE_RATES["component_own_column"]:
            owner = owners[0]
            raw = self._component_value(owner, owner)
            col = self.page.entities.index(owner)
            cells: list[str | None] = [None, None]
            cells[col] = raw
            self.page.full_rows.append(Row("Core Library Size(kilobytes)", cells))
            self.lookalike(
                "misattribution",
                "component_own_column",
                owner,
                "package_size",
                [raw],
                "full comparison",
            )

    def _component_value(self, owner: str, column: str) -> str:
        component = self.rng.choice(COMPONENTS[owner])
        size = _sig(self.truth(owner, "package_size"), 2)
        text, size = fig(size)
        raw = f"{text}KB (with {component})"
        clean = column == owner
        self.note(
            Written(raw, size, size, "exact", clean), column, "package_size", "full comparison"
        )
        return raw

    def _p99(self, lookalike: bool) -> bool:
        """A p99 latency row: above the average (look-alike) or below it (logic defect)."""
        entity = self.rng.choice(self.page.entities)
        if (entity, "latency") in self.used or (entity, "latency") in self.override:
            return False
        averages = self._averages(entity)
        if not averages:  # state an average first: "p99 below the mean" needs a stated mean
            labels = [lab for lab in self.spec("latency").labels if _is_average(lab.qualifier)]
            if not labels:
                return False
            label = self.rng.choice(labels)
            w = self.gen.writer.clean(
                self.rng, "latency", self.truth(entity, "latency"), label.hint
            )
            col = self.page.entities.index(entity)
            row_cells: list[str | None] = [None, None]
            where = f"key facts row {len(self.page.key_facts) + 1}"
            row_cells[col] = self.note(w, entity, "latency", where, label)
            self.page.key_facts.append(Row(label.text, row_cells))
            averages = self._averages(entity)
        if lookalike:  # the entity's own p99 (one truth across pages), written cleanly
            p99 = self.gen.truth[entity]["latency_p99"]
            raw = self.gen.writer.clean(self.rng, "latency", p99, "ms", style="exact").raw
        else:
            value = _sig(self.truth(entity, "latency") * self.rng.uniform(0.1, 0.3), 2)
            raw = f"~{num(value)} ms" if self.rng.random() < 0.5 else f"{num(value)} ms"
        col = self.page.entities.index(entity)
        cells: list[str | None] = [None, None]
        cells[col] = raw
        row = Row("Latency (p99 response time)(ms)", cells)
        self.page.key_facts.append(row)
        where = f"key facts row {len(self.page.key_facts)}"
        self.record.mentions.append(Mention(raw, entity, "latency_p99", where, lookalike))
        avg_raws = [w.raw for w in averages]
        self.used.add((entity, "latency"))
        if lookalike:
            for kind in ("conflict", "logic", "misattribution"):  # any finding on the p99
                self.lookalike(kind, "p99_above_average", entity, "latency", [raw], where)
        else:
            self.defect("logic", "p99_below_average", entity, "latency", [raw], avg_raws, where)
        return True

    def _averages(self, entity: str) -> list[Written]:
        return [p.w for p in self.clean.get((entity, "latency"), []) if _is_average(p.qualifier)]

    def _minutes_under_hours(self) -> None:
        entity = self.rng.choice(self.page.entities)
        if (entity, "time_to_build") in self.used:
            return
        truth = self.truth(entity, "time_to_build")
        if truth >= 1.4:
            return
        labels = [lab for lab in self.spec("time_to_build").labels if lab.hint == "hours"]
        if not labels:
            return
        label = self.rng.choice(labels)
        raw = _hours_text(truth, "")
        col = self.page.entities.index(entity)
        cells: list[str | None] = [None, None]
        cells[col] = raw
        self.page.full_rows.append(Row(label.text, cells))
        value = _hours_of(raw)
        self.note(Written(raw, value, value, "exact"), entity, "time_to_build", "full comparison")
        self.lookalike(
            "unit_scale", "cell_unit_over_header", entity, "time_to_build", [raw], "full comparison"
        )

    # --- defects ------------------------------------------------------------------------------
    def _inject(self) -> None:
        rng = self.rng
        steps: list[tuple[str, Callable[[], bool]]] = [
            ("conflict_row", self._conflict_row),
            ("conflict_prose", self._conflict_prose),
            ("diff_mismatch", self._diff_mismatch),
            ("identical_columns", self._identical),
            ("misattribution_borrowed", self._borrowed),
            ("unit_scale", self._unit_scale),
            ("logic", lambda: self._p99(lookalike=False)),
        ]
        for name, step in steps:
            if rng.random() < RATES[name]:
                step()
        owners = [e for e in self.page.entities if e in COMPONENTS]
        if owners and rng.random() < RATES["misattribution_component"]:
            self._component()

    def _candidates(self, min_clean: int = 1) -> list[tuple[str, str]]:
        out = []
        for (entity, metric), figures in self.clean.items():
            if (entity, metric) in self.used or (entity, metric) in self.override:
                continue
            if metric in ("release_year", "age_years") or len(figures) < min_clean:
                continue
            out.append((entity, metric))
        out.sort()
        return out

    def _conflict_row(self) -> bool:
        options = self._candidates()
        if not options:
            return False
        entity, metric = self.rng.choice(options)
        # the duplicate row names the same condition as a clean figure ("(Average)" is not
        # "(Simple Get)": figures under different conditions never conflict)
        said = {p.qualifier for p in self.clean[(entity, metric)] if p.qualifier is not None}
        same = [lab for lab in self.spec(metric).labels if lab.qualifier in said]
        same = [lab for lab in same if lab.hint != "thousands"] or same
        label = self.rng.choice(same) if same else self._label(metric, avoid_thousands=True)
        wrong = self.gen.writer.wrong(self.rng, metric, self.truth(entity, metric), label.hint)
        col = self.page.entities.index(entity)
        cells: list[str | None] = [None, None]
        table = self.page.key_facts if self.rng.random() < 0.6 else self.page.full_rows
        name = "key facts" if table is self.page.key_facts else "full comparison"
        where = f"{name} row {len(table) + 1}"
        cells[col] = self.note(wrong, entity, metric, where)
        table.append(Row(label.text, cells))
        self.used.add((entity, metric))
        counter = [
            p.w.raw for p in self.clean[(entity, metric)] if p.qualifier in (label.qualifier, None)
        ]
        self.defect("conflict", "duplicate_row", entity, metric, [wrong.raw], counter, where)
        return True

    def _conflict_prose(self) -> bool:
        options = [(e, m) for e, m in self._candidates() if m in _PROS]
        if not options:
            return False
        entity, metric = self.rng.choice(options)
        wrong = self.gen.writer.wrong(self.rng, metric, self.truth(entity, metric), None)
        plus_metrics = ("github_stars", "extensions_count", "stackoverflow_questions", "age_years")
        if metric in plus_metrics and wrong.bound != "at_least":
            raw = _number_part(wrong.raw).lstrip("~")
            raw = raw + ("" if raw.endswith("+") else "+")
            if metric == "age_years":
                raw += " years"
            wrong = Written(raw, wrong.low, math.inf, "at_least", clean=False)
        counter = [w.raw for w, *_ in self.clean[(entity, metric)]]
        self.used.add((entity, metric))
        where_kind = self.rng.random()
        if metric == "github_stars" and where_kind < 0.5:
            figure = f"{_number_part(wrong.raw)} GitHub stars"
            sentence = (
                f"{entity}, with {figure}, is no longer a niche choice and keeps "
                "attracting contributors."
            )
            self.page.verdict.append(sentence)
            self.note(
                Written(figure, wrong.low, wrong.high, wrong.bound, False),
                entity,
                metric,
                "verdict",
            )
            self.defect("conflict", "prose_vs_table", entity, metric, [figure], counter, "verdict")
            return True
        templates = _PROS[metric]
        text = self._bullet(entity, metric, self.rng.choice(templates), "pros", wrong=wrong)
        bullets = self.page.pros_cons[entity]["Pros"]
        bullets.insert(self.rng.randrange(len(bullets) + 1), text)
        raw = self.record.mentions[-1].raw
        self.defect(
            "conflict", "prose_vs_table", entity, metric, [raw], counter, f"pros of {entity}"
        )
        return True

    def _diff_mismatch(self) -> bool:
        rows = [
            (i, row)
            for i, row in enumerate(self.page.key_facts)
            if row.diff is not None and i < len(self.kf_metrics)
        ]
        self.rng.shuffle(rows)
        for i, row in rows:
            metric, _label = self.kf_metrics[i]
            if any((e, metric) in self.used for e in self.page.entities):
                continue
            wa = _written_of(self.clean, self.a, metric, row.cells[0])
            wb = _written_of(self.clean, self.b, metric, row.cells[1])
            if wa is None or wb is None:
                continue
            bad = wrong_diff(self.rng, wa, wb)
            if bad is None:
                continue
            right = row.diff
            row.diff = bad
            where = f"key facts row {i + 1}"
            self.record.lookalikes = [
                la
                for la in self.record.lookalikes
                if not (
                    la.cls == "correct_diff" and la.raw_values[0] == right and la.where == where
                )
            ]
            self.used.update((e, metric) for e in self.page.entities)
            self.defect(
                "diff_mismatch", "wrong_diff", self.a, metric, [bad, wa.raw, wb.raw], [], where
            )
            return True
        return False

    def _identical(self) -> bool:
        options = [
            (e, m)
            for e, m in self._candidates()
            if e == self.a
            and self.spec(m).entity_specific
            and (self.b, m) not in self.used
            and (self.b, m) not in self.override
        ]
        if not options:
            return False
        _entity, metric = self.rng.choice(options)
        label = self._label(metric, avoid_thousands=True)
        w = self.gen.writer.clean(self.rng, metric, self.truth(self.a, metric), label.hint)
        tb = self.truth(self.b, metric)
        if consistent(w, tb, self.spec(metric).tolerance):
            return False  # the copy would be right for both: not a defect
        table = self.page.key_facts if self.rng.random() < 0.6 else self.page.full_rows
        name = "key facts" if table is self.page.key_facts else "full comparison"
        where = f"{name} row {len(table) + 1}"
        self.note(w, self.a, metric, f"{where} / {self.a}")
        self.note(
            Written(w.raw, w.low, w.high, w.bound, False), self.b, metric, f"{where} / {self.b}"
        )
        table.append(Row(label.text, [w.raw, w.raw]))
        self.used.update({(self.a, metric), (self.b, metric)})
        self.defect("identical_columns", "copied_column", None, metric, [w.raw], [], where)
        return True

    def _borrowed(self) -> bool:
        """The other entity's exact figure in this entity's column (an extra row)."""
        for entity, metric in self.rng.sample(
            self._candidates(min_clean=2), k=len(self._candidates(min_clean=2))
        ):
            other = self.b if entity == self.a else self.a
            theirs = self.clean.get((other, metric), [])
            if not theirs or (other, metric) in self.used:
                continue
            ratio = self.truth(other, metric) / self.truth(entity, metric)
            if 0.33 < ratio < 3.0:
                continue
            w, _where, hint, qualifier = theirs[0]
            # the owner's condition, which this entity's own figures also state (figures under
            # different conditions are never compared)
            mine = {p.qualifier for p in self.clean[(entity, metric)]}
            labels = [
                lab
                for lab in self.spec(metric).labels
                if lab.hint == hint and lab.qualifier == qualifier and qualifier in mine
            ]
            if w.bound == "range" or not labels:
                continue
            label = self.rng.choice(labels)  # the owner's header unit, so the figure is equal
            col = self.page.entities.index(entity)
            cells: list[str | None] = [None, None]
            cells[col] = w.raw
            self.page.full_rows.append(Row(label.text, cells))
            where = f"full comparison row {len(self.page.full_rows)}"
            self.note(Written(w.raw, w.low, w.high, w.bound, False), entity, metric, where)
            self.used.update({(entity, metric), (other, metric)})
            self.defect("misattribution", "borrowed_value", entity, metric, [w.raw], [], where)
            return True
        return False

    def _unit_scale(self) -> bool:
        metrics = [
            m
            for m in ("stackoverflow_questions", "job_postings", "github_stars", "weekly_downloads")
            if m in self.gen.specs
        ]
        self.rng.shuffle(metrics)
        for metric in metrics:
            entity = self.rng.choice(self.page.entities)
            if (entity, metric) in self.used or (entity, metric) in self.override:
                continue
            truth = self.truth(entity, metric)
            if truth < 1_500:
                continue
            labels = [lab for lab in self.spec(metric).labels if lab.hint == "thousands"]
            if not labels:
                continue
            label = self.rng.choice(labels)
            style = self.rng.choice(["exact", "plus"])
            w = self.gen.writer.clean(self.rng, metric, truth, None, style=style)
            raw = _number_part(w.raw)  # a plain count: "40,000+" under "(thousands)"
            if not raw.replace(",", "").replace("+", "").isdigit():
                continue
            col = self.page.entities.index(entity)
            cells: list[str | None] = [None, None]
            table = self.page.key_facts
            where = f"key facts row {len(table) + 1}"
            written = Written(raw, w.low, w.high, w.bound, True)
            cells[col] = self.note(written, entity, metric, where, label, reuse=False)
            table.append(Row(label.text, cells))
            self.used.add((entity, metric))
            self.defect("unit_scale", "count_under_thousands", entity, metric, [raw], [], where)
            return True
        return False

    def _component(self) -> bool:
        owner = next(e for e in self.page.entities if e in COMPONENTS)
        column = self.b if owner == self.a else self.a
        if (column, "package_size") in self.used:
            return False
        raw = self._component_value(owner, column)
        col = self.page.entities.index(column)
        cells: list[str | None] = [None, None]
        cells[col] = raw
        table = self.page.full_rows
        table.append(Row("Core Library Size(kilobytes)", cells))
        self.used.add((column, "package_size"))
        self.defect(
            "misattribution",
            "component_note",
            column,
            "package_size",
            [raw],
            [],
            f"full comparison row {len(table)}",
        )
        return True


def _is_average(qualifier: str | None) -> bool:
    """A latency qualifier the logic rule compares p99 against (mean-like figures)."""
    return bool(qualifier) and any(
        q in str(qualifier) for q in ("average", "hello world", "simple get")
    )


def _same(x: str, y: str) -> bool:
    return x.strip().casefold() == y.strip().casefold()


def _number_part(raw: str) -> str:
    """'~2,500 req/sec' → '~2,500'; '68,000+ stars' → '68,000+'."""
    head = raw.split()[0] if raw.split() else raw
    out = ""
    for ch in head:
        if ch.isdigit() or ch in "~,.+-":
            out += ch
        else:
            break
    return out or head


def _card_figure(metric: str, text: str) -> str:
    """The figure span the card shows (what ingest keeps as the raw value)."""
    number = text.split()[0]
    rest = text.split()[1:]
    if metric in ("throughput",):
        return f"{number} {rest[0]}"
    if metric in ("github_stars", "extensions_count", "stackoverflow_questions"):
        return " ".join([number, *rest])
    if metric == "memory_usage":
        return f"{number} MB"
    if metric == "startup_time":
        return number
    return number


def _free_figure(metric: str, family: str, raw: str) -> str:
    number = _number_part(raw)
    if metric == "github_stars":
        return f"{number.lstrip('~')}"
    if family == "rate":
        return f"{number} req/s"
    if family == "ms":
        return f"{number} ms"
    if family == "MB":
        return f"{number} MB"
    if metric == "age_years":
        return raw if "year" in raw else f"{number} years"
    if metric in ("extensions_count", "stackoverflow_questions"):
        return number
    return raw


def _span_in(text: str, figure: str) -> str:
    """The figure as ingest will cut it: with the noun that follows, where one does."""
    at = text.find(figure)
    tail = text[at + len(figure) :]
    for noun in ("GitHub stars", "third-party extensions", "Stack Overflow questions"):
        if tail.startswith(" " + noun):
            return f"{figure} {noun}"
    return figure


def _written_of(
    clean: dict[tuple[str, str], list[tuple[Written, str]]],
    entity: str,
    metric: str,
    raw: str | None,
) -> Written | None:
    if raw is None:
        return None
    for w, *_ in clean.get((entity, metric), []):
        if w.raw == raw:
            return w
    return None


# --- rendering -----------------------------------------------------------------------------------
_SITES = (
    ("StackSide", "stackside.example"),
    ("DevVersus", "devversus.example"),
    ("FrameworkFaceoff", "faceoff.example"),
    ("PickYourStack", "pickyourstack.example"),
    ("CompareCode", "comparecode.example"),
)
_CHROME_CACHE: dict[int, dict[str, str]] = {}


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _chrome(site: int) -> dict[str, str]:
    """Per-site boilerplate: styles, scripts, navigation and footer (~110 KB), built once."""
    if site in _CHROME_CACHE:
        return _CHROME_CACHE[site]
    rng = random.Random(f"chrome:{site}")
    name, domain = _SITES[site]
    css_rules = []
    for i in range(420):
        sel = rng.choice([".card", ".kd-pair", ".nav", ".footer", "table.facts", ".btn", ".hero"])
        css_rules.append(
            f"{sel}-{i} > .item-{i % 17}:hover{{margin:{i % 9}px {i % 13}px;"
            f"padding:{i % 7}px;color:#{rng.randrange(0x1000000):06x};"
            f"background:linear-gradient(90deg,#{rng.randrange(0x1000000):06x},#fff);"
            f"border-radius:{i % 5}px;transition:all .{i % 9}s ease-in-out}}"
        )
    css = "\n".join(css_rules)
    js_lines = [
        "(function(w,d){'use strict';var q=w.__q||[];function t(e,p){q.push([e,p,Date.now()])}",
    ]
    for i in range(300):
        js_lines.append(
            f"function h{i}(e){{var n=d.querySelectorAll('.item-{i % 23}');for(var k=0;"
            f"k<n.length;k++){{n[k].classList.toggle('open-{i % 11}',e&&e.type==='click')}}"
            f"t('h{i}',{{x:{rng.randrange(1000)},y:'{rng.randrange(10**8):08x}'}})}}"
        )
    js_lines.append("w.__q=q})(window,document);")
    js = "\n".join(js_lines)
    topics = [
        "Software",
        "Web Frameworks",
        "Databases",
        "Cloud",
        "DevOps",
        "Languages",
        "Mobile",
        "Security",
        "Data",
        "AI Tools",
        "Hosting",
        "Editors",
    ]
    nav = ['<nav class="mega-nav" aria-label="Main"><ul class="nav-root">']
    for topic in topics:
        nav.append(
            f'<li class="nav-topic"><a href="/{topic.lower().replace(" ", "-")}">'
            f'{topic}</a><ul class="nav-sub">'
        )
        for j in range(12):
            word = rng.choice(
                [
                    "Guides",
                    "Reviews",
                    "Deals",
                    "News",
                    "Tutorials",
                    "Tools",
                    "Rankings",
                    "Picks",
                    "Basics",
                    "Advanced",
                    "Jobs",
                    "Events",
                ]
            )
            nav.append(
                f'<li class="nav-item"><a href="/{topic[:3].lower()}/{j}">'
                f'<span class="nav-label">{topic} {word}</span></a></li>'
            )
        nav.append("</ul></li>")
    nav.append("</ul></nav>")
    footer = ['<footer class="site-footer"><div class="footer-grid">']
    for col in range(6):
        footer.append(f'<div class="footer-col"><h4>{rng.choice(topics)}</h4><ul>')
        for j in range(18):
            footer.append(
                f'<li><a href="/f/{col}/{j}">{rng.choice(topics)} '
                f"{rng.choice(['guide', 'overview', 'tips', 'faq', 'index'])}</a></li>"
            )
        footer.append("</ul></div>")
    footer.append(
        f'</div><form class="newsletter"><label>Get the weekly digest from {name}</label>'
        '<input type="email" placeholder="you@example.com"><button>Subscribe</button></form>'
        f'<p class="legal">{name} compares developer tools. Some links are affiliate links; '
        "we may earn a commission at no extra cost to you.</p></footer>"
    )
    svg = (
        '<svg class="sprite" xmlns="http://www.w3.org/2000/svg" style="display:none">'
        + "".join(
            f'<symbol id="i{i}" viewBox="0 0 24 24"><path d="M{i} {i}h{i % 9}v{i % 7}'
            f'l{i % 5} {i % 3}z"/></symbol>'
            for i in range(120)
        )
        + "</svg>"
    )
    chrome = {
        "name": name,
        "domain": domain,
        "css": css,
        "js": js,
        "nav": "\n".join(nav),
        "footer": "\n".join(footer),
        "svg": svg,
    }
    _CHROME_CACHE[site] = chrome
    return chrome


def _cell(text: str | None) -> str:
    return EM if text is None else text


def render_html(page: Page, gen: Generator | None = None) -> str:
    c = _chrome(page.site)
    a, b = page.entities
    out: list[str] = []
    w = out.append
    w('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')
    w('<meta name="viewport" content="width=device-width, initial-scale=1">')
    w(f"<title>{_esc(a)} vs {_esc(b)} | {c['name']}</title>")
    w(f'<meta name="description" content="{_esc(a)} or {_esc(b)}? Figures, pros and cons.">')
    w(f'<link rel="canonical" href="https://{c["domain"]}/compare/{page.slug}">')
    w(f"<style>\n{c['css']}\n</style>")
    ld = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": f"{a} vs {b}",
        "publisher": c["name"],
        "keywords": [a, b, "comparison"],
    }
    w(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    w(f"<script>\n{c['js']}\n</script>\n</head>")
    w('<body class="page-compare">')
    w(c["svg"])
    w(
        '<div class="cookie-banner" hidden><p>We use cookies to measure traffic.</p>'
        "<button>Accept</button></div>"
    )
    w(f'<header class="site-header"><a class="logo" href="/">{c["name"]}</a>')
    w(c["nav"])
    w("</header>")
    w(
        f'<div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/software">Software</a>'
        f" &rsaquo; <span>{_esc(a)} vs {_esc(b)}</span></div>"
    )
    w(f'<main class="comparison" data-slug="{page.slug}">')
    w(f"<h1>{_esc(a)} vs {_esc(b)}</h1>")
    w('<section class="entities">')
    for name, tag, best in zip(page.entities, page.taglines, page.best_for, strict=True):
        w(
            f'<div class="entity-summary"><h2>{_esc(name)}</h2><p class="tagline">{_esc(tag)}</p>'
            f'<p class="best-for"><strong>Best for:</strong> {_esc(best)}</p></div>'
        )
    w("</section>")
    w(
        '<section class="short-answer"><h2>Short Answer</h2>'
        f"<p>{_esc(' '.join(page.short_answer))}</p></section>"
    )
    w(
        '<section class="verdict"><h2>Our Verdict</h2>'
        f"<p>{_esc(' '.join(page.verdict))}</p></section>"
    )
    w('<section class="key-facts"><h2>Key Facts &amp; Figures</h2><table class="facts">')
    w(f"<thead><tr><th>Metric</th><th>{_esc(a)}</th><th>{_esc(b)}</th><th>Diff</th></tr></thead>")
    w("<tbody>")
    for row in page.key_facts:
        cells = "".join(f"<td>{_esc(_cell(x))}</td>" for x in row.cells)
        w(f'<tr><th scope="row">{_esc(row.label)}</th>{cells}<td>{_esc(_cell(row.diff))}</td></tr>')
    w("</tbody></table>")
    w('<p class="note">Figures compiled from public benchmarks, GitHub and PyPI.</p></section>')
    w('<section class="key-differences"><h2>Key Differences</h2><div class="kd-grid">')
    for text_a, text_b, winner in page.cards:
        w('<div class="kd-pair">')
        for i, (name, text) in enumerate(((a, text_a), (b, text_b))):
            badge = (
                ' <span class="kd-badge" aria-label="winner">' + TROPHY + "</span>"
                if i == winner
                else ""
            )
            css = "kd-card kd-winner" if i == winner else "kd-card"
            w(
                f'<div class="{css}"><div class="kd-entity">{_esc(name)}</div>'
                f'<div class="kd-value">{_esc(text)}{badge}</div></div>'
            )
        w("</div>")
    w("</div></section>")
    w('<section class="full-comparison"><h2>Full Comparison</h2><table class="full">')
    w(f"<thead><tr><th>Attribute</th><th>{_esc(a)}</th><th>{_esc(b)}</th></tr></thead><tbody>")
    rows = list(page.full_rows)
    split = len(rows) // 2
    for row in rows[:split]:
        w(_html_row(row))
    if page.collapsed:
        w(
            '<tr class="more-attributes"><td colspan="3"><details>'
            f"<summary>Show {len(page.collapsed)} more attributes</summary>"
            '<table class="more-rows"><tbody>'
        )
        for row in page.collapsed:
            w(_html_row(row))
        w("</tbody></table></details></td></tr>")
    for row in rows[split:]:
        w(_html_row(row))
    for i, row in enumerate(page.hidden_rows):
        w(_html_row(row, "hidden" if i % 2 else 'style="display:none"'))
    w("</tbody></table></section>")
    w(
        '<section class="visual"><h2>Visual Comparison</h2><p>Side-by-side bars for every numeric '
        "attribute appear here when JavaScript is enabled.</p></section>"
    )
    w('<section class="pros-cons"><h2>Pros &amp; Cons</h2>')
    for name in page.entities:
        w(f'<div class="pc-entity"><h3>{_esc(name)}</h3>')
        for head in ("Pros", "Cons"):
            items = "".join(f"<li>{_esc(x)}</li>" for x in page.pros_cons[name][head])
            w(f"<h4>{head}</h4><ul>{items}</ul>")
        w("</div>")
    w("</section>")
    w('<section class="faq"><h2>Frequently Asked Questions</h2>')
    for q, ans in page.faq:
        w(f"<h3>{_esc(q)}</h3><p>{_esc(ans)}</p>")
    w("</section>")
    w('<section class="related"><h2>Related Comparisons</h2><ul class="related-links">')
    for title in page.related:
        w(
            f'<li><a href="/compare/{_slug(title)}">{_esc(title)}</a>'
            '<span class="cat">software</span></li>'
        )
    w("</ul></section>")
    w('<section class="articles"><h2>Related Articles</h2>')
    for i in page.articles:
        title, blurb = _RELATED_TITLES[i]
        w(
            f'<article class="article-card"><div class="article-body"><h3><a href="/a/{i}">'
            f"{_esc(title)}</a></h3><p>{_esc(blurb)}</p></div></article>"
        )
    w("</section></main>")
    w(c["footer"])
    data = {
        "slug": page.slug,
        "ids": [random.Random(page.index).randrange(10**9) for _ in range(40)],
    }
    w(f"<script>window.__PAGE__={json.dumps(data)};</script>\n</body>\n</html>\n")
    return "\n".join(out)


def _html_row(row: Row, attrs: str = "") -> str:
    cells = "".join(f"<td>{_esc(_cell(x))}</td>" for x in row.cells)
    open_tag = f"<tr {attrs}>" if attrs else "<tr>"
    return f"{open_tag}<td>{_esc(row.label)}</td>{cells}</tr>"


def render_text(page: Page) -> str:
    a, b = page.entities
    lines: list[str] = [f"{a} vs {b}"]
    for name, tag, best in zip(page.entities, page.taglines, page.best_for, strict=True):
        lines += [name, tag, f"Best for {best}"]
    lines += [
        "Short Answer",
        " ".join(page.short_answer),
        "Our Verdict",
        "AI-assisted" + " ".join(page.verdict),
        "Was this verdict helpful?",
    ]
    for name, best in zip(page.entities, page.best_for, strict=True):
        lines += [f"Choose {name} if", best[:1].upper() + best[1:]]
    lines += [
        "Track this comparison",
        "Get notified when prices change, new specs ship, or our verdict updates.",
        "No spam. Stop anytime.",
        "Key Differences at a Glance",
        "Key Facts & Figures",
        f"| Metric | {a} | {b} | Diff |",
        "|---|---|---|---|",
    ]
    for row in page.key_facts:
        lines.append(
            f"| {row.label} | {_cell(row.cells[0])} | {_cell(row.cells[1])} | {_cell(row.diff)} |"
        )
    lines.append("All figures sourced from publicly available data. Last updated Jun 2026.")
    lines.append("Key Differences")
    for text_a, text_b, winner in page.cards:
        lines += [
            a,
            text_a + (TROPHY if winner == 0 else ""),
            b,
            text_b + (TROPHY if winner == 1 else ""),
        ]
    lines.append("Full Comparison")
    second = b if page.index % 3 else ""  # some sites leave the second header empty (seed 000)
    lines += [f"| Attribute | {a} | {second} |", "|---|---|---|"]
    rows = list(page.full_rows)
    split = len(rows) // 2
    for row in rows[:split]:
        lines.append(f"| {row.label} | {_cell(row.cells[0])} | {_cell(row.cells[1])} |")
    n = len(page.collapsed)
    if n:
        items = " ".join(
            f"{row.label} {_cell(row.cells[0])} {_cell(row.cells[1])}" for row in page.collapsed
        )
        word = "attribute" if n == 1 else "attributes"
        lines.append(f"Show {n} more {word}{items} | ||")
    for row in rows[split:]:
        lines.append(f"| {row.label} | {_cell(row.cells[0])} | {_cell(row.cells[1])} |")
    if n:
        lines.append(f"Show {n} more {'attribute' if n == 1 else 'attributes'}")
    lines += ["Visual Comparison", "Side-by-side comparison of numeric attributes", "Pros & Cons"]
    for name in page.entities:
        lines.append(name)
        for head in ("Pros", "Cons"):
            lines.append(head)
            lines += [f"- {x}" for x in page.pros_cons[name][head]]
    lines.append("Frequently Asked Questions")
    lines += [ans for _q, ans in page.faq]
    lines += [
        "Resources & Learn More",
        "Dive deeper with these curated resources",
        "Related Comparisons",
    ]
    for title in page.related:
        lines += [title, "software"]
    lines.append("Related Articles")
    for i in page.articles:
        lines += list(_RELATED_TITLES[i])
    text = "\n".join(lines) + "\n"
    if page.mojibake:
        text = text.replace(EM, "β").replace(TROPHY, "π")
    return text


# --- command line --------------------------------------------------------------------------------


def generate_corpus(out_dir: Path, n_pages: int, seed: int = 7) -> Truth:
    """Write `n_pages` pages and truth.json under `out_dir` (reused when already there)."""
    out_dir = Path(out_dir)
    existing = out_dir / TRUTH_FILE
    if existing.exists():
        truth = Truth.load(existing)
        if truth.seed == seed and truth.n_pages == n_pages and truth.version == GENERATOR_VERSION:
            return truth
    clear_corpus(out_dir)
    return Generator(seed, n_pages).generate(out_dir)


def clear_corpus(out_dir: Path) -> None:
    """Remove an older synthetic corpus (its site folders and truth.json) from `out_dir`."""
    clear_corpus_dir(out_dir, TRUTH_FILE, "benchmark corpus")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("bench/out/corpus-200"))
    args = parser.parse_args(argv)
    started = time.perf_counter()
    truth = generate_corpus(args.out, args.pages, args.seed)
    elapsed = time.perf_counter() - started
    print(
        f"{len(truth.pages)} pages, {sum(len(p.defects) for p in truth.pages.values())} "
        f"defects in {args.out} ({elapsed:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
