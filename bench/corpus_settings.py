"""The synthetic corpus's fixed settings (bench.corpus): the defect and look-alike rates, the
generator version and reference year, and the characters its pages use.

Kept apart so every part of the generator (values, page builder, rendering) reads one set.
"""

from __future__ import annotations

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
