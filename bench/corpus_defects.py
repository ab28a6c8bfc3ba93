"""The defects injected into a synthetic page (bench.corpus.PageBuilder) at the rates of
bench.corpus_settings, each recorded in the page's truth (bench.truth): conflicting rows and
prose, wrong Diff cells, copied columns, borrowed figures, unit scale and components.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from bench.corpus_builder import BuilderCore
from bench.corpus_figures import _number_part, _written_of
from bench.corpus_numbers import Written, consistent, wrong_diff
from bench.corpus_settings import COMPONENTS, RATES
from bench.corpus_text import _PROS, Row


class DefectParts(BuilderCore):
    """The defects of a page (methods of PageBuilder)."""

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
