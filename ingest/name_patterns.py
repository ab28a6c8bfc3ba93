"""The regex every known name is matched with, and the boundaries around a name.

Why: a page's texts are scanned for thousands of aliases at once; one prefix-factored pattern
with the word-boundary rules of every script is the cost that matters (split from
ingest.entities, which finds the page's own names and the mentions).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from crosscheck.ingest.lexicon import trie_pattern, word_list

from crosscheck.common.gazetteer import Gazetteer

# a letter after a name continues a word, except a Korean particle glued to it ("울트라는")
# … except a compound's tail of 4+ letters ("iPhone 15 Pro Max-konkurrent"): kept by
# `compound_ok` only when it is lower case after a capitalised name (not "Flask-Admin",
# "flask-sqlalchemy"); an underscore then a letter or digit continues an identifier
# ("serde_json_borrow" is not serde_json), as before the names became one regex
BOUNDARY_AFTER = r"(?![^\W_\uac00-\ud7af]|[_./+][^\W_]|-(?![^\W\d_]{4,}(?![\w-]))[^\W_])"
# no name char before a name, except the elided article of French and Italian ("l’iPhone",
# "d’Apple", "dell’iPhone") and an opening quote ("'Chrome is faster'"). The three exceptions
# all end in a quote: one test of that quote first spares the three at every other position
# (the regex tries this at every character of a text: a third less of its scan, same matches)
BOUNDARY_BEFORE = (
    r"(?:(?<![\w.+#/'’-])"
    r"|(?<=['’‘])(?:(?<=(?<!\w)[lLdD][’'])|(?<=ll[’'])|(?<=(?<![\w.])['‘])))"
)
_PATTERNS: dict[int, NamesPattern] = {}
NAME_CHAR = re.compile(r"[\w.+#/'’-]")
AFTER_OK = re.compile(BOUNDARY_AFTER)


_SCAN_MEMO_TEXTS = 20_000  # texts whose scan a process keeps (a few MB at most)
_SCAN_MEMO_CHARS = 2_000  # longer texts (a page's joined text) are scanned, never kept


@dataclass(frozen=True)
class NamesPattern:
    """Every alias as one prefix-factored regex, on word boundaries, case-insensitive; and,
    when the aliases allow it, the same regex case-sensitive for an ASCII text lower-cased
    (about twice as fast: case-insensitive alternatives cannot be skipped on their first
    character, so every alias branch is tried at every word start)."""

    ignorecase: re.Pattern[str]
    lowered: re.Pattern[str] | None
    # text -> its (start, end, alias) matches: a scan depends on the text alone, and pages
    # repeat their lines (every page scans a line several times, a site its boilerplate)
    memo: dict[str, tuple[tuple[int, int, str], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def scan(self, text: str) -> tuple[tuple[int, int, str], ...]:
        """(start, end, alias as written, lower-cased and single-spaced) of every match."""
        found = self.memo.get(text)
        if found is not None:
            return found
        found = tuple(
            (m.start(), m.end(), " ".join(text[m.start() : m.end()].lower().split()))
            for m in self.finditer(text)
        )
        if len(text) <= _SCAN_MEMO_CHARS:
            if len(self.memo) >= _SCAN_MEMO_TEXTS:
                self.memo.clear()
            self.memo[text] = found
        return found

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Matches in `text` (spans of `text`; read what was written from `text` itself)."""
        if self.lowered is not None and text.isascii():
            found = self.lowered.finditer(text.lower())
        else:
            found = self.ignorecase.finditer(text)
        if "-" not in text:
            return found
        return (m for m in found if compound_ok(text, m.start(), m.end()))


def compound_ok(text: str, start: int, end: int) -> bool:
    """A name before "-tail" counts only as the head of a compound word: a capitalised name
    and a lower-case tail ("Max-konkurrent"), not a package ("Flask-Admin", "flask-login")."""
    if text[end : end + 1] != "-":
        return True
    tail = _TAIL.match(text, end + 1)
    written = text[start:end]
    return tail is not None and tail.group().islower() and written.lower() != written


_TAIL = re.compile(r"[^\W\d_]+")


def _is_cjk(ch: str) -> bool:
    return "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af"


def glued(text: str, at: int) -> bool:
    """A name in a script without spaces glued to the word before ("这次骁龙 8")."""
    return _is_cjk(text[at]) and _is_cjk(text[at - 1])


def folds_like_lower(aliases: list[str]) -> bool:
    """Whether, for ASCII texts, case-insensitive matching of the aliases' characters is
    `text.lower() == alias character`: true of ASCII aliases without capitals (an ASCII
    letter folds only to its other case; a sign such as the Kelvin sign, which matches "k"
    case-insensitively, is not ASCII). Hangul and Han aliases have no case: they count too."""
    return all(_folds_alike(ch) for alias in aliases for ch in alias)


def _folds_alike(ch: str) -> bool:
    """ASCII without capitals, or a character without case (Hangul, Han) that no ASCII
    letter folds to."""
    if ch.isascii():
        return not ch.isupper()
    return ch.lower() == ch == ch.upper() and ch.casefold() == ch


def names_pattern(aliases: list[str]) -> NamesPattern:
    body = rf"{BOUNDARY_BEFORE}(?:{trie_pattern(aliases)}){BOUNDARY_AFTER}"
    lowered = re.compile(body) if folds_like_lower(aliases) else None
    return NamesPattern(re.compile(body, re.IGNORECASE), lowered)


def gazetteer_pattern(gazetteer: Gazetteer) -> NamesPattern:
    pattern = _PATTERNS.get(id(gazetteer))
    if pattern is None:
        pattern = _PATTERNS[id(gazetteer)] = names_pattern(list(gazetteer.by_alias))
    return pattern


@lru_cache(maxsize=64)
def tier_pattern(tiers: tuple[str, ...], base: bool) -> re.Pattern[str]:
    """ "(the) model Plus", "Plus model", "Ultra-Modell", and "(the) base model" when `base`."""
    nouns = trie_pattern(sorted({w.lower() for w in word_list("model_nouns")}))
    articles = trie_pattern(sorted({w.lower() for w in word_list("model_articles")}))
    tier = trie_pattern(sorted({t.lower() for t in tiers}))
    forms = [
        rf"(?:(?:{articles})\s+)?(?:{nouns})\s+(?P<tier>{tier})",
        rf"(?P<tier2>{tier})[\s-]+(?:{nouns})",
    ]
    scripts = sorted({t.lower() for t in tiers if not t.isascii()})
    if scripts:  # "플러스와 울트라는": a tier in a script without case is a name alone too
        forms.append(rf"(?P<tier3>{trie_pattern(scripts)})")
    if base:
        bases = trie_pattern(sorted({w.lower() for w in word_list("base_words")}))
        forms.append(rf"(?:{bases})\s+(?:{nouns})")
    body = "|".join(forms)
    return re.compile(rf"(?<![\w.+#/-])(?:{body}){BOUNDARY_AFTER}", re.IGNORECASE)


# in running prose, only after an article: "the iPhone's 3,274mAh", "The Sony has" (the
# possessive may precede a figure there: the article already made it the product); never the
# head of a longer name ("el Ford Mustang", "the Pixel 7")
_PROSE_BRAND = (
    r"(?<![\w])(?i:{articles})\s+"
    r"(?P<word>(?<![\w./+#'’-]){word}(?![\w/+#-])(?!\s+(?:[\w$-]*\d|[A-Z])))"
)


@lru_cache(maxsize=256)
def prose_brand(word: str) -> re.Pattern[str]:
    """The pattern of a brand word after an article (see _PROSE_BRAND), compiled once per
    word for the process (a page builds its brands anew; most pages share a few)."""
    articles = "|".join(re.escape(w) for w in word_list("brand_articles")) or r"(?!)"
    return re.compile(_PROSE_BRAND.format(articles=articles, word=re.escape(word)))


def sibling_tail(word: str, full: str) -> str:
    """The one capitalised word of 3+ letters after `word` in `full` ("Paperwhite" of
    "Kindle Paperwhite" after "Kindle"), else ""."""
    rest = full[len(word) :].strip()
    return rest if len(rest) >= 3 and rest.isalpha() and rest[0].isupper() else ""


def in_focus(canonical: str, focus: set[str]) -> bool:
    """A compared name, or a known model of a compared name's family ("Kindle Oasis" beside
    "Kindle"): two words or more, the first (3+ letters) starting a compared name."""
    if canonical in focus:
        return True
    family, _, rest = canonical.partition(" ")
    if not rest or len(family) < 3 or not family.isalpha():
        return False
    return any(f == family or f.startswith(family + " ") for f in focus)


_EXTENSION_TAIL = re.compile(r"^[A-Z][A-Za-z]{2,}(?: (?:[A-Z][A-Za-z]*|[IVX]+))?$")


def extension_tails(
    names: list[str], own: set[str], known: Callable[[str], str | None]
) -> list[tuple[str, re.Pattern[str], str]]:
    """(tail, its pattern after an article, longer name) for each subject that extends another
    by one or two capitalised words ("Mark II" of "Canon EOS R6 Mark II" beside "Canon EOS R6",
    "Pro" of "iPhone 15 Pro" beside "iPhone 15"): after an article the tail alone names the
    longer one ("the Mark II still shoots at 12 fps"), as a sibling's one-word rest does beside
    a brand word. A tail two subjects end with, a page name (`own`, lower case) or a known
    name names none."""
    owners: dict[str, set[str]] = {}
    for short in names:
        for full in names:
            if full != short and full.startswith(short + " "):
                tail = full[len(short) + 1 :]
                if _EXTENSION_TAIL.match(tail) and tail.lower() not in own and not known(tail):
                    owners.setdefault(tail, set()).add(full)
    return [(t, prose_brand(t), next(iter(f))) for t, f in owners.items() if len(f) == 1]
