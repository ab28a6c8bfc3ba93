"""The cells of one row of a flattened comparison table (`Range272 miles to 358 milesEstimated
at 333 miles`, `Threads3232`, `L2 Cache64 MB72 MB`): its label and one value a column.

Split from ingest/glued_rows.py (which finds the tables these rows make) to keep both small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from crosscheck.ingest.entities import EntityFinder
from crosscheck.ingest.glued_numbers import placeholder_apart, widen

from crosscheck.common import toml_cache

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

# what joins two numbers of one cell: a range, a dimension, a rating (an optional unit first)
_JOINER = re.compile(r"\s?(?:[A-Za-z%°µ/-]{1,12}\s?)?(?:[–-]|to|by|x|×|out of| /)\s?[~≈$]?")

# a row label holding a code with a digit (`L2 Cache64 MB72 MB`), glued to its first value
_CODE_LABEL = re.compile(r"[A-Za-z][A-Za-z-]*\d+[A-Za-z]*(?: [A-Za-z][A-Za-z/-]*){1,3}(?=[\d~≈$])")

# "$" closing a per-dollar label or unit (`Performance Per $`, `FPS/$`), not a price's sign.
_PER_DOLLAR = re.compile(r"(?:/|\b[Pp]er )\$$")

_TAIL_NOTE = re.compile(r"\s?\([^()]{1,40}\)$")  # a note after a row's last value

# a row label led by a figure of its own ("1% Lows", "0.1% Lows"), glued to the first value
_NUMBER_LABEL = re.compile(r"\d+(?:\.\d+)?%?\s?[A-Za-z][A-Za-z ]{1,20}")

# a number inside a name or model code ("M1", "i5-1230U", "S24"): a capital and at most one
# more letter, or one small letter, before it (not a unit: "~15 ms99.99%")
_IN_NAME = re.compile(r"(?:^|(?<=[\s(/-]))(?:[A-Z][A-Za-z]?|[a-z])$")

# capitals between two numbers with no space ("LGA 1700AM5"): a code, unless a unit repeated
_CODE_GLUE = re.compile(r"\d[A-Z]{2,}$")

_PROSE_WORDS = frozenset({"with", "and", "or", "for", "in", "on", "the", "a", "of", "per"})

_NAME_LIKE = re.compile(r"[A-Z][\w.+-]*(?: [A-Z0-9][\w.+-]*){0,2}")

_IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")

_MAX_UNIT_WORDS = 3  # a cell's words after its last number: a unit, "wired charging"
_CAMEL = re.compile(r"(?<=[a-z]{3})(?=[A-Z])")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class _Cells:
    label: str
    values: list[str]
    known: bool = True  # the label is a known name (rows led by entities)


def _cells(text: str) -> _Cells | None:
    """A row's label and its value cells: the numbers joined into one cell by a range,
    dimension or rating word, each cell running to the next one's lead."""
    numbers = list(_NUMBER.finditer(text))
    if not numbers or any(
        (_IN_NAME.search(text, 0, m.start()) or _glued_code(text, numbers, k))
        and not _repeated_unit(text, numbers, k)
        and not placeholder_apart(text[: m.start()])[1]  # "n/a1.2s": a cell, no model code
        for k, m in enumerate(numbers)
    ):
        return None
    groups: list[tuple[int, int]] = []
    for m in numbers:
        if groups and _JOINER.fullmatch(text[groups[-1][1] : m.start()]):
            groups[-1] = (groups[-1][0], m.end())
        else:
            groups.append((m.start(), m.end()))
    starts = [_lead_start(text, groups[k - 1][1] if k else 0, g[0]) for k, g in enumerate(groups)]
    label = text[: starts[0]].strip()
    values: list[str] = []
    for k, begin in enumerate(starts):
        stop = starts[k + 1] if k + 1 < len(starts) else len(text)
        cell = text[begin:stop].strip()
        after = text[groups[k][1] : stop]
        words = after.split()
        if len(words) > _MAX_UNIT_WORDS or any(ch in after for ch in ",;(:"):
            return None
        if any(w in _PROSE_WORDS for w in words):
            return None  # "2 USB-C with Thunderbolt": a feature, no figure
        values.append("" if _IPV4.match(cell) else cell)
    return _Cells(label, values)


def _glued_code(text: str, numbers: list[re.Match[str]], k: int) -> bool:
    """Number k closes a code glued to the number before it (`LGA 1700AM5`): capitals run
    from that number into this bare one, which no unit follows."""
    stop = numbers[k + 1].start() if k + 1 < len(numbers) else len(text)
    bare = not text[numbers[k].end() : stop].strip()
    return bare and _CODE_GLUE.search(text, 0, numbers[k].start()) is not None


def _repeated_unit(text: str, numbers: list[re.Match[str]], k: int) -> bool:
    """The letters glued before number k are the unit the number before it carries, and this
    one carries it too (`5000 MB/s3300 MB/s`, `0.94 FPS/W3.06 FPS/W`): a cell break, no
    model code."""
    if k == 0:
        return False
    unit = text[numbers[k - 1].end() : numbers[k].start()].strip()
    stop = numbers[k + 1].start() if k + 1 < len(numbers) else len(text)
    return bool(unit) and text[numbers[k].end() : stop].strip() == unit


def _lead_start(text: str, previous_end: int, number_start: int) -> int:
    """Where the cell of the number at `number_start` begins: after the previous cell's unit
    (a capital glued to a lower-case word starts the next cell), with its lead phrase."""
    gap = text[previous_end:number_start]
    lead = _lead().search(gap)
    if lead and _PER_DOLLAR.search(gap, 0, lead.start() + 1):
        lead = None  # a "per dollar" unit or label (`Per $0.39 FPS/$0.49 FPS/$`), no price
    begin = number_start - (len(lead.group()) if lead else 0)
    camel = [m.start() for m in _CAMEL.finditer(gap)]
    if camel and previous_end + camel[-1] < begin:
        return previous_end + camel[-1]
    if previous_end == 0:
        return begin
    return begin if lead else number_start


@cache
def _lead() -> re.Pattern[str]:
    """What opens a cell before its number: a lead phrase (data/glued_cells.toml), or an
    approximation or currency mark."""
    text = (Path(__file__).parent / "data" / "glued_cells.toml").read_text("utf-8")
    words = sorted(toml_cache.loads(text)["leads"], key=len, reverse=True)
    return re.compile(rf"(?:(?:{'|'.join(map(re.escape, words))})\s|[~≈$])+$")


def _named_row(text: str, width: int) -> _Cells | None:
    cells = _cells(text)
    coded = _CODE_LABEL.match(text) if cells is None or _DIGIT.search(cells.label) else None
    if coded is not None:  # `L2 Cache64 MB72 MB`: the code's digit is the label's, no value
        rest = _cells(text[coded.end() :])
        if rest is not None and not rest.label and len(rest.values) == width:
            return _Cells(coded.group(), rest.values)
    note = _TAIL_NOTE.search(text) if cells is None else None
    if note is not None and "(" not in text[: note.start()]:
        # "~15% (Safari only)": a note closing the last cell, the only parenthesis of the row
        inner = _cells(text[: note.start()])
        if inner is not None and inner.values:
            cells = _Cells(inner.label, [*inner.values[:-1], inner.values[-1] + note.group()])
    if cells is not None and not cells.label and len(cells.values) == width + 1:
        return _number_label(cells)
    if cells is not None and len(cells.values) < width + (not cells.label) and _glued(text, cells):
        wide = _widened(cells, width)
        if wide is not None:
            return wide
    if cells is None or len(cells.values) != width or any(ch.isdigit() for ch in cells.label):
        return None
    return _lost_cells_off(cells)


def _lost_cells_off(cells: _Cells) -> _Cells:
    """A row whose label carries placeholders glued after it (`updaten/an/an/a6.3s…`): the
    cells of columns the header lost, not part of the label."""
    label, lead = placeholder_apart(cells.label)
    while lead and label:
        cut, lead = placeholder_apart(label)
        label = cut if lead else label
    return _Cells(label, cells.values, cells.known) if label != cells.label else cells


def _widened(cells: _Cells, width: int) -> _Cells | None:
    """A row whose glued numbers split into `width` cells ("Threads3232", "1% Lows98112"),
    a placeholder glued to its label one of them ("Cold buildn/a1.2s")."""
    label, values = cells.label, cells.values
    if not label:  # a label led by a figure of its own, read as the first cell
        label, values = values[0], values[1:]
        if not _NUMBER_LABEL.fullmatch(label):
            return None
    label, lead = placeholder_apart(label)
    wide = widen([*lead, *values], width)
    return _Cells(label, wide) if wide else None


def _glued(text: str, cells: _Cells) -> bool:
    """The label runs into the first value with no space (`Threads3232`): a flattened row,
    not a name with a number of its own (`Cyberpunk 2077`)."""
    label = cells.label or cells.values[0]
    after = text[len(label) :] if text.startswith(label) else " "
    return not after[:1].isspace()


def _number_label(cells: _Cells) -> _Cells | None:
    """A row whose label is led by a figure (`1% Lows95.4 FPS97.1 FPS`): the first cell is
    the label when it is a number and words, and the other cells share one unit."""
    first, *values = cells.values
    units = {_NUMBER.sub("", v).strip() for v in values}
    if not _NUMBER_LABEL.fullmatch(first) or len(units) != 1 or not next(iter(units)):
        return None
    return _Cells(first, values)


def _entity_row(text: str, width: int, finder: EntityFinder) -> _Cells | None:
    """A row led by a name, glued to its first value or not (`Quad99.9.9.9`): a known name
    where one fits, else a capitalised name (`Google8.8.8.8`, beside known ones)."""
    lead = re.match(r"[^\d~≈$]+", text)
    if lead is None:
        return None
    for cut in range(min(len(text), lead.end() + 3), lead.end() - 1, -1):
        name = text[:cut].strip()
        if not finder.gazetteer.canonical(name):
            continue
        cells = _cells(text[cut:])
        if cells is not None and not cells.label and len(cells.values) == width:
            return _Cells(name, cells.values)
    name = lead.group().strip()
    cells = _cells(text[lead.end() :])
    if _NAME_LIKE.fullmatch(name) and cells is not None and not cells.label:
        return _Cells(name, cells.values, known=False) if len(cells.values) == width else None
    return None
