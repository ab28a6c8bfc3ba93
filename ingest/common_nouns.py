"""Capitalised common nouns a page repeats, told from products' names by how the page uses them.

Why: a German page capitalises every noun, so 'Jahr', 'Kunden', 'Festplatten' or 'Sport'
repeat like names and took a page's figures when no list knew its products. A reader knows
a common noun from a name: the page inflects it ('Kunde' ... 'Kunden'), writes it as a
compound's tail ('SATA-Festplatten', 'Dauerschreiben', 'low-resolution') or after an article
or an inflected adjective ('im ersten Jahr'); a brand keeps its form and stands beside its
models' words. The languages and their words are data (page_products.toml, noun_languages).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from crosscheck.ingest.page_product_words import DATA_FILE

from crosscheck.common import toml_cache

__all__ = ["NounLanguage", "common_noun", "page_language"]

_WORD = re.compile(r"[^\W\d_]+")
# a use followed by a capitalised word or a number stands in a longer name ('die Miele W 5861')
_NAME_GOES_ON = re.compile(r"^[ \t]+(?:[A-Z0-9]|\x00)")
_ADDRESS = re.compile(r"/|www\.|\.[a-z]{2,4}\b|_")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_MIN_USES = 2  # one article before a word is chance; twice, and most of its uses, a habit

Use = tuple[str, int, int, bool]


@dataclass(frozen=True)
class NounLanguage:
    """One language's words for telling a page's language and its common nouns (lower case)."""

    code: str
    markers: frozenset[str]
    articles: frozenset[str]
    determiners: frozenset[str]
    noun_endings: tuple[str, ...]
    adjective_endings: tuple[str, ...]
    capitalises_nouns: bool


@lru_cache(maxsize=1)
def _languages() -> tuple[tuple[NounLanguage, ...], int]:
    doc = toml_cache.loads(DATA_FILE.read_text(encoding="utf-8"))

    def low(values: object) -> list[str]:
        return [str(v).lower() for v in values] if isinstance(values, list) else []

    langs = tuple(
        NounLanguage(
            code,
            frozenset(low(spec.get("markers"))),
            frozenset(low(spec.get("articles"))),
            frozenset(low(spec.get("determiners"))),
            tuple(sorted(low(spec.get("noun_endings")), key=len, reverse=True)),
            tuple(low(spec.get("adjective_endings"))),
            bool(spec.get("capitalises_nouns", False)),
        )
        for code, spec in doc.get("noun_languages", {}).items()
    )
    return langs, int(doc.get("noun_language_detection", {}).get("min_markers", 8))


def page_language(texts: Sequence[str]) -> NounLanguage | None:
    """The listed language whose function words the page uses most (at least `min_markers`
    of them); None when no listed language shows."""
    langs, least = _languages()
    counts = {lang.code: 0 for lang in langs}
    for text in texts:
        for word in _WORD.findall(text.lower()):
            for lang in langs:
                counts[lang.code] += word in lang.markers
    best = max(langs, key=lambda lang: counts[lang.code], default=None)
    return best if best is not None and counts[best.code] >= least else None


def _inflected(word: str, lang: NounLanguage, joined: str) -> bool:
    """'Kunde' beside 'Kunden', 'Jahr' beside 'Jahre': the page writes the word with another
    of its language's noun endings (a name keeps its form)."""
    stems = {word}
    for ending in lang.noun_endings:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stems.add(word[: -len(ending)])
    forms = {stem + ending for stem in stems for ending in ("", *lang.noun_endings)} - {word}
    forms = {f for f in forms if len(f) >= 4}
    return any(re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", joined) for f in forms)


def _in_words(pattern: str, joined: str) -> bool:
    """Whether the pattern matches inside a word of prose, not of an address or a file name
    ('.../how-we-test-ssds-pcworld' writes no compound)."""
    for match in re.finditer(pattern, joined):
        start = joined.rfind(" ", 0, match.start()) + 1
        end = joined.find(" ", match.end())
        token = joined[start : end if end >= 0 else len(joined)]
        if not _ADDRESS.search(token):
            return True
    return False


def _compound_tail(word: str, joined: str, glued: bool) -> bool:
    """'low-resolution', 'SATA-Festplatten', 'Dauerschreiben': the word ends a longer word,
    the way a common noun ends a compound. A capitalised tail counts after an acronym or a
    number only ('Mercedes-Benz' is a name), a glued tail only where nouns glue (`glued`)."""
    low = re.escape(word.lower())
    if _in_words(rf"\b[a-z]{{2,}}-{low}(?![\w-])", joined):
        return True
    if glued and _in_words(rf"\b[A-Z0-9]{{2,}}-{re.escape(word)}(?![\w-])", joined):
        return True
    return glued and _in_words(rf"\b[A-ZÄÖÜ]?[a-zäöüß]{{3,}}{low}(?![\w-])", joined)


def _after_article(use: Use, lang: NounLanguage) -> bool:
    """'im Jahr', 'das volle Jahr', 'beim Schreiben': an article, or an article and an
    inflected adjective, right before the use; none of a longer name's words after it."""
    text, start, end, _ = use
    if _NAME_GOES_ON.match(text[end : end + 3]):
        return False
    before = text[max(0, start - 40) : start].split()
    if not before:
        return False
    last = before[-1].lower()
    if last in lang.determiners or _NUMBER.match(last):
        return True  # 'im Jahr', 'beim Schreiben', '16 Waschmaschinen'
    adjective = last.isalpha() and last.islower() and last.endswith(lang.adjective_endings)
    if not adjective or len(before) < 2:
        return False
    return before[-2].lower() in lang.determiners or before[-2].lower() in lang.articles


def common_noun(word: str, uses: Sequence[Use], joined: str, lang: NounLanguage | None) -> bool:
    """Whether a one-word candidate is a common noun of the page's language (see the module's
    docstring); the lower-case compound tail counts in any language."""
    if len(word) < 4 or not word.isalpha():
        return False
    if _compound_tail(word, joined, lang is not None and lang.capitalises_nouns):
        return True
    if lang is None or not lang.capitalises_nouns:
        return False
    if _inflected(word, lang, joined):
        return True
    articled = sum(1 for use in uses if _after_article(use, lang))
    return articled >= _MIN_USES and articled * 2 >= len(uses)
