"""A known name the page writes longer: "Echo Dot", "HomePod mini", "React Native", "Nest Audio".

Why: the gazetteer knows the short names ("Echo", "HomePod", "React"); matched inside the
longer ones, every figure of "Echo Dot" and "Echo Studio" went to "Echo" (and then conflicted
as one entity's values). A careful reader takes the longest name the page writes at each
place: a known name followed by a model word (ingest/data/longer_names.toml) or a model code
("X1", "SU3000RTXL3U"; a bare number only after hardware), written twice or in a structural
slot (a heading, an item's lead, a cell), is a product of its own. The short name alone
elsewhere stays the known one (the finder takes the longest name at each position).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.entities import EntityFinder
from crosscheck.ingest.lexicon import trie_pattern

from crosscheck.common import toml_cache

DATA_FILE = Path(__file__).resolve().parent / "data" / "longer_names.toml"

# a code with a letter first and a digit ("X1", "S24+", "SU3000RTXL3U"), or a bare number
_CODE = r"[A-Z]{1,4}\d{1,5}[A-Za-z0-9]{0,8}\+?"
_NUMBER = r"(?!(?:19|20)\d\d(?!\d))\d{1,4}\+?"
# no more name after the tail: no word character, no version's dot, no figure's glued unit
_END = r"(?![\w@/'’-]|[.,]\d|\s?[\"”″°%])"
# what opens a structural slot: nothing but a list's or a heading's marks before the name
_LEAD_MARKS = " \t*#>-•–—|0123456789.)(_"
_SHORT_TEXT = 8  # words: a heading, a cell, an item's name


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    """(the tail pattern after a known name, the kinds a bare number extends, unit words)."""
    doc = toml_cache.loads(DATA_FILE.read_text(encoding="utf-8"))

    def words(key: str) -> list[str]:
        return [str(w).lower() for w in doc.get(key, [])]

    lower = set(words("lower_ok"))
    spelled: list[str] = []
    for word in sorted(set(words("model_words")), key=len, reverse=True):
        spelled.append(word.capitalize())
        spelled.append(word.upper())
        if word in lower:
            spelled.append(word)
    # speed28: the spellings as one prefix-factored trie (longer first at each branch), not
    # ~80 alternatives tried in turn at every space: the words matching at one place are
    # prefixes of each other, so both take the longest that _END allows (a third less CPU)
    word = trie_pattern(spelled)
    tail = rf"[ \u00a0](?:(?P<word>{word})|(?P<code>{_CODE})|(?P<number>{_NUMBER})){_END}"
    return re.compile(tail), frozenset(words("numbered_kinds")), frozenset(words("unit_words"))


def _is_unit_after(text: str, end: int, units: frozenset[str]) -> bool:
    """Whether a bare number's next word is a unit ("Kindle 6 inch"): a figure, no model."""
    rest = text[end : end + 16].split(maxsplit=1)
    return bool(rest) and rest[0].strip(",.;:)").lower() in units


def _structural(text: str, start: int) -> bool:
    """A heading, an item's lead or a cell: nothing but marks before the name, or a short text."""
    return not text[:start].strip(_LEAD_MARKS) or len(text.split()) <= _SHORT_TEXT


def extended_names(
    texts: Iterable[str],
    known: Callable[[str], list[tuple[int, int]]],
    kind_of: Callable[[str], str | None],
    listed: Callable[[str], bool],
) -> list[str]:
    """The longer names of known ones the page writes (see the module's docstring), in the
    order first written. `known`: where a text names a known name (start, end); `kind_of`:
    the known name's kind, if any; `listed`: whether a longer name is known already."""
    tail, numbered, units = _vocabulary()
    counts: dict[str, int] = {}
    slots: set[str] = set()
    spelling: dict[str, str] = {}
    for text in texts:
        if " " not in text or tail.search(text) is None:
            continue  # the cheap gate: no model word, code or number after a space
        spans = known(text)
        starts = {a for a, _ in spans}
        for start, end in spans:
            if text[end - 1] in "'’s" and text[start:end].rstrip("s")[-1:] in "'’":
                continue  # "the Kindle's 161": an owner's figure follows, no longer name
            found = tail.match(text, end)
            if found is None:
                continue
            name_end = found.end()
            if found.start() + 1 in starts:
                continue  # "Kafka M1 Ultra": a header of two names, the tail opens the next
            if found.group("number") is not None:
                kind = kind_of(text[start:end])
                if kind not in numbered or _is_unit_after(text, name_end, units):
                    continue
            name = " ".join(text[start:name_end].split())
            if listed(name):
                continue  # a known name itself: the finder matches it whole already
            key = name.lower()
            spelling.setdefault(key, name)
            counts[key] = counts.get(key, 0) + 1
            if _structural(text, start):
                slots.add(key)
    return [spelling[k] for k, n in counts.items() if n >= 2 or k in slots]


def page_extended_names(
    title: str, blocks: list[Block], texts: list[str], finder: EntityFinder
) -> list[str]:
    """`extended_names` over a page: its title, texts and tables' header and row-label cells."""
    cells = [
        cell
        for block in blocks
        if block.kind is BlockKind.TABLE
        for cell in [*(block.header or []), *(row[0] for row in block.rows if row)]
    ]
    gazetteer = finder.gazetteer

    def kind_of(written: str) -> str | None:
        name = gazetteer.canonical(written)
        known = gazetteer.names.get(name) if name else None
        return known.kind if known else None

    def listed(name: str) -> bool:
        return gazetteer.canonical(name) is not None

    return extended_names([title, *texts, *cells], finder.known_spans, kind_of, listed)
