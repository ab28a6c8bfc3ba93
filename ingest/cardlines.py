"""One line of a run of stat cards, classified: a value ('185k', '51.22 TFLOPS', 'Stars: 54.2k',
'Bun 8ms'), an empty card ('-'), a placeholder ('N/A'), an entity heading ('Bun 1.5') or a
label. ingest.cards pairs them into claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

_VALUE = re.compile(
    r"^(?P<number>[+\-~≈<>]?\$?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|\d+(?:[.,]\d+)*)"
    r"(?:\s?[-–]\s?\d+(?:\.\d+)?(?=\s?[A-Za-zµ%]))?"  # a range with its unit: '4-6GB', '2–3 ms'
    r"(?:\s?[kKMBGT](?![A-Za-z]))?\s?(?:%|x|×)?)"
    r"(?:(?:\s?|-)(?P<unit>[A-Za-zµ/][\w/%µ.]*(?:\s[A-Za-z][\w/.]*){0,3}(?:\s\([^()]{1,40}\))?"
    r"(?:\s[A-Za-z]\w*)?))?$"
)
_EMPTY = re.compile(r"^[-–—]$")
_BARE_YEAR = re.compile(r"^(?:19|20)\d\d$")
VERSION = re.compile(r"^v?\d+(?:\.\d+)*[a-z]?$")
NAME_VERSION = re.compile(r"^(?P<name>[A-Z][\w.+#-]*(?: [A-Z][\w.+#-]*){0,2}) v?\d+(?:\.\d+)*$")
_TRAILING_NOTE = re.compile(r"\s\([^()]{1,40}\)$")
# '2 Speed Issue', '3.1 Enabling fsync': a numbered section's heading, not a stat card
_SECTION_HEADING = re.compile(
    r"^(?:[1-9]|1\d|20|\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\.?\s+[A-Z][a-z]+(?:\s+[^\s\d]+){1,6}$"
)
_SCALE_WORD = re.compile(r"\b(?:thousand|million|billion|trillion)s?\b", re.IGNORECASE)


class Kind(Enum):
    """What one short line of a card run is."""

    VALUE = "value"
    EMPTY = "empty"  # "-": a card without a value
    ENTITY = "entity"  # a card heading naming an entity ("Bun 1.5")
    PLACEHOLDER = "placeholder"  # "GB6 OpenCL N/A": the next value is a placeholder too
    LABEL = "label"


@dataclass
class Line:
    """A classified line; `index` is its block's index on the page."""

    index: int
    text: str
    kind: Kind
    unit: str | None = None  # the words after the number ('TFLOPS Tensor')
    note: str | None = None  # a parenthesis ending the line ('(Check the code)')
    raw: str = ""  # the figure as written, without that parenthesis
    inline_label: str | None = None  # 'Stars' of 'Stars: 54.2k'
    inline_entity: str | None = None  # 'Beta' of 'Beta (tuned): 11,100 req/s'


def is_section_heading(text: str) -> bool:
    """'2 Speed Issue', '3.1 Enabling fsync': a short line led by a section's number."""
    stripped = text.strip()
    return bool(_SECTION_HEADING.match(stripped)) and not _SCALE_WORD.search(stripped)


def is_card_value(text: str) -> bool:
    """'54.2k', '+40%', '51.22 TFLOPS': a line that is only a figure (a bare year is not)."""
    return bool(_VALUE.match(text)) and not _BARE_YEAR.match(text)


def card_pairs(rows: list[list[str]]) -> list[tuple[str, str]] | None:
    """(label, value) of repeated two-part blocks that are stat cards ('54.2k' + 'Stars' in
    either order), or None when any block is not one."""
    pairs: list[tuple[str, str]] = []
    for row in rows:
        if len(row) != 2:
            return None
        first, second = (c.strip() for c in row)
        if is_card_value(first) and second and not is_card_value(second):
            pairs.append((second, first))
        elif is_card_value(second) and first and not is_card_value(first):
            pairs.append((first, second))
        else:
            return None
    return pairs or None


def classify(index: int, text: str, names: list[str], title: str) -> Line:
    """The kind of a short line, given the page's entity names and title."""
    if _EMPTY.match(text):
        return Line(index, text, Kind.EMPTY)
    if "N/A" in text:
        return Line(index, text, Kind.PLACEHOLDER)
    label, colon, rest = text.partition(": ")
    if colon and 0 < len(label) <= 30 and label[0].isalpha() and is_card_value(rest.strip()):
        line = _value_line(index, text, rest.strip())  # 'Stars: 54.2k'
        name = _named_entity(label.strip(), names)
        if line is not None and name is not None:
            line.inline_entity = name  # 'Beta (tuned): 11,100 req/s': Beta, variant 'tuned'
            variant = label.strip()[len(name) :].strip(" ()")
            line.note = "; ".join(x for x in (variant, line.note) if x) or None
            return line
        if line is not None:
            line.inline_label = label.strip()
            return line
    if is_section_heading(text):
        return Line(index, text, Kind.LABEL)
    line = _value_line(index, text, text)
    if line is not None:
        return line
    if _entity_heading(text, names, title):
        return Line(index, text, Kind.ENTITY)
    line = entity_value(index, text, names)
    if line is not None:
        return line
    return Line(index, text, Kind.LABEL)


def entity_value(index: int, text: str, names: list[str] | set[str]) -> Line | None:
    """'Bun 8ms': an entity's name, then only a figure."""
    for name in sorted(names, key=len, reverse=True):
        rest = text[len(name) + 1 :].strip()
        if text.startswith(name + " ") and is_card_value(rest) and not VERSION.match(rest):
            line = _value_line(index, text, rest)
            if line is not None:
                line.inline_entity = name
                return line
    return None


def _value_line(index: int, text: str, figure: str) -> Line | None:
    value = _VALUE.match(figure)
    if not value or _BARE_YEAR.match(figure):
        return None
    unit = value.group("unit")
    # the figure is the number and its unit's first word: '756.45 TFLOPS' of
    # '756.45 TFLOPS Tensor (FP16 Accumulate)'; the words after it qualify it (conditions)
    end = value.start("unit") + len(unit.split()[0]) if unit else len(figure)
    note = _TRAILING_NOTE.search(figure)
    if note is None:
        return Line(index, text, Kind.VALUE, unit, raw=figure[:end])
    unit = unit[: len(unit) - len(note.group())].rstrip() if unit else None
    end = min(end, note.start())
    return Line(index, text, Kind.VALUE, unit or None, note.group().strip(), figure[:end])


def _named_entity(label: str, names: list[str]) -> str | None:
    """The page entity a card label starts with ('Beta (tuned)' → 'Beta'), or None."""
    for name in sorted(names, key=len, reverse=True):
        if label == name or label.startswith((name + " ", name + "(")):
            return name
    return None


def _qualifier(rest: str, names: list[str]) -> bool:
    """'SXM 40GB' after 'NVIDIA A100': a few capitalised words naming a variant, not a figure,
    a sentence or another entity ('vs Beta')."""
    if not rest or not (rest[0].isupper() or rest[0] == "(") or len(rest.split()) > 3:
        return False
    if is_card_value(rest) or any(ch in rest for ch in ":,;!?"):
        return False
    return not any(name in rest for name in names)


def _entity_heading(text: str, names: list[str], title: str) -> bool:
    """'Bun 1.5', 'NVIDIA H100', 'NVIDIA A100 SXM 40GB': a page entity, or a name from the
    title, with an optional version or a few qualifying words after it (not a figure: 'Bun
    8ms' is a value of Bun)."""
    for name in names:
        rest = text[len(name) + 1 :] if text.startswith(name + " ") else None
        if text == name or (rest is not None and VERSION.match(rest)):
            return True
        if rest is not None and _qualifier(rest, names):
            return True
    head, _, tail = text.rpartition(" ")
    return len(head) >= 2 and VERSION.match(tail) is not None and head in title
