"""Held-out rows on the template pages (issue 16): Key Facts rows whose label no vocabulary
entry matches, with figures in held-out formats, a correct Diff or (at a known rate) a wrong
one. They are added after the template's own defects are planted, so no template defect
relies on them; what they measure is the open vocabulary on the seeds' own shape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench.corpus import Row, Written, _sig, consistent, diff_text, fig, wrong_diff
from bench.corpus_heldout import heldout_figure, load_heldout, pick_format

if TYPE_CHECKING:
    from bench.corpus import PageBuilder

HELDOUT_ROW_RATE = 0.6  # template pages with held-out rows
HELDOUT_FORMAT_SHARE = 0.35  # of their figures
WRONG_DIFF_RATE = 0.2  # of the pages with held-out rows: one wrong Diff among them


def _figure(builder: PageBuilder, entity: str, metric: str) -> Written:
    rng = builder.rng
    truth, tol = builder.truth(entity, metric), builder.spec(metric).tolerance
    if rng.random() < HELDOUT_FORMAT_SHARE:
        fmt = pick_format(rng, load_heldout().formats, truth)
        w = heldout_figure(fmt, truth, tol) if fmt else None
        if w is not None:
            return w
    if truth < 100 and truth == round(truth):
        return Written(str(int(truth)), truth, truth, "exact")
    text, v = fig(_sig(truth, 3))
    w = Written(text, v, v, "exact")
    return w if consistent(w, truth, tol) else Written(f"{truth:g}", truth, truth, "exact")


def add_heldout_rows(builder: PageBuilder) -> None:
    """One to three Key Facts rows under held-out labels (figures clean for both entities)."""
    rng, page = builder.rng, builder.page
    if rng.random() >= HELDOUT_ROW_RATE:
        return
    held = load_heldout()
    metrics = [
        m
        for m in sorted(held.labels)
        if m in builder.gen.specs and all((e, m) not in builder.override for e in page.entities)
    ]
    wrong_at = rng.randrange(3) if rng.random() < WRONG_DIFF_RATE else -1
    for n, metric in enumerate(rng.sample(metrics, k=min(len(metrics), rng.randint(1, 3)))):
        label = rng.choice(held.labels[metric])
        text = label.text
        if label.unit:
            text += f" ({label.unit})" if rng.random() < 0.5 else f"({label.unit})"
        where = f"key facts row {len(page.key_facts) + 1}"
        written = [_figure(builder, e, metric) for e in page.entities]
        cells: list[str | None] = [
            builder.note(w, e, metric, f"{where} / {e}", None, reuse=False)
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
