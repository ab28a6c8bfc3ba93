"""Page shapes beyond the seeds' two-entity template, for the synthetic corpus (issue 16).

A shape page compares three to five products: an entity-per-row leaderboard, an N-way table
(entities as columns), stat cards and a paragraph of comparative statements with known truth
(bench.corpus_relations). A share of its labels, entity names and number formats comes from the
held-out lists (bench.corpus_heldout), so the score measures the open vocabulary, not the
vocabulary grading itself. Injected: a stat card that contradicts the table (conflict) and false
statements (relation_mismatch); true statements are look-alikes.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from bench.corpus_heldout import (
    HELDOUT_MARK,
    HeldOutLabel,
    bare_figure,
    exact_figure,
    load_heldout,
)
from bench.corpus_numbers import Written, _sig, fig
from bench.corpus_relations import Sense, statement
from bench.corpus_text import _slug
from bench.truth import Defect, LookAlike, Mention, PageTruth

if TYPE_CHECKING:
    from bench.corpus import Generator

SHAPE_SHARE = 0.3  # of the corpus's pages
HELDOUT_SHARE = 0.4  # of a shape page's labels, entities and figures
CARD_CONFLICT_RATE = 0.3  # shape pages with a card contradicting the table
# HTML stat cards: flat name/label/figure blocks, or (this share) one wrapping <div> per card
# (ingest read those as attribute rows until its card-grid rule: docs/benchmarks.md).
CARD_GRID_SHARE = 0.2
FALSE_RELATION_RATE = 0.4  # of the statements

# metric -> (sense, the words a statement names it by, the vocabulary header and unit)
_METRICS: dict[str, tuple[Sense, str, str, str]] = {
    "throughput": ("rate", "requests per second", "Requests/sec", ""),
    "latency": ("time", "latency", "Latency", "ms"),
    "memory_usage": ("amount", "memory", "Memory", "MB"),
    "startup_time": ("time", "startup time", "Startup Time", "ms"),
    "github_stars": ("amount", "GitHub stars", "GitHub Stars", ""),
    "weekly_downloads": ("amount", "weekly downloads", "Weekly Downloads", ""),
    "contributors": ("amount", "contributors", "Contributors", ""),
}
SectionKind = Literal["heading", "para", "table", "cards"]
_NAME_HEADERS = ("Framework", "Server", "Project", "Name", "Library")
_INTROS = (
    "We ran the same JSON endpoint on each candidate on one 8-core machine for ten minutes.",
    "Every figure below comes from our own runs and the projects' public registries.",
    "The candidates were installed with their default settings and measured the same way.",
)


@dataclass
class ShapePage:
    """A page of the new shapes: sections in order, rendered as markdown or HTML."""

    index: int
    slug: str
    entities: tuple[str, ...]
    title: str
    html: bool
    site: int
    sections: list[tuple[SectionKind, Any]] = field(default_factory=list)
    copy_of: str | None = None

    def render(self) -> str:
        return render_html(self) if self.html else render_text(self)


@dataclass
class _Column:
    metric: str
    header: str  # as printed
    card_label: str  # the same label without its unit
    unit: str  # "" for counts
    heldout: bool

    @property
    def mark(self) -> str:
        return HELDOUT_MARK if self.heldout else ""


def is_shape_page(seed: int, index: int) -> bool:
    """Whether page `index` is a shape page (its own draw: the template pages stay as they were)."""
    return random.Random(f"{seed}:{index}:shape").random() < SHAPE_SHARE


class ShapeBuilder:
    """Builds one shape page and its truth record."""

    def __init__(self, gen: Generator, index: int, rng: random.Random):
        self.gen, self.index, self.rng = gen, index, rng
        self.heldout = load_heldout()
        self.sections: list[tuple[SectionKind, Any]] = []
        self.record: PageTruth | None = None
        # (entity, metric) -> the table figure, for cards and statements
        self.table: dict[tuple[str, str], Written] = {}
        # (entity, metric) pairs a wrong card touches: no statement speaks of them
        self.touched: set[tuple[str, str]] = set()

    def truth(self, entity: str, metric: str) -> float:
        return self.gen.truth[entity][metric]  # held-out names too (corpus_heldout.enrol_heldout)

    def _entities(self) -> list[str]:
        rng, k = self.rng, self.rng.randint(3, 5)
        out: list[str] = []
        while len(out) < k:
            if rng.random() < HELDOUT_SHARE:
                name = rng.choice(self.heldout.entities)
            else:
                name = rng.choices(self.gen.entities, weights=self.gen.weights, k=1)[0]
            if name not in out:
                out.append(name)
        return out

    def _column(self, metric: str) -> _Column:
        _sense, _phrase, header, unit = _METRICS[metric]
        options = self.heldout.labels.get(metric, ())
        if options and self.rng.random() < HELDOUT_SHARE:
            label: HeldOutLabel = self.rng.choice(options)
            return _Column(metric, label.header, label.text, label.unit, True)
        return _Column(metric, f"{header} ({unit})" if unit else header, header, unit, False)

    def _figure(self, entity: str, metric: str) -> Written:
        """A bare figure (the header carries the unit) that holds the entity's truth."""
        tol = self.gen.specs[metric].tolerance
        return bare_figure(self.rng, self.truth(entity, metric), tol, HELDOUT_SHARE)

    def _mention(self, w: Written, entity: str, metric: str, where: str) -> None:
        assert self.record is not None
        self.record.mentions.append(Mention(w.raw, entity, metric, where, w.clean))

    # --- sections ------------------------------------------------------------------------------
    def _leaderboard(self, entities: list[str], columns: list[_Column], n: int) -> None:
        cells = {(e, c.metric): self._figure(e, c.metric) for e in entities for c in columns}
        lead = columns[0]
        sense = _METRICS[lead.metric][0]
        ordered = sorted(
            entities,
            key=lambda e: cells[(e, lead.metric)].point,
            reverse=sense != "time",
        )
        ranked = self.rng.random() < 0.6
        header = (["#"] if ranked else []) + [self.rng.choice(_NAME_HEADERS)]
        header += [c.header for c in columns]
        rows = []
        for rank, e in enumerate(ordered, 1):
            row = ([str(rank)] if ranked else []) + [e]
            for c in columns:
                w = cells[(e, c.metric)]
                row.append(w.raw)
                self._mention(w, e, c.metric, f"table {n} row {rank}{c.mark}")
                self.table[(e, c.metric)] = w
            rows.append(row)
        self.sections.append(("heading", "Leaderboard"))
        self.sections.append(("table", (header, rows)))

    def _nway(self, entities: list[str], columns: list[_Column], n: int) -> None:
        header = ["Metric", *entities]
        rows = []
        for r, c in enumerate(columns, 1):
            row = [c.header]
            for e in entities:
                w = self._figure(e, c.metric)
                if w.raw in row[1:]:  # two products, one figure: a copied cell to a reader
                    w = exact_figure(self.truth(e, c.metric), digits=4)
                row.append(w.raw)
                self._mention(w, e, c.metric, f"table {n} row {r}{c.mark}")
                self.table.setdefault((e, c.metric), w)
            rows.append(row)
        self.sections.append(("heading", "Head to head"))
        self.sections.append(("table", (header, rows)))

    def _cards(self, entities: list[str], column: _Column, html_page: bool) -> None:
        """One card per entity: name, label, figure (+ unit); perhaps one contradicting."""
        cards = []
        grid = html_page and self.rng.random() < CARD_GRID_SHARE
        subtype = "card_grid_vs_table" if grid else "card_vs_table"
        subtype += "_heldout_label" if column.heldout else ""
        wrong_at = (
            self.rng.randrange(len(entities)) if self.rng.random() < CARD_CONFLICT_RATE else -1
        )
        for i, e in enumerate(entities):
            table = self.table.get((e, column.metric))
            truth = self.truth(e, column.metric)
            if i == wrong_at and table is not None:
                up = self.rng.random() < 0.6
                factor = self.rng.uniform(3, 6) if up else 1 / self.rng.uniform(3.2, 6)
                text, v = fig(_sig(truth * factor, 2))
                w = Written(text, v, v, "exact", clean=False)
                self.touched.add((e, column.metric))
                assert self.record is not None
                self.record.defects.append(
                    Defect("conflict", subtype, e, column.metric, [w.raw], [table.raw], "stat card")
                )
            else:
                w = self._figure(e, column.metric)
            self._mention(w, e, column.metric, f"stat card{column.mark}")
            value = f"{w.raw} {column.unit}" if column.unit else w.raw
            cards.append((e, column.card_label, value))
        self.sections.append(("heading", "At a glance"))
        self.sections.append(("cards", (cards, grid)))

    def _statements(self, entities: list[str], columns: list[_Column]) -> None:
        """Comparative sentences between pairs that form no cycle (no chain of three)."""
        assert self.record is not None
        rng = self.rng
        joined = {e: e for e in entities}

        def root(e: str) -> str:
            while joined[e] != e:
                e = joined[e]
            return e

        sentences: list[str] = []
        raws: set[str] = set()
        pairs = [(x, y) for i, x in enumerate(entities) for y in entities[i + 1 :]]
        rng.shuffle(pairs)
        wanted = rng.randint(2, 3)
        for x, y in pairs:
            if len(sentences) >= wanted:
                break
            if root(x) == root(y):
                continue
            column = rng.choice(columns)
            wx, wy = self.table.get((x, column.metric)), self.table.get((y, column.metric))
            if wx is None or wy is None or not (wx.clean and wy.clean):
                continue
            if {(x, column.metric), (y, column.metric)} & self.touched:
                continue  # a wrong card may give the statement a reading
            sense, phrase, *_ = _METRICS[column.metric]
            if column.heldout:  # the page's own words for the measure
                sense, phrase = "amount", column.card_label.lower()
            true = rng.random() >= FALSE_RELATION_RATE
            if wx.bound != "exact" or wy.bound != "exact":  # "≈100" may be 50-150: too loose to
                true = True  # be proven wrong, so only true statements about such figures
            st = statement(rng, x, y, wx.point, wy.point, sense, phrase, true)
            if st is None or st.raw in raws:
                continue
            raws.add(st.raw)
            joined[root(x)] = root(y)
            sentences.append(st.sentence)
            if st.true:
                self.record.lookalikes.append(
                    LookAlike(
                        "relation_mismatch",
                        "true_relation",
                        st.subject,
                        column.metric,
                        [st.raw],
                        st.sentence,
                    )
                )
            else:
                self.record.defects.append(
                    Defect(
                        "relation_mismatch",
                        st.subtype + ("_heldout_label" if column.heldout else ""),
                        st.subject,
                        column.metric,
                        [st.raw],
                        [],
                        st.sentence,
                    )
                )
        if sentences:
            self.sections.append(("heading", "What the numbers say"))
            self.sections.append(("para", " ".join(sentences)))

    # --- page ----------------------------------------------------------------------------------
    def build(self) -> tuple[ShapePage, PageTruth]:
        rng = self.rng
        entities = self._entities()
        kind = rng.choice(("benchmark", "numbers", "comparison"))
        title = " vs ".join(entities) + f": {kind} 2026"
        page = ShapePage(
            index=self.index,
            slug="-vs-".join(_slug(e) for e in entities[:3]),
            entities=tuple(entities),
            title=title,
            html=rng.random() < 0.5,
            site=rng.randrange(5),
        )
        from bench.corpus_text import page_path

        self.record = PageTruth(path=page_path(page), html=page.html, entities=list(entities))
        metrics = rng.sample(sorted(_METRICS), k=rng.randint(4, 6))
        columns = [self._column(m) for m in metrics]
        split = rng.randint(2, min(3, len(columns) - 1))
        self.sections.append(("para", rng.choice(_INTROS)))
        self._leaderboard(entities, columns[:split], 1)
        self._nway(entities, columns[split:], 2)
        self._cards(entities, columns[0], page.html)
        self._statements(entities, columns)
        cls = "html_entities" if page.html else "real_unicode"
        self.record.lookalikes.append(LookAlike("encoding", cls, None, None, [], "≈ and real text"))
        page.sections = self.sections
        return page, self.record


def build_shape_page(gen: Generator, index: int, rng: random.Random) -> tuple[ShapePage, PageTruth]:
    return ShapeBuilder(gen, index, rng).build()


# --- rendering -----------------------------------------------------------------------------------


def render_text(page: ShapePage) -> str:
    lines = [f"# {page.title}", ""]
    for kind, body in page.sections:
        if kind == "heading":
            lines += [f"## {body}", ""]
        elif kind == "para":
            lines += [body, ""]
        elif kind == "table":
            header, rows = body
            lines.append("| " + " | ".join(header) + " |")
            lines.append("|" + "---|" * len(header))
            lines += ["| " + " | ".join(r) + " |" for r in rows]
            lines.append("")
        elif kind == "cards":
            for entity, label, value in body[0]:
                lines += [entity, label, value, ""]
    return "\n".join(lines)


def render_html(page: ShapePage) -> str:
    from bench.corpus_chrome import _chrome

    c = _chrome(page.site)
    esc = html.escape
    out = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
        f"<title>{esc(page.title)} | {c['name']}</title>",
        f"<style>\n{c['css']}\n</style>\n</head>",
        f'<body><header class="site-header"><a class="logo" href="/">{c["name"]}</a>',
        c["nav"],
        "</header>",
        f"<main><h1>{esc(page.title)}</h1>",
    ]
    for kind, body in page.sections:
        if kind == "heading":
            out.append(f"<h2>{esc(body)}</h2>")
        elif kind == "para":
            out.append(f"<p>{esc(body)}</p>")
        elif kind == "table":
            header, rows = body
            out.append("<table><thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in header))
            out.append("</tr></thead><tbody>")
            for r in rows:
                out.append("<tr>" + "".join(f"<td>{esc(x)}</td>" for x in r) + "</tr>")
            out.append("</tbody></table>")
        elif kind == "cards":
            cards, grid = body
            out.append('<div class="stat-cards">')
            for entity, label, value in cards:
                parts = (
                    f"<h3>{esc(entity)}</h3><p>{esc(label)}</p><p>{esc(value)}</p>"
                    if not grid
                    else f'<div class="n">{esc(entity)}</div><div class="l">{esc(label)}</div>'
                    f'<div class="v">{esc(value)}</div>'
                )
                out.append(f'<div class="stat-card">{parts}</div>' if grid else parts)
            out.append("</div>")
    out += ["</main>", c["footer"], "</body>\n</html>\n"]
    return "\n".join(out)
