"""The prose-shaped parts of a synthetic page (bench.corpus.PageBuilder): pros and cons under
entity headings, prose with figures, and the look-alikes prose carries (p99 above the average,
minutes under an hours figure, a component's own column).
"""

from __future__ import annotations

from bench.corpus_builder import BuilderCore
from bench.corpus_figures import _free_figure, _is_average, _number_part, _span_in
from bench.corpus_numbers import Written, _hours_of, _sig, fig, num
from bench.corpus_settings import _ECOSYSTEM, COMPONENTS, EM, LOOKALIKE_RATES
from bench.corpus_text import _CONS, _PLAIN_CONS, _PLAIN_PROS, _PROS, Row
from bench.corpus_values import _hours_text
from bench.truth import Mention


class ProseParts(BuilderCore):
    """The pros, cons and prose of a page and the look-alikes they carry (PageBuilder's)."""

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
