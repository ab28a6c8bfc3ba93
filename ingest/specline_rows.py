"""The looser reading of a spec table flattened to one line (after ingest.specline's strict one).

Why: real copies rarely start with the names alone ("Camera Model Nikon Z6 Sony A7 III Sensor
Resolution 24.5 MP 24.2 MP ...", "Row 0 - Cell 0 Galaxy S24 (rumored) Apple iPhone 15 ..."), a
brand word stands between the names ("RX 7800 XT Nvidia GeForce RTX 4070"), and text rows
("Architecture RDNA 3 Ada Lovelace") or cells with several figures sit between the numeric rows.
Here the header is the first run of two to four page or known names anywhere in the line (a
name that swallowed its neighbour is cut back to the page's names), and a row is taken only
where one value per name follows a capitalised label and every value carries the same unit;
figures that make no such row are left out rather than guessed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import NamedTuple

from crosscheck.ingest.entities import Mention
from crosscheck.ingest.spans import FigureSpan, find_figures

_MAX_NAMES = 4
_MIN_ROWS = 3
_MIN_DIGIT_RUNS = 8  # three rows of two values and the names' own numbers
_MAX_GAP_WORDS = 3  # "(rumored) Apple", "Nvidia GeForce": what may stand between two names
_MAX_TAIL_WORDS = 2
_WORD = re.compile(r"\S+")
_DIGITS = re.compile(r"\d+")
_GAP_WORD = re.compile(r"^(?:\([^()]{1,20}\)|[A-Z][A-Za-z]{1,15})$")
_LABEL_START = re.compile(r"^[A-Z]")
_LETTER = re.compile(r"[A-Za-z]")
_SEPARATOR = re.compile(r"[,;]")
_GLUED = re.compile(r"\S*")


class _Name(NamedTuple):
    start: int
    end: int
    text: str


class SpecRow(NamedTuple):
    """One recovered row: its label and one value per header name."""

    label: str
    values: list[str]


def may_be_spec_line(text: str) -> bool:
    """Cheap test: no sentence break and enough numbers for three rows of two values."""
    if ". " in text or text.rstrip().endswith((".", "!", "?")):
        return False
    return len(_DIGITS.findall(text)) >= _MIN_DIGIT_RUNS


def _occurrences(text: str, mentions: Sequence[Mention], page_names: Sequence[str]) -> list[_Name]:
    """Where names stand in `text`: the page's own names first (a mention spanning two of
    them, "Nikon Z6 Sony A7 III", gives way to them), then the finder's other mentions."""
    lower = text.lower()
    found: list[_Name] = []
    for name in sorted({n for n in page_names if n}, key=len, reverse=True):
        for match in re.finditer(rf"(?<![\w-]){re.escape(name.lower())}(?![\w-])", lower):
            if not any(o.start < match.end() and match.start() < o.end for o in found):
                found.append(_Name(match.start(), match.end(), text[match.start() : match.end()]))
    for m in mentions:
        if not any(o.start < m.end and m.start < o.end for o in found):
            found.append(_Name(m.start, m.end, m.text))
    return sorted(found)


def find_header(
    text: str, mentions: Sequence[Mention], page_names: Sequence[str]
) -> list[_Name] | None:
    """The first run of 2-4 distinct names with at most a few brand words or a parenthesis
    between neighbours ("Galaxy S24 (rumored) Apple iPhone 15")."""
    names = _occurrences(text, mentions, page_names)
    for first in range(len(names) - 1):
        run = [names[first]]
        for nxt in names[first + 1 :]:
            gap = _WORD.findall(text[run[-1].end : nxt.start])
            if len(gap) > _MAX_GAP_WORDS or not all(_GAP_WORD.match(w) for w in gap):
                break
            if nxt.text.lower() in {n.text.lower() for n in run} or len(run) == _MAX_NAMES:
                break
            run.append(nxt)
        if len(run) >= 2:
            return run
    return None


def _unit_word(words: list[str]) -> str:
    """The unit a value carries: its first word after the number, letters only, lower case."""
    return re.sub(r"[^a-z%/]", "", words[0].lower()) if words else ""


def _label(text: str) -> str | None:
    """The row label before a value group: what follows the last closing parenthesis (a
    previous cell's note), when it starts with a capital letter."""
    tail = text.rsplit(")", 1)[-1].strip(" ,;:|")
    return tail if tail and _LABEL_START.match(tail) else None


def _row_at(
    rest: str, figures: list[FigureSpan], k: int, width: int, at: int
) -> tuple[SpecRow, int] | None:
    """The row whose values are figures[k:k+width] (and the offset after it), or None."""
    group = figures[k : k + width]
    if len(group) < width:
        return None
    gaps = [_WORD.findall(rest[a.end : b.start]) for a, b in itertools.pairwise(group)]
    carried = len(gaps[0])
    if carried > _MAX_TAIL_WORDS or any(len(g) != carried for g in gaps):
        return None
    limit = figures[k + width].start if k + width < len(figures) else len(rest)
    after = _WORD.findall(rest[group[-1].end : limit])
    if len(after) < carried:
        return None  # the last value's unit words would run into the next figure
    if limit < len(rest) and not any(_LETTER.search(w) for w in after[carried:]):
        return None  # no label before the next figure: one cell's several figures ("5nm, 6nm 4nm")
    if any(_SEPARATOR.search(" ".join(g)) for g in gaps):
        return None  # "6.2-inch OLED, 2,340 x 1,080": parts of one cell, not two cells
    tails = [*gaps, after[:carried]]
    if len({_unit_word(t) for t in tails}) != 1:
        return None
    label = _label(rest[at : group[0].start])
    if label is None:
        return None
    values = [rest[f.start : _past(rest, f.end, t)] for f, t in zip(group, tails, strict=True)]
    return SpecRow(label, values), _past(rest, group[-1].end, tails[-1])


def _past(rest: str, end: int, words: list[str]) -> int:
    """The offset after `words`, read from `end` on: a value's unit words, as the page wrote
    them ("4,000mAh", "2,708.4GB/s" keep their glued units)."""
    for word in words:
        end = rest.index(word, end) + len(word)
    return end


def loose_rows(rest: str, width: int) -> list[SpecRow]:
    """Rows of `width` values in the text after a header; a figure that starts no row is
    passed over (a text row's number, one of several figures in a cell)."""
    figures = find_figures(rest)
    rows: list[SpecRow] = []
    at = 0
    k = 0
    while k < len(figures):
        found = _row_at(rest, figures, k, width, at)
        if found is None:  # the label after a passed figure starts past its glued unit
            at = _GLUED.match(rest, figures[k].end).end()  # type: ignore[union-attr]
            k += 1
            continue
        rows.append(found[0])
        at = found[1]
        k += width
    return rows if len(rows) >= _MIN_ROWS else []
