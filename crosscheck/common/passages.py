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
# Written to open with one character class (the punctuation is looked for behind the first
# space) so the regex engine skips to each space at C speed: the same matches as
# `(?<=[.!?。！？])\s+(?=…)|\n+`, whose lookbehind was tried at every character (~3x slower).
_SPLIT = re.compile(r"\s(?:(?<=[.!?。！？]\s)\s*(?=[\"'“‘(\[*]?[A-Z0-9])|(?<=\n)\n*)")
_TAG = re.compile(r"<[^>]*>")
# Tags that end a line of text; other tags (b, a, span...) sit inside a sentence.
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|li|tr|td|th|h[1-6]|br|hr|section|article|header|footer|nav|aside|ul|ol"
    r"|table|thead|tbody|blockquote|pre|main|figure|figcaption|dt|dd|title)\b[^>]*>",
    re.IGNORECASE,
)
_CODE_OPEN = re.compile(r"<(script|style)\b")
_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")
_PRIME = np.uint64(0x100000001B3)
_MIX = np.uint64(0xBF58476D1CE4E5B9)


@dataclass(frozen=True)
class PassageConfig:
    """What counts as a passage; the defaults are documented in docs/reconcile.md."""

    shingle_words: int = 5  # words per shingle
    sketch_size: int = 256  # bottom-k sketch: exact up to this many shingles, an estimate above
    max_chars: int = 150_000  # a page's first characters only: a copy shows long before that
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


def _without_code(text: str) -> str:
    """`text` without its <script> and <style> elements: a scan for their closing tags (a lazy
    regex over a 150 KB page cost four times as much)."""
    lowered = text.lower()
    parts, at = [], 0
    for opening in _CODE_OPEN.finditer(lowered):
        if opening.start() < at:
            continue
        close = lowered.find(f"</{opening.group(1)}", opening.end())
        parts.append(text[at : opening.start()])
        at = len(text) if close < 0 else close + len(opening.group(1)) + 3
    parts.append(text[at:])
    return "\n".join(parts)


def plain_text(text: str) -> str:
    """The page's text without markup (scripts, styles and tags dropped, entities decoded)."""
    if "<" in text and ">" in text:
        text = _TAG.sub("", _BLOCK_TAG.sub("\n", _without_code(text)))
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


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (as `sentences` splits them) that holds text[start:end]."""
    left: int | None = None
    # matches come left to right, their ends rising: the last end at or before `start` is
    # the max, and the first end past it ends the scan
    for match in _SPLIT.finditer(text, max(0, start - 600), min(len(text), start + 2)):
        if match.end() > start:
            break
        left = match.end()
    if left is None:
        left = max(0, text.rfind("\n", 0, start) + 1)
    after = _SPLIT.search(text, end)
    return left, after.start() if after else len(text)


_WORD_HASHES: dict[str, int] = {}  # per process: words repeat across pages
_WORD_CACHE_SIZE = 200_000


def _word_hash(word: str) -> int:
    found = _WORD_HASHES.get(word)
    if found is None:
        if len(_WORD_HASHES) >= _WORD_CACHE_SIZE:
            _WORD_HASHES.clear()
        found = _WORD_HASHES[word] = passage_hash(word)
    return found


def _shingle_hashes(words: list[str], k: int) -> np.ndarray:
    """Distinct hashes of the word k-grams: each word's stable hash (cached), combined with
    numpy (multiply-add mod 2**64, then mixed)."""
    if not words:
        return np.empty(0, dtype=np.uint64)
    # cache hits looked up at C speed (no Python call a word); only the misses are hashed
    known = list(map(_WORD_HASHES.get, words))
    if None in known:
        known = [_word_hash(w) if h is None else h for w, h in zip(words, known, strict=True)]
    word_hash = np.fromiter(known, dtype=np.uint64, count=len(words))
    n = max(1, len(words) - k + 1)
    grams = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(min(k, len(words))):
            grams = grams * _PRIME + word_hash[offset : offset + n]
        grams ^= grams >> np.uint64(29)
        grams *= _MIX
        grams ^= grams >> np.uint64(32)
    # np.unique's result (sorted, distinct) by one sort: its hash table cost ~0.1 ms a page
    grams.sort()
    return grams[np.r_[True, grams[1:] != grams[:-1]]]


def name_hits(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Where `names` occur in `text`, as a regex alternation of them (longest first) finds
    them: left to right, the longest name at each place, never overlapping. Plain searches
    instead of that regex: a new page has a new set of names, and compiling their
    alternation cost more than the scan."""
    found = []
    for name in set(names):
        if not name:
            continue
        at = text.find(name)
        while at >= 0:
            found.append((at, -len(name)))
            at = text.find(name, at + 1)
    found.sort()
    hits, reached = [], 0
    for start, minus_length in found:
        if start >= reached:
            reached = start - minus_length
            hits.append((start, reached))
    return hits


def page_passages(
    source: str,
    text: str,
    entities: Iterable[str] = (),
    config: PassageConfig | None = None,
    *,
    markup: bool = True,
) -> PagePassages:
    """The sketch of one page's word shingles and the text of its sentences (of at least
    `min_words` words) that name one of `entities` (the page's claim entities). `markup=False`
    takes `text` as plain already (the parsed page's block text)."""
    config = config or PassageConfig()
    plain = (plain_text(text) if markup else text)[: config.max_chars]
    lowered = plain.lower()
    hashes = _shingle_hashes(_WORD.findall(lowered), config.shingle_words)
    names = [n.lower() for n in {str(e).strip() for e in entities} if len(n) >= 2]
    quotes: dict[int, str] = {}
    if names:
        end = 0
        for hit_start, hit_end in name_hits(lowered, names):
            if len(quotes) >= config.max_quotes or hit_start < end:
                continue
            start, end = _sentence_around(plain, hit_start, hit_end)
            sentence = _SPACE.sub(" ", plain[start:end]).strip(" |*-#>\t")
            key = passage_key(sentence)
            if key.count(" ") + 1 >= config.min_words:
                quotes.setdefault(passage_hash(key), sentence[: config.max_quote_chars])
    return PagePassages(source, hashes[: config.sketch_size], len(hashes), tuple(quotes.items()))


def shared_shingles(
    sketch_a: np.ndarray, n_a: int, sketch_b: np.ndarray, n_b: int, sketch_size: int
) -> float:
    """Estimated shingles two pages share, from their bottom-k sketches (Broder 1997): exact
    while both pages fit their sketches, else the Jaccard of the union's k smallest times
    the pages' sizes."""
    if n_a == 0 or n_b == 0:
        return 0.0
    # One sort of both sketches (each holds distinct hashes): a value both hold appears twice,
    # side by side. The union's k smallest are the first k distinct values; those held twice
    # are the shared ones among them (union1d, intersect1d and isin took three sorts).
    merged = np.concatenate((sketch_a, sketch_b))
    merged.sort()
    if len(merged) == 0:
        return 0.0
    twice = merged[1:] == merged[:-1]
    distinct = np.flatnonzero(np.r_[True, ~twice])[:sketch_size]
    shared = int(np.r_[twice, False][distinct].sum())
    jaccard = float(shared) / len(distinct)
    return jaccard * (n_a + n_b) / (1.0 + jaccard)
