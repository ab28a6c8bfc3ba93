"""Typed options of the checks stage, filled by the orchestrator (e.g. from the vocabulary)."""

from __future__ import annotations

from dataclasses import dataclass, field

from crosscheck.intervals import IntervalPolicy


@dataclass(frozen=True)
class CheckConfig:
    """Tolerances and domain knowledge the rules need; nothing is read from globals.

    `at_least_slack`: on comparison pages "N+" is a rounded figure ("about N, at least N"), so
    it is compared as [N, N × (1 + slack)]: 12+ and 15+ agree, 2,500+ and 15,000+ do not.
    """

    intervals: IntervalPolicy = field(default_factory=IntervalPolicy)
    tolerances: dict[str, float] = field(default_factory=dict)
    entity_specific: frozenset[str] = frozenset()
    components: dict[str, str] = field(default_factory=dict)  # "uvicorn" → "FastAPI"
    reference_year: int = 2026
    diff_tolerance_points: float = 1.5

    def tolerance(self, metric: str) -> float:
        return self.tolerances.get(metric, self.intervals.default_tolerance)
