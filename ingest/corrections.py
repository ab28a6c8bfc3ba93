"""Correcting sentences: "X is 73%, but in fact it is 93%" states one quantity twice.

Why: the value after a correction marker is what the page says, the other one is withdrawn;
read as two plain figures, the second lost its entity and metric ("it", "of the cores") and
the first stood as a figure the page itself takes back. Marker words are data
(ingest/data/prose.toml: correction_real_after, correction_retracted_after).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from crosscheck.ingest.labels import unit_of
from crosscheck.ingest.lexicon import Lexicon
from crosscheck.ingest.spans import FigureSpan

from crosscheck.contracts import RETRACTED_CONDITION

__all__ = ["RETRACTED_CONDITION", "Correction", "find_corrections"]

_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Correction:
    """Two values of one sentence that state one quantity: `restated` (the later one) takes
    the entity and metric of `first`; `retracted` is the start of the withdrawn one."""

    first: int
    restated: int
    retracted: int


def _same_kind(a: FigureSpan, b: FigureSpan) -> bool:
    """Both written with the same unit words ("73%" and "93%"; "5 ms" and "50 ms")."""
    return unit_of(a.text).lower() == unit_of(b.text).lower()


def find_corrections(
    text: str,
    values: list[FigureSpan],
    lex: Lexicon,
    name_starts: list[int],
    conditions: Sequence[tuple[int, int]] = (),
) -> list[Correction]:
    """The corrections of a sentence: a marker between two values of the same unit with no
    entity named between the marker and the second value (a name there makes it another
    entity's figure: "A handles 50k, B in fact 30k") and no set-up stated after the first
    value ("50k at 8 threads, in fact 90k at 64 threads" are two measurements)."""
    found: list[Correction] = []
    if len(values) < 2:
        return found  # a correction restates a value: one before its marker, one after
    values = sorted((v for v in values if _DIGIT.search(v.text)), key=lambda v: v.start)
    for pattern, real_after in (
        (lex.correction_real_after, True),
        (lex.correction_retracted_after, False),
    ):
        for marker in pattern.finditer(text):
            before = [v for v in values if v.end <= marker.start()]
            after = [v for v in values if v.start >= marker.end()]
            if not before or not after:
                continue
            first, second = before[-1], after[0]
            if not _same_kind(first, second):
                continue
            if any(marker.end() <= at < second.start for at in name_starts):
                continue
            if any(a >= first.end for a, _ in conditions):
                continue
            if any(c.restated == second.start or c.first == first.start for c in found):
                continue
            retracted = first.start if real_after else second.start
            found.append(Correction(first.start, second.start, retracted))
    return found
