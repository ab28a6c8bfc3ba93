"""The category a page speaks of as a whole, for a page that names no entity at all.

Why: market reports and consumer overviews ("la autonomía media de los coches eléctricos es de
350 km", "the average running watch lasts 14 days") give figures of a category, not of a named
product; with no name on the page every figure was quarantined. The two-word phrase of long
words the page repeats most (at least three times, alone at the top, one word in the plural) is
that category, and owns the figures no name claims.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["category_subject"]

# two lower-case words of five letters or more, any script with case ("coches eléctricos"),
# read overlapping ("diferentes coches eléctricos" holds two pairs)
_PAIR = re.compile(r"(?<![\w-])(?=([^\W\d_]{5,}) ([^\W\d_]{5,})(?![\w-]))")
_AT_LEAST = 3
# a category of products is named in the plural ("coches eléctricos", "running watches"); a
# repeated singular phrase is a feature the page discusses ("electronic shutter", "battery life")
_PLURAL = re.compile(r"[sx](?: |$)")


def category_subject(texts: list[str]) -> str | None:
    """The phrase the page repeats most as its subject, or None when none stands out."""
    counts: Counter[str] = Counter()
    for text in texts:
        for match in _PAIR.finditer(text):
            first, second = match.group(1), match.group(2)
            if first.islower() and second.islower() and _PLURAL.search(first + " " + second):
                counts[f"{first} {second}"] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < _AT_LEAST:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None  # two phrases as frequent: no single subject
    return ranked[0][0]
