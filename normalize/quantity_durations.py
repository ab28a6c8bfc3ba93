"""A duration written in falling units read as one figure in seconds: "8 h 21 min", "1 hr, 5
min", "2 Stunden 20 Minuten", "1 heure et 17 minutes", "1h17", "8分4秒", maybe after a bound
word ("about 8 h 30 min" → "about 30600 s").

Why: read part by part, such a duration is its first or last part. Each part's unit is any
spelling the unit table knows as a time (units.toml), so a language's hour and minute words
are data, as are the words joining the parts (units.toml [duration_joins]).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from crosscheck.normalize.unit_table import unit_table
from crosscheck.normalize.vocabulary_io import packaged_data

from crosscheck.common import toml_cache

__all__ = ["compound_seconds"]


def _joins() -> str:
    doc = toml_cache.loads(packaged_data("units.toml").read_text(encoding="utf-8"))
    words = doc.get("duration_joins", {}).get("words", [])
    return "|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True)) or "(?!x)x"


# one part: a number, its unit word (an abbreviation's dot kept), then what joins the next
_PART = re.compile(
    rf"([0-9]+(?:\.[0-9]+)?)\s*([^\W\d_]+\.?)(?:\s*,\s*|\s+(?:{_joins()})\s+|\s*)", re.I
)
_LEAD = re.compile(r"[^\d]*?(?=\d)")
_TRAIL_MINUTES = re.compile(r"[0-5][0-9]")  # "1h17": minutes after a short "h", no unit
# the one-letter and CJK parts the unit table reads otherwise ("m" is a metre there)
_SIZES = {"h": 3600, "m": 60, "s": 1, "時間": 3600, "小时": 3600, "小時": 3600, "分": 60, "秒": 1}
_TWO_NUMBERS = re.compile(r"[0-9][^0-9]+[0-9]")


def _size(unit: str) -> Decimal | None:
    """Seconds in one `unit` of a duration's part, None when it is not a time."""
    known = _SIZES.get(unit.lower())
    if known is not None:
        return Decimal(known)
    found = unit_table().lookup(unit) or unit_table().lookup(unit.rstrip("."))
    if found is None or found[0] != "time":
        return None
    return Decimal(str(found[1]))


def compound_seconds(value: str) -> str | None:
    """ "about 8 h 30 min" → "about 30600 s": the parts in strictly falling order of size,
    summed exactly; None when `value` is not such a duration."""
    if not _TWO_NUMBERS.search(value):
        return None
    lead = _LEAD.match(value)
    if lead is None or (lead.group() and not lead.group().endswith((" ", "~"))):
        return None
    pos, total, last, parts, unit = lead.end(), Decimal(0), None, 0, ""
    while pos < len(value):
        part = _PART.match(value, pos)
        if part is None:
            if unit == "h" and parts == 1 and _TRAIL_MINUTES.fullmatch(value, pos):
                return f"{lead.group()}{total + Decimal(value[pos:]) * 60} s"
            return None
        unit = part.group(2).lower()
        size = _size(unit)
        if size is None or (last is not None and size >= last):
            return None
        try:
            total += Decimal(part.group(1)) * size
        except InvalidOperation:
            return None
        last, parts, pos = size, parts + 1, part.end()
    if parts < 2:
        return None
    return f"{lead.group()}{format(total.normalize(), 'f')} s"
