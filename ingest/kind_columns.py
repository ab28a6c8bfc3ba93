"""A comparison table of kinds flattened into lines: "Aspect QLC SSD TLC SSD", then one line per
row ("Bits per Cell 4 3", "Endurance (TBW) 300-600 TBW 100-300 TBW").

Why: copies of explainer pages lose the table's cell boundaries; read as prose, the header line
named both kinds as one ("QLC SSD TLC SSD") and every row's two figures went to it. A line that
ends with the page's compared kinds heads such a table; each following line whose end splits
into as many cells of one shape as there are kinds (a number at the same place in each: "3 bits"
/ "4 bits", "Lower (~1000 cycles)" / "Higher (~3000 cycles)") is a row, its start the label.
"""

from __future__ import annotations

from crosscheck.ingest.blocks import Block, BlockKind

__all__ = ["kind_columns"]

_MAX_ROWS = 24  # a flattened table is short; a longer run of lines is prose
_MAX_ROW = 100  # characters: a row is a label and a few cells, not a sentence
_MAX_CELL_WORDS = 4
_MAX_LABEL_WORDS = 5


def _digit(token: str) -> bool:
    return any(ch.isdigit() for ch in token)


def _cells(text: str, count: int) -> list[str] | None:
    """[label, cell, ...] when the line's end splits into `count` cells of one shape, each with
    a number at the same place; None otherwise (the smallest such cells are taken)."""
    words = text.split()
    for size in range(1, _MAX_CELL_WORDS + 1):
        label_words = len(words) - size * count
        if label_words < 1:
            return None
        groups = [
            words[label_words + i * size : label_words + (i + 1) * size] for i in range(count)
        ]
        shape = [_digit(w) for w in groups[0]]
        if not any(shape) or any([_digit(w) for w in g] != shape for g in groups[1:]):
            continue
        if any(_digit(w) for w in words[:label_words]) or label_words > _MAX_LABEL_WORDS:
            return None
        return [" ".join(words[:label_words]), *(" ".join(g) for g in groups)]
    return None


def _header(text: str, kinds: list[str]) -> list[str] | None:
    """[label, kind, kind, ...] when `text` is a label followed by two or more of `kinds`."""
    rest = " ".join(text.split())
    found: list[str] = []
    while True:
        end = next((k for k in kinds if rest.lower().endswith(" " + k.lower())), None)
        if end is None or end in found:
            break
        found.insert(0, rest[len(rest) - len(end) :])
        rest = rest[: len(rest) - len(end) - 1]
    label = rest.strip()
    if len(found) < 2 or not label or _digit(label) or len(label.split()) > _MAX_LABEL_WORDS:
        return None
    return [label, *found]


def kind_columns(blocks: list[Block], kinds: list[str]) -> list[Block]:
    """`blocks` with each flattened kinds table made a table block (its rows in place of the
    header line; lines that do not split stay lines)."""
    if not kinds:
        return blocks
    ordered = sorted(kinds, key=len, reverse=True)
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        header = _header(block.text, ordered) if block.kind is BlockKind.LINE else None
        if header is None:
            out.append(block)
            i += 1
            continue
        rows: list[list[str]] = []
        texts: dict[tuple[str, ...], str] = {}
        kept: list[Block] = []
        j = i + 1
        while j < len(blocks) and j - i <= _MAX_ROWS:
            line = blocks[j]
            if line.kind is not BlockKind.LINE or line.is_heading or len(line.text) > _MAX_ROW:
                break
            cells = _cells(line.text, len(header) - 1)
            if cells is None:
                kept.append(line)
            else:
                rows.append(cells)
                texts[tuple(cells)] = line.text
            j += 1
        if not rows:
            out.append(block)
            i += 1
            continue
        table = Block(BlockKind.TABLE, header=header, rows=rows, origin="flattened")
        table.cell_separator, table.row_texts = " ", texts
        out += [table, *kept]
        i = j
    return out
