"""Page identity by content: a page's text as a small sketch of word shingles.

Two pages that share most of their wording are one voice, whatever their figures or markup (a
copy re-flattens tables, edits a word here and there, drops ® or ™). Each page becomes the
set of its word 5-grams (Broder's w-shingling), kept as a bottom-k sketch of their stable
hashes: the worker that parses the page makes it, so the page text leaves memory after
parsing and a 10,000-page run holds ~2 KB per page. The sentences that name one of the page's
entities are kept as text too (hash, sentence): what a near-duplicate finding quotes.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

# A sentence ends at . ! ? (before a space and a capital, a digit or a quote) or at a line end.
_SPLIT = re.compile(r"(?<=[.!?。！？])\s+(?=[\"'“‘(\[*]?[A-Z0-9])|\n+")
_TAG = re.compile(r"<[^<>]{0,2000}>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class PassageConfig:
    """What counts as a passage; the defaults are documented in docs/reconcile.md."""

    shingle_words: int = 5  # words per shingle
    sketch_size: int = 256  # bottom-k sketch: exact up to this many shingles, an estimate above
    max_words: int = 20_000  # a page's first words only: a copy shows long before that
    min_words: int = 6  # shorter sentences (headings, table cells) are never quoted
    max_quotes: int = 12  # sentences naming an entity kept as text, per page
    max_quote_chars: int = 300


@dataclass(frozen=True)
class PagePassages:
    """One page's shingle sketch (the smallest distinct hashes, sorted), how many distinct
    shingles it has, and its quotable sentences (hash, text)."""

    source: str
    sketch: np.ndarray  # uint64, sorted, distinct, at most sketch_size
    shingles: int
    quotes: tuple[tuple[int, str], ...]


def plain_text(text: str) -> str:
    """The page's text without markup (scripts, styles and tags dropped, entities decoded)."""
    if "<" in text and ">" in text:
        text = _TAG.sub("\n", _SCRIPT.sub("\n", text))
    return html.unescape(text)


def sentences(text: str) -> list[str]:
    """The page's sentences and lines, spaces collapsed, in page order."""
    out = []
    for part in _SPLIT.split(plain_text(text)):
        part = _SPACE.sub(" ", part).strip(" |*-#>\t")
        if part:
            out.append(part)
    return out


def passage_key(sentence: str) -> str:
    """The comparable form of a sentence: its words, lower case, without punctuation or the
    signs a lossy copy replaces ("Kafka®" and "Kafka?" are one word)."""
    return " ".join(_WORD.findall(sentence.lower()))


def passage_hash(key: str) -> int:
    """A stable 64-bit hash (the same in every process, unlike hash())."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


def page_passages(
    source: str,
    text: str,
    entities: Iterable[str] = (),
    config: PassageConfig | None = None,
) -> PagePassages:
    """The sketch of one page's word shingles and the text of its sentences (of at least
    `min_words` words) that name one of `entities` (the page's claim entities)."""
    config = config or PassageConfig()
    names = [n.lower() for n in {str(e).strip() for e in entities} if len(n) >= 2]
    words: list[str] = []
    quotes: dict[int, str] = {}
    for sentence in sentences(text):
        key = passage_key(sentence)
        if not key:
            continue
        said = key.split(" ")
        if len(words) < config.max_words:
            words += said[: config.max_words - len(words)]
        if len(said) < config.min_words or len(quotes) >= config.max_quotes:
            continue
        lowered = sentence.lower()
        if any(n in lowered for n in names):
            quotes.setdefault(passage_hash(key), sentence[: config.max_quote_chars])
    k = config.shingle_words
    runs = range(max(1, len(words) - k + 1)) if words else range(0)
    grams = {" ".join(words[i : i + k]) for i in runs}
    hashes = np.fromiter((passage_hash(g) for g in grams), dtype=np.uint64, count=len(grams))
    hashes.sort()
    return PagePassages(source, hashes[: config.sketch_size], len(grams), tuple(quotes.items()))


def shared_shingles(
    sketch_a: np.ndarray, n_a: int, sketch_b: np.ndarray, n_b: int, sketch_size: int
) -> float:
    """Estimated shingles two pages share, from their bottom-k sketches (Broder 1997): exact
    while both pages fit their sketches, else the Jaccard of the union's k smallest times
    the pages' sizes."""
    if n_a == 0 or n_b == 0:
        return 0.0
    union = np.union1d(sketch_a, sketch_b)[:sketch_size]
    both = np.intersect1d(sketch_a, sketch_b, assume_unique=True)
    jaccard = float(np.isin(union, both, assume_unique=True).sum()) / len(union)
    return jaccard * (n_a + n_b) / (1.0 + jaccard)
