"""Split a flattened "Show N more attributes" row back into label + one value per entity.

Text snapshots flatten a collapsed block into one run:
``Startup Time(ms) ~500 ms — Package Size(KB) ~50 KB ~40 KB …``. We read it left to right:
a label ends at its glued unit ``(…)`` or where a value begins; then exactly one value per
entity column follows (an empty marker, a figure, or a short text value).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosscheck.ingest.blocks import EMPTY_VALUES
from crosscheck.ingest.spans import NUMBER, PREFIX, SCALE, UNIT_WORDS

_EMPTY = "|".join(re.escape(v) for v in sorted(EMPTY_VALUES - {""}, key=len, reverse=True))
_EMPTY_TOKEN = re.compile(rf"(?:{_EMPTY})(?=\s|$)")
_NOUN_WORDS = (
    r"stars|packages|extensions|questions|lines of code|lines|positions|jobs|connections|"
    r"downloads|integrations|libraries|users|optimal|instances|per instance|core"
)
_NUMERIC_VALUE = re.compile(
    rf"{PREFIX}\$?(?:{NUMBER}){SCALE}(?:\s?(?:-|–|to)\s?~?(?:{NUMBER}){SCALE})?\+?"
    rf"(?:\s?(?:{UNIT_WORDS}))?(?:\s(?:{_NOUN_WORDS}))*(?:\s\([^()]*\))?(?=\s|$)"
)
_GLUED_LABEL_END = re.compile(r"[^\s(]\([^()]{1,40}\)(?=\s|$)")
# Words that start a feature value rather than continue a label ("Built-in ORM Support Via …").
_VALUE_STARTERS = frozenset(
    [
        "No",
        "Yes",
        "Native",
        "Full",
        "Via",
        "Manual",
        "Requires",
        "Required",
        "None",
        "Automatic",
        "Partial",
        "Limited",
        "Optional",
        "Third-party",
        "Addon",
        "Built-in",
        "Included",
        "Supported",
        "Not",
        "Available",
        "Basic",
        "Excellent",
        "Good",
        "Poor",
        "Pydantic",
    ]
)
_SHOW_N = re.compile(r"^\s*Show\s+(\d+)\s+more\s+attributes?\s*", re.IGNORECASE)
_TRAILER = re.compile(r"\s*\|\s*\|\|\s*$|\s*\|+\s*$")


@dataclass(frozen=True)
class CollapsedItem:
    """One attribute recovered from a flattened row: its header text and one value per column."""

    header: str
    values: tuple[str | None, ...]
    text: str


def parse_show_line(line: str) -> tuple[int, str] | None:
    """'Show 5 more attributesLabel(u) v …| ||' → (5, 'Label(u) v …'); None for other lines."""
    match = _SHOW_N.match(line)
    if not match:
        return None
    body = _TRAILER.sub("", line[match.end() :]).strip()
    return int(match.group(1)), body


def split_collapsed(body: str, n_values: int) -> list[CollapsedItem]:
    """Recover (label, values) items from a flattened run; n_values is the entity count."""
    items: list[CollapsedItem] = []
    pos, length = 0, len(body)
    while pos < length:
        pos = _skip_space(body, pos)
        if pos >= length:
            break
        item_start = pos
        label_end = _find_label_end(body, pos)
        if label_end is None:
            break
        header = body[pos:label_end].strip()
        pos = label_end
        values: list[str | None] = []
        for index in range(n_values):
            pos = _skip_space(body, pos)
            value, pos = _read_value(body, pos, last=index == n_values - 1)
            values.append(value)
        if header:
            items.append(CollapsedItem(header, tuple(values), body[item_start:pos].strip()))
    return items


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _find_label_end(text: str, pos: int) -> int | None:
    """End of the label starting at pos: its glued unit, or just before the first value."""
    glued = _GLUED_LABEL_END.search(text, pos)
    word_iter = re.finditer(r"\S+", text[pos:])
    first = True
    for word in word_iter:
        start = pos + word.start()
        if glued and glued.end() <= start:
            return glued.end()
        if not first and (
            _EMPTY_TOKEN.match(text, start)
            or _NUMERIC_VALUE.match(text, start)
            or word.group().rstrip(",") in _VALUE_STARTERS
        ):
            return start
        first = False
    return glued.end() if glued else None


def _read_value(text: str, pos: int, last: bool) -> tuple[str | None, int]:
    """One value at pos: None for an empty marker, else its exact text."""
    empty = _EMPTY_TOKEN.match(text, pos)
    if empty:
        return None, empty.end()
    numeric = _NUMERIC_VALUE.match(text, pos)
    if numeric:
        return numeric.group().strip(), numeric.end()
    # A text value runs to the next empty marker or figure, or to the next glued label.
    end = len(text)
    for pattern in (_EMPTY_TOKEN, _NUMERIC_VALUE):
        for match in pattern.finditer(text, pos + 1):
            if text[match.start() - 1].isspace():
                end = min(end, match.start())
                break
    glued = _GLUED_LABEL_END.search(text, pos)
    if glued and not last:
        label_start = text.rfind(" ", pos, glued.start())
        if label_start > pos:
            end = min(end, label_start)
    value = text[pos:end].strip()
    return (value or None), end
