"""The core of the synthetic corpus's page builder (bench.corpus.PageBuilder): the page, its truth
record and generator, and how a figure, a defect or a look-alike is recorded as it is written.

The parts of a page (bench.corpus_tables, bench.corpus_prose) and its defects
(bench.corpus_defects) derive from it; PageBuilder puts them together.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bench.corpus_metrics import _THOUSANDS_OK, Label, MetricSpec
from bench.corpus_numbers import Written
from bench.corpus_text import Page, Placed
from bench.truth import Defect, LookAlike, Mention, PageTruth

if TYPE_CHECKING:
    from bench.corpus import Generator


class BuilderCore:
    """What every part of a page's builder shares: the page, its truth record, and how a
    figure, a defect or a look-alike is recorded."""

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
