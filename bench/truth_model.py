"""The ground truth of a synthetic corpus as data (bench.truth): each page's mentions, injected
defects, look-alikes and copy family, and ``truth.json`` read and written.

Kept apart from the scoring (bench.truth.score): the generator writes these without it.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TRUTH_FILE = "truth.json"
TRUTH_VERSION = "1"


# The kinds the checks implement and the injected defects exercise.
SCORED_KINDS = (
    "conflict",
    "diff_mismatch",
    "identical_columns",
    "misattribution",
    "unit_scale",
    "logic",
    "encoding",
    "relation_mismatch",
)


@dataclass
class Mention:
    raw: str
    entity: str
    metric: str
    where: str
    clean: bool = True


@dataclass
class Defect:
    kind: str
    subtype: str
    entity: str | None
    metric: str | None
    raw_values: list[str]
    counter: list[str]
    where: str


@dataclass
class LookAlike:
    kind: str
    cls: str
    entity: str | None
    metric: str | None
    raw_values: list[str]
    where: str


@dataclass
class PageTruth:
    path: str
    html: bool
    entities: list[str]
    mentions: list[Mention] = field(default_factory=list)
    defects: list[Defect] = field(default_factory=list)
    lookalikes: list[LookAlike] = field(default_factory=list)
    copy_family: str | None = None
    cross_page: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "html": self.html,
            "entities": self.entities,
            "mentions": [[m.raw, m.entity, m.metric, m.where, m.clean] for m in self.mentions],
            "defects": [vars(d) for d in self.defects],
            "lookalikes": [vars(la) for la in self.lookalikes],
            "copy_family": self.copy_family,
            "cross_page": self.cross_page,
        }

    @classmethod
    def from_json(cls, path: str, data: dict[str, Any]) -> PageTruth:
        return cls(
            path=path,
            html=data["html"],
            entities=data["entities"],
            mentions=[Mention(*m) for m in data["mentions"]],
            defects=[Defect(**d) for d in data["defects"]],
            lookalikes=[LookAlike(**la) for la in data["lookalikes"]],
            copy_family=data.get("copy_family"),
            cross_page=data.get("cross_page"),
        )

    def wrong_figures(self, entity: str, metric: str) -> list[str]:
        return [
            m.raw
            for m in self.mentions
            if m.entity == entity and m.metric == metric and not m.clean
        ]


@dataclass
class Truth:
    seed: int
    n_pages: int
    reference_year: int
    version: str = TRUTH_VERSION
    rates: dict[str, float] = field(default_factory=dict)
    pages: dict[str, PageTruth] = field(default_factory=dict)
    copies: list[list[str]] = field(default_factory=list)

    def finalize(self) -> None:
        """Copies of a page that carries a cross-page defect carry it too."""
        from bench.corpus import GENERATOR_VERSION

        self.version = GENERATOR_VERSION
        for original, copy in self.copies:
            source = self.pages[original]
            if source.cross_page and not self.pages[copy].cross_page:
                self.pages[copy].cross_page = dict(source.cross_page)

    def to_json(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "n_pages": self.n_pages,
            "reference_year": self.reference_year,
            "version": self.version,
            "rates": self.rates,
            "copies": self.copies,
            "pages": {path: page.to_json() for path, page in self.pages.items()},
        }

    @classmethod
    def load(cls, path: Path | str) -> Truth:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        truth = cls(
            seed=data["seed"],
            n_pages=data["n_pages"],
            reference_year=data["reference_year"],
            version=data.get("version", ""),
            rates=data.get("rates", {}),
            copies=data.get("copies", []),
        )
        truth.pages = {p: PageTruth.from_json(p, d) for p, d in data["pages"].items()}
        return truth

    def defect_counts(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for page in self.pages.values():
            for d in page.defects:
                counts[d.kind] += 1
        return dict(counts)


# Every look-alike class (kind:class) a finding can be filed under: the planted pairs of
# bench.corpus, and the derived ones (figures that are all clean for the finding's entity).
LOOKALIKE_CLASSES = (
    "conflict:n_vs_nplus",
    "conflict:nplus_vs_nplus",
    "conflict:point_in_range",
    "conflict:p99_above_average",
    "conflict:agreeing_on_page",
    "conflict:agreeing_across_pages",
    "logic:p99_above_average",
    "logic:clean_figures",
    "diff_mismatch:correct_diff",
    "unit_scale:bare_under_thousands",
    "unit_scale:cell_unit_over_header",
    "unit_scale:clean_figures",
    "identical_columns:shared_metric",
    "misattribution:component_own_column",
    "misattribution:p99_above_average",
    "misattribution:clean_figures",
    "encoding:html_entities",
    "encoding:real_unicode",
    "relation_mismatch:true_relation",
    "relation_mismatch:true_verdict",
    "diff_mismatch:true_relation",
)
