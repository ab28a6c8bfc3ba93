"""Numbers that belong to a name: a product's generation or model ("PlayStation 5 consoles",
"Intel HD 630", "Xiaomi 12 Pro", "in Dying Light 2 the") and a variant's capacity after its
model's name ("Samsung 990 Pro 2TB", "Toshiba BG4 (1TB)").

Why: split from ingest.nonfigures / ingest.nonfigure_shapes (each under its size budget); such a
number read as a figure gives a product a count or a size it never had. The words (class nouns,
function words, capacities a model is sold in) are data in ingest/data/nonfigures.toml.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosscheck.common import toml_cache
from crosscheck.common.gazetteer import load_model_tiers

__all__ = ["capacity_of_name", "closes_name", "in_product_name", "name_number"]

DATA_FILE = Path(__file__).resolve().parent / "data" / "nonfigures.toml"


@dataclass(frozen=True)
class _Names:
    name_after: re.Pattern[str]  # what may follow "<Name> <n>": an end, a function word
    name_word_after: re.Pattern[str]  # a function word or a class noun only
    metric_words: frozenset[str]  # "Score 95": a measure's word, then its value
    determiners: frozenset[str]  # "the NC 700", "los NC 700"
    variant_gb: frozenset[float]  # the capacities a model is sold in ("2TB", "512GB")
    capacity_gap: re.Pattern[str]  # between a model's name and its capacity
    size_noun_after: re.Pattern[str]  # "2TB of storage": the product's own size


@dataclass(frozen=True)
class WordData:
    """ingest/data/nonfigures.toml, read once for this module and ingest.nonfigure_shapes, with
    the way its word lists become patterns (longest word first, case-insensitive)."""

    doc: dict[str, Any]

    def alt(self, key: str) -> str:
        words = sorted((str(w) for w in self.doc[key]), key=len, reverse=True)
        return "|".join(re.escape(w) for w in words)

    @staticmethod
    def rx(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern, re.IGNORECASE)


@functools.cache
def word_data() -> WordData:
    """The not-figure word lists (one read per process)."""
    return WordData(toml_cache.loads(DATA_FILE.read_text(encoding="utf-8")))


@functools.cache
def _names() -> _Names:
    data = word_data()
    doc, alt, rx = data.doc, data.alt, data.rx

    words = rf"(?:{alt('name_end_words')}|{alt('name_class_nouns')})\b"
    return _Names(
        name_after=rx(rf"^(?:\s*$|\s*[,;:)!?(]|\.(?!\d)|\s+{words})"),
        name_word_after=rx(rf"^\s+{words}"),
        metric_words=frozenset(str(w).lower() for w in doc["metric_words"]),
        determiners=frozenset(str(w).lower() for w in doc["determiners"]),
        variant_gb=frozenset(float(v) for v in doc["variant_capacities_gb"]),
        capacity_gap=rx(rf"^[ \u00a0-]*(?:(?:{alt('product_class_words')})[ \u00a0]+)?\(?$"),
        size_noun_after=rx(rf"^\s+(?:{alt('size_nouns_after')})\b"),
    )


_BARE_INT = re.compile(r"^\d{1,4}$")
_CAPACITY = re.compile(r"^\d+(?:[.,]\d+)?\s?(?:[KMGTP]i?B|[KMGT]Bytes?|[GT]o)$")  # "2 To"
_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(\"'“‘]))([A-Za-z][\w.+-]*) $")
_TWO_WORDS_BEFORE = re.compile(r"(?:^|(?<=\s))([A-Za-z][\w.+-]*) ([A-Z]{2,5}) $")
_CAMEL = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]")
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")
_DIGIT_WORD_BEFORE = re.compile(r"\d[\w.+-]*\s$")
_CLAUSE_END = re.compile(r"\s*[.;!?](?:\s|$)")


def capacity_of_name(raw: str, before: str, after: str, entity_ends: set[int], offset: int) -> bool:
    """A capacity right after a model's name ("990 PRO 2 TB is", "Toshiba BG4 (1TB)"): the
    variant's name, unless a noun makes it the product's own size ("2TB of storage")."""
    shapes = _names()
    if _CAPACITY.match(raw) is None or _gigabytes(raw) not in shapes.variant_gb:
        return False  # "Memory: Caddy 41 MB": a measured size, no capacity a model is sold in
    size = len(before)
    for end in entity_ends:
        gap_at = end - offset
        if 0 <= gap_at <= size and size - gap_at <= 12:
            gap = before[gap_at:]
            if shapes.capacity_gap.match(gap) is None:
                continue
            if gap.endswith("("):
                return after[:1] == ")"
            if _CLAUSE_END.match(after):
                return False  # "..., le Galaxy S23 Ultra 8 Go.": the size said of it, elided verb
            return shapes.size_noun_after.match(after) is None
    return False


def _gigabytes(raw: str) -> float:
    """The capacity `raw` ("2 TB", "512GB", "4 TByte") in decimal GB (0.0 for other units)."""
    number = float(re.sub(r"[^\d.,]", "", raw).replace(",", "."))
    unit = re.sub(r"[\d.,\s]", "", raw)[:1].upper()
    return {"G": number, "T": number * 1000}.get(unit, 0.0)


def name_number(raw: str, before: str, after: str, entity_ends: set[int], offset: int) -> bool:
    """A small number after a name-like word and before no unit ("PlayStation 5 consoles",
    "Thunderbolt 4 ports", "PCMark 10", "Intel HD 630"): the name's generation or model. A
    word the page knows as a name is left to the version rules ("Node 20", "Redis 7")."""
    if _BARE_INT.match(raw) is None:
        return False
    shapes = _names()
    word = _WORD_BEFORE.search(before)
    if word is None or shapes.name_after.match(after) is None:
        return False
    if offset + word.end(1) in entity_ends or word.group(1).lower() in shapes.metric_words:
        return False
    name = word.group(1)
    if _DIGIT_WORD_BEFORE.search(before, 0, word.start(1)):
        return False  # "RX 7900 XT 23": a value after a model's whole name
    if len(raw) > 2:  # "Intel HD 630", "the NC 700": an acronym after a brand or an article
        pair = _TWO_WORDS_BEFORE.search(before)
        return pair is not None and (
            pair.group(1)[:1].isupper() or pair.group(1).lower() in shapes.determiners
        )
    if _CAMEL.search(name) or _ACRONYM.match(name):
        return True
    lead = before[: word.start(1)].rstrip(" ")
    if not name[:1].isupper() or not lead or lead.endswith(("\n", ".", ":")):
        return False
    # a plain capitalised word in mid-sentence: "using the Thunderbolt 4 ports", but not a
    # label line's "Open Issues 12" (a capitalised word before it, nothing after)
    return not lead.rsplit(None, 1)[-1][:1].isupper() or bool(shapes.name_word_after.match(after))


_NAME_NUMBER = re.compile(r"^\d{1,5}[A-Za-z]?$")
_NAME_BEFORE = re.compile(r"(?:^|[\s(\[])[A-Z][\w-]*\s$")  # "(RTX 6000 Pro, …)" too
_ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?:the|a|an|der|die|das|le|la|el)\s$", re.IGNORECASE)
_TIER_AFTER = re.compile(r"^\s([A-Z][A-Za-z]*)\b")


def in_product_name(raw: str, before: str, after: str) -> bool:
    """A number between a capitalised word and a model tier word written capitalised
    ("Xiaomi 12 Pro", "Nubia Red Magic 8 Pro"): part of a product's name (the tiers are
    the entities file's `model_tiers`)."""
    if not _NAME_NUMBER.match(raw):
        return False
    if not _NAME_BEFORE.search(before) and not (len(raw) >= 3 and _ARTICLE_BEFORE.search(before)):
        return False  # "the 970 Evo Plus": a model number after an article
    word = _TIER_AFTER.match(after)
    return word is not None and word.group(1).lower() in load_model_tiers()


# "in Dying Light 2 the", "benchmarks: Forza Horizon 5, Control", "the Galaxy Z Fold 6.": a
# small number closing a name of two capitalised words or more in mid-sentence, followed by
# punctuation or a function word (no unit, no noun it counts), is the name's generation
_OPENERS = frozenset(("in", "on", "at", "the", "with", "for", "and", "from"))
_TITLE_CASE_BEFORE = re.compile(r"(?:^|\s)([A-Z][\w'’-]*(?: [A-Z][\w'’-]*)+) $")
_NAME_END_AFTER = re.compile(
    r"(?:\s*$|[,.;:)!?]|\s+(?:the|a|an|and|or|is|was|at|in|on|with|for|to|has|had)\b)"
)


def closes_name(raw: str, before: str, after: str) -> bool:
    """A small number closing a title-case name in mid-sentence ("in Dying Light 2 the")."""
    if not (raw.isdigit() and len(raw) <= 2) or not _NAME_END_AFTER.match(after):
        return False
    name = _TITLE_CASE_BEFORE.search(before)
    if name is None:
        return False
    lead = before[: name.start(1)].rstrip(" ")
    words = name.group(1).split(" ")
    if words[0].lower() in _OPENERS and len(words) > 2:  # "In Dying Light 2 the ..."
        return True
    if lead and not lead.endswith("\n"):
        return True  # mid-sentence
    return after[:1].isspace() and after.strip()[:1].islower()  # "Dying Light 2 at 1440p"
