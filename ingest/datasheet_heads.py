"""The line heading a datasheet block names its product: 'Sonicare DiamondClean' over
'• Battery life: 16 days' and '• Cleaning modes: 5'.

Why: review, shop and spec pages list each product's figures as 'Label: value' lines right
under the product's name. On an unseen site no list knows that name, so the page "named no
product" and every figure of it was quarantined (or went to a word of the title). A careful
reader needs no list here: a short line of name-shaped words right above two or more such
lines is what they describe. A section word ('Basic info', 'Specifications'), a caption
ending in a colon, a sentence or a 'Label: value' line is no such name. One such block alone
names its product only on a page that names nothing else; the layout repeated (a datasheet
per product) is evidence enough on any page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.generic_nouns import is_generic_noun
from crosscheck.ingest.page_product_words import DATA_FILE, _refused, _shaped, ordinary_word

from crosscheck.common import toml_cache

__all__ = ["datasheet_heads", "without_echoes"]

# 'Battery life: 16 days', 'Max. Starthöhe: 5000 m', 'Lectura aleatoria (IOPS): 740.000':
# a short label, a colon and a value (a figure, or a word: 'SmarTimer: Yes')
_LABELLED = re.compile(r"^\s*[^\W_][^:]{0,40}?\s*:\s+\S")
_FIGURE_AFTER = re.compile(r":\s+[~<>≈±$€£-]?\s?\d")
_MIN_LINES = 2  # lines with a figure under one head
_MAX_WORDS = 6
_MAX_CHARS = 50
_MARKS = " *_#`"
_SENTENCE = re.compile(r"[.!?:;,]$|\b(?:vs\.?|versus)\s|\s[-–—|]\s")


def _labelled(block: Block) -> bool:
    """A 'Label: value' list item or line (short: a datasheet's row, not a paragraph)."""
    return (
        block.kind in (BlockKind.LIST_ITEM, BlockKind.LINE)
        and len(block.text) <= 100
        and ":" in block.text  # what _LABELLED needs, asked first: most lines have none
        and _LABELLED.match(block.text) is not None
    )


def _name_word(word: str) -> bool:
    """A word a product's name is made of: capitalised, a model number or name-shaped
    ('iPhone', 'doT', 'Pro-8000', 'Hogan.js')."""
    return word[:1].isupper() or word[:1].isdigit() or _shaped(word)


def _head(block: Block) -> str | None:
    """The name a line right above a datasheet block may give, or None when it is none."""
    if block.kind is not BlockKind.LINE:
        return None
    text = block.text.strip(_MARKS)
    words = text.split()
    if not words or len(words) > _MAX_WORDS or len(text) > _MAX_CHARS or ":" in text:
        return None
    if _SENTENCE.search(text) or words[0][:1].isdigit():
        return None
    if not all(_name_word(w) for w in words):
        return None  # 'Approximate time to boil 1 litre of water': a metric's caption
    if all(_refused(w) or is_generic_noun(w) or w.lower() in _sections() for w in words):
        return None  # 'Basic Info', 'RAM', 'Server': a section or a part, no product
    if ordinary_word(words[-1]) or is_generic_noun(words[-1]):
        return None  # 'Test Results': what the block is, not whose
    return text


@lru_cache(maxsize=1)
def _sections() -> frozenset[str]:
    doc = toml_cache.loads(DATA_FILE.read_text(encoding="utf-8"))
    return frozenset(str(w).lower() for w in doc.get("datasheet_sections", []))


# the unit word or sign after a line's figure ('16 days', '5', '3500 MB/s')
_UNIT = re.compile(r":\s+[~<>≈±$€£-]?\s?\d[\d.,]*\s?([^\W\d_]+|[%$€£/]|)")


@dataclass(frozen=True)
class _Sheet:
    """One datasheet block: where its head line is, its labels, whether its units differ."""

    at: int
    head: str
    labels: tuple[str, ...]
    mixed: bool


def _sheets(blocks: list[Block]) -> list[_Sheet]:
    """The page's datasheet blocks with a name-shaped line right above them."""
    found: list[_Sheet] = []
    i, n = 0, len(blocks)
    while i < n:
        j = i
        while j < n and _labelled(blocks[j]):
            j += 1
        if j - i < _MIN_LINES:  # fewer lines than a sheet's figures need: none (issue 20)
            i = max(j, i + 1)
            continue
        lines = [b.text for b in blocks[i:j] if _FIGURE_AFTER.search(b.text)]
        head = _head(blocks[i - 1]) if len(lines) >= _MIN_LINES and i > 0 else None
        if head is not None:
            units = {m.group(1).lower() if (m := _UNIT.search(t)) else "" for t in lines}
            labels = tuple(b.text.split(":", 1)[0].strip(_MARKS).lower() for b in blocks[i:j])
            found.append(_Sheet(i - 1, head, labels, len(units) > 1))
        i = max(j, i + 1)
    return found


def _written_lower(head: str, texts: list[str]) -> bool:
    """Whether a sentence of the page writes the head's last word in lower case ('fixtures',
    'winners'): a common noun, where a product's name keeps its capitals (an all lower-case
    line is an image's caption: 'diamondclean by sonicare')."""
    last = head.split()[-1]
    if last == last.lower() or _shaped(last):
        return False  # 'DiamondClean', 'Pro-8000': no common noun has that shape
    word = re.compile(rf"(?<![\w-]){re.escape(last.lower())}(?![\w-])")
    return any(t != t.lower() and word.search(t) for t in texts)


def _accepted(blocks: list[Block], named: bool) -> list[_Sheet]:
    """The sheets whose head names a product: its block's figures are of several kinds (units)
    or the same labels come back under another head; one sheet alone only on a page that
    names nothing else (`named` False)."""
    sheets = _sheets(blocks)
    if not sheets:
        return []
    repeated = {s.labels for s in sheets if sum(t.labels == s.labels for t in sheets) >= 2}
    texts = [b.text for b in blocks if b.text]
    kept = [
        s for s in sheets if (s.mixed or s.labels in repeated) and not _written_lower(s.head, texts)
    ]
    heads = {s.head for s in kept}
    return kept if len(heads) >= 2 or (heads and not named) else []


def datasheet_heads(blocks: list[Block], named: bool) -> list[str]:
    """The names heading the page's datasheet blocks, in page order, each once (see
    _accepted)."""
    return list(dict.fromkeys(s.head for s in _accepted(blocks, named)))


_WORDS = re.compile(r"[^\W_]+")


def without_echoes(blocks: list[Block], named: bool) -> list[Block]:
    """The blocks less a lower-case echo of a head right above it ('oral b pro 8000' over
    'Oral-B Genius Pro-8000'): an image's caption, whose model number is no figure."""
    drop: set[int] = set()
    for sheet in _accepted(blocks, named):
        i = sheet.at
        words = {w.lower() for w in _WORDS.findall(blocks[i].text)}
        for j in (i - 1, i - 2):
            text = blocks[j].text if j >= 0 and blocks[j].kind is BlockKind.LINE else ""
            echo = _WORDS.findall(text)
            if echo and text == text.lower() and {w.lower() for w in echo} <= words:
                drop.add(j)
    return [b for k, b in enumerate(blocks) if k not in drop] if drop else blocks
