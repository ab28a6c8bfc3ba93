"""Read a value as written ("~2,500 req/sec", "300,000+") into an interval on a canonical unit.

The numbers are read by our own precompiled regexes (:mod:`normalize.quantity_lex`; pint costs
~160 µs a value, this ~10 µs, and results are cached per distinct text and hint). The interval
is literal: "2,500+" is [2500, inf]; checks add tolerance later. Rules and examples:
docs/normalization.md.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from decimal import Decimal

from crosscheck.contracts import BoundKind, QuarantineReason
from normalize.errors import QuantityError
from normalize.quantity_lex import Failure, Scan, read_figure
from normalize.units import (
    COUNT,
    VERSION,
    YEAR,
    HintInfo,
    UnitInfo,
    encode_version,
    format_version,
    hint_info,
)

__all__ = [
    "HINT_MISMATCH",
    "Failure",
    "ParsedQuantity",
    "QuantityError",
    "format_interval",
    "parse_quantity",
    "read_quantity",
]

INF = math.inf
_finite = math.isfinite
HINT_MISMATCH = "hint dimension mismatch"


@dataclass(frozen=True)
class ParsedQuantity:
    """An interval [low, high] on a canonical unit, how it bounds the figure, what else was said."""

    low: float
    high: float
    bound: BoundKind
    unit: str | None
    dimension: str | None
    noun: str | None
    note: str | None
    alt_low: float | None = None
    alt_high: float | None = None
    signed: bool = False


_EXACT, _APPROXIMATE, _RANGE = BoundKind.EXACT, BoundKind.APPROXIMATE, BoundKind.RANGE
_AT_LEAST, _AT_MOST = BoundKind.AT_LEAST, BoundKind.AT_MOST


def parse_quantity(text: str, unit_hint: str | None = None) -> ParsedQuantity:
    """Parse one value text, using the header hint when the cell has no unit or scale of its own.

    Raises QuantityError with reason NO_NUMBER, UNKNOWN_UNIT or UNPARSEABLE.
    """
    result = _parse_cached(text, unit_hint)
    if isinstance(result, Failure):
        raise QuantityError(result.reason, result.message, text)
    return result


def read_quantity(text: str, unit_hint: str | None = None) -> ParsedQuantity | Failure:
    """:func:`parse_quantity` without raising: a Failure (reason, message) instead. Cached per
    (text, hint), so the normalizer's hot path pays no exception per unreadable value."""
    return _parse_cached(text, unit_hint)


@functools.lru_cache(maxsize=65536)
def _parse_cached(text: str, unit_hint: str | None) -> ParsedQuantity | Failure:
    try:
        return _parse(text, hint_info(unit_hint))
    except (ValueError, ArithmeticError) as exc:  # a guard; no known input gets here
        return Failure(QuarantineReason.UNPARSEABLE, f"cannot read {text!r}: {exc}")


def _parse(text: str, hint: HintInfo) -> ParsedQuantity | Failure:
    """Read the figure as written (:func:`read_figure`), then interpret it."""
    read = read_figure(text, hint)
    if isinstance(read, Failure):
        return read
    scan, version, year_lead = read
    return _interpret(scan, hint, version, year_lead, text)


def _interpret(
    scan: Scan, hint: HintInfo, version: bool, year_lead: bool, text: str
) -> ParsedQuantity | Failure:
    """Apply versions, years, scale words and the header hint; build the literal interval."""
    numbers, scales, unit = scan.numbers, list(scan.scales), scan.unit
    if len(scales) == 2 and scales[0] is None:  # "1-2M": a trailing scale covers both ends
        scales[0] = scales[1]
    has_scale = any(scales)
    written = [m["num"] for m in numbers]
    alt_factor: float | None = None
    mismatch = False
    if unit is None and not has_scale and (version or _bare_version(scan, hint)):
        values = [encode_version(n) for n in written]
        unit, factor = VERSION, 1.0
    else:
        values = [-_number(m["num"]) if m["sign"] == "-" else _number(m["num"]) for m in numbers]
        if unit is None and not has_scale and (year_lead or _is_year(written, hint)):
            unit, factor = YEAR, 1.0
        else:
            biggest = max(abs(values[0]), abs(values[-1]))
            unit, factor, alt_factor, mismatch = _combine(unit, has_scale, hint, biggest)
        if has_scale:
            values = [v * (sc or 1.0) for v, sc in zip(values, scales, strict=True)]
    low, high = _times(values[0], factor), _times(values[-1], factor)
    alt = (
        None
        if alt_factor is None
        else [_times(values[0], alt_factor), _times(values[-1], alt_factor)]
    )
    if not (_finite(low) and _finite(high) and (alt is None or _finite(alt[0] + alt[1]))):
        return Failure(QuarantineReason.UNPARSEABLE, f"figure out of range in {text!r}")
    if len(values) == 2:
        if low > high:
            return Failure(QuarantineReason.UNPARSEABLE, f"range runs backwards in {text!r}")
        bound = _RANGE
    elif scan.at_least or scan.qualifier is _AT_LEAST:
        bound, high = _AT_LEAST, INF
        if alt:
            alt[1] = INF
    elif scan.qualifier is _AT_MOST:
        bound, low = _AT_MOST, (0.0 if high >= 0 else -INF)
        if alt:
            alt[0] = 0.0 if alt[1] >= 0 else -INF
    elif scan.qualifier is _APPROXIMATE:
        bound = _APPROXIMATE
    else:
        bound = _EXACT
    note = scan.note
    if mismatch:
        note = f"{note}; {HINT_MISMATCH}" if note else HINT_MISMATCH
    alt_low, alt_high = (None, None) if alt is None else alt
    signed = bool(numbers[0]["sign"])
    return ParsedQuantity(
        low,
        high,
        bound,
        unit.canonical_unit,
        unit.dimension,
        scan.noun,
        note,
        alt_low,
        alt_high,
        signed,
    )


def _combine(
    unit: UnitInfo | None, has_scale: bool, hint: HintInfo, biggest: float
) -> tuple[UnitInfo, float, float | None, bool]:
    """Primary factor, alternative factor (or None) and a dimension-mismatch flag.

    The two-readings rule: when cell and hint disagree, the cell as written is primary and the
    hint's reading is kept as the alternative; a hint of another dimension is only noted.
    """
    alt: float | None = None
    mismatch = False
    if unit is None:
        unit = hint.unit or COUNT
    elif hint.unit is not None:
        if hint.unit.dimension != unit.dimension:
            mismatch = True
        elif hint.unit.factor != unit.factor:  # "7 minutes" under "(hours)"
            alt = hint.unit.factor
    factor = unit.factor
    if hint.scale is not None:
        if has_scale or biggest >= 1000:  # "850 thousand" / "40,000+" under "(thousands)"
            alt = factor * hint.scale
        else:
            factor *= hint.scale
    return unit, factor, alt, mismatch


def _number(written: str) -> float:
    return float(written.replace(",", "")) if "," in written else float(written)


def _times(value: float, factor: float) -> float:
    """value × factor; sub-units divide by 1/factor so that 175 ms is 0.175 s, not 0.17500…02."""
    if 0.0 < factor < 1.0:
        inverse = round(1.0 / factor)
        if inverse and abs(1.0 / factor - inverse) <= 1e-9 * inverse:
            return value / inverse
    return value * factor


def _bare_version(scan: Scan, hint: HintInfo) -> bool:
    """A lone "3.6+" with no unit and no usable hint is read as a version ("3.6 or later")."""
    number = scan.numbers[0]
    return (
        len(scan.numbers) == 1
        and scan.at_least
        and scan.qualifier is None
        and not number.group("sign")
        and "." in number.group("num")
        and "," not in number.group("num")
        and hint.unit is None
        and hint.scale is None
    )


def _is_year(written: list[str], hint: HintInfo) -> bool:
    """A bare 4-digit 1900-2100 figure under a header hint that mentions years."""
    return hint.mentions_year and all(
        len(n) == 4 and n.isdigit() and 1900 <= int(n) <= 2100 for n in written
    )


_FORMAT_SUFFIX = {"B": " bytes", "s": " s", "req/s": " req/s", "percent": "%", "x": "x"}
_FORMAT_LEAD = {"year": "year ", "version": "version "}


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
