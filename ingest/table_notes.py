"""Figures inside a table's notes column ('Fastest; throughput ~465 req/s; p95 13.7 ms'): a
figure with a unit, named by the few words just before it in its own clause, is a figure of
the row's entity; a bare number, a ratio or a figure with no naming words stays prose."""

from __future__ import annotations

import re
from collections.abc import Callable

from crosscheck.ingest.spans import find_prose_figures
from crosscheck.ingest.table_cells import Piece
from crosscheck.ingest.table_headers import vocabulary

_CLAUSE = re.compile(r"[;,.()\[\]—–]|\s-\s")
_RATIO = re.compile(r"(?:x|X|×|倍|fold|times)$")
_MAX_WORDS = 4
# what follows the last digit: '465 req/s' → 'req/s'
_UNIT_TAIL = re.compile(r"\d\s?([^\d\s][^\d]*)$")


def note_pieces(text: str, fallback: str, is_name: Callable[[str], bool]) -> list[Piece]:
    """The named figures of a notes cell; `is_name` tells a label that names another entity
    ('beats DuckDB 156ms'), whose figure is not the row's; a figure alone in its clause is
    named by the words after it, else by `fallback` (the column's header)."""
    pieces: list[Piece] = []
    previous = 0
    for span in find_prose_figures(text):
        lead, previous = text[previous : span.start], span.end
        raw = span.text.strip()
        tail = _UNIT_TAIL.search(raw)
        unit = tail.group(1) if tail else ""
        if not unit or (not unit[0].isalpha() and unit[0] != "%") or _RATIO.search(raw):
            continue  # a count, a ratio or a bare number: no measure of its own
        label = _CLAUSE.split(lead)[-1].strip().rstrip(":=").strip()
        words = label.split()
        if not words:  # a figure opening its clause ('; ~462 req/s;', '6.2 GB RSS after load')
            after = _CLAUSE.split(text[span.end :])[0]
            words = [w for w in after.split() if not any(ch.isdigit() for ch in w)]
            label = " ".join(words[:_MAX_WORDS]) or fallback
            words = label.split()
        elif len(words) > _MAX_WORDS or words[-1].replace(".", "").isdigit():
            continue
        if words[0].lower() in vocabulary().note_stops or any(is_name(w) for w in words):
            continue
        pieces.append(Piece(raw, label, None))
    return pieces
