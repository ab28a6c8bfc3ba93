"""Leaderboards a text copy glued cell to cell, with names no gazetteer lists → table blocks.

Why: a stored copy of a leaderboard keeps one line per row but loses every cell break
(`Whisper large-v3OpenAI2.8%5.5%8.1%11.4%No99` under `ModelLibriSpeech cleanLibriSpeech
other…Languages`), and its models are new, so no known name marks where a row's name ends.
A careful reader splits such a row with what the table itself tells:
- the row's tail of value cells, cut where the characters' class changes (`%` then a digit,
  a digit then a letter): every row must give the same number of cells of the same kinds
  (a percent column holds percents), a row one cell short is aligned on the side its kinds
  fit, and only one;
- the row's lead of text cells, cut where a new capitalised word starts with no space
  (`large-v3|OpenAI`), never inside a word the page writes on its own elsewhere (`OpenAI`);
  the rows must agree on the number of lead cells, the first one names the row's entity;
- the header cut the same way (`LibriSpeech` stays whole where the page writes it so), its
  last labels right-aligned over the value cells, as many as there are.
Anything that does not agree gives no table: a wrong value is worse than a missed one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from enum import Enum
from itertools import pairwise

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.table_orientation import homogeneity

__all__ = ["board_at", "page_words"]

_MIN_ROWS = 3
_MIN_VALUES = 2
_MAX_SCAN = 40  # rows looked at below a header
_MAX_ROW = 200
_MAX_NAME = 48
# one value cell: a number (grouped by commas or not, one decimal point), an optional mark
# before it and a percent sign after it
_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
# (a range of two numbers is one cell), then a percent sign or a unit no small letter follows
# (`~7 ms~15 ms`, `4.2sYes`: the next cell starts with a capital, a digit or a mark)
_VALUE = re.compile(
    rf"[~≈<>]?[+−-]?[$€£]?{_NUMBER}(?:\s?[–-]\s?{_NUMBER})?(?:%|\s?(?P<unit>[A-Za-zµ][A-Za-zµ/]{{0,5}})(?![a-z]))?"
)
# a cell that says yes, no or nothing (a flag or placeholder column between figures)
_FLAG = re.compile(r"Yes|No|N/A|n/a|TBD|[✓✔✗✘]|[—–-](?!\d)")  # a dash before a digit: a sign
_RANK = re.compile(r"\d{1,3}(?=[A-Za-z])")
# a page's word written with capitals inside (`LibriSpeech`, `OpenAI`): no cell break in it
_CAMEL_WORD = re.compile(r"[A-Za-z][\w.+-]*(?:[a-z][A-Z]|[A-Z]{2}[a-z])[\w.+-]*")
# an acronym a page writes on its own (`MMLU`, `GSM8K`): a header's label, glued to the next
# one with no change of case to show it (`MMLUGSM8K`); not looked for in rows, where a name
# holds one (`PaddleOCR`)
_ACRONYM = re.compile(r"[A-Z][A-Z\d]*[A-Z][A-Z\d]*")
_EDGE = ".,;:()[]·*\"'“”‘’"


class _Kind(Enum):
    """What a value cell holds: the kinds a column's cells must agree on."""

    PERCENT = "percent"
    NUMBER = "number"
    MONEY = "money"
    UNIT = "unit"  # a number and a unit: the column's cells must share the unit
    FLAG = "flag"


_CellKind = tuple[_Kind, str]  # the kind, and the unit of a UNIT cell ("" otherwise)
_FLAGGED: _CellKind = (_Kind.FLAG, "")


def page_words(texts: Iterable[str]) -> dict[str, list[int]]:
    """The words with capitals inside that a page writes on their own (`LibriSpeech`,
    `olmOCR`), each with the lines it is written on: a glued line is never cut inside one
    of them (the lines of the table being read aside: theirs are glued)."""
    words: dict[str, list[int]] = {}
    for k, text in enumerate(texts):
        for word in text.split():
            word = word.strip(_EDGE)
            if 3 <= len(word) <= 30 and (_CAMEL_WORD.fullmatch(word) or _ACRONYM.fullmatch(word)):
                words.setdefault(word, []).append(k)
    return words


def board_at(
    blocks: list[Block], start: int, written: Callable[[], dict[str, list[int]]], index: int
) -> tuple[Block, int] | None:
    """The glued leaderboard whose header is blocks[start], and the index after its last
    row; None unless header and rows agree as the module says. `written`: the page's
    `page_words`, asked only when enough rows split (speed28: most heads have none)."""
    head = blocks[start].text
    if len(head) > 120 or _splits(head):
        return None  # a row, not a header
    found: list[list[_Split]] = []
    lines: list[str] = []
    end = start + 1
    while end < len(blocks) and end - start <= _MAX_SCAN:
        block = blocks[end]
        if block.kind is not BlockKind.LINE or block.is_heading or len(block.text) > _MAX_ROW:
            break
        splits = _splits(block.text)
        if not splits:
            break
        found.append(splits)
        lines.append(block.text)
        end += 1
    if len(found) < _MIN_ROWS:
        return None
    words = frozenset(w for w, at in written().items() if any(not start <= k < end for k in at))
    tables = [
        _table(head, _agreed(found, width), lines, words, (index, width))
        for width in _widths(found)
    ]
    read = [t for t in tables if t is not None]
    return (read[0], end) if len(read) == 1 else None  # two readings fit: neither is sure


_Split = tuple[str, list[str], list[_CellKind]]  # a row's lead, value cells and their kinds


def _splits(text: str) -> list[_Split]:
    """Every way to read a row as a lead (its text cells, still glued) and a tail of value
    cells: from each place after a letter where the rest reads as value cells only."""
    out: list[_Split] = []
    for at in range(1, len(text)):
        signed = text[at] in "+−-" and text[at + 1 : at + 2].isdigit()
        if not (text[at].isdigit() or text[at] in "~≈<>$€£" or text[at].isupper() or signed):
            continue
        if not (text[at - 1].isalpha() or text[at - 1] in ") "):
            continue  # a lead ends with a word or a note: `v3`, `Nova-3`, `2.8%` end no lead
        cells = _cells(text, at)
        if cells is not None and sum(k != _FLAGGED for k in cells[1]) >= _MIN_VALUES:
            out.append((text[:at], *cells))
    return out


def _widths(found: list[list[_Split]]) -> list[int]:
    """The numbers of value cells enough rows can be read with (a model's own size, `7B`,
    may be read as one more cell by every row: the header then says which width it is)."""
    counts: Counter[int] = Counter()
    for splits in found:
        counts.update({len(cells) for _, cells, _ in splits})
    return [width for width, rows in counts.items() if rows >= _MIN_ROWS]


def _agreed(found: list[list[_Split]], width: int) -> list[_Split]:
    """One reading a row: the one with `width` value cells, else (a row one cell short) the
    one with a cell fewer, else none (an empty lead and no cell)."""
    out: list[_Split] = []
    for splits in found:
        exact = [s for s in splits if len(s[1]) == width]
        short = [s for s in splits if len(s[1]) == width - 1]
        out.append((exact or short or [("", [], [])])[0])
    return out


def _cells(text: str, at: int) -> tuple[list[str], list[_CellKind]] | None:
    """`text[at:]` as value cells one after another with no break, or None."""
    cells: list[str] = []
    kinds: list[_CellKind] = []
    while at < len(text):
        value = _VALUE.match(text, at)
        flag = _FLAG.match(text, at) if value is None else None
        found = value or flag
        if found is None:
            return None
        cell = found.group()
        at = found.end()
        if value is not None and at < len(text) and text[at] in ".,":
            return None  # a number glued to a number (`2.092.86`): no split is forced
        cells.append(cell)
        kinds.append(_kind(cell, value["unit"] if value is not None else None, flag is not None))
    return cells, kinds


def _kind(cell: str, unit: str | None, flag: bool) -> _CellKind:
    if flag:
        return _FLAGGED
    if cell.endswith("%"):
        return _Kind.PERCENT, ""
    if unit:
        return _Kind.UNIT, unit
    return (_Kind.MONEY if any(ch in cell for ch in "$€£") else _Kind.NUMBER), ""


def _table(
    head: str,
    rows: list[_Split],
    lines: list[str],
    words: frozenset[str],
    at: tuple[int, int],
) -> Block | None:
    """The table of `rows` read with `width` value cells (`at`: the table's index and the
    width), or None where its columns, header or rows disagree."""
    index, width = at
    full = [kinds for _, cells, kinds in rows if len(cells) == width]
    if len(full) < _MIN_ROWS or width < _MIN_VALUES:
        return None
    columns = [_column_kind([k[c] for k in full]) for c in range(width)]
    if any(c is None for c in columns):
        return None
    ranked = _ranked([lead for lead, _, _ in rows])
    camel = frozenset(w for w in words if _CAMEL_WORD.fullmatch(w))  # no acronym: `PaddleOCR`
    leads = [
        _parts(lead[ranked[k] :] if ranked else lead, camel) for k, (lead, _, _) in enumerate(rows)
    ]
    lead_width = Counter(len(p) for p in leads).most_common(1)[0][0]
    labels = _parts(head, words, header=True)
    lead_labels = len(labels) - width
    if not 1 <= lead_labels <= lead_width + bool(ranked):
        return None  # the header does not say which label heads which value
    out: list[list[str]] = []
    texts: dict[tuple[str, ...], str] = {}
    for (_, cells, kinds), parts, line in zip(rows, leads, lines, strict=True):
        values = _aligned(cells, kinds, columns, width)
        name = parts[0] if parts else ""
        if values is None or len(parts) != lead_width or not _name_like(name):
            continue  # a row the others do not agree with: no claim from it
        row = [name, *("" if _FLAG.fullmatch(v) else v for v in values)]  # no figure in a flag
        out.append(row)
        texts[tuple(row)] = line
    if len(out) < _MIN_ROWS or len({r[0] for r in out}) < len(out):
        return None
    by_column, by_row = homogeneity(out)
    if by_column is not None and by_row is not None and by_row > by_column:
        return None  # rows alike, columns mixed: names as columns, a spec table's labels as rows
    return Block(
        BlockKind.TABLE,
        rows=out,
        header=[" ".join(labels[:lead_labels]), *labels[lead_labels:]],
        table_index=index,
        origin="flattened",
        entities_as_rows=True,
        row_texts=texts,
    )


def _column_kind(kinds: list[_CellKind]) -> _CellKind | None:
    """The kind a column's cells agree on (flags aside), None when they do not."""
    found = {k for k in kinds if k != _FLAGGED}
    if len(found) > 1:
        return None
    return found.pop() if found else _FLAGGED


def _aligned(
    cells: list[str], kinds: list[_CellKind], columns: list[_CellKind | None], width: int
) -> list[str] | None:
    """A row's cells, one per column: as they are, or a row one cell short set on the side
    where its kinds fit the columns' (an empty cell on the other); None when both or neither."""
    if len(cells) == width:
        return cells if _fits(kinds, columns) else None
    if len(cells) != width - 1:
        return None
    left = _fits(kinds, columns[:-1])
    right = _fits(kinds, columns[1:])
    if left == right:
        return None
    return [*cells, ""] if left else ["", *cells]


def _fits(kinds: list[_CellKind], columns: list[_CellKind | None]) -> bool:
    return all(k in (_FLAGGED, c) for k, c in zip(kinds, columns, strict=True))


def _ranked(leads: list[str]) -> list[int]:
    """Where each lead's name starts after a rank glued before it (`01PaddleOCR`): only when
    every row has one and they count 1, 2, 3…; empty otherwise."""
    found = [_RANK.match(lead) for lead in leads]
    ranks = [int(m.group()) if m else -1 for m in found]
    if ranks != list(range(1, len(leads) + 1)):
        return []
    return [m.end() if m else 0 for m in found]


def _parts(text: str, words: frozenset[str], header: bool = False) -> list[str]:
    """`text` cut where a capitalised word starts with no space before it (a lower-case
    letter, digit or ')' then a capital and a small letter; capitals then a capital and a
    small letter; in a header, a small letter then any capital: `ModelMMLU`), never inside
    a word of `words`, and at the ends of those words."""
    spans = _spans(text, words)
    # the ends of the page's own words: cell breaks where glue hides them
    cuts = {k for span in spans for k in span if 0 < k < len(text) and _glued_at(text, k)}
    inside = {k for a, b in spans for k in range(a + 1, b)}
    for k in range(1, len(text) - 1):
        before, at, after = text[k - 1], text[k], text[k + 1]
        word_start = at.isupper() and (after.islower() or (header and before.islower()))
        if not word_start or k in inside:
            continue
        if before.islower() or before.isdigit() or before == ")":
            cuts.add(k)
        elif before.isupper() and k >= 2 and (text[k - 2].isupper() or text[k - 2].isdigit()):
            cuts.add(k)  # an acronym or a size, then a word (`VLBaidu`, `7BAcme`)
    bounds = [0, *sorted(cuts - inside), len(text)]
    parts = [text[a:b].strip() for a, b in pairwise(bounds)]
    return [p for p in parts if p]


def _glued_at(text: str, k: int) -> bool:
    return not text[k - 1].isspace() and not text[k].isspace()


def _spans(text: str, words: frozenset[str]) -> list[tuple[int, int]]:
    """Where the page's own words occur in `text` (longest first, not overlapping)."""
    taken: list[tuple[int, int]] = []
    for word in sorted(words, key=len, reverse=True):
        at = text.find(word)
        while at >= 0:
            span = (at, at + len(word))
            if not any(a < span[1] and span[0] < b for a, b in taken):
                taken.append(span)
            at = text.find(word, at + 1)
    return taken


def _name_like(name: str) -> bool:
    """A row's first cell that may name an entity: short, led by a letter or digit."""
    return 2 <= len(name) <= _MAX_NAME and name[:1].isalnum() and not name.isdigit()
