"""Which entities a page compares, and where a text mentions them.

Why: most real pages have no "X vs Y" title; their entities are named in titles of any
length, headings, "Name: ..." items and prose. A gazetteer of known names (shared data with
normalize, read via crosscheck.gazetteer) plus the names the page itself introduces finds them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from crosscheck.gazetteer import Gazetteer, load_gazetteer
from ingest.lexicon import load_lexicon

_WORD_START = re.compile(r"(?<![\w.+#/'’-])[.]?[\w]")
_RUN = re.compile(r"[\w.+#/'’-]+")
_POSSESSIVE = re.compile(r"^(?:['’]s|['’])(?![\w])")
_VS_SPLIT = re.compile(r"\s+(?:vs\.?|versus|VS\.?)\s+|\s*,\s*|\s+and\s+|\s+&\s+", re.IGNORECASE)
_VS = re.compile(r"\s(?:vs\.?|versus)\s", re.IGNORECASE)
_TITLE_NOISE = re.compile(
    r"\s*(?:[:|–—-]\s.*|\(.*?\)|\bin\s+(?:19|20)\d\d\b.*|\b(?:19|20)\d\d\b.*|"
    r"\b(?:benchmarks?|comparison|performance|showdown|compared|review)\b.*)$",
    re.IGNORECASE,
)
_NAME_ITEM = re.compile(
    r"^\s*(?:\*\*|__)?(?P<name>[^\s*_:.,;()\d][^:*_;]{0,38}?)(?:\*\*|__)?\s*(?::|\s[-–—]\s)\s*"
)
_SHORT_NAME = re.compile(r"^[\w.+#/ -]{1,40}$")


@dataclass(frozen=True)
class Mention:
    """A name in a text: where it is, how it is written (possessive dropped), what it names."""

    start: int
    end: int
    text: str
    canonical: str


def _boundary(text: str, i: int) -> bool:
    """Whether a name ending at `i` ends a word ("Flask 2", not "Flask-SQLAlchemy")."""
    if i >= len(text):
        return True
    ch = text[i]
    if ch.isalnum() or ch == "_":
        return False
    return not (ch in "-./+" and i + 1 < len(text) and text[i + 1].isalnum())


@dataclass
class EntityFinder:
    """Finds mentions of the gazetteer's names and of the page's own names in texts."""

    gazetteer: Gazetteer
    page_names: list[str] = field(default_factory=list)  # names the page introduces
    confirmed: set[str] = field(default_factory=set)  # canonical names the page uses for sure

    def __post_init__(self) -> None:
        self._page: dict[str, tuple[str, ...]] = {}
        self.add_page_names(self.page_names)
        self._common = load_lexicon().common_word_names

    def add_page_names(self, names: list[str]) -> None:
        """Names found on the page (title parts, item names); matched in any case."""
        for name in names:
            clean = " ".join(name.split())
            if not clean:
                continue
            if clean not in self.page_names:
                self.page_names.append(clean)
            self.confirmed.add(self.canonical(clean))
            first = clean.split(" ", 1)[0].lower()
            group = {*self._page.get(first, ()), clean.lower()}
            self._page[first] = tuple(sorted(group, key=len, reverse=True))

    def canonical(self, name: str) -> str:
        """The gazetteer's spelling of a name, else the name itself."""
        return self.gazetteer.canonical(name) or name

    def mentions(self, text: str) -> list[Mention]:
        """Every mention in `text`, left to right, longest name first at each position."""
        out: list[Mention] = []
        lower = text.lower()
        pos = 0
        for start_match in _WORD_START.finditer(text):
            start = start_match.start()
            if start < pos:
                continue
            found = self._match_at(text, lower, start)
            if found is not None:
                out.append(found)
                pos = found.end
        return out

    def _match_at(self, text: str, lower: str, start: int) -> Mention | None:
        run = _RUN.match(lower, start)
        if run is None:
            return None
        token = run.group().rstrip(".'’")
        keys = {token, re.split(r"['’]", token)[0]}
        for sep in "-/.":
            if sep in token:
                keys.add(token.split(sep, 1)[0])
        candidates: list[tuple[str, str | None]] = []
        for key in keys:
            candidates += [(a, None) for a in self._page.get(key, ())]
            candidates += [
                (a, self.gazetteer.by_alias[a]) for a in self.gazetteer.by_first_word.get(key, ())
            ]
        for alias, canonical in sorted(candidates, key=lambda c: len(c[0]), reverse=True):
            end = start + len(alias)
            if lower[start:end] != alias or not _boundary(text, end):
                continue
            written = text[start:end]
            name = canonical or self.canonical(written)
            if canonical is not None and not self._accept(written, alias, name, text, start):
                continue
            tail = _POSSESSIVE.match(text, end)
            return Mention(start, end + (tail.end() - tail.start() if tail else 0), written, name)
        return None

    def _accept(self, written: str, alias: str, name: str, text: str, start: int) -> bool:
        """Case rules for gazetteer names: lower-case words ("express", "next") and capitalised
        common words at a sentence start ("Spark", "Echo") only when the page uses them."""
        if name in self.confirmed:
            return True
        if len(alias) < 2:
            return False
        has_upper = any(ch.isupper() for ch in written)
        distinctive = any(not ch.isalpha() for ch in alias) or name == name.lower()
        if not (has_upper or distinctive):
            return False
        if name in self._common:
            before = text[:start].rstrip()
            return bool(before) and before[-1] not in ".!?:;\n"
        return True


def finder_for_page() -> EntityFinder:
    """A finder over the packaged gazetteer with no page names yet."""
    return EntityFinder(load_gazetteer())


def title_entities(title: str, finder: EntityFinder) -> list[str]:
    """Entities a title compares: the parts of "A vs B vs C ..." (the known name nearest the
    "vs" in each part), else the known names of a title without "vs" ("... the H100 and A100")."""
    if not title.strip():
        return []
    if not _VS.search(title):
        known = [m.text for m in finder.mentions(title)]
        distinct = {finder.canonical(k): k for k in reversed(known)}
        return list(dict.fromkeys(k for k in known if distinct[finder.canonical(k)] == k))
    segments = re.split(r"\s[|–—]\s|:\s", title)
    part = next(seg for seg in segments if _VS.search(seg))
    pieces = _VS_SPLIT.split(part)
    names: list[str] = []
    for index, piece in enumerate(pieces):
        inner = finder.mentions(piece)
        if inner:
            names.append(inner[-1].text if index == 0 else inner[0].text)
            continue
        clean = _TITLE_NOISE.sub("", piece).strip(" \"'*")
        if clean and _SHORT_NAME.match(clean) and len(clean.split()) <= 4:
            names.append(clean)
    return list(dict.fromkeys(names)) if len(names) >= 2 else []


def item_name(text: str, finder: EntityFinder, rest_has_figure: bool) -> tuple[str, int] | None:
    """The name heading a list item or line ("**H100**: ...", "C - 45k", "Node.js: The ...")
    and where the rest starts; None when the lead is not a name. An unknown lead counts
    when it is bold or when a figure follows it ("C - 45k")."""
    match = _NAME_ITEM.match(text)
    if not match:
        return None
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
        return name, match.end()
    rest = text[match.end() :]
    if capitalised and len(name.split()) <= 2 and rest_has_figure and rest[:1].isdigit():
        return name, match.end()
    return None


def frequent_names(texts: list[str], finder: EntityFinder, at_least: int = 2) -> list[str]:
    """Known names a page mentions at least `at_least` times (the page's subjects)."""
    counts: Counter[str] = Counter()
    first_spelling: dict[str, str] = {}
    for text in texts:
        for mention in finder.mentions(text):
            counts[mention.canonical] += 1
            first_spelling.setdefault(mention.canonical, mention.text)
    return [first_spelling[c] for c, n in counts.most_common() if n >= at_least]
