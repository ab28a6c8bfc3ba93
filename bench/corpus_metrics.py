"""The metrics of the synthetic corpus (bench.corpus): each metric's family, hidden-truth range
and latent trait, and the labels pages may give it, read from the vocabulary's aliases and
qualifiers (normalize/data/metrics.toml).

Kept apart from the numbers and the pages: this changes with the vocabulary, not the layouts.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
METRICS_TOML = REPO / "normalize" / "data" / "metrics.toml"
ENTITIES_TOML = REPO / "normalize" / "data" / "entities.toml"


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
