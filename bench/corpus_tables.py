"""The table-shaped parts of a synthetic page (bench.corpus.PageBuilder): the Key Facts table with
its Diff column, the Full Comparison table with its collapsed rows, and the Key Differences cards.
"""

from __future__ import annotations

from bench.corpus_builder import BuilderCore
from bench.corpus_figures import _card_figure, _number_part, _same
from bench.corpus_metrics import _FLATTENED_NOUNS, _NO_DIFF, _NOUNS, Label
from bench.corpus_numbers import Written, diff_text
from bench.corpus_text import _CARD_TEMPLATES, _FEATURES, _HAS, _LACKS, Row


class TableParts(BuilderCore):
    """The tables and cards of a page (methods of PageBuilder)."""

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
