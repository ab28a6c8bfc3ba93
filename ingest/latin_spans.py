"""Latin-script figures the digit scanner cuts short: a duration written in falling units
("2 Stunden 20 Minuten", "1 heure et 17 minutes", "1h17", "4h 12m") and a bound word of another
language before a figure ("bis zu 30 Stunden", "jusqu'à 2 h", "d'au moins 80").

Why: the scanner of ingest.spans reads one number and its unit, so a duration of hours and
minutes came out as its last part (17 min) or as a bare count, and a bound word it did not
know was left out of the figure, which then read as exact. The unit, join and bound words are
data (ingest/data/prose.toml, number_words.toml worded_bounds); normalize sums the parts
(normalize/quantity_durations.py) and reads the bound (units.toml [bound_words]).
"""

from __future__ import annotations

import re
from pathlib import Path

from crosscheck.ingest.lexicon import alternation, word_list

from crosscheck.common import toml_cache

__all__ = ["LATIN_BOUND", "compound_durations"]

_NUMBER_WORDS = Path(__file__).resolve().parent / "data" / "number_words.toml"


def _bound_words() -> list[str]:
    """Bound words of other languages: number_words.toml's worded_bounds and prose.toml's."""
    doc = toml_cache.loads(_NUMBER_WORDS.read_text(encoding="utf-8"))
    return [*(str(w) for w in doc.get("worded_bounds", [])), *word_list("figure_bound_leads")]


# a bound word of another language opening a figure ("bis zu ", "jusqu'à ", "ca. "): spans.py
# puts it inside the prose figure's text
LATIN_BOUND = rf"(?:(?i:{alternation(_bound_words())})\s)"


def _units(key: str) -> str:
    """A unit word list as a case-insensitive alternation, longest first; a glued "1h" is
    allowed (no word boundary before), a letter after is not."""
    words = sorted({w.lower() for w in word_list(key)}, key=len, reverse=True)
    return "(?i:" + "|".join(re.escape(w) for w in words) + r")(?![^\W\d_])"


_NUM = r"\d{1,4}(?:[.,]\d+)?"
_HOURS = rf"{_NUM}\s?{_units('duration_hour_words')}"
_MINUTES = rf"{_NUM}\s?{_units('duration_minute_words')}"
_SECONDS = rf"{_NUM}\s?{_units('duration_second_words')}"
# "8 hours and 21 minutes", "1 heure et 17 minutes", "1 hr, 5 min", glued "1h30min"
_JOIN = rf"(?:,?\s(?:(?i:{'|'.join(map(re.escape, word_list('duration_joins')))})\s)?|(?<=h))"
_ENGLISH_BOUND = r"(?:~\s?|≈\s?|(?:about|around|roughly|nearly|almost|over|under)\s)"
_DURATION = re.compile(
    rf"(?<![\w.,/#-])(?:{_ENGLISH_BOUND}|{LATIN_BOUND})?"
    rf"(?:{_HOURS}{_JOIN}{_MINUTES}(?:{_JOIN}{_SECONDS})?|{_MINUTES}{_JOIN}{_SECONDS}"
    # "1h17", "2 h 30": minutes after a short "h", without their unit
    r"|\d{1,2}\s?h\s?[0-5]\d(?![\w:/]|[.,]\d))(?![\w/])"
)
# what every compound duration holds: a digit, a unit's first letters, a digit soon after
_STEMS = sorted(
    {w[:3].lower() for k in ("duration_hour_words", "duration_minute_words") for w in word_list(k)}
)
_HINT = re.compile(rf"(?i:\d\s?(?:{'|'.join(map(re.escape, _STEMS))})[^\d]{{0,12}}\d)")


def compound_durations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each duration written in falling units, left to right."""
    if not _HINT.search(text):
        return []
    # "1 Std. 45 Min.": the last abbreviation's dot ends the sentence too, it is left out
    return [(m.start(), m.end() - m.group().endswith(".")) for m in _DURATION.finditer(text)]
