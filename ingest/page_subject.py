"""The category a page speaks of as a whole, for a page that names no entity at all.

Why: market reports and consumer overviews ("la autonomía media de los coches eléctricos es de
350 km", "the average running watch lasts 14 days") give figures of a category, not of a named
product; with no name on the page every figure was quarantined. The two-word phrase of long
words the page repeats most (at least three times, alone at the top, one word in the plural) is
that category, and owns the figures no name claims. A phrase's singular and plural forms count
as one ("the power bank" ... "such power banks"): a guide names its kind of product mostly in
the singular, after an article; a plural among them tells a countable category from a feature,
and the article a kind from a modifier's noun ("constant current load").
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.page_product_words import DATA_FILE

from crosscheck.common import toml_cache

if TYPE_CHECKING:
    from crosscheck.ingest.entities import EntityFinder

__all__ = ["category_subject", "labelled_name", "page_product"]

# two lower-case words, the first of five letters or more, the second of three or more ("power
# bank", "induction hob"), any script with case ("coches eléctricos"), read overlapping
# ("diferentes coches eléctricos" holds two pairs); a digit and a capital lead a kind too
# ("3D scanners", "4K projectors")
_PAIR = re.compile(r"(?<![\w-])(?=([^\W\d_]{5,}|\d[A-Z]) ([^\W\d_]{3,})(?![\w-]))")
_AT_LEAST = 3
# a category of products is named in the plural ("coches eléctricos", "running watches"); a
# repeated singular phrase is a feature the page discusses ("electronic shutter", "battery life")
_PLURAL = re.compile(r"[sx](?: |$)")


def category_subject(texts: list[str], source: str = "") -> str | None:
    """The phrase the page repeats most as its subject, or None when none stands out."""
    counts: Counter[str] = Counter()  # by the phrase's singular form
    written: dict[str, Counter[str]] = {}  # its forms as written
    plural: set[str] = set()  # phrases the page also writes in the plural
    for text in texts:
        for match in _PAIR.finditer(text):
            first, second = match.group(1), match.group(2)
            if not ((first.islower() or first[0].isdigit()) and second.islower()):
                continue
            phrase = f"{first} {second}"
            key = _singular(phrase)
            if _PLURAL.search(phrase):
                plural.add(key)
            elif not _after_article(text[: match.start()]):
                continue  # a singular behind a modifier ("constant current load"): a feature
            counts[key] += 1
            written.setdefault(key, Counter())[phrase] += 1
    opening = _opening(texts, source)
    ranked = [
        (key, n)
        for key, n in counts.most_common()
        if key in plural and (_full_length(key) or key.lower() in opening)
    ][:2]
    if not ranked or ranked[0][1] < _AT_LEAST:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None  # two phrases as frequent: no single subject
    return written[ranked[0][0]].most_common(1)[0][0]


# the word before a phrase (its last word, after any spaces)
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+$")


@lru_cache(maxsize=1)
def _articles() -> frozenset[str]:
    doc = toml_cache.loads(DATA_FILE.read_text(encoding="utf-8"))
    return frozenset(str(w).lower() for w in doc.get("category_articles", []))


def _after_article(before: str) -> bool:
    """Whether an article ends `before` ("a power bank", "the password manager"): a kind of
    product named in the singular takes one; a feature's noun follows its modifier."""
    match = _WORD_BEFORE.search(before[-40:])
    return match is not None and match.group(1).lower() in _articles()


def _full_length(key: str) -> bool:
    """A phrase of two long words ("power bank"); a short one ("induction hob", "drive bay",
    "3D scanner") is a page's subject only where its title or first lines name it too."""
    first, second = key.split(" ")
    return len(first) >= 5 and first.isalpha() and len(second) >= 4


_OPENING_CHARS = 100  # of each of the page's first lines: its title, its lead
_URL_WORDS = re.compile(r"[^\W_]+")


def _opening(texts: list[str], source: str) -> str:
    """What names a page's subject before its body: the start of its first lines (a stored
    copy's provenance note among them) and the words of its address
    ('.../product-category/3d-scanner/'), each word singular and in lower case."""
    head = " ".join(t[:_OPENING_CHARS] for t in texts[:3])
    words = _URL_WORDS.findall(f"{head} {source}")
    return " ".join(_one(w.lower()) for w in words)


# "toothbrushes", "switches", "boxes": a plural in -es after a hissing sound
_ES_PLURAL = re.compile(r"(?:sh|ch|x|ss|z)es$")


def _singular(phrase: str) -> str:
    """`phrase` with a plural -s (or -es: "toothbrushes") off each word ("power banks": "power
    bank"): one key for the forms of one phrase (a word's own final s is cut alike from both
    forms)."""
    return " ".join(_one(word) for word in phrase.split())


def _one(word: str) -> str:
    if _ES_PLURAL.search(word):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


# 'Model: Kingston SEDC600M/960G', '| Model | 990 PRO |', 'UAS Model' over 'Mavic 4 Pro': the
# label words that introduce a product's own name (data: page_products.toml `model_labels`)
_NAME = re.compile(r"^[^\W_][^\n]{1,48}$")


@lru_cache(maxsize=1)
def _model_labels() -> frozenset[str]:
    doc = toml_cache.loads(DATA_FILE.read_text(encoding="utf-8"))
    return frozenset(str(w).lower() for w in doc.get("model_labels", []))


def labelled_name(blocks: list[Block]) -> str | None:
    """The name after a model label: on its line ('Model: X'), in its table row, or on the
    next line ('UAS Model' then 'Mavic 4 Pro')."""
    labels = _model_labels()
    waiting = False
    for block in blocks:
        if block.kind is BlockKind.TABLE:
            for row in [block.header or [], *block.rows]:
                if len(row) == 2 and row[0].strip(" *:").lower() in labels:
                    value = row[1].strip(" *")
                    if _NAME.match(value):
                        return value
            continue
        text = block.text.strip()
        if waiting and _NAME.match(text) and ":" not in text:
            return text
        label, colon, rest = text.partition(":")
        waiting = text.rstrip(":").lower() in labels
        if colon and label.strip().lower() in labels and _NAME.match(rest.strip()):
            return rest.strip()
    return None


def page_product(blocks: list[Block], finder: EntityFinder) -> str | None:
    """The product a spec page is about, for its tables that name none: the one product its
    lines name (as written most often), else the name after a 'Model' label; None otherwise."""
    texts = [b.text for b in blocks if b.kind is not BlockKind.TABLE and b.text]
    mentions = finder.line_mentions(texts)
    if mentions and len({m.canonical for m in mentions}) == 1:
        return Counter(m.text for m in mentions).most_common(1)[0][0]
    return labelled_name(blocks)
