"""Text shapes around a quantity: a clock-shaped duration, a size's sides, a bare version or
year, and the text form of an interval (format_interval) that the parser reads back.

Why: split from normalize/quantity.py (kept under 400 lines); these helpers read or write a
figure's text and hold no parsing state.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from crosscheck.normalize.units import HintInfo, format_version

from crosscheck.contracts import BoundKind

if TYPE_CHECKING:
    from crosscheck.normalize.quantity import ParsedQuantity
    from crosscheck.normalize.quantity_lex import Scan

__all__ = [
    "COLON_RATIO",
    "UNIT_BOUNDS",
    "bare_version",
    "clock_seconds",
    "format_interval",
    "is_year",
    "needs_full_read",
    "side_of_size",
]


# a range whose bounds each carry a unit, the units differing ('32 KB to 2 MB')
UNIT_BOUNDS = re.compile(
    r"^\s*(?P<a>[-+]?\d[\d.,]*\s?(?P<ua>[A-Za-z][A-Za-z/]*))\s*(?:-|–|to)\s*"
    r"(?P<b>\d[\d.,]*\s?(?!(?P=ua)$)[A-Za-z][A-Za-z/]*)\s*$"
)
# 'N:1' ('10 000:1', '4444:1'): a ratio to one; a clock's minutes are always two digits
COLON_RATIO = re.compile(r"^\s*(?P<n>[~≈]?\d[\d.,\u00a0\u202f ]*?)\s?:\s?1\s*$")


def needs_full_read(text: str) -> bool:
    """Whether a value's shape is read by :func:`normalize.quantity.parse_quantity` before any
    scan ('32 KB to 2 MB', '10 000:1'): a shape template would skip that step."""
    return bool(UNIT_BOUNDS.match(text) or (":" in text and COLON_RATIO.match(text)))


# '11:00', '10:20' in a column headed 'runtime (hours)': hours and minutes of a duration
_CLOCK = re.compile(r"^\s*([0-9]{1,3}):([0-5][0-9])\s*$")


def clock_seconds(text: str, hint: HintInfo) -> str | None:
    """A clock-shaped duration under an hours or minutes header, as seconds ('11:00' under
    'runtime (hours)' → '39600 s'); None for any other text or hint ('16:9' stays a ratio)."""
    unit = hint.unit
    if unit is None or unit.dimension != "time" or unit.factor not in (3600.0, 60.0):
        return None
    found = _CLOCK.match(text)
    if found is None:
        return None
    whole, part = int(found.group(1)), int(found.group(2))
    return f"{whole * unit.factor + part * unit.factor / 60:g} s"


# "134.1 × 100.5 × 67.5 mm": a size, its sides joined by x/× and one unit at the end. Ingest
# gives each side a figure whose text runs from that side to the unit; the figure is the first
# side in that unit, never a ratio "134.1x" (a unit that is no length leaves the text alone).
_SIZE = re.compile(
    r"^\s*(?P<first>\d+(?:[.,]\d+)?)(?:\s?[x×]\s?\d+(?:[.,]\d+)?){1,2}\s?(?P<unit>[^\W\d]{1,6}|\")\s*$"
)


def side_of_size(text: str) -> tuple[str, str] | None:
    """("134.1 mm", "side of a size: 134.1 × 100.5 × 67.5 mm") for a size's text; None else."""
    found = _SIZE.match(text)
    if found is None:
        return None
    unit = "inch" if found.group("unit") == '"' else found.group("unit")
    return f"{found.group('first')} {unit}", f"side of a size: {text.strip()}"


def bare_version(numbers: list[tuple[str, str]], scan: Scan, hint: HintInfo) -> bool:
    """A lone "3.6+" with no unit and no usable hint is read as a version ("3.6 or later")."""
    sign, number = numbers[0]
    return (
        len(numbers) == 1
        and scan.at_least
        and scan.qualifier is None
        and not sign
        and "." in number
        and "," not in number
        and hint.unit is None
        and hint.scale is None
    )


def is_year(written: list[str], hint: HintInfo) -> bool:
    """A bare 4-digit 1900-2100 figure under a header hint that mentions years."""
    return hint.mentions_year and all(
        len(n) == 4 and n.isdigit() and 1900 <= int(n) <= 2100 for n in written
    )


_FORMAT_SUFFIX = {
    "B": " bytes", "s": " s", "req/s": " req/s", "percent": "%", "x": "x", "B/s": " B/s",
    "FLOP/s": " FLOP/s", "OP/s": " OP/s", "pixel/s": " pixel/s", "Hz": " Hz", "W": " W",
    "J": " J", "score": " score", "rank": " rank",
}  # fmt: skip
_FORMAT_LEAD = {"year": "year ", "version": "version ", "usd": "$"}


def format_interval(q: ParsedQuantity) -> str:
    """Text that parse_quantity reads back to the same low, high, bound and unit."""
    number = format_version if q.unit == "version" else _plain
    if q.bound is BoundKind.RANGE:
        body = f"{number(q.low)} to {number(q.high)}"
    elif q.bound is BoundKind.AT_LEAST:
        body = f"at least {number(q.low)}"
    elif q.bound is BoundKind.AT_MOST:
        body = f"up to {number(q.high)}"
    elif q.bound is BoundKind.APPROXIMATE:
        body = f"~{number(q.low)}"
    else:
        body = number(q.low)
    unit = q.unit or "count"
    return f"{_FORMAT_LEAD.get(unit, '')}{body}{_FORMAT_SUFFIX.get(unit, '')}"


def _plain(value: float) -> str:
    """Positional notation of the shortest repr (no exponent, which the parser does not read)."""
    return format(Decimal(repr(value)), "f")
