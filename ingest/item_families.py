"""Names that head sibling items or headings of one family: "Cherry MX Brown: ...", "Cherry
MX Blue: ..."; "- IEEE 802.11a: ...", "- IEEE 802.11b: ..."; "802.11b (1999) — ...",
"802.11a (1999) — ...".

Why: a page on products no gazetteer lists often names them only as the labels of its bullets
or section headings, each followed by a description holding the figures. One such label alone
may be a property ("Max Speed: 11 Mbps"); two or more labels that share a stem (the words
before the last, or a code's digits) and differ only in a short tail are the members of a
product family, and they own the figures written after them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from crosscheck.ingest.generic_nouns import is_generic_noun
from crosscheck.ingest.page_product_words import _stops
from crosscheck.ingest.table_headers import is_metric_like

# a bullet mark, an optional bold mark, one to four words, an optional "(1999)", then ":" or a
# spaced dash and some text
_LEAD = re.compile(
    r"^\s*(?:[-*•·]\s+)?(?:\*\*|__)?(?P<name>[A-Za-z0-9][\w.+/-]*(?: [A-Za-z0-9][\w.+/-]*){0,3})"
    r"(?:\*\*|__)?(?: \([^()\s]{1,12}\))?(?::| [-–—])\s+(?P<rest>\S.*)"
)
# a code's stem and its tail: "802.11" + "ac", "X1" + "E"
_CODE = re.compile(r"^(?P<stem>\d[\d.]*\d)(?P<tail>[a-z]{1,3})$")
_MIN_MEMBERS = 2
# "Actuation Force: 60cN", "Max Speed: Up to 600 Mbps": a figure in the first words after the
# lead makes it a property's label; a member is described ("Operates in the 5 GHz band ...")
_FIGURE_FIRST = re.compile(r"^(?:\S+\s+){0,2}\S*\d")


def _stem(name: str) -> str | None:
    """The family part of a lead: its words but the last ("Cherry MX" of "Cherry MX Brown"), or
    the digits of a one-word code ("802.11" of "802.11ac"); None when the lead cannot be a
    family member (a bare number or letter tail: "Step 2", "Option A" enumerate, not name)."""
    words = name.split(" ")
    if len(words) == 1:
        code = _CODE.match(name)
        return code.group("stem") if code else None
    tail = words[-1]
    if tail.isdigit() or len(tail) < 2:
        return None
    return " ".join(words[:-1])


def _name_shaped(name: str) -> bool:
    """Every word capitalised or with a digit, and none a listed common, section, metric or
    unit word ("Max Speed", "Battery Life", "Step Two" are labels)."""
    never = _stops()[0]
    for word in name.split(" "):
        if not (word[:1].isupper() or any(ch.isdigit() for ch in word)):
            return False
        if word.lower() in never:
            return False
    return not is_metric_like(name) and not is_generic_noun(name)


def item_families(texts: list[str], named: Callable[[str], list[object]]) -> list[str]:
    """The leads of a page's lines that form a family of two members or more (grouped by
    family, in page order). `named`: the names a text mentions; a lead holding a name the page
    already knows ("NVIDIA H100: ...") needs no new one (the known name owns the item already).
    The word lists are asked only of leads that have a sibling: most pages have none."""
    by_stem: dict[str, list[str]] = {}
    for text in texts:
        head = text[:60]
        if ":" not in head and " –" not in head and " —" not in head and " -" not in head:
            continue
        match = _LEAD.match(text)
        if match is None or _FIGURE_FIRST.match(match.group("rest")):
            continue
        name = match.group("name")
        stem = _stem(name)
        if stem is not None:
            members = by_stem.setdefault(stem, [])
            if name not in members:
                members.append(name)
    found: list[str] = []
    for members in by_stem.values():
        if len(members) < _MIN_MEMBERS:
            continue
        kept = [n for n in members if _name_shaped(n) and not named(n)]
        if len(kept) >= _MIN_MEMBERS:
            found += kept
    return found
