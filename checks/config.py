"""Typed options of the checks stage, filled by the orchestrator (e.g. from the vocabulary)."""

from __future__ import annotations

from dataclasses import dataclass, field

from crosscheck.intervals import IntervalPolicy

DEFAULT_MAX_FINDINGS_PER_PAGE = 200  # per page and kind; the rest are summarised (checks.caps)


@dataclass(frozen=True)
class CheckConfig:
    """Tolerances and domain knowledge the rules need; nothing is read from globals.

    `intervals` says how bound kinds compare (crosscheck.intervals: "N+" is a rounded figure);
    `tolerances` and `entity_specific` come from the metric vocabulary.
    """

    intervals: IntervalPolicy = field(default_factory=IntervalPolicy)
    tolerances: dict[str, float] = field(default_factory=dict)
    entity_specific: frozenset[str] = frozenset()
    components: dict[str, str] = field(default_factory=dict)  # "uvicorn" → "FastAPI"
    # Each metric's words (aliases, context keywords: "memory_usage" → "memory", "ram"): a
    # comparison that names no metric but one of these words compares that metric.
    metric_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Each metric's dimension ("throughput" → "rate"): a statement naming a metric may be
    # set against another page's open-vocabulary metric of that dimension (checks.stated_bands).
    metric_dimensions: dict[str, str] = field(default_factory=dict)
    reference_year: int = 2026
    diff_tolerance_points: float = 1.5
    max_findings_per_page: int = DEFAULT_MAX_FINDINGS_PER_PAGE
    # Units of rated figures (a product's peak compute and clock rates): they depend on the
    # product's variant and conditions, never on a benchmark setup (checks.variants).
    rated_units: frozenset[str] = frozenset({"FLOP/s", "OP/s", "Hz"})
    # How far outside every variant's figure of another source a rated figure must lie to
    # fit none of them (variants of one product differ by up to ~2x: PCIe vs SXM, sparsity).
    variant_margin: float = 2.0

    def tolerance(self, metric: str) -> float:
        return self.tolerances.get(metric, self.intervals.default_tolerance)
