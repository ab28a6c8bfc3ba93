"""A paragraph cut into its sentences, each with its start offset.

Why: figures are read and attributed sentence by sentence; where a sentence ends (a capital
after a stop, never a decimal point or "approx.", a lower-case product's name) is a question
of its own, apart from finding the figures (ingest.spans).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from crosscheck.ingest.lexicon import alternation, word_list

# a capital opens the next sentence: Latin-1's accented ones too ("... constructeur. À titre de
# comparaison"), Greek and Cyrillic
_CAPITALS = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0391-\u03a9\u0410-\u042f"
# "approx." shortens a word before a number: no sentence ends there ("up to 5.9 Gbps (approx.
# 600 Mbps)"). ("ca." was left out: a German page's "ca. 769 Euro" then became a price figure.)
_SENTENCE_END = re.compile(rf"(?<=[.!?])(?<![Aa]pprox\.)\s+(?=[{_CAPITALS}0-9\"'(])")


# "am 2. Februar 2022", "le 1. mai": the stop of a day's ordinal before a month's name ends no
# sentence (month names: `date_months` of ingest/data/prose.toml)
_DAY_STOP = re.compile(r"(?<![\d.])\d{1,2}\.$")
_MONTH_NEXT = re.compile(rf"(?:{alternation(word_list('date_months'))})", re.IGNORECASE)
_LOWER_START = re.compile(r"(?<=[.!?])\s+(?=[a-z])")
_FIRST_WORD = re.compile(r"[\w./+#-]*\w")


def split_sentences(text: str, names: Iterable[str] = ()) -> list[tuple[int, str]]:
    """Sentences of a paragraph with their start offsets (a decimal point never splits). A
    lower-case word opens a sentence only when it is one of `names`, a product written in
    lower case ("htmx", "web2py", "net/http"): "e.g. this" stays one sentence."""
    out: list[tuple[int, str]] = []
    pos = 0
    ends = [
        m
        for m in _SENTENCE_END.finditer(text)
        if not (
            text[m.start() - 2 : m.start() - 1].isdigit()  # cheap: a digit before the stop
            and _DAY_STOP.search(text, max(0, m.start() - 3), m.start())
            and _MONTH_NEXT.match(text, m.end())
        )
    ]
    lowered = {n.lower() for n in names if n[:1].islower()}
    if lowered:
        for match in _LOWER_START.finditer(text):
            word = _FIRST_WORD.match(text, match.end())
            if word and word.group().lower().removesuffix("'s") in lowered:
                ends.append(match)
        ends.sort(key=lambda m: m.start())
    for match in ends:
        out.append((pos, text[pos : match.start()]))
        pos = match.end()
    out.append((pos, text[pos:]))
    return [(start, s) for start, s in out if s.strip()]
