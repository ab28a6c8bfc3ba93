"""Additions to the template pages (issue 16), made after the template's own defects are
planted so that none of those relies on them:

- Key Facts rows whose label no vocabulary entry matches, with figures in held-out formats, a
  correct Diff or (at a known rate) a wrong one: the open vocabulary on the seeds' own shape;
- a comparative clause in the Short Answer sentence that states both throughput figures
  ("..., so A is 2.1x faster than B on requests per second"), true or false with known truth;
  on the other pages, at a rate, a verdict without a number (bench/corpus_verdicts.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench.corpus_heldout import HELDOUT_MARK, bare_figure, load_heldout
from bench.corpus_numbers import Written, diff_text, wrong_diff
from bench.corpus_relations import statement
from bench.corpus_text import Row
from bench.corpus_verdicts import add_verdict, short_answer_throughputs
from bench.truth import Defect, LookAlike

if TYPE_CHECKING:
    from bench.corpus import PageBuilder

HELDOUT_ROW_RATE = 0.8  # template pages with held-out rows
HELDOUT_FORMAT_SHARE = 0.5  # of their figures
WRONG_DIFF_RATE = 0.2  # of the pages with held-out rows: one wrong Diff among them
STATEMENT_RATE = 0.35  # template pages whose Short Answer states the throughput ratio
FALSE_STATEMENT_RATE = 0.4


def _figure(builder: PageBuilder, entity: str, metric: str) -> Written:
    tol = builder.spec(metric).tolerance
    return bare_figure(builder.rng, builder.truth(entity, metric), tol, HELDOUT_FORMAT_SHARE)


def add_heldout_rows(builder: PageBuilder) -> None:
    """Two to four Key Facts rows under held-out labels (figures clean for both entities)."""
    rng, page = builder.rng, builder.page
    if rng.random() >= HELDOUT_ROW_RATE:
        return
    held = load_heldout()
    metrics = [
        m
        for m in sorted(held.labels)
        if m in builder.gen.specs and all((e, m) not in builder.override for e in page.entities)
    ]
    wrong_at = rng.randrange(4) if rng.random() < WRONG_DIFF_RATE else -1
    for n, metric in enumerate(rng.sample(metrics, k=min(len(metrics), rng.randint(2, 4)))):
        label = rng.choice(held.labels[metric])
        text = label.text
        if label.unit:
            text += f" ({label.unit})" if rng.random() < 0.5 else f"({label.unit})"
        where = f"key facts row {len(page.key_facts) + 1}"
        written = [_figure(builder, e, metric) for e in page.entities]
        cells: list[str | None] = [
            builder.note(w, e, metric, f"{where} / {e}{HELDOUT_MARK}", None, reuse=False)
            for w, e in zip(written, page.entities, strict=True)
        ]
        wa, wb = written
        diff = diff_text(wa, wb) if rng.random() < 0.75 or n == wrong_at else None
        if diff is not None and n == wrong_at and (bad := wrong_diff(rng, wa, wb)) is not None:
            builder.defect(
                "diff_mismatch", "wrong_diff_heldout", builder.a, metric, [bad, wa.raw, wb.raw],
                [], where,
            )  # fmt: skip
            diff = bad
        elif diff is not None:
            builder.lookalike(
                "diff_mismatch", "correct_diff", builder.a, metric, [diff, wa.raw, wb.raw], where
            )
        page.key_facts.append(Row(text, cells, diff))


def add_statement(builder: PageBuilder) -> None:
    """Append a comparative clause to the Short Answer sentence that gives both throughput
    figures: the check reads the figures of the statement's own sentence first."""
    rng, page = builder.rng, builder.page
    if rng.random() >= STATEMENT_RATE or not page.short_answer:
        add_verdict(builder)  # "..., so A is faster than B": a verdict without a number
        return
    figures = short_answer_throughputs(builder)
    if figures is None:
        return
    (a, b), (wa, wb) = page.entities, (figures[page.entities[0]][0], figures[page.entities[1]][0])
    true = rng.random() >= FALSE_STATEMENT_RATE
    # a multiplier only: "35%" would read as the page's "+35%" Diff cells to the scoring
    st = statement(rng, a, b, wa.point, wb.point, "rate", "requests per second", true, ("times",))
    if st is None:
        return
    page.short_answer[0] = page.short_answer[0].removesuffix(".") + f", so {st.sentence}"
    where = "short answer sentence 1"
    if st.true:
        builder.record.lookalikes.append(
            LookAlike(
                "relation_mismatch", "true_relation", st.subject, "throughput", [st.raw], where
            )
        )
    else:
        builder.record.defects.append(
            Defect("relation_mismatch", st.subtype, st.subject, "throughput", [st.raw], [], where)
        )
