"""The value types of the metric vocabulary: a canonical Metric and what a label maps to.

Shared by :mod:`normalize.vocabulary` (matching) and :mod:`normalize.vocabulary_io` (loading).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from crosscheck.contracts import CANONICAL_UNITS, UNMAPPED_METRIC, ValueType

CATEGORY_DIMENSION = "category"
MatchMethod = Literal["pattern", "alias", "fuzzy", "context", "unmapped"]
# How a figure's unit is written, where one dimension has two readings a label cannot tell
# apart: a data rate in bits (a per-pin "22.4 Gbps") or in bytes (a bandwidth, "716.8 GB/s").
UnitKind = Literal["bits", "bytes"]
UNIT_KINDS: tuple[UnitKind, ...] = ("bits", "bytes")


@dataclass(frozen=True)
class Metric:
    """One canonical metric: how to recognize it and how strictly its values compare."""

    id: str
    dimension: str
    value_type: ValueType
    label_patterns: tuple[re.Pattern[str], ...]
    aliases: tuple[str, ...]
    qualifiers: tuple[tuple[str, re.Pattern[str]], ...]
    tolerance: float
    entity_specific: bool
    context_keywords: tuple[str, ...]
    description: str
    keyword_pattern: re.Pattern[str] | None = None  # all context keywords, longest first
    bare_unit: str | None = None  # the unit of a figure written without one ("years")
    bare_factor: float = 1.0  # that unit's factor onto the canonical unit
    any_pattern: re.Pattern[str] | None = None  # all label patterns: one cheap pre-test
    written_in: UnitKind | None = None  # the unit kind that picks this metric among ties

    @property
    def unit(self) -> str | None:
        """The canonical unit of this metric's dimension (None for categorical metrics)."""
        return CANONICAL_UNITS.get(self.dimension)

    def qualifier_of(self, text: str) -> str:
        """The qualifier names found in `text`, in declaration order, joined with ", "."""
        return ", ".join(name for name, rx in self.qualifiers if rx.search(text))

    def pattern_span(self, label: str) -> int:
        """Length of the longest label-pattern match (0: no pattern matches)."""
        if self.any_pattern is not None and not self.any_pattern.search(label):
            return 0
        best = 0
        for rx in self.label_patterns:
            for m in rx.finditer(label):
                best = max(best, m.end() - m.start())
        return best

    def agrees(self, dimension: str | None) -> bool:
        """Whether a value of `dimension` can be a value of this metric (None: unknown, agrees).

        A bare integer is often parsed as a count, so year and score metrics also accept
        counts ("1,874" in a sentence about a single-core score).
        """
        if dimension is None or dimension == self.dimension:
            return True
        return self.dimension in ("year", "score") and dimension == "count"


@dataclass(frozen=True)
class MetricMatch:
    """The metric a label or sentence maps to; `score` is 0-100 whatever the method."""

    metric: str
    qualifier: str
    score: float
    method: MatchMethod

    @property
    def mapped(self) -> bool:
        return self.metric != UNMAPPED_METRIC
