"""Category and property words ("Drohnen", "Gewicht", "reading experience"): never a name.

Why: a page's own-name rules (capitalised subjects, items heading a line) take German nouns
and category subjects for products, and every figure of the page then goes to "Gewicht".
The words are data (ingest/data/generic_nouns.toml); compounds of the languages that glue
nouns ("Mini-Drohnen", "Saugroboter") are caught by their last noun, not listed one by one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from crosscheck.common import toml_cache

__all__ = ["is_generic_noun", "without_category_tail", "without_header_tail"]

_DATA = Path(__file__).resolve().parent / "data" / "generic_nouns.toml"
_ONE_WORD = re.compile(r"^[^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)*$")


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], tuple[str, ...]]:
    doc = toml_cache.loads(_DATA.read_text(encoding="utf-8"))
    nouns = frozenset(" ".join(str(w).lower().split()) for w in doc.get("nouns", []))
    tails = tuple(sorted({str(w).lower() for w in doc.get("compound_tails", [])}, key=len))
    return nouns, tails


def is_generic_noun(name: str) -> bool:
    """Whether `name` is a listed category or property word, or one word (letters and
    hyphens, no digit) that ends in a listed compound tail: "Mini-Drohnen", "Hartboden"."""
    clean = " ".join(name.lower().split())
    nouns, tails = _lists()
    if clean in nouns:
        return True
    if not _ONE_WORD.match(clean):
        return False
    return any(clean.endswith(tail) and len(clean) > len(tail) for tail in tails)


def without_category_tail(name: str) -> str:
    """`name` less the listed category words ending it ("RX 7591 XT GPUs": "RX 7591 XT"),
    as a title writes a kind after the second name; the name itself when nothing is left."""
    nouns, _ = _lists()
    words = name.split()
    while len(words) > 1:
        for size in (2, 1):
            tail = " ".join(words[-size:]).lower()
            if len(words) > size and tail in nouns:
                words = words[:-size]
                break
        else:
            break
    return " ".join(words)


@lru_cache(maxsize=1)
def _header_tails() -> tuple[str, ...]:
    doc = toml_cache.loads(_DATA.read_text(encoding="utf-8"))
    tails = {" ".join(str(w).lower().split()) for w in doc.get("header_tails", [])}
    return tuple(sorted(tails, key=len, reverse=True))


def without_header_tail(name: str) -> str:
    """`name` less a header word ending it ("Cherry MX Red specification": "Cherry MX Red"), as
    a column header adds after the product it names; the name itself when nothing is left."""
    lowered = name.lower()
    for tail in _header_tails():
        if lowered.endswith(" " + tail):
            kept = name[: len(name) - len(tail)].rstrip(" -–—:")
            return kept if kept.strip() else name
    return name
