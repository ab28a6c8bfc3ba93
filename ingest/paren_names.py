"""Model names written right before their figure in parentheses: "die Miele W 5861 WPS (1.200
Euro)", "el BMW iX xDrive50 (630 km)", "the RTX 4090 (450 W)".

Why: consumer tests and rankings in any language name each model once, its price or range in
parentheses after it; no gazetteer lists the models and none is repeated, so the page-structure
finder (ingest.page_products) never takes them, and their trailing codes ("WPS", "14Y54D") are
cut. A run of capitalised words and model codes with at least one code in it, directly before a
parenthesised figure with a unit or currency, is a model's name, however often it is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

from crosscheck.ingest.lexicon import trie_pattern, word_list

from crosscheck.common import toml_cache

__all__ = ["model_noun_names", "paren_names"]

DATA_FILE = Path(__file__).resolve().parent / "data" / "page_products.toml"

# '(1.200 Euro)', '(652 km)', '(580km)', '($450)', '(~1,2 s)': one figure and its unit only
_PAREN_FIGURE = re.compile(
    r"\(\s*(?:ca\.\s*|~\s*)?[$€£]?\s?\d[\d.,]*\s?(?:[^\W\d_]{1,6}\.?|[$€£%])\s*\)"
)
# a word of a model's name: capitalised ('Miele', 'Autonomía'), camel ('iX', 'xDrive50'), a code
# ('14Y54D', 'NA-148VG4WDE', '5861', '450+')
_WORD = re.compile(r"^(?:[^\W\d_][\w.+-]*|\d[\w.+-]*)$")
_CODE = re.compile(r"\d|^[^\W\d_]*[A-Z][^\W\d_]*[A-Z]|^[a-z]+[A-Z]|^[A-Z]$")
_MAX_WORDS = 6
_HEAD_CHARS = 200  # a run of six name words fits in it
_FIGURE = r"(?:ca\.\s*|~\s*)?[$€£]?\s?\d[\d.,]*\s?(?:[^\W\d_]{1,6}\.?|[$€£%])(?![\w])"


@lru_cache(maxsize=1)
def _linked() -> re.Pattern[str]:
    """' mit 1080 Euro', ' für 350 Euro', ' con 652 km': a link word, then the figure (the
    match starts at the space before the word)."""
    doc = toml_cache.loads(DATA_FILE.read_text(encoding="utf-8"))
    words = sorted((str(w) for w in doc.get("figure_links", [])), key=len, reverse=True)
    if not words:
        return re.compile(r"(?!)")
    # the space before the link word is matched, not looked behind at every character (a
    # figure never ends in a space, so the matches are the same, one character earlier)
    return re.compile(rf" (?:{'|'.join(map(re.escape, words))}) {_FIGURE}")


def _name_before(text: str, at: int) -> str | None:
    """The run of name words ending right before `at` (one space before the parenthesis)."""
    head = text[:at]
    if not head.endswith(" ") or head.endswith("  "):
        return None
    words = head[:-1].split(" ")
    run: list[str] = []
    for word in reversed(words):
        if not word or not _WORD.match(word) or not (word[0].isupper() or _CODE.search(word)):
            break
        if word[0].islower() and not _CODE.search(word):
            break
        run.insert(0, word)
        if len(run) == _MAX_WORDS:
            break
    while run and not (run[0][0].isupper() or run[0][0].isdigit() or _CODE.search(run[0])):
        run = run[1:]
    if len(run) < 2 or run[0][0].isdigit():
        return None
    if not any(_CODE.search(w) for w in run[1:]):
        return None  # "Die Kosten (540 Euro)": capitalised nouns, no model code
    return " ".join(run)


def paren_names(texts: list[str], ordinary: Callable[[str], bool] | None = None) -> list[str]:
    """Model names standing right before a parenthesised figure, in page order. Leading
    words `ordinary` refuses ('Before', 'Februar', 'Test': a sentence's or a date's words, no
    model's) are dropped; what is left must still be a name of two words or more ("Before
    GitHub (322 points)" is a story's title and its score). The page is scanned as one text
    (one pass of each pattern, not one per line); a name never runs over a line break."""
    joined = "\n".join(texts)
    starts = [m.start() for m in _PAREN_FIGURE.finditer(joined)]
    starts += [m.start() + 1 for m in _linked().finditer(joined)]
    found: dict[str, None] = {}
    for start in sorted(starts):
        low = max(joined.rfind("\n", 0, start) + 1, start - _HEAD_CHARS)
        name = _name_before(joined[low:start], start - low)
        if name is None:
            continue
        words = name.split(" ")
        while words and ordinary is not None and ordinary(words[0]):
            words = words[1:]
        if len(words) >= 2 and any(_CODE.search(w) for w in words[1:]):
            found.setdefault(" ".join(words), None)
    return list(found)


# a run of capitalised words and codes, at most five ("EQS 450+", "Navi-Bot VR10F71")
_RUN = r"[A-Z][\w.+-]*(?:[^\S\n](?:[A-Z][\w.+-]*|\d[\w.+-]*)){0,4}"
_YEAR_END = re.compile(r"\s(?:19|20)\d\d$")
_NAME_BEFORE = re.compile(r"[A-Z][\w.+-]*[^\S\n]$")  # "Tesla Model 3": the noun is the name's


@lru_cache(maxsize=1)
def _after_model_noun() -> re.Pattern[str]:
    """'el modelo EQS 450+', 'the model X1 Carbon', 'das Modell WM14': a model noun, then the
    model's name (the nouns: prose.toml's model_nouns, any case)."""
    nouns = sorted({w.lower() for w in word_list("model_nouns")}, key=len, reverse=True)
    words = "|".join(re.escape(w) for w in nouns)
    return re.compile(rf"(?<![\w])(?i:{words})[^\S\n]+(?P<name>{_RUN})(?![\w+])")


@lru_cache(maxsize=1)
def _model_nouns() -> tuple[str, ...]:
    return tuple(sorted({w.lower() for w in word_list("model_nouns")}))


@lru_cache(maxsize=1)
def _any_noun() -> re.Pattern[str]:
    """Any model noun in a lower-cased text: one pass where a test per noun took one each."""
    # speed28: one prefix-factored trie (the same nouns: only whether one stands is asked)
    return re.compile(trie_pattern(list(_model_nouns())) if _model_nouns() else r"(?!)")


@lru_cache(maxsize=1)
def _ascii_folds_alike() -> bool:
    """Whether, in an ASCII text, a model noun matches case-insensitively exactly where the
    lower-cased text holds it: no noun character is a case variant of an ASCII letter other
    than its own (the Kelvin sign matches "k", a long s "s")."""
    letters = [chr(c) for c in range(128) if chr(c).isalpha()]
    for ch in {ch for noun in _model_nouns() for ch in noun}:
        pattern = re.compile(re.escape(ch), re.IGNORECASE)
        if any(pattern.fullmatch(a) and a.lower() != ch for a in letters):
            return False
    return True


def _noun_matches(joined: str, lower: str) -> Iterator[re.Match[str]]:
    """`_after_model_noun().finditer(joined)`; on an ASCII page tried only where a noun
    stands in `lower` (its lower-cased copy): a few positions, not every character."""
    pattern = _after_model_noun()
    if not (joined.isascii() and _ascii_folds_alike()):
        yield from pattern.finditer(joined)
        return
    starts: set[int] = set()
    for noun in _model_nouns():
        at = lower.find(noun)
        while at >= 0:
            starts.add(at)
            at = lower.find(noun, at + 1)
    end = 0
    for at in sorted(starts):
        if at < end:
            continue  # inside the last match, as a scan from its end skips it
        match = pattern.match(joined, at)
        if match is not None:
            yield match
            end = match.end()


def model_noun_names(texts: list[str]) -> list[str]:
    """Names written right after a model noun, in page order: "concretamente el modelo EQS
    450+, es el que ofrece ... 741 km" names its car once, after the noun, where no gazetteer
    knows it. Only a run with a model code in it (a number or a capitalised code), so "the
    model Ultra" (a tier, ingest.entities) and "the model itself" are none."""
    joined = "\n".join(texts)
    lower = joined.lower()
    if _any_noun().search(lower) is None:
        return []  # the cheap gate: most pages write no model noun
    found: dict[str, None] = {}
    for match in _noun_matches(joined, lower):
        if _NAME_BEFORE.search(joined, max(0, match.start() - 30), match.start()):
            continue
        name = _YEAR_END.sub("", match.group("name").rstrip(".,;:"))
        words = name.split(" ")
        if any(_CODE.search(w) for w in words) and any(ch.isdigit() for ch in name):
            found.setdefault(name, None)
    return list(found)
