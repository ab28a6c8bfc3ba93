"""The subject a clause opens with, when the page's names do not cover it: "Yahoo Mail still
advertises 1 TB", "; Microsoft 365 Basic raises the cap to 100 GB", "CyberPower lists ~5.9 min".

Why: a careful reader gives a clause's figures to the name that is the clause's subject, in
any language, whether or not any list knows that name. Where the page's names did not cover
it, the figure went to the subject a sentence before had named (another product) or to the
page's first name. A run of name words (capitalised words, a camel-case word, a model code)
right at a clause's opening (the sentence's start or a clause break: prose.toml
clause_breaks), then a lower-case word (its verb), is such a subject; it joins the sentence's
names, so the one attribution walk (ingest.attribution) reads it like any other. A single
plain capitalised word ("Drohne", "Google") is no name here: it must be name-shaped
('CyberPower', 'SU3000RTXL3U'), or two name words none of which is an ordinary word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from crosscheck.ingest.attribution import Named, ProseState, paren_close
from crosscheck.ingest.contrast_subjects import name_shaped, trimmed
from crosscheck.ingest.entities import Mention, PhraseMention
from crosscheck.ingest.lexicon import alternation, word_list
from crosscheck.ingest.page_product_words import ordinary_word

__all__ = ["with_clause_subjects"]

_MAX_WORDS = 6
# a word of a name: capitalised ('Yahoo'), camel ('iCloud'), a code with a digit ('A3', '365')
_TOKEN = r"(?:[A-Z][\w.+-]*|[a-z]+[A-Z][\w.+-]*|\d+[A-Za-z]*[\w.+-]*)"
_DIGIT = re.compile(r"\d")
# a number and a unit word in the run: a measurement ("160 MHz", "300+ FPS", "4 TB")
_MEASURE = re.compile(
    r"(?<![\w.])\d[\d.,]*\+?\s(?:FPS|[kKMGT]i?B|[kKMG]?Hz|[KMGT]B/s|[MG]bps|mAh|W|MP|nits|ms)(?!\w)"
)


@lru_cache(maxsize=1)
def _openers() -> frozenset[str]:
    """Capitalised sentence adverbs no subject starts with (prose.toml clause_openers)."""
    return frozenset(word_list("clause_openers"))


@lru_cache(maxsize=1)
def _source_verb() -> re.Pattern[str]:
    """A verb after the run that makes it a statement's source (prose.toml source_verbs)."""
    return re.compile(rf"\s+(?:{alternation(word_list('source_verbs'))})", re.IGNORECASE)


@lru_cache(maxsize=1)
def _opening() -> re.Pattern[str]:
    """An optional article and maker's possessive ("Tripp Lite UPS’s"), then the run of name
    words, perhaps an aside in parentheses, then a lower-case word (the clause's verb: the run
    is its subject, not a heading or a label)."""
    articles = "|".join(re.escape(w) for w in word_list("contrast_subject_articles")) or r"(?!)"
    return re.compile(
        rf"\s*(?:(?i:{articles})\s+)?"
        r"(?:(?P<maker>(?:[A-Z][\w.-]*\s){0,2}[A-Z][\w.-]*)['’]s\s+)?"
        r"(?P<run>[A-Z][\w.+-]*|[a-z]+[A-Z][\w.+-]*)"
        rf"(?P<more>(?:[ ]{_TOKEN}){{0,{_MAX_WORDS - 1}}})"
        r"(?=(?:\s\([^()]{1,40}\))?\s+[a-zäöüéèàáíóú])"
    )


def clause_subjects(
    text: str,
    clause_starts: list[int],
    known: list[tuple[int, int]],
    ordinary: Callable[[str], bool],
) -> list[tuple[int, int, str]]:
    """(start, end, name) of the name-shaped subjects opening the clauses at `clause_starts`
    that no known name (`known` spans) covers, with a figure (a digit) later in the clause."""
    opening = _opening()
    found: list[tuple[int, int, str]] = []
    for nth, at in enumerate(clause_starts):
        match = opening.match(text, at)
        if match is None:
            continue
        maker = match.group("maker")
        if maker and _DIGIT.search(maker):
            continue  # "The H100’s Hopper GPU is ...": a product's part, no product
        words = trimmed(match.group("run") + match.group("more"))
        if words and words[0] in _openers():
            words = words[1:]  # "Then X arrived": the sentence's adverb, then its subject
        if words and ordinary(words[0]):
            continue  # "Most engineers", "With PCIe 4.0 x4": a sentence's words, no subject
        if not _a_name(words, ordinary):
            continue
        name = " ".join(words)
        end = match.end()
        start = end - len(name)
        if text[start:end] != name:
            continue  # a trailing mark trimmed off ("Mail,"): the run is no subject
        if any(a < end and start < b for a, b in known):
            continue  # a name the page knows: read as it is
        if _MEASURE.search(name):
            continue  # "Using 160 MHz channels", "Expect 300+ FPS": a figure, no name
        if _source_verb().match(text, end):
            continue  # "NVIDIA reports X delivers 9x": the statement's source, not its owner
        stop = clause_starts[nth + 1] if nth + 1 < len(clause_starts) else len(text)
        if _DIGIT.search(text, end, stop):
            found.append((start, end, name))
    return found


def _a_name(words: list[str], ordinary: Callable[[str], bool]) -> bool:
    """Name-shaped ('CyberPower', 'Dreame A3'), or two or more name words none of them an
    ordinary word ('Yahoo Mail')."""
    if not words:
        return False
    if name_shaped(words, ordinary):
        return True
    return len(words) >= 2 and all(w[:1].isupper() and not ordinary(w) for w in words)


_LONG_WORD = re.compile(r"[^\W\d_][\w’'-]{3,}")


def _title_case(text: str) -> bool:
    """A heading written in title case ("Why 15 Minutes at Half Load Is Not Half"): every
    word capitalised, so no run of them is a subject."""
    words = _LONG_WORD.findall(text)
    upper = sum(1 for w in words if w[0].isupper())
    return len(words) >= 3 and upper * 10 >= len(words) * 6


def with_clause_subjects(
    text: str, block: str, names: list[Named], every: list[Mention], state: ProseState
) -> tuple[list[Named], list[Mention]]:
    """`names` and `every` (the sentence's mentions) with the clauses' unknown subjects as
    mentions of themselves (new lists when any is found; `names` is the sentence's memo and
    is never changed). Only where the paragraph (`block`) writes a known name as a clause's
    subject too: another product in that place is its sibling ("Outlook.com gives 15 GB;
    Microsoft 365 Basic raises the cap to 100 GB"), where a maker, a tool or a person writing
    alone is no compared product. Not on a page whose title narrows the owners, nor on one
    about a single subject (the title's, or the owner of a page naming none)."""
    if state.focus or (len(state.titled) == 1 and state.titled == state.compared):
        return names, every
    if state.subject_memo.get(block) is False or not _DIGIT.search(text):
        return names, every  # a paragraph read before without a known subject
    starts = [0] + [m.end() for m in state.lex.clause_break.finditer(text)]
    spans = [(m.start, m.end) for m in every] + [(n.mention.start, n.mention.end) for n in names]
    found = clause_subjects(text, starts, spans, ordinary_word)
    if not found or _title_case(text) or not _known_subject(block, state):
        return names, every
    mentions = [PhraseMention(start, end, name, name) for start, end, name in found]
    extra = [Named(m, False, paren_close(text, m.start), False) for m in mentions]
    by_start = sorted([*names, *extra], key=lambda n: n.mention.start)
    return by_start, sorted([*every, *mentions], key=lambda m: m.start)


# what may stand between a clause's opening and its subject: nothing, or an article
_SUBJECT_HEAD = re.compile(
    r"(?:^|[.!?;:—–]\s*|,\s+(?:while|whereas|but|and)\s+|\s(?:while|whereas|but)\s+)"
    r"(?:(?:the|a|an|der|die|das|le|la|el|il)\s+)?$",
    re.IGNORECASE,
)


def _known_subject(block: str, state: ProseState) -> bool:
    """Whether the paragraph writes a name the page knows as the subject of a clause."""
    found = state.subject_memo.get(block)
    if found is None:
        found = state.subject_memo[block] = any(
            _SUBJECT_HEAD.search(block, max(0, m.start - 12), m.start)
            for m in state.finder.mentions(block)
        )
    return found
