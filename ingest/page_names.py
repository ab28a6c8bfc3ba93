"""Names a page writes short or new: an abbreviation of a subject ("DF" for Dragonfly) and a
new member of a known product family ("Galaxy S26 Ultra").

Why: the gazetteer cannot list every product a page will speak of, and pages shorten their
subjects' names; both rules read the page's own words, domain data from the gazetteer.
"""

from __future__ import annotations

import re

from crosscheck.ingest.entities import EntityFinder
from crosscheck.ingest.lexicon import trie_pattern
from crosscheck.ingest.list_siblings import colon_siblings, enumerated_siblings
from crosscheck.ingest.name_patterns import NAME_CHAR, glued

from crosscheck.common.gazetteer import Gazetteer, load_tier_spellings

_ABBREVIATION = re.compile(r"^[A-Z]{2,4}$")


def abbreviations(shorts: list[str], subjects: list[str], finder: EntityFinder) -> dict[str, str]:
    """Which capital-letter abbreviations of the page ("DF" in a table header beside
    "Redis") name one of its subjects ("Dragonfly"): the subject starts with the first
    letter and holds the others in that order, and no other subject does. A known name
    ("AWS", "PHP") or a subject itself is never an abbreviation."""
    fulls = list(dict.fromkeys(finder.canonical(s) for s in subjects))
    out: dict[str, str] = {}
    for short in dict.fromkeys(shorts):
        if not _ABBREVIATION.match(short) or finder.gazetteer.canonical(short) or short in fulls:
            continue
        found = [f for f in fulls if len(f) > len(short) + 2 and _abbreviates(short, f)]
        if len(found) == 1:
            out[short] = found[0]
    return out


def _abbreviates(short: str, full: str) -> bool:
    """ "DF" of "Dragonfly", "PG" of "PostgreSQL": the first letters alike, the others in order."""
    lower = full.lower()
    if not lower.startswith(short[0].lower()):
        return False
    at = 1
    for letter in short[1:].lower():
        at = lower.find(letter, at) + 1
        if at == 0:
            return False
    return True


# a family's model code: "S26", "17", "8", "7950X" (a letter or two around 1 to 4 digits)
_MODEL_CODE = r"[a-z]{0,2}\d{1,4}[a-z]{0,2}"
_FAMILY_PATTERNS: dict[int, re.Pattern[str] | None] = {}
_FAMILY_WORDS: dict[int, tuple[str, ...]] = {}


def _family_pattern(gazetteer: Gazetteer) -> re.Pattern[str] | None:
    """Product families of the gazetteer ("galaxy", "iphone", "骁龙"): the first word of at
    least three hardware names whose second word holds a digit, with a model code and tiers;
    lower case (it scans a lower-cased page)."""
    key = id(gazetteer)
    if key in _FAMILY_PATTERNS:
        return _FAMILY_PATTERNS[key]
    members: dict[str, set[str]] = {}
    for known in gazetteer.names.values():
        if known.kind != "hardware":
            continue
        for alias in known.aliases:
            words = alias.split(" ")
            if len(words) >= 2 and any(ch.isdigit() for ch in words[1]) and words[0].isalpha():
                members.setdefault(words[0], set()).add(known.name)
    families = sorted(w for w, names in members.items() if len(names) >= 3)
    _FAMILY_WORDS[key] = tuple(families)
    tiers = sorted(load_tier_spellings())
    pattern = None
    if families:
        pattern = re.compile(
            rf"(?:{trie_pattern(families)})\s?{_MODEL_CODE}"
            rf"(?:\s(?:{trie_pattern(tiers)}))*+(?!\s?[-.,+]?\w?\d|[^\W\d_])"
        )
    _FAMILY_PATTERNS[key] = pattern
    return pattern


def _family_words(gazetteer: Gazetteer) -> tuple[str, ...]:
    """The families' first words, for plain `str.find` tests before the scan."""
    pattern = _family_pattern(gazetteer)
    return _FAMILY_WORDS.get(id(gazetteer), ()) if pattern is not None else ()


def family_names(texts: list[str], finder: EntityFinder) -> list[str]:
    """New members of a known product family the page names ("Galaxy S26 Ultra", "iPhone 17
    Pro Max", "骁龙 8"): no known name starts where they do, so the page's own names they become
    (the gazetteer cannot list every phone a page will speak of). One scan of the page."""
    pattern = _family_pattern(finder.gazetteer)
    joined = "\n".join(texts)
    lowered = joined.lower()  # a case-sensitive scan of the lower-cased page: several x faster
    if pattern is None or len(lowered) != len(joined):
        return []
    starts = [at for at in map(lowered.find, _family_words(finder.gazetteer)) if at >= 0]
    first = pattern.search(lowered, min(starts)) if starts else None
    if first is None:
        return []
    found: list[str] = []
    for match in pattern.finditer(lowered, first.start()):
        at = match.start()
        if at and NAME_CHAR.match(joined[at - 1]) and not glued(joined, at):
            continue  # inside a word ("ProGalaxy")
        line_start = joined.rfind("\n", 0, at) + 1
        line_end = joined.find("\n", at)
        line = joined[line_start : line_end if line_end >= 0 else len(joined)]
        start, end = at - line_start, match.end() - line_start
        name = " ".join(joined[match.start() : match.end()].split())
        if finder.gazetteer.canonical(name) or any(
            m.start <= start < m.end or start <= m.start < end for m in finder.mentions(line)
        ):
            continue
        found.append(name)
    return list(dict.fromkeys(found))


def subject_on_hardware(title: str, texts: list[str], finder: EntityFinder) -> str | None:
    """The one product a page is about when the title names it alone and every other known
    name on the page is hardware ("Ollama Performance" over "on an RTX 4090 ... 8B models
    generate 60 to 80 tokens per second"): the machines are the figures' conditions, the
    product their owner. None when the title names another product or no hardware shows."""
    named = {m.canonical: m.text for m in finder.mentions(title)}
    if len(named) != 1:
        return None
    ((canonical, spelling),) = named.items()
    known = finder.gazetteer.names
    if canonical not in known or known[canonical].kind == "hardware":
        return None
    others = {m.canonical for m in finder.line_mentions(texts)} - {canonical}
    if not others or any(c not in known or known[c].kind != "hardware" for c in others):
        return None
    return spelling


# "Loki — label-indexed, log-blob-stored": a one-word lead, a dash, then its description
_DASH_LEAD = re.compile(r"^(?P<name>[A-Z][\w.+-]{1,24}) [—–] \S")


def sibling_leads(texts: list[str], finder: EntityFinder) -> list[str]:
    """Unknown leads of lines shaped like their siblings that name known products ("Elastic —
    full-text search default" beside "Loki — label-indexed" and "ClickHouse — columnar"):
    a section per product, the unknown lead a product too. Two known siblings at least."""

    def is_known(name: str) -> bool:
        return finder.gazetteer.canonical(name) is not None

    # and the same in a list of 'Name: ...' lines or an "A, B, C, and D" enumeration
    listed = colon_siblings(texts, is_known) + enumerated_siblings(texts, is_known)
    leads = [m.group("name") for t in texts if "— " in t or "– " in t if (m := _DASH_LEAD.match(t))]
    if len(leads) < 3:
        return listed
    known = [lead for lead in leads if is_known(lead)]
    if len(known) < 2:
        return listed
    return [lead for lead in dict.fromkeys(leads) if lead not in known] + listed


def maker_subjects(own: list[str], page_names: list[str]) -> list[str]:
    """The longer page names that a one-word name of `own` starts, one each ("Samsung 950 Pro"
    for "Samsung"): the maker's or family's word written alone where the page speaks of its one
    product ("Samsung setzt ... einen Cache von 512 MByte"); as a product of its own the word
    took every figure of the sentences it heads, as that product's short name they are its. A
    name whose second word opens a parenthesis is the first one's variant, not its product."""
    longer: dict[str, set[str]] = {}
    for name in page_names:
        words = name.split()
        if len(words) > 1 and words[1][:1].isalnum():  # not "Quopribra (Mirrored)": a variant
            longer.setdefault(words[0].lower(), set()).add(name)
    found = [
        next(iter(longer[name.lower()]))
        for name in own
        if " " not in name.strip() and len(longer.get(name.lower(), ())) == 1
    ]
    return list(dict.fromkeys(found))
