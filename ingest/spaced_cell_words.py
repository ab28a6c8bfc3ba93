"""Words and names of ingest/spaced_cells.py: what starts a cell (a figure with its unit),
what keeps a figure in its cell, and how a header line's words cut into the products' names.

Why: split from ingest/spaced_cells.py (which finds the rows) to keep both small; the words
live in data/spaced_cells.toml.
"""

from __future__ import annotations

import functools
import itertools
import re
from pathlib import Path

from crosscheck.ingest.table_headers import vocabulary

from crosscheck.common import toml_cache

__all__ = [
    "FIGURE",
    "corner",
    "has_unit",
    "header",
    "joins",
    "named",
    "verdict_words",
    "without_verdict",
]

_DATA = Path(__file__).parent / "data" / "spaced_cells.toml"
_MAX_NAME_WORDS = 5
FIGURE = re.compile(r"^[~≈<>]?[$€£¥]?[+-]?\d[\d.,]*(?:[-–]\d[\d.,]*)?")
_CURRENCY = re.compile(r"^[~≈<>]?[$€£¥]")
_VS = frozenset({"vs", "vs.", "versus", "vs:"})
_UNIT_MARKS = frozenset("″\"'°%×")


@functools.lru_cache(maxsize=1)
def _words() -> tuple[
    frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]
]:
    """(unit words, joiner words, joiner marks, verdict headers, verdict words)."""
    data = toml_cache.loads(_DATA.read_text(encoding="utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key, []))

    units = words("unit_words") | vocabulary().units
    return (
        units,
        words("joiners"),
        words("joiner_marks"),
        words("verdict_headers"),
        words("verdict_words"),
    )


def has_unit(token: str, after: str) -> bool:
    """A figure token that carries its unit ('16GB', '9.7″', '$499+', '1024×768') or is
    followed by a unit word ('16 GB', '0.73 kg')."""
    if _CURRENCY.match(token):
        return True
    found = FIGURE.match(token)
    if found is None:
        return False
    rest = token[found.end() :]
    if rest[:1].isalpha() or rest[:1] in _UNIT_MARKS:  # '16GB', '9.7″'; not '2.1+EDR'
        return True
    if rest.strip(",;)") or not after:
        return False
    return after.lower().strip(",;()") in _words()[0]


def joins(before: str) -> bool:
    """A token after which a figure stays in the same cell ('at', 'by', '16,', '(Raw),')."""
    _, joiners, marks, _, _ = _words()
    return before.lower() in joiners or before[-1:] in marks


def corner(line: str) -> bool:
    """Whether a header line starts with a corner word ('Feature', 'Specs')."""
    words = line.split()
    return bool(words) and words[0].lower().strip(":") in vocabulary().label_headers


def named(word: str) -> bool:
    """A name's first word: capitalised ('Xbox') or a lower-case mark before one ('iPad')."""
    return word[:1].isupper() or (word[:1].isalpha() and word[1:2].isupper())


def _occurrences(name: str, text: str) -> int:
    """How often the page writes `name` as words of its own (case-insensitive)."""
    pattern = r"(?<![\w])" + re.escape(name.lower()) + r"(?![\w])"
    return len(re.findall(pattern, text))


def _names(words: list[str], width: int, page: str, cornered: bool) -> list[str] | None:
    """`words` cut into `width` names: each starts with a letter and has a few words; the cut
    the page itself writes best (each name's least count elsewhere on the page), then one
    after a number ('PlayStation 5 | Xbox Series X'), then the most even."""
    best: tuple[tuple[int, int, int], list[str]] | None = None
    for cuts in itertools.combinations(range(1, len(words)), width - 1):
        bounds = [0, *cuts, len(words)]
        parts = [words[a:b] for a, b in itertools.pairwise(bounds)]
        if any(len(p) > _MAX_NAME_WORDS or not named(p[0]) for p in parts):
            continue
        names = [" ".join(p) for p in parts]
        seen = min(_occurrences(n, page) for n in names)
        numbered = sum(1 for p in parts[:-1] if any(ch.isdigit() for ch in p[-1]))
        even = -(max(len(p) for p in parts) - min(len(p) for p in parts))
        score = (seen, numbered, even)
        if best is None or score > best[0]:
            best = (score, names)
    if best is None or (best[0][0] == 0 and not cornered):
        return None  # names the page writes nowhere else, under no corner word: no header
    return best[1]


def header(line: str, width: int, page: str) -> list[str] | None:
    """[corner, name...] of the header line: a corner word the vocabulary knows ('Feature',
    'Specs'), then `width` names, maybe a verdict column's word last ('Verdict?')."""
    words = [w for w in line.split() if w.lower() not in _VS]  # 'A vs B': no name's word
    _, _, _, verdicts, _ = _words()
    if words and words[-1].lower().strip("?:") in verdicts:
        words = words[:-1]
    corner = ""
    for size in (2, 1):  # 'Feature', 'Tech Specs', 'Key Specs:': a corner ends in a label word
        if len(words) > width + size - 1 and words[size - 1].lower().strip(":") in (
            vocabulary().label_headers
        ):
            corner, words = " ".join(words[:size]), words[size:]
            break
    if len(words) < width or _occurrences(" ".join(words), page):
        return None  # the page writes the whole line elsewhere: one product's name, no header
    names = _names(words, width, page, bool(corner))
    return [corner, *names] if names else None


def without_verdict(line: str, names: list[str]) -> str:
    """A row with its verdict cell cut off its end ('... 565g Galaxy Tab 10.1', '... Draw'):
    a product's name (or its last words) or a tie word."""
    low = line.lower()
    _, _, _, _, ties = _words()
    for word in ties:
        if low.endswith(" " + word):
            return line[: -len(word) - 1]
    for name in names:
        parts = name.split()
        for k in range(len(parts)):
            tail = " ".join(parts[k:])
            if low.endswith(" " + tail.lower()) and len(line) > len(tail) + 1:
                return line[: -len(tail) - 1]
    return line


def verdict_words() -> frozenset[str]:
    """Header words of a verdict column ('Verdict?', 'Winner')."""
    return _words()[3]
