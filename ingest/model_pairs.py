"""Two models of one family named as a pair, and the values a sentence gives them in order.

Why: "the Forerunner 945 and 245 arrived in 2019" names two watches, the second by its number
alone; "the 265 and 965 cost $450 and $600, respectively" gives each its own price. Read as
prose, "245" is a figure and both values go to the first name. A number joined by "and"/"&"/
"or" to a name ending in a model number of as many digits is that family's model; a sentence
with a "respectively" word gives its values to its names in order, and a pair's one value
(the year both arrived) belongs to both.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from crosscheck.ingest.entities import Mention
from crosscheck.ingest.page_products import model_word_after
from crosscheck.ingest.table_headers import vocabulary

from crosscheck.common import toml_cache

__all__ = [
    "family_spelling",
    "model_families",
    "respective_owners",
    "shared_owners",
    "sibling_mentions",
]

DATA_FILE = Path(__file__).resolve().parent / "data" / "prose.toml"
_MODEL_END = re.compile(r"(?<= )(\d{2,4})([A-Za-z]?)$")
_JOINED = re.compile(r"\s*(?:,|&|\band\b|\bor\b|\bund\b|\by\b|\bet\b)\s*(?:the\s+)?", re.IGNORECASE)
# between two values: the second's currency sign is outside its span ("499.99 and €649.99")
_VALUES_JOINED = re.compile(r"[^\S\n]*(?:&|\band\b|\bund\b|\by\b|\bet\b)\s*[$€£]?", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"(\d{2,4})([A-Za-z]?)(?![\w%×/-]|[.,]\d)")
_NEXT_WORD = re.compile(r"\s?([^\W\d_]+)")


@lru_cache(maxsize=1)
def _respectively() -> tuple[str, ...]:
    doc = toml_cache.loads(DATA_FILE.read_text(encoding="utf-8"))
    return tuple(str(w).lower() for w in doc.get("respectively_words", []))


_THE_NUMBER = re.compile(r"\b[Tt]he\s+(\d{3,4})(?![\w%×/-]|[.,]\d)")
_FAMILY_OF = re.compile(r"^(.+ )(\d{3,4})[A-Za-z]?$")


def model_families(names: list[str]) -> dict[int, str]:
    """Digit count → the one family the page writes models with ("Forerunner 265", "Garmin
    Forerunner 965": 'Forerunner '), where a single family (its shortest spelling) has them."""
    found: dict[int, set[str]] = {}
    for name in names:
        match = _FAMILY_OF.match(name) if name[-1:].isalnum() else None
        if match is not None:
            found.setdefault(len(match.group(2)), set()).add(match.group(1))
    out: dict[int, str] = {}
    for digits, families in found.items():
        shortest = min(families, key=len)
        if all(f.endswith(shortest) for f in families):
            out[digits] = shortest
    return out


def _family_mentions(text: str, mentions: list[Mention], families: dict[int, str]) -> list[Mention]:
    """ "between the 255 and 265": a bare number after "the", as many digits as the one family
    the page numbers its models with, then a verb, a link or a stop, is that family's model."""
    taken = {m.start for m in mentions}
    extra = []
    for match in _THE_NUMBER.finditer(text):
        family = families.get(len(match.group(1)))
        if family is None or match.start(1) in taken or not model_word_after(text, match.end()):
            continue
        extra.append(Mention(match.start(1), match.end(1), match.group(1), family + match.group(1)))
    if not extra:
        return mentions
    inside = [m for m in mentions if not any(e.start < m.end and m.start < e.end for e in extra)]
    return sorted([*inside, *extra], key=lambda m: m.start)


def sibling_mentions(
    text: str, mentions: list[Mention], families: dict[int, str] | None = None
) -> list[Mention]:
    """`mentions` with the numbers that name a mentioned model's siblings ("945 and 245") and,
    given the page's model families (model_families), its models named by number alone
    ("the 255")."""
    if _DIGIT.search(text) is None:
        return mentions
    if families and ("the " in text or "The " in text):
        mentions = _family_mentions(text, mentions, families)
    if not mentions:
        return mentions
    out: list[Mention] = []
    for mention in mentions:
        out.append(mention)
        name = mention.canonical
        end = _MODEL_END.search(name) if name[-1:].isdigit() or name[-2:-1].isdigit() else None
        if end is None:
            continue
        family = mention.canonical[: end.start()]
        at = mention.end
        while (joined := _JOINED.match(text, at)) is not None and joined.end() > at:
            number = _NUMBER.match(text, joined.end())
            if number is None or len(number.group(1)) != len(end.group(1)):
                break
            unit = _NEXT_WORD.match(text, number.end())
            if unit is not None and unit.group(1).lower() in vocabulary().units:
                break  # "the RTX 4090 and 450 W": a figure
            if any(m.start == number.start() for m in mentions):
                break  # the page names it already
            out.append(
                Mention(number.start(), number.end(), number.group(), family + number.group())
            )
            at = number.end()
    return out


def _distinct(names: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    seen: set[str] = set()
    kept = []
    for name in names:
        if name[2] not in seen:
            seen.add(name[2])
            kept.append(name)
    return kept


def respective_owners(
    text: str, values: list[tuple[int, int]], names: list[tuple[int, int, str]]
) -> dict[int, str]:
    """Value start → owner, for a sentence saying "respectively" (or two names joined, then two
    values joined): its N distinct names before its first value and its N values, in order;
    empty otherwise. `names`: (start, end, entity)."""
    before = _distinct([n for n in names if values and n[1] <= values[0][0]])
    if len(before) >= 2 and len(before) == len(values):
        lower = text.lower()
        if any(w in lower for w in _respectively()):
            return {v[0]: n[2] for v, n in zip(values, before, strict=True)}
    return _two_and_two(text, values, names)


def _two_and_two(
    text: str, values: list[tuple[int, int]], names: list[tuple[int, int, str]]
) -> dict[int, str]:
    """ "A and B … €499 and €649": a sentence's only two names, joined, then its first two
    values, joined the same way, go in order."""
    kept = _distinct(names)
    if len(kept) != 2 or len(values) < 2 or values[0][0] < kept[1][1]:
        return {}
    pair = _JOINED.fullmatch(text, kept[0][1], kept[1][0])
    both = _VALUES_JOINED.fullmatch(text, values[0][1], values[1][0])
    if pair is None or both is None or "," in pair.group():
        return {}
    return {values[0][0]: kept[0][2], values[1][0]: kept[1][2]}


def shared_owners(
    text: str, values: list[tuple[int, int]], names: list[tuple[int, int, str]]
) -> dict[int, list[str]]:
    """Value start → both owners, for a value right after a pair written as one, a model and
    its sibling by number ("the 945 and 245 arrived in 2019"): the only value between the pair
    and the next name (or the sentence's end)."""
    out: dict[int, list[str]] = {}
    for first, second in pairwise(names):
        (_, a_end, a), (b_start, b_end, b) = first, second
        if a == b or not text[b_start:b_end].isdigit():
            continue  # only a model and its sibling by number share one value
        joined = _JOINED.fullmatch(text, a_end, b_start)
        if joined is None or "," in joined.group():
            continue
        stop = next((n[0] for n in names if n[0] >= b_end), len(text))
        inside = [v for v in values if b_end <= v[0] < stop]
        if len(inside) == 1:
            out[inside[0][0]] = [a, b]
    return out


def family_spelling(claims: list[dict[str, Any]], page_names: list[str]) -> list[dict[str, Any]]:
    """Claims of one family's models under one spelling: where the page writes some models
    without the brand ("Forerunner 265") and others with it ("Garmin Forerunner 945"), the
    brand-less spelling names them all, as the page's own shortest form of the family."""
    longer: dict[str, str] = {}
    families = {m.group(1) for n in page_names if (m := _FAMILY_OF.match(n))}
    for family in families:
        shorter = [f for f in families if f != family and family.endswith(" " + f)]
        if shorter:
            longer[family] = min(shorter, key=len)
    if not longer:
        return claims
    out = []
    for claim in claims:
        name = claim["entity_raw"]
        found = _FAMILY_OF.match(name) if isinstance(name, str) else None
        short = longer.get(found.group(1)) if found else None
        out.append(
            {**claim, "entity_raw": short + name[len(found.group(1)) :]}
            if found and short
            else claim
        )
    return out


def listed_owners(
    text: str, values: list[tuple[int, int]], names: list[tuple[int, int, str]]
) -> dict[int, list[str]]:
    """Value start → every listed owner, for a list of names each followed by its own figure in
    parentheses, then one last figure ("A (1.200 Euro), B (810 Euro) sowie C (715 Euro) mit
    der Note 1,6"): the last figure is the whole list's."""
    kept = _distinct(names)
    if len(kept) < 2 or len(values) != len(kept) + 1:
        return {}
    for (_, end, _), (start, stop) in zip(kept, values, strict=False):
        opened = text[end:start]
        if opened.strip() not in ("(", "($", "(€", "(£") or text[stop : stop + 8].find(")") < 0:
            return {}
    return {values[-1][0]: [n[2] for n in kept]}
