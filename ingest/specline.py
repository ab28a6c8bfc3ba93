"""A spec table flattened to one line → claims (location_kind COLLAPSED_ROW).

Why: a comparison page's spec table copied as text loses its cells and becomes one line, the
column heads first, then each row's label and one value per column ("RTX A RTX B CUDA cores
16,384 9,728 Tensor cores 576 304 Base clock 2,235 MHz 2,205 MHz ..."). Read as prose, every
figure went to the first name and the labels slid by one. The line is read only when it starts
with two to four names and nothing else, and its figures fall into three or more rows of one
value per name, each row's values apart by at most a few unit words.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from crosscheck.ingest.entities import Mention
from crosscheck.ingest.spans import FigureSpan, find_figures
from crosscheck.ingest.specline_rows import find_header, loose_rows, may_be_spec_line

from crosscheck.contracts import LocationKind

if TYPE_CHECKING:
    from crosscheck.ingest.extract import ClaimCollector

_MIN_ROWS = 3
_MAX_NAMES = 4
_MAX_TAIL_WORDS = 2  # '2,235 MHz', '24 GB GDDR6X': the words a value carries
_WORD = re.compile(r"\S+")
_LETTER = re.compile(r"[A-Za-z]")


def _header(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The names that tile the start of the line (only spaces between them)."""
    names: list[Mention] = []
    at = 0
    for mention in mentions:
        if text[at : mention.start].strip():
            break
        names.append(mention)
        at = mention.end
    return names


def _rows(rest: str, figures: list[FigureSpan], width: int) -> list[tuple[str, list[str]]] | None:
    """(label, values) per row, or None when the figures do not make such rows."""
    if len(figures) % width or len(figures) // width < _MIN_ROWS:
        return None
    rows: list[tuple[str, list[str]]] = []
    at = 0
    for first in range(0, len(figures), width):
        group = figures[first : first + width]
        tails = [_WORD.findall(rest[a.end : b.start]) for a, b in itertools.pairwise(group)]
        if any(len(t) > _MAX_TAIL_WORDS for t in tails):
            return None
        carried = len(tails[0]) if tails else 0  # the last value carries as many words
        before = rest[at : group[0].start].split()
        label = " ".join(before)
        if not _LETTER.search(label) or any(ch.isdigit() for ch in label.replace(" ", "")[:1]):
            return None
        after = _WORD.findall(rest[group[-1].end :])[:carried]
        words = [*tails, after]
        values = [f"{f.text} {' '.join(t)}".strip() for f, t in zip(group, words, strict=True)]
        rows.append((label, values))
        end = group[-1].end
        for word in after:  # past the last value's words
            end = rest.index(word, end) + len(word)
        at = end
    return rows


def spec_line_claims(
    out: ClaimCollector, text: str, mentions: Sequence[Mention], index: int
) -> bool:
    """Claims of a flattened spec line; False (nothing added) when `text` is no such line."""
    names = _header(text, mentions)
    rows: list[tuple[str, list[str]]] | None = None
    if 2 <= len(names) <= _MAX_NAMES and len({m.canonical for m in names}) == len(names):
        rest = text[names[-1].end :]
        rows = _rows(rest, find_figures(rest), len(names))
    columns = [m.text for m in names]
    if rows is None and may_be_spec_line(text):  # names after a label, brand words, text rows
        header = find_header(text, mentions, out.page.entities)
        if header is not None:
            rows = [(r.label, r.values) for r in loose_rows(text[header[-1].end :], len(header))]
            columns = [n.text for n in header]
    if not rows:
        return False
    for number, (label, values) in enumerate(rows, 1):
        evidence = f"{label} {' '.join(values)}"
        for name, value in zip(columns, values, strict=True):
            out.add(
                entity=name,
                label=label,
                raw_value=value,
                kind=LocationKind.COLLAPSED_ROW,
                locator=f"spec line {index} / row {number} / column {name}",
                evidence=evidence,
                row_key=f"s{index}r{number}",
            )
    return True
