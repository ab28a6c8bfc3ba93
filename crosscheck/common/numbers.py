"""One reader of a number as pages write it ("1,234.5", "0.20", "850 thousand", "1.2M").

Normalize's quantity parser and the checks that read evidence sentences share it, so a figure
and the sentence it came from are read alike (checks may not import normalize).
"""

from __future__ import annotations

import re

# Digits with comma thousands groups ("21,338", "1,234.5") or without ("0.20", "1000").
GROUPED = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?"
PLAIN = r"[0-9]+(?:\.[0-9]+)?"
NUMBER = rf"{GROUPED}|{PLAIN}"
NUMBER_RE = re.compile(NUMBER)

# Scale letters are case-sensitive ("m" and "b" are minutes, metres and bits, not scales).
SCALE_LETTERS: dict[str, float] = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9}
# English scale words, compared lower-cased with single spaces.
SCALE_WORDS: dict[str, float] = {
    "thousand": 1e3,
    "thousands": 1e3,
    "in thousands": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "in millions": 1e6,
    "mn": 1e6,
    "mio": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "in billions": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "trillions": 1e12,
}


def number_value(written: str) -> float:
    """The value of a number matched by NUMBER ("21,338" → 21338.0)."""
    return float(written.replace(",", "")) if "," in written else float(written)


def scale_value(word: str) -> float | None:
    """What an English scale word or letter multiplies by ("thousands" → 1e3, "M" → 1e6)."""
    cleaned = word.strip().strip("()").strip()
    if cleaned in SCALE_LETTERS:
        return SCALE_LETTERS[cleaned]
    return SCALE_WORDS.get(" ".join(cleaned.lower().split()))
