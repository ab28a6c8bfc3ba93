"""The words ingest.page_products asks about a candidate name, and the shapes of a name.

Why: whether a capitalised word can name a product is read from data (page_products.toml's
stop lists, the vocabulary's metric words and units, the model tiers) and from its shape
(CamelCase, a domain, a model code); kept apart from the tally of a page's candidates.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from crosscheck.ingest.table_headers import vocabulary

from crosscheck.common import toml_cache
from crosscheck.common.gazetteer import load_model_tiers

DATA_FILE = Path(__file__).resolve().parent / "data" / "page_products.toml"

_CAMEL = re.compile(r"^(?:[A-Z][a-z0-9]+[A-Z]|[a-z]+[A-Z])")
_DOMAIN = re.compile(r"\.(?:com|io|app|dev|ai|org|net|co|so|sh|js)$", re.IGNORECASE)
_HAS_DIGIT = re.compile(r"[A-Za-z]\d|\d[A-Za-z]")

# "2", "12", "5X", "G4": a generation or a model code; "61B", "80B" are sizes (a scale letter)
_MODEL_CODE = re.compile(r"^(?:\d{1,2}|\d[A-Z]|[A-Z]\d{1,2})$")
_LONG_CODE = re.compile(r"^(?!(?:19|20)\d\d$)\d{3,4}[A-Z]?$")


@lru_cache(maxsize=1)
def _stops() -> tuple[
    frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]
]:
    """(words never a product, reporting verbs, honorifics, benchmark nouns, verbs after a
    model's name), lower case."""
    doc = toml_cache.loads(DATA_FILE.read_text(encoding="utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in doc.get(key, []))

    vocab = vocabulary()
    never = words("section_words") | words("common_words")
    never |= vocab.metric_words | vocab.units | vocab.sections | vocab.chrome
    return (
        never,
        words("reporting_verbs"),
        words("honorifics"),
        words("benchmark_nouns"),
        words("after_model_number"),
    )


@lru_cache(maxsize=1)
def _byline_markers() -> tuple[str, ...]:
    doc = toml_cache.loads(DATA_FILE.read_text(encoding="utf-8"))
    return tuple(str(w).lower() for w in doc.get("byline_markers", []))


def without_bylines(texts: list[str]) -> list[str]:
    """The texts less an author's byline: a short name line ("Benny", often twice) just above
    "Posted on ..." names the writer, who is no subject of the page however often named."""
    markers = _byline_markers()
    drop: set[int] = set()
    for i, text in enumerate(texts):
        if not text.lower().lstrip().startswith(markers):
            continue
        j = i - 1
        while j >= 0 and i - j <= 3 and len(texts[j].split()) <= 3 and len(texts[j]) <= 40:
            if any(ch.isdigit() for ch in texts[j]):
                break
            drop.add(j)
            j -= 1
    return [t for i, t in enumerate(texts) if i not in drop] if drop else texts


def _tier(word: str) -> bool:
    return word.lower() in load_model_tiers()


@lru_cache(maxsize=1)
def _refused_words() -> frozenset[str]:
    """The words never a product and the model tiers, lower case: one set `_refused` asks."""
    return _stops()[0] | load_model_tiers()


def _shaped(word: str) -> bool:
    """A name no dictionary word has the shape of: CamelCase, a domain, letters with digits."""
    return bool(_CAMEL.match(word) or _DOMAIN.search(word) or _HAS_DIGIT.search(word))


def _model_code(word: str) -> bool:
    """'2', '5X', 'G4': a number or code ending a model's name ('Nexus 5X', 'LG G4'), not an
    acronym of a concept however upper-case it is; '61B' is a size, as before. '265', '265S'
    too (a 3-4 digit number, no year): _Tally.names keeps such a name only where it recurs."""
    return _MODEL_CODE.match(word) is not None or _LONG_CODE.match(word) is not None


def ordinary_word(word: str) -> bool:
    """A word no product's name starts with: a section, unit, metric or common word."""
    return word.lower() in _refused_words()


def _refused(word: str) -> bool:
    if word.lower() in _refused_words() or len(word) < 2 or word.isdigit():
        return True
    return word.isupper() and len(word) <= 4  # "SEO", "HTML", "CPU": acronyms of concepts
