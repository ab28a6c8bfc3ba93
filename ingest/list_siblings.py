"""Unknown names that stand in a list beside known ones: the items of an enumeration ("A, B,
C, and D") and the leads of 'Name: ...' lines.

Why: a ranked list or a review's roll call names products no gazetteer lists ("Private
Internet Access", a three-word name); missed, the item's figures went to the previous item's
product and a sentence after the list naming one ("The worst was X, with ...") kept the last
one's. A list whose other items are known products makes its unknown items products too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from crosscheck.ingest.generic_nouns import is_generic_noun
from crosscheck.ingest.page_product_words import ordinary_word

__all__ = ["colon_siblings", "enumerated_siblings"]

# one to four capitalised words, a name's shape ("Private Internet Access", "VyprVPN")
_NAME = re.compile(r"^[A-Z][\w.+-]*(?: [A-Z][\w.+-]*){0,3}$")
# "1. Name: ...", "- Name: ...", "Name: ...": a line's lead before its colon
_COLON_LEAD = re.compile(r"^\s*(?:(?:\d{1,2}[.)]|[-*•])\s+)?(?P<name>[^:\n]{2,40}):\s+\S")
# "..., B, C, and D." / "... or D": the last item of an enumeration
_LAST = re.compile(r"^(?:and|or|und|et|y|e)\s+(?P<rest>.+)$")
_HEAD = re.compile(r"[A-Z][\w.+-]*(?: [A-Z][\w.+-]*){0,3}(?=\s|$)")
_ENUM_END = re.compile(r"[.;:!?)]")
_KNOWN_AT_LEAST = 2


def _names(items: list[str], known: Callable[[str], bool]) -> list[str]:
    """The unknown name-shaped items of a list, when at least two of its items are known and
    the known ones are at least a third of the list."""
    shaped = [i for i in items if _NAME.match(i)]
    hits = [i for i in shaped if known(i)]
    if len(hits) < _KNOWN_AT_LEAST or len(hits) * 3 < len(items):
        return []
    return [
        i
        for i in dict.fromkeys(shaped)
        if not known(i) and not is_generic_noun(i) and not any(map(ordinary_word, i.split()))
    ]  # "The Contenders:", "GPU Architecture Comparison:": a section's words, no name


def colon_siblings(texts: list[str], known: Callable[[str], bool]) -> list[str]:
    """Unknown leads of 'Name: ...' lines beside known leads of the same shape."""
    leads = [m.group("name").strip() for t in texts if (m := _COLON_LEAD.match(t))]
    return _names(leads, known) if len(leads) >= 3 else []


def enumerated_siblings(texts: list[str], known: Callable[[str], bool]) -> list[str]:
    """Unknown items of a comma enumeration of four or more ("A, B, C, and D") whose other
    items are known names."""
    out: list[str] = []
    for text in texts:
        if text.count(", ") < 3:
            continue
        for sentence in re.split(r"(?<=[.;!?])\s+", text):
            _, colon, tail = sentence.rpartition(": ")
            part = tail if colon else sentence
            cut = _ENUM_END.search(part)
            part = part[: cut.start()] if cut else part
            items = [i.strip() for i in part.split(", ")]
            if len(items) < 4:
                continue
            last = _LAST.match(items[-1])
            if last is None:
                continue
            # "and D on one line": the last item is the capitalised words it starts with
            head = _HEAD.match(last.group("rest"))
            items[-1] = head.group(0) if head else last.group("rest").strip()
            out += _names(items, known)
    return list(dict.fromkeys(out))
