"""A matrix whose rows are values and whose cells are names, flattened to lines: "45 cN Cherry
MX Red", then "Cherry MX Brown", "Razer Orange" on lines of their own, then "50 cN" ...

Why: a chart of switches by force (rows) and type (columns) loses its columns in a copy; each
force then starts a line, and the names of its cells follow it, one a line or several on one
line. Read as prose, no figure had an owner (the names stand alone, no "X: value" lead), and
every force was quarantined. Each name under a value is that value's; the list becomes a table
with the names as rows and the value as their one column.
"""

from __future__ import annotations

import re
from dataclasses import replace

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.table_headers import is_metric_like

# "45 cN Cherry MX Red", "150+ cN ...", "50 cN": a figure with a unit word, then maybe names
_VALUE_LINE = re.compile(
    r"^(?P<value>[~≈]?\d[\d.,]*\+?\s?(?P<unit>[A-Za-zµ°%][A-Za-z/²]{0,5}))(?:\s+(?P<rest>\S.*))?$"
)
# a name alone on its line: capitalised, short, no sentence in it
_NAME_LINE = re.compile(r"^[A-Z][\w./+&'’-]*(?: [\w./+&'’()-]+){0,6}$")
# where one line holds two cells: two spaces or more, or a ")" before a capitalised word
_CELL_GAP = re.compile(r"\s{2,}|(?<=\))\s+(?=[A-Z])")
_MIN_VALUES = 3  # rows of one unit: fewer is a list of figures, not a chart
_MIN_NAMED = 2  # value lines that carry their first name: the matrix's own shape
_LEAD_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_MAX_NAME_CHARS = 48


def _names(text: str) -> list[str]:
    """The cell names a line holds: two words or more each, capitalised, no metric or unit
    word ("Tensor Sparse", "Time until listening" are labels); empty when a part is no name."""
    parts = [p.strip() for p in _CELL_GAP.split(text.strip()) if p.strip()]
    for part in parts:
        if len(part) > _MAX_NAME_CHARS or not _NAME_LINE.match(part) or " " not in part:
            return []
        if is_metric_like(part):
            return []
    return parts


def _number(value: str) -> float | None:
    lead = _LEAD_NUMBER.match(value)
    try:
        return float(lead.group().replace(",", "")) if lead else None
    except ValueError:
        return None


def _run(blocks: list[Block], start: int) -> tuple[list[list[str]], int]:
    """The (name, value) rows of a value-led run starting at `start`, and the index after it;
    no rows when the lines there are no such run: values of one unit rising from line to line
    (a chart's axis), two of them with names on their own line at least."""
    rows: list[list[str]] = []
    units: set[str] = set()
    numbers: list[float] = []
    named_values = 0
    value: str | None = None
    k = start
    while k < len(blocks) and blocks[k].kind is BlockKind.LINE:
        text = blocks[k].text.strip()
        lead = _VALUE_LINE.match(text)
        if lead is not None:
            rest = lead.group("rest")
            names = _names(rest) if rest else []
            number = _number(lead.group("value"))
            if (rest and not names) or number is None or (numbers and number <= numbers[-1]):
                break
            value, named_values = lead.group("value"), named_values + bool(names)
            numbers.append(number)
            units.add(lead.group("unit").lower())
        elif value is not None and (names := _names(text)):
            pass
        else:
            break
        rows += [[name, value] for name in names]
        k += 1
    if len(numbers) < _MIN_VALUES or len(units) != 1 or named_values < _MIN_NAMED:
        return [], start
    return rows, k


def value_led_tables(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """`blocks` with each value-led run of lines made one table (names as rows, the value as
    their column; other blocks as they are), and the names those tables hold (the page's own:
    no gazetteer lists them, and the table's rows are entities only where they are names)."""
    out: list[Block] = []
    names: list[str] = []
    index = max((b.table_index for b in blocks), default=0) + 1
    k = 0
    while k < len(blocks):
        block = blocks[k]
        if block.kind is not BlockKind.LINE or not block.text.lstrip()[:1].isdigit():
            out.append(block)
            k += 1
            continue
        first = _VALUE_LINE.match(block.text.strip())
        # a chart's first row carries its first name ("45 cN Cherry MX Red"); most lines led
        # by a figure ("212 ms", "10x faster") stop here
        rows, end = _run(blocks, k) if first and first.group("rest") else ([], k)
        if not rows:
            out.append(block)
            k += 1
            continue
        table = Block(BlockKind.TABLE, rows=rows, header=[], table_index=index)
        out.append(replace(table, origin="flattened", entities_as_rows=True))
        names += [row[0] for row in rows]
        index += 1
        k = end
    return out, list(dict.fromkeys(names))
