"""Which entities a page compares, and where a text mentions them.

Why: most real pages have no "X vs Y" title; their entities are named in titles of any
length, headings, "Name: ..." items and prose. A gazetteer of known names (data shared with
normalize, read via crosscheck.common.gazetteer) plus the page's own names finds them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from crosscheck.ingest.generic_nouns import is_generic_noun
from crosscheck.ingest.lexicon import load_lexicon, word_list
from crosscheck.ingest.name_patterns import (
    AFTER_OK,
    NAME_CHAR,
    compound_ok,
    extension_tails,
    gazetteer_pattern,
    glued,
    prose_brand,
    sibling_tail,
    tier_pattern,
)

from crosscheck.common.gazetteer import Gazetteer, load_gazetteer, load_tier_spellings

_POSSESSIVE = re.compile(r"^(?:['’]s|['’])(?![\w])")
_UNIT_NAMES = frozenset(word_list("names_as_units"))  # "12 Go": a unit after a figure
# "12 Go", and "3000 ANSI Lumen": a figure, perhaps with an upper-case standard's name between
_FIGURE_BEFORE = re.compile(r"\d\s?(?:[A-Z]{2,5}[ -])?$")


class Mention(NamedTuple):
    """A name in a text: where it is, how it is written (possessive dropped), what it names
    (a tuple: every text's names build them, and a frozen dataclass costs several times more)."""

    start: int
    end: int
    text: str
    canonical: str


class PhraseMention(Mention):
    """A phrase standing for a page subject ("le modèle Plus" for the Galaxy S24+): its
    canonical is the subject's name, which the figure's entity takes."""

    __slots__ = ()


_MODEL_NUMBER_END = re.compile(r"\s(\d{3,5}[A-Za-z]{0,2})$")
_YEARISH = re.compile(r"(?:19[89]\d|20[0-3]\d)")
_THE_NUMBER = re.compile(r"\b[Tt]he\s+(\d{3,5}[A-Za-z]{0,2})(?![\w.,%])")
# a brand or family word alone ("Sony delivers", "Pixel: 5050mAh"): no number after it (a model
# code names another model, "Pixel 7"; "Bose’s 85%" is the possessive owner rule's), no word
# character or dash around it
_BRAND_WORD = r"(?<![\w./+#'’-]){}(?![\w/+#-])(?!(?:['’]s)?\s+[\w$-]*\d)"
_ITEM_END = re.compile(r"(?:\*\*|__)?\s*(?::|$)")


@dataclass
class EntityFinder:
    """Finds mentions of the gazetteer's names and of the page's own names in texts."""

    gazetteer: Gazetteer
    page_names: list[str] = field(default_factory=list)  # names the page introduces
    confirmed: set[str] = field(default_factory=set)  # canonical names the page uses for sure
    # leads the page repeats over different figures ("Battery: 3,900mAh" ... "Battery: 5,000mAh"
    # under each product's heading): a spec's labels, never a name of their own
    labels: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._known = gazetteer_pattern(self.gazetteer)
        self._short: dict[str, str] = {}  # "4080" -> "RTX 4080": a model number named alone
        self._brands: list[tuple[re.Pattern[str], str]] = []  # "Sony" -> "Sony WH-1000XM6"
        # "the Sony", "the iPhone's": (brand word, its pattern, the subject)
        self._prose_brands: list[tuple[str, re.Pattern[str], str]] = []
        # "Galaxy S23" -> "Galaxy S23 Ultra": a page subject's name written short once
        self._truncated: dict[str, str] = {}
        # "le modèle Plus", "기본 모델" -> a page subject (see add_tiers)
        self._tiers: tuple[re.Pattern[str], dict[str, str]] | None = None
        self._page: list[str] = []  # lower-case page names, longest first
        self._cache: dict[str, list[Mention]] = {}
        # line_mentions' reads by (text, the character before it): a page asks for the same
        # texts' mentions several times between two changes of the names (cleared with _cache)
        self._lines: dict[tuple[str, str | None], list[Mention]] = {}
        self.add_page_names(list(self.page_names))
        self._common = load_lexicon().common_word_names

    def add_page_names(self, names: list[str]) -> None:
        """Names found on the page (title parts, item names); matched in any case. The
        mentions read so far are kept when no name is new (an empty list, names known)."""
        confirmed = len(self.confirmed)
        for name in names:
            clean = " ".join(name.split())
            if not clean or is_generic_noun(clean):
                continue  # "Drohnen", "Gewicht": a kind or a property, never a product
            if clean not in self.page_names:
                self.page_names.append(clean)
            self.confirmed.add(self.canonical(clean))
        page = sorted({n.lower() for n in self.page_names}, key=len, reverse=True)
        if page != self._page or len(self.confirmed) != confirmed:  # the set only grows
            self._page = page
            self._changed()

    def add_model_numbers(self, names: list[str]) -> None:
        """Let "the 4080" name the RTX 4080 the page speaks of: a name ending in a model
        number (3 to 5 digits, perhaps a letter or two, no year) is also named by that number
        after "the" ("the 4080 packs", "the 4090's"), when only one of the names ends so."""
        ends: dict[str, set[str]] = {}
        for name in names:
            found = _MODEL_NUMBER_END.search(" ".join(name.split()))
            if found and not _YEARISH.fullmatch(found.group(1)):
                ends.setdefault(found.group(1).lower(), set()).add(self.canonical(name))
        short = {n: next(iter(full)) for n, full in ends.items() if len(full) == 1}
        if short and short != self._short:
            self._short = short
            self._changed()

    def add_brand_words(self, subjects: list[str], texts: list[str]) -> None:
        """Let a brand or family word heading an item ("Pixel: 5050mAh battery", "iPhone:")
        name the one subject whose name, as the page or the gazetteer spells it, starts with
        it. Only a capitalised word of 3+ letters that starts no other subject's name, is no
        known name itself nor a name of the page's own ("Kindle" beside "Kindle Paperwhite"
        is the other product: there the rest, "the Paperwhite", names the longer one), and
        never appears in lower case on the page ("Core" beside "core")."""
        owners: dict[str, set[str]] = {}
        for name in subjects:
            full = self.canonical(name)
            for spelled in {" ".join(name.split()), full}:
                words = spelled.split(" ")
                if len(words) >= 2 and len(words[0]) >= 3 and words[0].isalpha():
                    owners.setdefault(words[0], set()).add(full)
        joined = "\n".join(texts)
        brands = []
        prose = []
        own = {n.lower() for n in self.page_names}
        fulls_named = {self.canonical(n) for n in subjects}
        for word, fulls in sorted(owners.items()):
            if len(fulls) != 1 or word.islower():
                continue
            if word.lower() in own or self.gazetteer.canonical(word) in fulls_named:
                # a product of its own ("Kindle"): its sibling's one-word rest names the
                # sibling instead ("the Paperwhite" for "Kindle Paperwhite")
                word = sibling_tail(word, next(iter(fulls)))
                if not word or word.lower() in own or self.gazetteer.canonical(word):
                    continue
            elif self.gazetteer.canonical(word):
                continue
            if re.search(_BRAND_WORD.format(re.escape(word.lower())), joined):
                continue
            word_at = _BRAND_WORD.format(re.escape(word))
            pattern = re.compile(rf"\s*(?:\*\*|__)?(?P<word>{word_at})")
            brands.append((pattern, next(iter(fulls))))
            prose.append((word, prose_brand(word), next(iter(fulls))))
        prose += extension_tails(sorted(fulls_named), own, self.gazetteer.canonical)  # "the Pro"
        if brands != self._brands or prose != self._prose_brands:
            self._brands = brands
            self._prose_brands = prose
            self._changed()

    def _brand_mentions(self, text: str, found: dict[int, Mention]) -> None:
        """Mentions of a subject by its brand word alone (see add_brand_words): only as the
        name heading an item ("Pixel: ...", "**iPhone**:"), or after an article in running
        prose ("the iPhone's 3,274mAh"); without one a maker's name is the maker's ("Hyundai
        plans 17 new EVs")."""
        for pattern, full in self._brands:
            match = pattern.match(text)
            if match is not None and _ITEM_END.match(text, match.end()):
                at, stop = match.start("word"), match.end("word")
                if at not in found:
                    found[at] = Mention(at, stop, full, full)  # as a truncation reads
        for word, pattern, full in self._prose_brands:
            if word not in text:
                continue  # the cheap gate: most texts do not write the word
            for match in pattern.finditer(text):
                at, stop = match.start("word"), match.end("word")
                if at not in found:
                    found[at] = Mention(at, stop, full, full)

    def may_truncate(self, subjects: list[str]) -> bool:
        """Whether `add_truncations` can find anything: a shortened name is followed by a
        space in its subject's name, so subjects of one word each have none (most pages), and
        their text need not be read for mentions (~6 % of a synthetic page's parse CPU)."""
        return any(" " in self.canonical(n) for n in subjects)

    def add_truncations(self, subjects: list[str], mentioned: list[Mention]) -> None:
        """Let a shortened name of one of the page's subjects name that subject: "the
        Samsung Galaxy S23 gained 1480" on a page about the Galaxy S23 Ultra. A mentioned
        name counts when its words start exactly one subject's name and it is no subject
        itself (a page comparing the S23 and the S23 Ultra names both often)."""
        fulls = {self.canonical(n) for n in subjects}
        truncated: dict[str, str] = {}
        for mention in mentioned:
            short = mention.canonical
            if short in fulls or short in truncated:
                continue
            longer = [f for f in fulls if f.lower().startswith(short.lower() + " ")]
            if len(longer) == 1:
                truncated[short] = longer[0]
        if truncated != self._truncated:
            self._truncated = truncated
            self._changed()

    def add_tiers(self, subjects: list[str]) -> None:
        """Let "the Plus model", "le modèle Ultra", "플러스 모델" name the one subject whose
        name ends in that tier, and "the base model" the one subject the tiered ones extend
        ("Galaxy S24" beside "Galaxy S24+" and "Galaxy S24 Ultra")."""
        spellings = load_tier_spellings()
        by_tier: dict[str, set[str]] = {}
        plain: set[str] = set()
        for name in subjects:
            words = " ".join(name.split()).split(" ")
            last = words[-1].lower()
            tier = spellings.get(last) or ("plus" if len(last) > 1 and last[-1] == "+" else None)
            if tier is None or (len(words) < 2 and last[-1] != "+"):
                plain.add(self.canonical(name))
            else:
                by_tier.setdefault(tier, set()).add(self.canonical(name))
        owners = {t: next(iter(f)) for t, f in by_tier.items() if len(f) == 1}
        tiered = [f.lower() for f in owners.values()]
        base = [
            b
            for b in plain
            if any(t.startswith((b.lower() + " ", b.lower() + "+")) for t in tiered)
        ]
        if len(base) == 1:
            owners["\x00base"] = base[0]
        if not owners or len(by_tier) < 1 or len(subjects) < 2:
            if self._tiers is not None:
                self._lines.clear()  # (the mentions' cache was kept here before: as it was)
            self._tiers = None
            return
        written = tuple(sorted(w for w, t in spellings.items() if t in owners))
        self._tiers = (tier_pattern(written, "\x00base" in owners), owners)
        self._changed()

    def _changed(self) -> None:
        """The names changed: every mention read so far may read otherwise now."""
        self._cache.clear()
        self._lines.clear()

    def _tier_mentions(self, text: str, found: dict[int, Mention]) -> None:
        """Mentions of "the Plus model" and the like (see add_tiers), added to `found`."""
        assert self._tiers is not None
        pattern, owners = self._tiers
        spellings = load_tier_spellings()
        for match in pattern.finditer(text):
            tier = match.group("tier") or match.group("tier2") or match.groupdict().get("tier3")
            key = "\x00base" if tier is None else spellings.get(tier.lower(), "")
            full = owners.get(key)
            if full is not None and not any(match.start() <= at < match.end() for at in found):
                start, end = match.start(), match.end()
                found[start] = PhraseMention(start, end, text[start:end], full)

    def _short_mentions(self, text: str, found: dict[int, Mention]) -> None:
        """Mentions of "the 4080" (see add_model_numbers), added to `found`."""
        for match in _THE_NUMBER.finditer(text):
            full = self._short.get(match.group(1).lower())
            if full is not None and match.start(1) not in found:
                start, end = match.start(1), match.end(1)
                tail = _POSSESSIVE.match(text, end)
                end_all = end + (tail.end() - tail.start() if tail else 0)
                found[start] = Mention(start, end_all, text[start:end], full)

    def _page_mentions(self, text: str) -> dict[int, Mention]:
        """Mentions of the page's own names: a few plain searches, no regex to compile."""
        found: dict[int, Mention] = {}
        if self._short:
            self._short_mentions(text, found)
        if self._tiers is not None:
            self._tier_mentions(text, found)
        if self._brands or self._prose_brands:
            self._brand_mentions(text, found)
        if not self._page:
            return found
        lower = text.lower()
        for name in self._page:
            at = lower.find(name)
            while at >= 0:
                end = at + len(name)
                before_ok = at == 0 or not NAME_CHAR.match(text[at - 1]) or glued(text, at)
                after_ok = AFTER_OK.match(text, end) and compound_ok(text, at, end)
                if before_ok and after_ok and at not in found:
                    found[at] = self._mention(text, at, end, None)
                at = lower.find(name, at + 1)
        return found

    def known_spans(self, text: str) -> list[tuple[int, int]]:
        """Where `text` names a name the finder knows (start, end): words no page-structure
        rule may take apart (ingest.page_products)."""
        return [(m.start, m.end) for m in self.mentions(text)]

    def canonical(self, name: str) -> str:
        """The gazetteer's spelling of a name, else the name itself."""
        return self.gazetteer.canonical(name) or name

    def mentions(self, text: str, cache: bool = True) -> list[Mention]:
        """Every mention in `text`, left to right, the longest name at each position."""
        cached = self._cache.get(text) if cache else None
        if cached is not None:
            return cached
        out = self._find(text, None)
        if cache:
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[text] = out
        return out

    def line_mentions(self, texts: list[str]) -> list[Mention]:
        """What `mentions("\\n".join(texts), cache=False)` finds, offsets aside (each mention's
        are its own text's), read text by text: no name spans a line break, and each text's
        scan is the one its later readings reuse. A sentence-start rule looks past the text's
        start to the last character of the texts before it, as in the joined text."""
        found: list[Mention] = []
        lead: str | None = None
        lines = self._lines
        if len(lines) > 4096:
            lines.clear()
        for text in texts:
            read = lines.get((text, lead))
            if read is None:
                read = lines[text, lead] = self._find(text, lead)
            found += read
            kept = text.rstrip()
            lead = kept[-1] if kept else lead
        return found

    def _find(self, text: str, lead: str | None) -> list[Mention]:
        """The mentions of `text`; `lead`: the last non-space character before it, if any."""
        found = self._page_mentions(text)
        by_alias = self.gazetteer.by_alias
        for start, end, alias in self._known.scan(text):
            name = by_alias.get(alias)
            if name is None:
                continue
            written = text[start:end]
            if not self._accept(written, written.lower(), name, text, start, lead):
                continue
            old = found.get(start)
            if old is None or old.end - old.start < end - start:
                found[start] = self._mention(text, start, end, name)
        out: list[Mention] = []
        for start in sorted(found):
            if out and start < out[-1].end:
                continue
            mention = found[start]
            full = self._truncated.get(mention.canonical)
            out.append(mention if full is None else mention._replace(text=full, canonical=full))
        return out

    def _mention(self, text: str, start: int, end: int, canonical: str | None) -> Mention:
        written = text[start:end]
        name = canonical or self.canonical(written)
        tail = _POSSESSIVE.match(text, end)
        return Mention(start, end + (tail.end() - tail.start() if tail else 0), written, name)

    def _accept(
        self, written: str, alias: str, name: str, text: str, start: int, lead: str | None = None
    ) -> bool:
        """Case rules for gazetteer names: lower-case words ("express", "next") and capitalised
        common words at a sentence start ("Spark", "Echo") only when the page uses them.
        `lead`: the last non-space character before `text` (none: the text starts a page)."""
        if written in _UNIT_NAMES and _FIGURE_BEFORE.search(text, max(0, start - 8), start):
            return False  # "12 Go et 16 Go": gigabytes
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
            last = before[-1] if before else lead
            return last is not None and last not in ".!?:;\n"
        return True


def finder_for_page(gazetteer: Gazetteer | None = None) -> EntityFinder:
    """A finder over `gazetteer` (default: the packaged one) with no page names yet."""
    return EntityFinder(gazetteer or load_gazetteer())


def frequent_names(texts: list[str], finder: EntityFinder, at_least: int = 2) -> list[str]:
    """Known names a page mentions at least `at_least` times (the page's subjects), in the
    order the page first names them, as the page's texts joined by line breaks name them."""
    counts: Counter[str] = Counter()
    first_spelling: dict[str, str] = {}
    joined = "\n".join(texts)
    # read text by text, but where lower-casing changes a length ("İ") the page-name search
    # of the joined text shifts its offsets: that text keeps the one scan it always had
    same_offsets = joined.isascii() or len(joined.lower()) == len(joined)
    found = finder.line_mentions(texts) if same_offsets else finder.mentions(joined, cache=False)
    for mention in found:
        counts[mention.canonical] += 1
        first_spelling.setdefault(mention.canonical, mention.text)
    return [first_spelling[c] for c in first_spelling if counts[c] >= at_least]
