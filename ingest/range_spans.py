"""Join two prose figures that are the ends of one range ("240 watts to 300 watts", "100 Mb/s to
600 Mb/s", "-0.3% to -0.5%", "between 240 W and 300 W", "von 1,8 bis 2,4").
Why: the prose pattern joins a range only when its first end is bare or in a few units, so a
range whose ends both carry the same unit came out as two exact figures, each half the claim.
The words are data (data/range_spans.toml); the unit must be the same on both ends and the
range must run upward (by size for two negative ends), else the figures stay as they are.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Protocol, TypeVar

from crosscheck.common import toml_cache

__all__ = ["join_ranges"]

_DATA_FILE = Path(__file__).resolve().parent / "data" / "range_spans.toml"


class _Span(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Span)

# a figure's number and what follows it: sign, digits (thousands by ',' '.' or a space) and unit
_HEAD = re.compile(
    r"^(?P<sign>[-+−]?)(?P<num>\d(?:[\d.,\u00a0\u202f ]*\d)?)\s?(?P<unit>[^\d\s].*)?$"
)
# "from" right before the first end: a change ("from 320W to 340W"), unless a spread is meant
_RISE = re.compile(r"(?<!\w)(?<!ranging )(?<!ranges )(?<!range )(?<!anywhere )from\s$", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d$")  # "between 2019 and 2021": two years, no range


@functools.cache
def _words() -> dict[str, list[str]]:
    doc = toml_cache.loads(_DATA_FILE.read_text(encoding="utf-8"))
    return {key: [str(w) for w in value] for key, value in doc.items() if isinstance(value, list)}


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.cache
def _joiner() -> re.Pattern[str]:
    """The gap between two ends: a dash, or a joining word ("to", "bis", "a")."""
    return re.compile(rf"\s?[-–]\s?|\s(?:{_alt(_words()['joiners'])})\s", re.I)


@functools.cache
def _and() -> re.Pattern[str]:
    return re.compile(rf"\s(?:{_alt(_words()['ands'])})\s", re.I)


@functools.cache
def _opener() -> re.Pattern[str]:
    """A word opening a range right before its first end ("between", "von", "entre")."""
    return re.compile(rf"(?<![\w-])(?:{_alt(_words()['openers'])})\s$", re.I)


def _value(text: str) -> tuple[float, str] | None:
    """The number of a figure's text and its unit as written (lower case, spaces dropped); None
    when the number's separators are ambiguous or it carries a scale or a prefix."""
    head = _HEAD.match(text)
    if head is None:
        return None
    num = re.sub(r"[\u00a0\u202f ]", "", head.group("num"))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", num):
        value = float(num.replace(",", ""))
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+", num):
        value = float(num.replace(".", "").replace(",", "."))
    else:
        return None
    sign = -1.0 if head.group("sign") in ("-", "−") else 1.0
    unit = re.sub(r"\s", "", head.group("unit") or "").lower()
    return sign * value, unit


def _upward(low: float, high: float) -> bool:
    """A range runs upward, or by size when both ends are negative ("-0.3% to -0.5%")."""
    if low < 0 and high < 0:
        return abs(low) < abs(high)
    return low < high


def _joined(text: str, first: _Span, second: _Span) -> int | None:
    """Where the range of `first` and `second` starts in `text`, or None when they are two
    figures."""
    if not 0 < second.start - first.end <= 5:
        return None
    a, b = _value(first.text), _value(second.text)
    if a is None or b is None or not _upward(a[0], b[0]):
        return None
    gap = text[first.end : second.start]
    opener = _opener().search(text, max(0, first.start - 12), first.start)
    if a[1] != b[1]:
        return _unit_on_second(text, first, gap, opener, a[1], b[1])
    if _and().fullmatch(gap):  # "between 240 W and 300 W": only after an opening word
        return opener.start() if opener and not _YEAR.match(first.text) else None
    if not _joiner().fullmatch(gap):
        return None
    if not a[1] and (opener is None or gap.strip() in ("-", "–") or _YEAR.match(first.text)):
        return None  # bare ends: "von 1,8 bis 2,4" only; "2 to 5" the prose pattern joins
    if _RISE.search(text, max(0, first.start - 30), first.start):
        return None  # "going from 320W to 340W": a change, the before and the after
    return first.start


def _unit_on_second(
    text: str, first: _Span, gap: str, opener: re.Match[str] | None, unit_a: str, unit_b: str
) -> int | None:
    """Where a range whose unit is written once, after its second end, starts ("455 bis 1330
    Euro", "3 à 5 fois", "zwischen 1,0 und 1,1 Kilowattstunden"), or None. quants28: the dash
    and "to" forms are the prose pattern's; a joining word of another language left the first
    end a bare count. Only a bare first end, a word gap ("and" after an opening word only),
    never two years nor a change "from" one to the other."""
    if unit_a or not unit_b or _YEAR.match(first.text) or not _SPACED_WORD.fullmatch(gap):
        return None
    if _and().fullmatch(gap):
        return opener.start() if opener else None
    if not _joiner().fullmatch(gap) or _RISE.search(text, max(0, first.start - 30), first.start):
        return None
    return opener.start() if opener else first.start


_SPACED_WORD = re.compile(r"\s[^\W\d_]+\s")


def join_ranges(text: str, spans: list[S], make: type[S]) -> list[S]:
    """`spans` with each pair of neighbours that are the ends of one range made one span."""
    if len(spans) < 2:
        return spans
    out: list[S] = []
    i = 0
    while i < len(spans):
        if i + 1 < len(spans):
            start = _joined(text, spans[i], spans[i + 1])
            if start is not None:
                end = spans[i + 1].end
                out.append(make(text[start:end], start, end))  # type: ignore[call-arg]
                i += 2
                continue
        out.append(spans[i])
        i += 1
    return out
