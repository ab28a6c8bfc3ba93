"""The page's own product names beside the names a gazetteer knows: a stricter test.

Why: a page comparing ten phones of which the gazetteer knows two gave the other eight's
figures to the two. Where the page names nobody, `page_products` takes any product-shaped
word; beside known names only a model's name with its number ("OnePlus 11", "Redmi Note 12
Pro", "LG G4") is added, and only where the page writes it as a subject (a heading or an
item, "the OnePlus 11", beside "vs"/"than") and never as the condition of a measurement: a
game, a benchmark or a test suite ("in Dying Light 2", "Time Spy 2 at 1440p", "benchmarks:
Forza Horizon 5, ..."). "OS: Android 13" names a version, not a compared product.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from crosscheck.common import toml_cache
from crosscheck.common.gazetteer import load_model_tiers

DATA_FILE = Path(__file__).resolve().parent / "data" / "page_products.toml"

# a word with a digit after the first word: "OnePlus 11", "LG G4", "Galaxy Z Fold 6", "Nexus 5X"
_MODEL_WORD = re.compile(r"^(?:\d{1,2}[A-Za-z]{0,2}|[A-Za-z]{1,3}\d{1,3}[A-Za-z]?)$")
# the cheap hint that a text writes such a name at all: a capitalised word (no ordinary word,
# no listed name: "Node 20", "Table 2" are a version and a caption), a space, a model number
# or a code with a digit (not a year, not a figure with its unit glued or after it)
_HINT = re.compile(
    r"\b([A-Z][\w+-]*) (?:\d{1,2}[A-Za-z]{0,2}|[A-Z]{1,3}\d{1,3}[A-Za-z]?)(?![\w.,%])"
)
# what every `_HINT` match holds, without its leading `\b`: a pattern opening with a character
# class is searched only from the positions holding one of its characters (a `\b` first is
# tried at every position), so a text without it is passed over in one quick search
_HINT_GATE = re.compile(r"[A-Z][\w+-]* [A-Z]{0,3}\d")
# the end of every `_HINT_GATE` match, opening with a plain space the engine looks for first
# (exact; cheaper than trying `[A-Z]` and its run at every capital of a text without it)
_SPACED_DIGIT = re.compile(r" [A-Z]{0,3}\d")
_RESOLUTION_AFTER = re.compile(r"\s+at\s+(?:\d{3,4}p|[2458]K)\b", re.IGNORECASE)
_SUBJECT_BEFORE = re.compile(r"(?:^|[.!?]\s+|\b(?:the|vs\.?|versus|than|against|and|or)\s+)$", re.I)


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str]]:
    """(words before a condition's name, words after one), lower case (data file)."""
    doc = toml_cache.loads(DATA_FILE.read_text(encoding="utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in doc.get(key, []))

    after = words("condition_after") | words("benchmark_nouns")
    return words("condition_before"), after


_WORD = r"(?:[A-Z][\w+-]*|[a-z]+[A-Z][\w+-]*)"
_NUMBER = r"(?:\d{1,2}[A-Za-z]{0,2}|[A-Z]{1,3}\d{1,3}[A-Za-z]?)"


@lru_cache(maxsize=1)
def _model_run() -> re.Pattern[str]:
    """One to three capitalised words, a model number, model tiers ("Redmi Note 12 Pro")."""
    tiers = "|".join(sorted((re.escape(t.capitalize()) for t in load_model_tiers()), key=len)[::-1])
    tail = rf"(?: (?:{tiers}))*" if tiers else ""
    return re.compile(
        rf"(?<![\w.+#/@'’-])({_WORD}(?: {_WORD}){{0,2}} {_NUMBER}{tail})(?![\w%@-]|[.,]\d)"
    )


def model_runs(
    texts: list[str],
    known: Callable[[str], list[tuple[int, int]]],
    ordinary: Callable[[str], bool],
    listed: bool = False,
) -> list[str]:
    """Model names with their numbers the page writes twice or more outside the names it
    knows ("OnePlus 11", "Honor 90 Lite"; "The" and other ordinary words dropped from the
    front): the candidates `beside_known` tests, read only from the texts that write one.
    With `listed`, the runs over a known name instead ("Java 21", "Node 20")."""
    counts: dict[str, int] = {}
    run = _model_run()
    for text in texts:
        if _SPACED_DIGIT.search(text) is None or _HINT_GATE.search(text) is None:
            continue  # no `_HINT` match (exact: see `_HINT_GATE`)
        if not any(not ordinary(m.group(1)) for m in _HINT.finditer(text)):
            continue
        spans: list[tuple[int, int]] | None = None
        for match in run.finditer(text):
            words = match.group(1).split(" ")
            while len(words) > 1 and ordinary(words[0]):
                words = words[1:]
            if len(words) < 2 or not model_shaped(" ".join(words)):
                continue
            spans = known(text) if spans is None else spans
            if listed != any(a < match.end(1) and match.start(1) < b for a, b in spans):
                continue  # a listed name or a word of one ("Galaxy S23 Ultra")
            name = " ".join(words)
            counts[name] = counts.get(name, 0) + 1
    return [name for name, count in counts.items() if count >= 2]


def model_shaped(name: str) -> bool:
    """A name of two words or more, a word after the first with a model number in it."""
    words = name.split(" ")
    if len(words) < 2 or not words[0][:1].isalpha():
        return False
    return any(_MODEL_WORD.match(w) for w in words[1:])


def _uses(name: str, texts: list[str]) -> list[tuple[str, int, int]]:
    """Where the texts write the name as a whole word (text, start, end)."""
    pattern = re.compile(rf"(?<![\w.+#/-]){re.escape(name)}(?![\w+#/]|[.,]\d)")
    return [(t, m.start(), m.end()) for t in texts for m in pattern.finditer(t)]


def _as_condition(text: str, start: int, end: int) -> bool:
    """'in Dying Light 2', 'Fire Strike 2 test', 'X at 1080p', 'RT benchmarks: X, Y': a use
    that names what was measured or where, not who was."""
    before, after = _words()
    prior = text[:start].split()
    if prior and prior[-1].lower() in before:
        return True
    rest = text[end:].split()
    if rest and rest[0].strip(",.;:)").lower() in after:
        return True
    if _RESOLUTION_AFTER.match(text, end):
        return True
    label, colon, _ = text[:start].rpartition(":")
    if colon and "." not in text[len(label) : start]:  # a list after a label naming tests
        return any(w.strip("*#").lower() in after for w in label.split()[-3:])
    return False


def _as_subject(text: str, start: int) -> bool:
    """A heading, an item or a sentence opened by the name, or 'the X', 'vs X', 'than X'."""
    head = text[:start]
    stripped = head.strip(" \t*#>-•–—0123456789.)(")
    return not stripped or stripped.endswith("\n") or bool(_SUBJECT_BEFORE.search(head))


def beside_known(names: list[str], texts: list[str]) -> list[str]:
    """Of the page's own names (`page_products`), those a page naming known products may add:
    shaped like a model with its number, written as a subject at least once and never as the
    condition of a measurement (see the module's docstring)."""
    kept: list[str] = []
    for name in names:
        if not model_shaped(name):
            continue
        uses = _uses(name, texts)
        if not uses or any(_as_condition(t, s, e) for t, s, e in uses):
            continue
        if any(_as_subject(t, s) for t, s, _ in uses):
            kept.append(name)
    return kept


# "Moto X Play", "Moto Z2 Play": a model code (one capital letter, perhaps digits) between a
# capitalised word and a known one-word name makes that name a word of a longer one
_CODE_THEN_WORD = re.compile(r"\b[A-Z][a-z][\w+-]* [A-Z]\d{0,2} [A-Z][a-z]+\b")
# what every `_CODE_THEN_WORD` match holds, opening with a plain space: the engine looks for
# that space first instead of trying `\b[A-Z]` at every character (exact: a text without it
# holds no match; ~2.5-4x cheaper over a page's texts, most of which fail it)
_CODE_GATE = re.compile(r" [A-Z]\d{0,2} [A-Z][a-z]")
_LONGER_BEFORE = re.compile(r"(?<![\w.+#/-])([A-Z][a-z][\w+-]* [A-Z]\d{0,2}) $")


def longer_names(texts: list[str], known: Callable[[str], list[tuple[int, int]]]) -> list[str]:
    """Names such as "Moto X Play" the page writes twice or more, whose last word alone is a
    known name ("Play"): found first, they are the longer mentions, and the known name inside
    them names nothing. `known`: where a text names a listed name (start, end)."""
    counts: dict[str, int] = {}
    for text in texts:
        if _CODE_GATE.search(text) is None or not _CODE_THEN_WORD.search(text):
            continue  # the cheap hint: no code letter between two capitalised words
        for start, end in known(text):
            word = text[start:end]
            if " " in word or not word[:1].isupper():
                continue
            lead = _LONGER_BEFORE.search(text, max(0, start - 40), start)
            if lead is not None:
                name = f"{lead.group(1)} {word}"
                counts[name] = counts.get(name, 0) + 1
    return [name for name, count in counts.items() if count >= 2]
