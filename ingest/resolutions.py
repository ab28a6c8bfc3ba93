"""Resolutions written 'W x H' ('1179 x 2556', '2556×1179 pixels') → two pixel counts; video
modes ('4K/60p', '8K30', '1080p FullHD @ 120p') → no figure.

Why: read whole, '1179 x 2556' looked like a ratio ('1179x') with a note, and two pages writing
the same screen in the other order ('2556 x 1179') would disagree. A resolution is a pair of
pixel counts: each side becomes its own count, labelled the long or the short side, whichever
order the page writes. Taken only where the label says resolution or the pair ends in a pixel
unit (data/resolutions.toml), and both sides are whole numbers of 240 or more; a bare
'1920 x 1080' under another label is left as written (it may be a product of other things).
A video mode is a recording setting, a resolution's name with a frame rate: read as figures it
gave '4K' as 4,000 and '60p' a count, and two cameras with the same mode looked like a unit
error; a cell holding one gives no figure.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from crosscheck.common import toml_cache

DATA_FILE = Path(__file__).parent / "data" / "resolutions.toml"
_MIN_SIDE = 240  # '320 x 240' is the smallest screen a spec table lists; '2 x 16' is no screen


@functools.cache
def _data() -> tuple[re.Pattern[str], tuple[str, ...]]:
    doc = toml_cache.loads(DATA_FILE.read_text(encoding="utf-8"))
    units = sorted((str(u) for u in doc.get("units", [])), key=len, reverse=True)
    pair = re.compile(
        r"^\s*(?P<a>\d{1,3}(?:,\d{3})*|\d+)\s?[x×]\s?(?P<b>\d{1,3}(?:,\d{3})*|\d+)"
        rf"(?:\s?(?P<unit>{'|'.join(re.escape(u) for u in units)}))?\s*$",
        re.IGNORECASE,
    )
    return pair, tuple(str(w).lower() for w in doc.get("labels", []))


def resolution_sides(value: str, label: str) -> list[tuple[str, str]] | None:
    """(raw, label) of the long and the short side of a 'W x H' resolution cell, or None when
    the cell is no resolution (callers test for 'x'/'×' first)."""
    pair, words = _data()
    found = pair.match(value)
    if found is None:
        return None
    a, b = found.group("a"), found.group("b")
    sides = int(a.replace(",", "")), int(b.replace(",", ""))
    named = any(w in label.lower() for w in words)
    if not (named or found.group("unit")) or min(sides) < _MIN_SIDE:
        return None
    long_raw, short_raw = (a, b) if sides[0] >= sides[1] else (b, a)
    return [(long_raw, f"{label}, long side"), (short_raw, f"{label}, short side")]


@functools.cache
def _mode() -> str:
    """The pattern of one video mode from the data file, maybe with a note in parentheses."""
    doc = toml_cache.loads(DATA_FILE.read_text(encoding="utf-8"))

    def alt(key: str) -> str:
        words = sorted((str(w) for w in doc.get(key, [])), key=len, reverse=True)
        return "|".join(re.escape(w).replace(r"\ ", r"\s?") for w in words)

    joiners = "|".join(rf"\s*{re.escape(str(j))}\s*" for j in doc.get("video_joiners", []))
    return (
        rf"(?:{alt('video_resolutions')})(?:\s+(?:{alt('video_resolution_words')}))?"
        rf"(?:{joiners}|\s?)\d{{2,3}}(?:\.\d{{1,3}})?\s?(?:{alt('video_rate_units')})?"
        r"(?![\w.])(?:\s*\([^()]*\))?"
    )


@functools.cache
def _video_mode() -> re.Pattern[str]:
    """A cell of video modes only (a cell may list several: '4K/60p, 4K/30p')."""
    mode = _mode()
    return re.compile(rf"^\s*{mode}(?:\s*(?:,|;|\band\b)\s*{mode})*\s*$", re.IGNORECASE)


def is_video_mode(text: str) -> bool:
    """Whether a cell is a video mode ('4K/60p (uncropped)', '8K30', '1080p FullHD @ 120p'):
    a recording setting, no figure."""
    if len(text) > 64 or not any(c.isdigit() for c in text):
        return False
    return _video_mode().match(text) is not None


@functools.cache
def _mode_start() -> re.Pattern[str]:
    return re.compile(_mode(), re.IGNORECASE)


def starts_video_mode(text: str) -> bool:
    """Whether `text` (a figure and the words after it) opens with a video mode: '4K @ 60p',
    '4K 60fps video' are a recording setting, the '4K' no figure."""
    return _mode_start().match(text) is not None
