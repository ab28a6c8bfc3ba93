"""Names heading a page's title, its items and lines: "A vs B" titles, "**H100**: ...",
"C - 45k", "twitter.json, 631.5KiB" (split from ingest/entities.py, which finds where a text
mentions a name; these read which name a title or an item's lead gives).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from crosscheck.ingest.generic_nouns import without_category_tail
from crosscheck.ingest.lexicon import load_lexicon, word_list
from crosscheck.ingest.spans import PREFIX

if TYPE_CHECKING:
    from crosscheck.ingest.entities import EntityFinder

_VS_SPLIT = re.compile(r"\s+(?:vs\.?|versus|VS\.?)\s+|\s*,\s*|\s+and\s+|\s+&\s+", re.IGNORECASE)
_VS = re.compile(r"\s(?:vs\.?|versus)\s", re.IGNORECASE)
_TITLE_NOISE = re.compile(
    r"\s*(?:[:|–—-]\s.*|\(.*?\)|\bin\s+(?:19|20)\d\d\b.*|\b(?:19|20)\d\d\b.*|"
    r"\b(?:benchmarks?|comparison|performance|showdown|compared|review)\b.*)$",
    re.IGNORECASE,
)
_NAME_ITEM = re.compile(
    r"^\s*(?:\*\*|__)?\[?(?P<name>[^\s*_:.,;()\[\]\d][^:*_;\[\]]{0,38}?)\]?(?:\([^()\s]*\))?"
    r"(?:\*\*|__)?\s*(?::|\s[-–—]\s)\s*"
)
# "2023 Hyundai Ioniq 6 vs. 2023 Tesla Model 3": a model year before a name is no part of it
_MODEL_YEAR = re.compile(r"^\s*(?:19|20)\d\d\s+(?=[A-Z])")
# "45k", "up to 54Mbps": a figure, its bound word and its unit, and nothing else
_FIGURE_ALONE = re.compile(
    rf"^{PREFIX}[~≈]?\d[\d.,\s]*[A-Za-z%/]{{0,8}}\s*(?:[A-Za-z/]+\s*)?[.;]?\s*$"
)
_LINK_TARGET = re.compile(r"\]\([^()\s]*\)")
_SHORT_NAME = re.compile(r"^[\w.+#/ -]{1,40}$")
_TRAILING_CAPS = re.compile(r"(?:^|\s)((?:[A-Z][\w.+#-]*\s?){1,3})$")
_LEADING_CAPS = re.compile(r"^((?:[A-Z][\w.+#-]*\s?){1,3})")


def title_entities(title: str, finder: EntityFinder) -> list[str]:
    """Entities a title compares: the parts of "A vs B vs C ..." (the known name nearest the
    "vs" in each part), else the known names of a title without "vs" ("... the H100 and A100")."""
    if not title.strip():
        return []
    if not _VS.search(title):
        title = _between_as_vs(title)  # "Difference between A and B": "A vs B"
    if not _VS.search(title):  # "... the H100 and A100": two known names at least
        known = [m.text for m in finder.mentions(title)]
        distinct = {finder.canonical(k): k for k in reversed(known)}
        found = list(dict.fromkeys(k for k in known if distinct[finder.canonical(k)] == k))
        return found if len(found) >= 2 else []
    segments = re.split(r"\s[|–—]\s|:\s", title)
    part = next((seg for seg in segments if _VS.search(seg)), title)
    pieces = _VS_SPLIT.split(part)
    names: list[str] = []
    for index, piece in enumerate(pieces):
        inner = finder.mentions(piece)
        if inner:
            names.append(inner[-1].text if index == 0 else inner[0].text)
            continue
        clean = _TITLE_NOISE.sub("", _MODEL_YEAR.sub("", piece)).strip(" \"'*")
        if clean and _SHORT_NAME.match(clean) and len(clean.split()) <= 4:
            names.append(clean)
            continue
        # 'Build times for Bengal vs Hugo': an unknown name is the capitalised words nearest
        # the 'vs' (the end of the first part, the start of the others)
        near = (_TRAILING_CAPS if index == 0 else _LEADING_CAPS).search(clean)
        if near:
            names.append(near.group(1).strip())
    return list(dict.fromkeys(names)) if len(names) >= 2 else []


@lru_cache(maxsize=1)
def _between() -> re.Pattern[str]:
    """ "between A and B" in a title (prose.toml between_words, pair_and_words): A and B
    capitalised (or with a digit), up to four words each, ending the title or its part."""
    between = "|".join(re.escape(w) for w in word_list("between_words")) or r"(?!)"
    ands = "|".join(re.escape(w) for w in word_list("pair_and_words")) or r"(?!)"
    the = "|".join(re.escape(w) for w in word_list("model_articles")) or r"(?!)"
    name = r"(?-i:[A-Z0-9])[^\s:|–—?,]*(?:\s+[^\s:|–—?,]+){0,3}?"
    return re.compile(
        rf"\b(?:{between})\s+(?:(?:{the})\s+)?(?P<a>{name})\s+(?:{ands})\s+"
        rf"(?:(?:{the})\s+)?(?P<b>{name})\s*(?=$|[:?|–—,]|\s-\s)",
        re.IGNORECASE,
    )


def _between_as_vs(title: str) -> str:
    """The "A vs B" a title's "between A and B" means, else the title as it is."""
    found = _between().search(title)
    if found is None:
        return title
    return f"{without_category_tail(found.group('a'))} vs {without_category_tail(found.group('b'))}"


def item_name(text: str, finder: EntityFinder, rest_has_figure: bool) -> tuple[str, int] | None:
    """The name heading a list item or line ("**H100**: ...", "C - 45k", "Node.js: The ...")
    and where the rest starts; None when the lead is not a name. An unknown lead counts
    when it is bold or when a figure follows it ("C - 45k")."""
    head = text[:200]
    if "](" in head:  # a markdown link's target is not part of the name
        head = _LINK_TARGET.sub("]", head)
    head = head[:60]
    if ":" not in head and " - " not in head and " – " not in head and " — " not in head:
        return None
    match = _NAME_ITEM.match(text)
    if not match:
        return _code_lead(text, finder) if text[:1].isdigit() else None
    name = match.group("name").strip()
    if len(name.split()) > 4 or not _SHORT_NAME.match(name):
        return None
    if _VS.search(f" {name} "):
        return None
    mentions = finder.mentions(name)
    if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end >= len(name) - 1:
        return name, match.end()
    bold = text.lstrip().startswith(("**", "__"))
    capitalised = name[:1].isupper() or not name.isalpha()
    if capitalised and len(name.split()) <= 3 and (name in finder.page_names or bold):
        # "**Pixel Density**: 460 ppi": a spec's label (the regex last: most leads stop above)
        return None if _metric_phrase(name) else (name, match.end())
    rest = text[match.end() :]
    # "C - 45k", "Nginx: 60.4k rps": an unknown name owns a figure standing alone after it;
    # "Index overhead: ~150GB" is a label (a lower-case word after the first), not a name
    alone = rest_has_figure and bool(_FIGURE_ALONE.match(rest))
    if capitalised and len(name.split()) <= 2 and alone and _name_shaped(name):
        if name in finder.labels or _metric_phrase(name):
            return None  # "Battery: 5,000mAh" under each product, "MTBF: 1.5 million hours"
        return name, match.end()
    return None


def _metric_phrase(name: str) -> bool:
    """Whether an unknown lead is a metric phrase as a whole (prose.toml metric_phrases): the
    label of the figure after it, never the name of what the figure measures."""
    found = load_lexicon().metric.fullmatch(name.strip())
    return found is not None


# what follows a code-like name heading an item: "802.11b (1999) — ...", "802.11ac: ..."
_AFTER_CODE = re.compile(r"(?: \([^()\s]{1,12}\))?\s*(?::|\s[-–—]\s)\s*")


def _code_lead(text: str, finder: EntityFinder) -> tuple[str, int] | None:
    """A lead starting with a digit ("802.11b (1999) — The First ...") is a name only when the
    page names it (a family of such leads, ingest.item_families); else it is a figure."""
    mentions = finder.mentions(text[:60])
    if not mentions or mentions[0].start != 0:
        return None
    after = _AFTER_CODE.match(text, mentions[0].end)
    return (mentions[0].text, after.end()) if after else None


_SHORT_LABEL = re.compile(r"^[A-Za-z][a-z/-]+(?: [A-Za-z][a-z/-]+){0,2}$")
_CONNECTIVE = re.compile(r"\s(?:and|or|vs\.?|versus|with|is|are|has|have|the|for)\s", re.IGNORECASE)
_NAMED_METRIC_LEAD = re.compile(r"^\s*(?:\*\*|__)?([^:\n]{2,60}?)(?:\*\*|__)?:\s+\S")


def metric_lead(text: str, finder: EntityFinder, metric: re.Pattern[str]) -> str | None:
    """The name a "Name metric: value" lead gives its line ("Sony A7 III battery: 710 shots"
    under another product's heading): a name the lead starts with, then only a metric
    phrase before the colon; None for any other lead."""
    if ":" not in text[:64]:
        return None
    lead = _NAMED_METRIC_LEAD.match(text)
    if lead is None:
        return None
    words = lead.group(1)
    mentions = finder.mentions(words)
    if not mentions or mentions[0].start != 0:
        return None
    rest = words[mentions[0].end :].strip(" '’s")
    if len(mentions) > 1 or not rest or _CONNECTIVE.search(f" {rest} "):
        return None
    found = metric.search(rest)
    if found is not None and found.start() == 0 and found.end() == len(rest):
        return mentions[0].text  # "A cold start", "A battery life"
    return mentions[0].text if _SHORT_LABEL.match(rest) else None  # "A battery", "A weight"


# "Battery: 5,000mAh", "• Camera: 50MP Triple": a short capitalised lead, a colon, a figure
_LABEL_LEAD = re.compile(r"^\s*(?:[-*•·]\s*)?([A-Z][A-Za-z]*(?: [A-Za-z]+)?):\s*(\S.{0,40})")


def repeated_labels(texts: list[str], known: Callable[[str], str | None]) -> set[str]:
    """Leads the page writes over three different figures or more, no listed name among them:
    a spec's labels repeated under each product ("Display: 6.1 in", "Display: 6.7 in"); asked
    only on pages comparing two named products or more (on a page naming none, "Zorblat: 45k"
    under each test's heading is more likely a product)."""
    rests: dict[str, set[str]] = {}
    for text in texts:
        match = _LABEL_LEAD.match(text)
        if match and any(ch.isdigit() for ch in match.group(2)):
            rests.setdefault(match.group(1), set()).add(match.group(2))
    return {lead for lead, seen in rests.items() if len(seen) >= 3 and known(lead) is None}


def _name_shaped(name: str) -> bool:
    """Every word after the first capitalised or with a digit ('Redis Stack', 'Go 1.22'),
    as product names are written; 'Monthly storage', 'Label index' are labels."""
    return all(w[:1].isupper() or any(ch.isdigit() for ch in w) for w in name.split()[1:])


# "twitter.json, 631.5KiB, results of ...": a file-like name, a comma, then a figure.
_FILE_LEAD = re.compile(
    r"^\s*(?:\*\*|`)?(?P<name>[A-Za-z][\w-]{0,30}\.[a-z]{2,5})(?:\*\*|`)?,\s(?=[~≈]?\d)"
)


def file_lead(text: str) -> tuple[str, int] | None:
    """The file-like name ('twitter.json') heading a list item whose figure follows it after a
    comma, and where the rest starts: that item describes the file, not the page's subject."""
    match = _FILE_LEAD.match(text)
    return (match.group("name"), match.end()) if match else None
