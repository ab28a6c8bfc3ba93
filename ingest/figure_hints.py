"""Units a prose figure takes from the words around it, where its own text names none or a
misleading one: "22.05 CPU s" (seconds after the word naming which time), "788 B" beside
"228 196 KB" (a byte, never a billion), "heavier (213g)" (grams).

Why: the figure pattern stops at the first word that is no unit, and a lone "B" reads as a
billion; the sentence around the figure says which unit the page meant.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from crosscheck.ingest.labels import unit_of
from crosscheck.ingest.lexicon import Lexicon, alternation, word_list
from crosscheck.ingest.spans import PROSE_FIGURE, FigureSpan

__all__ = ["context_hint", "figure_before_caps", "owner_with", "sizes_in_bytes"]

# normalize's hint for a weight (normalize/label_units.py MASS_HINT): a bare "g" is a gram
WEIGHT_HINT = "weight"
# and for a force (FORCE_HINT there): a bare "g" is a gram-force ("60g of force to actuate")
FORCE_HINT = "force"
_BYTE_SIZE = re.compile(r"\d\s?(?:[KMGTP]i?B|kB|bytes)$")
_HYPHEN_NOUN = re.compile(r"-[A-Za-z]")  # "12-bit", "8-core", "6-inch"
_INCH_RAW = re.compile(r"\d\s?(?:″|”|\"|''|-inch|inch(?:es)?)$")
# a product's memory after its size: data/prose.toml memory_nouns, or a DDR kind ("LPDDR5")
_MEMORY_AFTER = re.compile(
    rf"^\s*(?:LPDDR\w*|GDDR\w*|{alternation(word_list('memory_nouns'))})", re.IGNORECASE
)
_WITH_BEFORE = re.compile(
    rf"(?:^|\s)(?:{alternation(word_list('possession_words'))})\s", re.IGNORECASE
)
_SPACED_B = re.compile(r"\d\sB$")  # "788 B"; a glued "56B" may be a model's size
# the unit after a slash pair's second figure that the first shares: in capitals or per second
# ("100/100Mbps", "560/510 MB/s"); "3/5 stars", "24/7" keep their bare first figure
_SLASH_UNIT = re.compile(r"[A-Z]|\S+/s(?:ec)?$")


def sizes_in_bytes(spans: Iterable[FigureSpan]) -> bool:
    """Whether a sentence gives some figure in kilo-, mega- or gigabytes ("228 196 KB")."""
    return any(_BYTE_SIZE.search(span.text) for span in spans)


def context_hint(
    text: str, span: FigureSpan, unit: str, hint: str | None, in_bytes: bool, lex: Lexicon
) -> str | None:
    """The figure's unit hint after the words around it: `hint` (borrowed from the figure
    before) unless the words after `span` or its sibling figures say otherwise.

    `unit` is what the figure's own text names after its number; `in_bytes` says the
    sentence gives sizes in bytes (:func:`sizes_in_bytes`)."""
    if hint and not unit and _HYPHEN_NOUN.match(text, span.end):
        return None  # "40 fps ... to 12-bit": a noun joined by a hyphen is its own unit
    if not unit and text.startswith("/", span.end):
        second = PROSE_FIGURE.match(text, span.end + 1)
        second_unit = unit_of(second.group("fig")) if second is not None else ""
        if _SLASH_UNIT.match(second_unit):
            return second_unit  # "100/100Mbps", "7,450/6,900 MB/s": the second's unit is both's
    if not unit:
        measure = lex.measure_unit_after.match(text[span.end : span.end + 40])
        if measure is not None:
            return measure.group("unit")  # "22.05 CPU s": which time, then its unit
    if in_bytes and unit == "B" and _SPACED_B.search(span.text):
        return "bytes"  # "1 297 B" beside "5 308 KB": a byte
    if unit == "g" and _force_word().search(text):
        return FORCE_HINT  # "60g of force to actuate": a switch's force, grams-force
    if unit == "g" and lex.weight_word.search(text):
        return WEIGHT_HINT  # "heavier (213g)": grams
    return hint


@functools.cache
def _force_word() -> re.Pattern[str]:
    """Any of prose.toml's force_words, as a word (read once)."""
    return re.compile(rf"\b(?:{alternation(word_list('force_words'))})\b", re.IGNORECASE)


def owner_with(before: str, entity_ends: set[int], window_start: int, start: int) -> bool:
    """Whether a figure follows "with" (or "has", "provides": data/prose.toml possession_words)
    after a product named in its sentence ("A: ... with 12GB RAM", "A has 520 KB RAM and 448 KB
    ROM"): the product's own part, no test bed's or variant's (`before` starts at
    `window_start`; `entity_ends` are where the sentence's name mentions end)."""
    ends = [end for end in entity_ends if window_start <= end < start]
    return bool(ends) and _WITH_BEFORE.search(before, max(0, min(ends) - window_start)) is not None


def figure_before_caps(raw: str, after: str, owned: bool, lex: Lexicon) -> bool:
    """Whether a figure followed by a word in capitals is still a figure: a time after the
    word naming which ("22.05 CPU s"), a screen size before its panel ('6.7" OLED'), a count
    of parts or a size of a kind ("16,384 CUDA cores"), or a product's memory (`owned`, "with
    12GB RAM")."""
    return bool(
        lex.measure_unit_after.match(after)
        or lex.parts_after.match(after)
        or _INCH_RAW.search(raw)
        or (owned and _MEMORY_AFTER.match(after))
    )
