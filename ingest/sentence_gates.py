"""Short ways out of the prose reader for sentences that can yield no claim (issue 20).

Why: on real-shaped pages a third of the sentences with a digit hold no value at all (every
figure a version, a date, a setting: `nonfigures.why_not` gave each a reason), yet the
sentence reader still paired, corrected and labelled them before its claim loop skipped every
one. Each way out here does exactly what the full path leaves behind for such a sentence (the
state it notes), so the claims and the state the next sentence reads are the same.
"""

from __future__ import annotations

from crosscheck.ingest.anaphors import note_pair
from crosscheck.ingest.attribution import Named, ProseState, entity_name
from crosscheck.ingest.nonfigures import NotFigure
from crosscheck.ingest.prose_subjects import note_subject, with_versions
from crosscheck.ingest.spans import FigureSpan

__all__ = ["no_values"]


def no_values(
    text: str,
    names: list[Named],
    figures: list[tuple[FigureSpan, NotFigure | None]],
    state: ProseState,
) -> int:
    """`prose._read_sentence`'s end for a sentence none of whose `figures` is a value: its
    claim loop adds nothing, and what it computes before the loop (pairings, corrections,
    lead labels, contrasts) reads no state and writes none; so only the subject (with the
    version it is written with) and the pair it names are noted, as after the loop. 0 claims."""
    note_subject(text, state, names, with_versions(text, figures, names))
    if len(names) >= 2:  # the pair "the former"/"the latter" speak of
        note_pair([entity_name(n, text) for n in names], state)
    return 0
