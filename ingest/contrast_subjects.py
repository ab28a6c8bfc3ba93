"""Product names written as the subject of a contrast clause: "While HughesNet offers a tier
at $75 per month", "..., whereas a Vega-C launch is priced at 45 million euros", "..., while
SRAM's Force AXS with a power meter is claimed to be 2896 grams".

Why: a comparison sentence puts its other product right after its contrast word, as the
subject of the clause that holds that product's figure. No gazetteer lists most of them, and
where the page knew only the first product, every figure of the sentence went to it. A
name-shaped run there ('HughesNet', 'Vega-C', 'Force AXS', 'Q95T': a capital inside a word, a
digit, a '+' or a code), with a figure later in its own clause, is a product the page compares;
a plain capitalised word ("While Apple ...") is left to the gazetteer, a name it knows is not
taken again, a part after a model's possessive ("A100's Ampere GA100") is no product, and
"unlike X" names a foil, not an owner (prose.toml contrast_subject_words).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from crosscheck.ingest.lexicon import word_list

if TYPE_CHECKING:
    from crosscheck.ingest.entities import EntityFinder

__all__ = ["contrast_subjects", "name_shaped", "trimmed"]

_MAX_WORDS = 3
# a word of a name: capitalised ('Force'), camel ('iPhone'), a code with a digit ('R8100')
_TOKEN = r"(?:[A-Z][\w.+-]*|[a-z]+[A-Z][\w.+-]*|\d+[A-Za-z][\w.+-]*)"
# what makes a run a product's name rather than a capitalised word: a capital after a
# lower-case letter or two capitals in a row ('HughesNet', 'AXS'), a digit, a '+' at the end,
# a hyphen before a capital or digit ('Vega-C')
_SHAPED = re.compile(r"[a-z][A-Z]|[A-Z]{2}|\d|\+$|-[A-Z0-9]")
# the end of the subject's clause: a comma, a semicolon, a colon or a sentence's end
_CLAUSE_END = re.compile(r"[,;:]\s|[.!?](?:\s|$)")
_DIGIT = re.compile(r"\d")
_ACRONYMS = re.compile(r"^[A-Z]{2,5}s$")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_CLAUSE_START = re.compile(r"[,;]\s+")


@lru_cache(maxsize=1)
def _opening() -> re.Pattern[str]:
    """A contrast word, an optional article, an optional possessive maker ("SRAM's"), then
    up to three name words (prose.toml contrast_subject_words, contrast_subject_articles)."""
    words = "|".join(re.escape(w) for w in word_list("contrast_subject_words")) or r"(?!)"
    articles = "|".join(re.escape(w) for w in word_list("contrast_subject_articles")) or r"(?!)"
    return re.compile(
        rf"(?:^|(?<=[\s,;(]))(?i:{words})\s+(?:(?i:{articles})\s+)?"
        rf"(?:(?P<maker>[A-Z][\w.-]*)['’]s\s+)?"
        rf"(?P<name>{_TOKEN}(?:\s{_TOKEN}){{0,{_MAX_WORDS - 1}}})"
    )


def name_shaped(words: list[str], ordinary: Callable[[str], bool]) -> bool:
    """A run a reader takes for a product's name: no ordinary word first, one word with a
    name's shape (an acronym of four letters or fewer alone is a concept: 'GPU', 'SSD')."""
    if not words or not words[0][:1].isalpha() or ordinary(words[0]):
        return False  # "while the 2TB model offers 1200 TBW": a size, not a name
    if len(words) == 1 and _ACRONYMS.match(words[0]):
        return False  # "SMs", "GPUs": a plural of a concept's acronym
    bare = words[0].rstrip("+")
    if len(words) == 1 and bare.isalpha() and bare.isupper() and len(bare) <= 4:
        return False
    return any(_SHAPED.search(w) for w in words)


def trimmed(run: str) -> list[str]:
    """The run's words up to the first one that ends a name (a trailing period or comma)."""
    words: list[str] = []
    for word in run.split():
        if word.endswith("-"):
            break  # "Sole-Wasser- und ...": half of a compound, never a name
        clean = word.rstrip(".,")
        if clean:
            words.append(clean)
        if clean != word:
            break
    return words


def contrast_subjects(
    texts: list[str],
    ordinary: Callable[[str], bool],
    finder: EntityFinder,
) -> list[str]:
    """Names the page writes as a contrast clause's subject with a figure in that clause, and
    the product on the other side of each, in page order; names the finder already finds there
    (listed names and the page's own so far) are left out."""
    opening = _opening()
    found: list[str] = []
    for text in texts:
        if not _DIGIT.search(text):
            continue
        spans: list[tuple[int, int]] | None = None
        for match in opening.finditer(text):
            words = trimmed(match.group("name"))
            maker = match.group("maker")
            if maker and _compared(maker, finder.page_names):
                continue  # "whereas A100's Ampere GA100 has 108 SMs": a model owns its part
            if not name_shaped(words, ordinary):
                continue
            name = " ".join(words)
            start = match.start("name")
            end = start + len(name)
            stop = _CLAUSE_END.search(text, end)
            clause_end = stop.start() if stop else len(text)
            if not _DIGIT.search(text, end, clause_end):
                continue  # no figure of its own: "while Windows 11 users wait"
            if spans is None:
                spans = [(m.start, m.end) for m in finder.mentions(text)]
            if _overlaps(spans, start, end) or _shortened(name, finder.page_names):
                continue  # a name the page or the gazetteer knows: its contrast is read anyway
            found.append(name)
            if text.startswith(("'s", "’s"), end):
                continue  # "whereas X's Ampere GA100 has ...": the other side is a part too
            other = _other_side(text, match.start(), clause_end, spans, ordinary)
            if other:
                found.append(other)
    return list(dict.fromkeys(found))


def _compared(maker: str, page_names: list[str]) -> bool:
    """Whether a possessive before the name is a product itself (a model number, or a word of
    the page's names: "A100's", "RINTOR's" beside "NVIDIA RINTOR"), not a maker ("SRAM's")."""
    if _DIGIT.search(maker):
        return True
    word = maker.lower()
    return any(word in n.lower().split() for n in page_names)


def _shortened(name: str, page_names: list[str]) -> bool:
    """Whether `name` is the first words, or some words, of a longer name of the page
    ("iPhone" beside "iPhone 15 Pro", "RINTOR" beside "NVIDIA RINTOR"): that product's short
    form, no product of its own."""
    head = name.lower() + " "
    words = set(name.lower().split())
    return any(n.lower().startswith(head) or (words < set(n.lower().split())) for n in page_names)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a listed name (or a word of one) lies in [start, end): found anyway."""
    return any(a < end and start < b for a, b in spans)


def _other_side(
    text: str,
    opens: int,
    closes: int,
    spans: list[tuple[int, int]],
    ordinary: Callable[[str], bool],
) -> str | None:
    """The first name-shaped subject of the same sentence outside the contrast clause [opens,
    closes) ("A typical Falcon-9 launch costs ..., whereas ...", "While ..., the Falcon-9
    can carry ..."), with a figure on its side: the product the clause is contrasted with.
    Only a clause's first words count ("this year's flagship SoC" is no subject)."""
    begin = max(text.rfind(". ", 0, opens) + 1, 0)
    end_stop = _SENTENCE_END.search(text, closes)
    finish = end_stop.start() + 1 if end_stop else len(text)
    lead = _clause_lead()
    for lo, hi in ((begin, opens), (closes, finish)):
        if not _DIGIT.search(text, lo, hi):
            continue
        starts = [lo] + [m.end() for m in _CLAUSE_START.finditer(text, lo, hi)]
        for at in starts:
            run = lead.match(text, at, hi)
            if run is None:
                continue
            words = trimmed(run.group("run"))
            if not name_shaped(words, ordinary):
                continue
            start = run.start("run")
            if _overlaps(spans, start, start + len(" ".join(words))):
                return None  # the other side names a listed product: nothing to add
            return " ".join(words)
    return None


@lru_cache(maxsize=1)
def _clause_lead() -> re.Pattern[str]:
    """A clause's subject: an optional article, maker's possessive and one lower-case word
    ("A typical Falcon-9", "the Falcon-9", "Shimano's Ultegra R8100"), then the name words."""
    articles = "|".join(re.escape(w) for w in word_list("contrast_subject_articles")) or r"(?!)"
    return re.compile(
        rf"\s*(?:(?i:{articles})\s+)?(?:[A-Z][\w-]*['’]s\s+)?(?:[a-z][\w-]*\s+)?"
        rf"(?P<run>{_TOKEN}(?:\s{_TOKEN}){{0,{_MAX_WORDS - 1}}})"
    )
