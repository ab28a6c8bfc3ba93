"""Seeded synthetic corpus of comparison pages with injected defects and known ground truth.

Pages take the shapes of the seed pages (../shared/seeds) and of examples/pages, in our own
wording: a Key Facts table with a Diff column and units glued to labels, Key Differences cards,
a Full Comparison table with collapsed "Show N more attributes" rows, pros/cons lists under
entity headings, and prose with figures. Even-numbered pages are HTML (~150 KB each, with the
navigation, styles, scripts and footers of a real site so that parsing costs what it costs in
the wild); odd-numbered pages are text snapshots like the seeds.

Every entity has a hidden true value per metric. Clean figures are drawn so that each one's
comparison interval (docs/normalization.md:
exact ±tol, "~N" a rounded N, "N+" as [N, 1.5 N], ranges as written)
contains the truth, so any two clean figures agree; the look-alikes (N vs N+, a point inside a
range, correct Diff cells, bare values under a "(thousands)" header, ...) are recorded as such.
Defects are injected at known rates and written to ``truth.json`` (format: bench.truth).

The generator is split by what it makes: its settings and metrics (bench.corpus_settings,
bench.corpus_metrics), numbers and values (bench.corpus_numbers, bench.corpus_values), a page's
tables, prose and defects (bench.corpus_tables, bench.corpus_prose, bench.corpus_defects, on
bench.corpus_builder), its wording and model (bench.corpus_text, bench.corpus_figures) and its
rendering (bench.corpus_render, bench.corpus_chrome). This module plans and writes the corpus.

    python -m bench.corpus --pages 200 --out bench/out/corpus-200 --seed 7
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
from pathlib import Path

from bench.corpus_defects import DefectParts
from bench.corpus_dir import clear_corpus as clear_corpus_dir
from bench.corpus_metrics import _FAMILY, load_metric_specs
from bench.corpus_names import generate_entity_names, real_framework_names
from bench.corpus_prose import ProseParts
from bench.corpus_render import render_html, render_text
from bench.corpus_settings import (
    _LANGUAGES,
    _NOISE,
    _TRAIT_SPAN,
    GENERATOR_VERSION,
    RATES,
    REFERENCE_YEAR,
)
from bench.corpus_tables import TableParts
from bench.corpus_text import (
    _BEST_FOR,
    _FEATURES,
    _RELATED_TITLES,
    _TAGLINES,
    Page,
    _slug,
    page_path,
)
from bench.corpus_values import ValueWriter
from bench.truth import TRUTH_FILE, Defect, LookAlike, Mention, PageTruth, Truth


class Generator:
    """Plans, writes and records a corpus; deterministic for a given seed and page count."""

    def __init__(self, seed: int, n_pages: int, *, entity_count: int | None = None):
        self.seed = seed
        self.n_pages = n_pages
        self.rng = random.Random(seed)
        self.specs = load_metric_specs()
        self.writer = ValueWriter(self.specs)
        real = real_framework_names()
        count = entity_count or max(60, min(600, n_pages // 12))
        self.entities = list(real) + generate_entity_names(
            self.rng, count, {n.lower() for n in real}
        )
        self.real = set(real)
        self.language = {
            e: real[e] if e in real else self.rng.choice(_LANGUAGES) for e in self.entities
        }
        weights = [3.0 if n in self.real else 1.0 for n in self.entities]
        weights = [w / (1 + i * 0.004) for i, w in enumerate(weights)]  # a popular head
        self.weights = weights
        self.truth: dict[str, dict[str, float]] = {e: self._truths(e) for e in self.entities}
        self.features: dict[str, dict[str, bool]] = {
            e: {f: self.rng.random() < 0.5 for f in _FEATURES} for e in self.entities
        }
        self.numeric = [m for m in self.specs if m not in ("release_year", "age_years")]
        # (entity, metric, qualifier) -> pages that state it cleanly in Key Facts
        self.seen: dict[tuple[str, str, str], list[str]] = {}
        from bench.corpus_heldout import enrol_heldout

        enrol_heldout(self)  # names no gazetteer lists (bench/data/heldout.toml)

    def _truths(self, entity: str, rng: random.Random | None = None) -> dict[str, float]:
        rng = rng or self.rng
        span = math.log(_TRAIT_SPAN)
        traits = {t: math.exp(rng.uniform(-span, span)) for t in ("reach", "speed", "weight")}
        out: dict[str, float] = {}
        for mid in self.specs:
            family, centre, trait, exponent = _FAMILY[mid]
            if family == "year":
                out[mid] = float(rng.randint(2004, 2023))
                continue
            if family == "years":
                continue
            noise = math.exp(rng.uniform(-math.log(_NOISE), math.log(_NOISE)))
            value = centre * traits[trait] ** exponent * noise
            if family == "percent":
                value = min(value, 60.0)
            if family == "count" and value < 100:
                value = float(max(2, round(value)))  # small counts are whole
            out[mid] = value
        if "release_year" in out:
            out["age_years"] = float(REFERENCE_YEAR - out["release_year"])
        if "latency" in out:  # p99 is not a vocabulary metric of its own: a latency qualifier
            out["latency_p99"] = out["latency"] * rng.uniform(2.5, 4.0)
        return out

    # --- corpus --------------------------------------------------------------------------------
    def generate(self, out_dir: Path) -> Truth:
        out_dir.mkdir(parents=True, exist_ok=True)
        truth = Truth(seed=self.seed, n_pages=self.n_pages, reference_year=REFERENCE_YEAR)
        truth.rates = dict(RATES)
        made = 0
        index = 0
        while made < self.n_pages:
            page_rng = random.Random(f"{self.seed}:{index}")
            page, record = self._page(index, page_rng)
            path = self._write(out_dir, page)
            truth.pages[path] = record
            made += 1
            if made < self.n_pages and page_rng.random() < RATES["copy"]:
                copy_page, copy_record = self._copy(page, record, page_rng)
                copy_path = self._write(out_dir, copy_page)
                copy_record.path = copy_path
                truth.pages[copy_path] = copy_record
                truth.copies.append([path, copy_path])
                made += 1
            index += 1
        truth.finalize()
        (out_dir / TRUTH_FILE).write_text(json.dumps(truth.to_json()), encoding="utf-8")
        return truth

    def _write(self, out_dir: Path, page: Page) -> str:
        rel = page_path(page)
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not isinstance(page, Page):  # a shape page (bench.corpus_shapes) renders itself
            body = page.render()
        else:
            body = render_html(page, self) if page.html else render_text(page)
        path.write_bytes(body.encode("utf-8"))
        return rel

    def _copy(self, page: Page, record: PageTruth, rng: random.Random) -> tuple[Page, PageTruth]:
        """The same rows on another site: another chrome, another path; defects come along."""
        clone = type(page)(**{k: getattr(page, k) for k in page.__dataclass_fields__})
        clone.site = (page.site + 1 + rng.randrange(4)) % 5
        clone.copy_of = page.slug
        copy_record = PageTruth(
            path="",
            html=record.html,
            entities=list(record.entities),
            copy_family=record.copy_family or page.slug,
        )
        record.copy_family = copy_record.copy_family
        copy_record.mentions = [Mention(**vars(m)) for m in record.mentions]
        copy_record.defects = [Defect(**vars(d)) for d in record.defects]
        copy_record.lookalikes = [LookAlike(**vars(la)) for la in record.lookalikes]
        return clone, copy_record

    # --- one page --------------------------------------------------------------------------------
    def _pick_pair(self, rng: random.Random) -> tuple[str, str]:
        a, b = rng.choices(self.entities, weights=self.weights, k=2)
        while b == a:
            b = rng.choices(self.entities, weights=self.weights, k=1)[0]
        return a, b

    def _page(self, index: int, rng: random.Random) -> tuple[Page, PageTruth]:
        from bench.corpus_shapes import build_shape_page, is_shape_page

        if is_shape_page(self.seed, index):  # leaderboards, N-way tables, cards, relations
            return build_shape_page(self, index, rng)  # type: ignore[return-value]
        from bench.corpus_heldout import heldout_pair

        a, b = heldout_pair(self.seed, index, *self._pick_pair(rng))
        html = index % 2 == 0
        page = Page(
            index=index,
            slug=f"{_slug(a)}-vs-{_slug(b)}",
            entities=(a, b),
            taglines=(rng.choice(_TAGLINES), rng.choice(_TAGLINES)),
            best_for=(rng.choice(_BEST_FOR), rng.choice(_BEST_FOR)),
            html=html,
            site=rng.randrange(5),
        )
        record = PageTruth(path=page_path(page), html=html, entities=[a, b])
        builder = PageBuilder(self, page, record, rng)
        builder.build()
        return page, record


class PageBuilder(TableParts, ProseParts, DefectParts):
    """Fills one Page with clean content, then injects that page's defects: its tables
    (bench.corpus_tables), prose (bench.corpus_prose) and defects (bench.corpus_defects)."""

    # --- build ------------------------------------------------------------------------------------
    def build(self) -> None:
        rng, gen = self.rng, self.gen
        self._plan_cross_page()
        self._key_facts()
        self._full_comparison()
        self._cards()
        self._pros_cons()
        self._prose()
        self._natural_lookalikes()
        self._inject()
        from bench.corpus_template_extra import add_heldout_rows, add_statement

        add_heldout_rows(self)  # Key Facts rows under labels the vocabulary does not know
        add_statement(self)  # "..., so A is 2.1x faster than B on requests per second"
        if not self.page.html and rng.random() < RATES["encoding"]:
            self.page.mojibake = True
            self.defect("encoding", "mojibake", None, None, [], [], "every em dash and trophy")
        elif self.page.html:
            self.lookalike("encoding", "html_entities", None, None, [], "&amp;, real dashes")
        else:
            self.lookalike("encoding", "real_unicode", None, None, [], "real em dashes, 🏆")
        self.page.related = [
            f"{x} vs {y}" for x, y in (gen._pick_pair(rng) for _ in range(rng.randint(14, 24)))
        ]
        self.page.articles = rng.sample(range(len(_RELATED_TITLES)), k=5)

    def _plan_cross_page(self) -> None:
        """Sometimes this page consistently states a figure other pages contradict: a Key
        Facts label whose qualifier other pages already used for the entity, a wrong truth."""
        if self.rng.random() >= RATES["cross_page"]:
            return
        entity = self.rng.choice(self.page.entities)
        options = sorted(
            {
                (m, lab)
                for (e, m, q) in self.gen.seen
                if e == entity and m in self.gen.numeric
                for lab in self.spec(m).labels
                if lab.qualifier == q and lab.hint != "thousands"
            },
            key=lambda p: (p[0], p[1].text),
        )
        if not options:
            return
        metric, label = self.rng.choice(options)
        truth = self.gen.truth[entity][metric]
        wrong = self.gen.writer.wrong(self.rng, metric, truth, None)
        self.override[(entity, metric)] = wrong.point
        self.used.add((entity, metric))
        self.cross_page = (entity, metric)
        self.cross_label = label


# --- command line --------------------------------------------------------------------------------


def generate_corpus(out_dir: Path, n_pages: int, seed: int = 7) -> Truth:
    """Write `n_pages` pages and truth.json under `out_dir` (reused when already there)."""
    out_dir = Path(out_dir)
    existing = out_dir / TRUTH_FILE
    if existing.exists():
        truth = Truth.load(existing)
        if truth.seed == seed and truth.n_pages == n_pages and truth.version == GENERATOR_VERSION:
            return truth
    clear_corpus(out_dir)
    return Generator(seed, n_pages).generate(out_dir)


def clear_corpus(out_dir: Path) -> None:
    """Remove an older synthetic corpus (its site folders and truth.json) from `out_dir`."""
    clear_corpus_dir(out_dir, TRUTH_FILE, "benchmark corpus")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("bench/out/corpus-200"))
    args = parser.parse_args(argv)
    started = time.perf_counter()
    truth = generate_corpus(args.out, args.pages, args.seed)
    elapsed = time.perf_counter() - started
    print(
        f"{len(truth.pages)} pages, {sum(len(p.defects) for p in truth.pages.values())} "
        f"defects in {args.out} ({elapsed:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
