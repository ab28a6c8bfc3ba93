"""A sentence about another product: a prose figure whose sentence opens with a name of its
own ("Tesla Powerwall 2 packs 13.5 kWh ...") and never names the entity the figure was given.

Why: a figure inherits its entity from the page around it when its sentence names none the
page knows; a sentence that opens with another product's name is about that product, so its
figure is no side of a same-page conflict with the entity's own figures (checks.scenarios
gives it a scenario of its own).
"""

from __future__ import annotations

import functools
import re

__all__ = ["other_subject"]

# the opening words: two or more capitalised words (digits and model codes may follow)
_OPENING = re.compile(r"^\s*((?:[A-Z][\w.+-]*\s+){1,4}[A-Z0-9][\w.+-]*)")
# capitalised words that open a sentence without naming anything
_PLAIN_WORDS = (
    "a an the this that these those it its their they we our my i in on at for with by from "
    "of to as if when while after before under over and but so or both each all some most "
    "here there overall however also then now yes no"
)
_PLAIN = frozenset(_PLAIN_WORDS.split())
_WORD = re.compile(r"[a-z0-9]+")


@functools.lru_cache(maxsize=8192)
def other_subject(sentence: str, entity: str) -> str:
    """The name a sentence opens with when it is not `entity` and the sentence names no word
    of `entity` (lower case, as a key), else ""."""
    found = _OPENING.match(sentence)
    if found is None:
        return ""
    words = found.group(1).split()
    if words[0].lower() in _PLAIN or sum(w[0].isupper() for w in words) < 2:
        return ""
    text = sentence.lower()
    own = [w for w in _WORD.findall(entity.lower()) if len(w) >= 3 or any(c.isdigit() for c in w)]
    if not own or any(re.search(rf"\b{re.escape(w)}\b", text) for w in own):
        return ""
    return " ".join(words).lower()
