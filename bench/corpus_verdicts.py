"""Verdicts without a number with known truth for the synthetic template pages (issue 16).

On a template page whose Short Answer sentence gives both entities' throughput and carries no
numeric statement, a clause "..., so A is faster than B" (or slower, more / fewer requests per
second) is appended: true when the printed figures give it, false when they reverse it by
1.3x or more (a `relation_mismatch` must flag it, rule verdict). Drawn from a generator of its
own (seeded by the corpus seed and the page path), so the pages' other draws do not move.
"""

from __future__ import annotations

import random
import zlib
from typing import TYPE_CHECKING, Any

from bench.truth import Defect, LookAlike

if TYPE_CHECKING:
    from bench.corpus import PageBuilder

VERDICT_RATE = 0.35  # of the template pages without a numeric statement
FALSE_VERDICT_RATE = 0.4
MIN_GAP = 1.3  # figures closer than this make no clear verdict either way
# (clause after the subject, the verdict word ingest carries, whether it says "a is ahead")
FORMS = (
    ("is faster than", "faster", True),
    ("is slower than", "slower", False),
    ("handles more requests per second than", "more", True),
    ("handles fewer requests per second than", "fewer", False),
)


def short_answer_throughputs(builder: PageBuilder) -> dict[str, list[Any]] | None:
    """Each entity's throughput figure in the Short Answer sentence, or None when an entity has
    none or several there, or a defect already touched one: a statement or verdict with known
    truth needs clean figures."""
    page = builder.page
    figures = {
        e: [p.w for p in builder.clean.get((e, "throughput"), ()) if p.where.startswith("short")]
        for e in page.entities
    }
    touched = any(
        (e, "throughput") in builder.used or (e, "throughput") in builder.override
        for e in page.entities
    )
    if touched or not all(len(ws) == 1 for ws in figures.values()):
        return None
    return figures


def add_verdict(builder: PageBuilder) -> None:
    """Append a verdict clause to the Short Answer sentence that gives both throughputs."""
    page = builder.page
    rng = random.Random(zlib.crc32(f"{builder.gen.seed}/{builder.record.path}".encode()))
    if rng.random() >= VERDICT_RATE or not page.short_answer:
        return
    figures = short_answer_throughputs(builder)
    if figures is None:
        return
    x, y = page.entities
    made = verdict(rng, x, y, figures[x][0].point, figures[y][0].point)
    if made is None:
        return
    text, subject, word, true = made
    page.short_answer[0] = page.short_answer[0].removesuffix(".") + f", so {text}."
    where = "short answer sentence 1 (verdict)"
    if true:
        builder.record.lookalikes.append(
            LookAlike("relation_mismatch", "true_verdict", subject, "throughput", [word], where)
        )
    else:
        builder.record.defects.append(
            Defect("relation_mismatch", "false_verdict", subject, "throughput", [word], [], where)
        )


def verdict(
    rng: random.Random, x: str, y: str, px: float, py: float
) -> tuple[str, str, str, bool] | None:
    """(clause, subject, verdict word, true) about x and y whose throughputs are px and py;
    None when they are within MIN_GAP of each other (no clear verdict either way)."""
    if min(px, py) <= 0 or max(px, py) / min(px, py) < MIN_GAP:
        return None
    better, worse = (x, y) if px > py else (y, x)
    clause, word, ahead = rng.choice(FORMS)
    true = rng.random() >= FALSE_VERDICT_RATE
    subject, other = (better, worse) if ahead == true else (worse, better)
    return f"{subject} {clause} {other}", subject, word, true
