"""Read a value as written ("~2,500 req/sec", "300,000+") into an interval on a canonical unit.

The numbers are read by our own precompiled regexes (:mod:`normalize.quantity_lex`; pint costs
~160 µs a value, this ~10 µs, and results are cached per distinct text and hint). The interval
is literal: "2,500+" is [2500, inf]; checks add tolerance later. Rules and examples:
docs/normalization.md.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from typing import NamedTuple

import numpy as np
from crosscheck.normalize.errors import QuantityError
from crosscheck.normalize.quantity_forms import (
    COLON_RATIO,
    UNIT_BOUNDS,
    bare_version,
    clock_seconds,
    format_interval,
    is_year,
    side_of_size,
)
from crosscheck.normalize.quantity_lex import Failure, Scan, read_figure
from crosscheck.normalize.units import (
    COUNT,
    VERSION,
    YEAR,
    HintInfo,
    UnitInfo,
    encode_version,
    hint_info,
    resolve_unit,
)

from crosscheck.common.numbers import number_value
from crosscheck.contracts import BoundKind, QuarantineReason

__all__ = [
    "HINT_MISMATCH",
    "Failure",
    "Intervals",
    "ParsedQuantity",
    "Plan",
    "QuantityError",
    "finish",
    "finish_many",
    "format_interval",
    "make_plan",
    "parse_quantity",
    "read_quantity",
    "read_values",
    "unit_fixed_by_shape",
]

INF = math.inf
_finite = math.isfinite
HINT_MISMATCH = "hint dimension mismatch"


class ParsedQuantity(NamedTuple):
    """An interval [low, high] on a canonical unit, how it bounds the figure, what else was said.

    A NamedTuple: the normalizer builds one per distinct value, ~3x cheaper than a dataclass."""

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
    per: str | None = None  # "per operation" (ns/op, B/op, allocs/op)


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


# 'mild;severe' outlier counts (pytest-benchmark's Outliers column): two counts glued by a
# semicolon are a pair, not one figure with a note.
_GLUED_PAIR = re.compile(r"^\s*\d+;\d+\s*$")


def _parse(text: str, hint: HintInfo) -> ParsedQuantity | Failure:
    """Read the figure as written (:func:`read_figure`), then interpret it."""
    if ";" in text and _GLUED_PAIR.match(text):
        return Failure(QuarantineReason.UNPARSEABLE, f"two counts glued by ';' in {text!r}")
    bounds = UNIT_BOUNDS.match(text) if ("to" in text or "-" in text or "–" in text) else None
    if bounds is not None:  # '32 KB to 2 MB': each bound its own unit
        low, high = _parse(bounds.group("a"), hint), _parse(bounds.group("b"), hint)
        if (
            isinstance(low, ParsedQuantity)
            and isinstance(high, ParsedQuantity)
            and low.dimension == high.dimension != "count"
            and low.high < high.low
        ):
            return low._replace(high=high.high, bound=_RANGE)
    ratio = COLON_RATIO.match(text) if ":" in text else None
    if ratio is not None:  # '10 000:1' contrast: N to one, never a clock
        return _parse(f"{ratio.group('n')}x", hint_info(None))
    clock = clock_seconds(text, hint) if ":" in text else None
    if clock is not None:
        return _parse(clock, hint_info(None))
    side = side_of_size(text) if ("x" in text or "×" in text) else None
    if side is not None:
        parsed = _parse(side[0], hint)
        if isinstance(parsed, ParsedQuantity) and parsed.dimension == "length":
            return parsed._replace(note=side[1])
    read = read_figure(text, hint)
    if isinstance(read, Failure):
        return read
    scan, version, year_lead = read
    values, choices = read_values(scan.numbers, scan, hint, version, year_lead)
    return finish(make_plan(scan, hint, choices), values, text)


class Plan(NamedTuple):
    """What a scan means apart from its digits: unit, factors, bound, noun and note."""

    unit: UnitInfo
    factor: float
    alt_factor: float | None
    scales: tuple[float, ...] | None  # per figure, when a scale word was written
    bound: BoundKind
    noun: str | None
    note: str | None
    signed: bool
    arithmetic: tuple[float, ...] = ()  # the numbers finish_many needs (see _arithmetic)


# Where finish_many finds each number in Plan.arithmetic.
_SCALE_FIRST, _SCALE_LAST, _FACTOR, _DIVISOR, _ALT_FACTOR, _ALT_DIVISOR, _BOUND = range(7)
_BOUND_CODES = {_RANGE: 1.0, _AT_LEAST: 2.0, _AT_MOST: 3.0}


def _arithmetic(plan: Plan) -> tuple[float, ...]:
    """A plan's scales, factors, divisors and bound as numbers, for array arithmetic."""
    alt = plan.alt_factor
    return (
        plan.scales[0] if plan.scales else 1.0,
        plan.scales[-1] if plan.scales else 1.0,
        plan.factor,
        float(_divisor(plan.factor) or 0),
        np.nan if alt is None else alt,
        0.0 if alt is None else float(_divisor(alt) or 0),
        _BOUND_CODES.get(plan.bound, 0.0),
    )


Choices = tuple[bool, bool, bool]  # read as a version, as a year, biggest figure ≥ 1000
_GROUPED = re.compile(r"\d[,\u00a0\u202f ]\d{3}")  # digit groups: a figure written in full


def read_values(
    numbers: list[tuple[str, str]], scan: Scan, hint: HintInfo, version: bool, year_lead: bool
) -> tuple[list[float], Choices]:
    """The figures' values and the only choices that depend on their digits."""
    plain = scan.unit is None and not any(scan.scales)
    if plain and (version or bare_version(numbers, scan, hint)):
        return [encode_version(num) for _, num in numbers], (True, False, False)
    values = [-number_value(num) if sign == "-" else number_value(num) for sign, num in numbers]
    if plain and (year_lead or is_year([num for _, num in numbers], hint)):
        return values, (False, True, False)
    return values, (False, False, max(abs(values[0]), abs(values[-1])) >= 1000)


def unit_fixed_by_shape(scan: Scan, hint: HintInfo, version: bool, year_lead: bool) -> bool:
    """Whether no value of this scan's shape can read as a version or a year, the two
    readings that depend on the digits themselves (then only "≥ 1000" does)."""
    plain = scan.unit is None and not any(scan.scales)
    return not (
        plain
        and (version or year_lead or hint.mentions_year or bare_version(scan.numbers, scan, hint))
    )


def make_plan(scan: Scan, hint: HintInfo, choices: Choices) -> Plan:
    """Apply versions, years, scale words and the header hint to a scan (digits aside)."""
    scales = list(scan.scales)
    # "1-2M": a trailing scale covers both ends, but not a first end written in full
    # ("500,000-1M" runs from 500 thousand to a million)
    if len(scales) == 2 and scales[0] is None and not _GROUPED.search(scan.numbers[0][1]):
        scales[0] = scales[1]
    has_scale = any(scales)
    version, year, big = choices
    alt_factor: float | None = None
    mismatch = False
    if version:
        unit, factor = VERSION, 1.0
    elif year:
        unit, factor = YEAR, 1.0
    else:
        # only a figure written in full ("40,000") is a second reading under "(thousands)";
        # a bare "3844" there is how pages write 3,844 thousand
        full = big and any(_GROUPED.search(num) for _, num in scan.numbers)
        unit, factor, alt_factor, mismatch = _combine(scan.unit, has_scale, hint, full)
    if len(scan.numbers) == 2:
        bound = _RANGE
    elif scan.at_least or scan.qualifier is _AT_LEAST:
        bound = _AT_LEAST
    elif scan.qualifier is _AT_MOST or scan.qualifier is _APPROXIMATE:
        bound = scan.qualifier
    else:
        bound = _EXACT
    note = scan.note
    if mismatch:
        note = f"{note}; {HINT_MISMATCH}" if note else HINT_MISMATCH
    per_figure = tuple(sc or 1.0 for sc in scales) if has_scale else None
    signed = bool(scan.numbers[0][0])
    plan = Plan(unit, factor, alt_factor, per_figure, bound, scan.noun, note, signed)
    return plan._replace(arithmetic=_arithmetic(plan))


def finish(plan: Plan, values: list[float], text: str) -> ParsedQuantity | Failure:
    """The literal interval of `values` under `plan` (a range must not run backwards)."""
    if plan.scales is not None:
        values = [v * sc for v, sc in zip(values, plan.scales, strict=True)]
    factor, alt_factor = plan.factor, plan.alt_factor
    low, high = _times(values[0], factor), _times(values[-1], factor)
    alt_low = alt_high = None
    if alt_factor is not None:
        alt_low, alt_high = _times(values[0], alt_factor), _times(values[-1], alt_factor)
        if not _finite(alt_low + alt_high):
            return Failure(QuarantineReason.UNPARSEABLE, f"figure out of range in {text!r}")
    if not (_finite(low) and _finite(high)):
        return Failure(QuarantineReason.UNPARSEABLE, f"figure out of range in {text!r}")
    bound = plan.bound
    if bound is _RANGE:
        if high < low < 0:  # "-0.3% to -0.5%": negative ends are written by their size
            low, high = high, low
        if low > high:
            return Failure(QuarantineReason.UNPARSEABLE, f"range runs backwards in {text!r}")
    elif bound is _AT_LEAST:
        high = INF
        if alt_low is not None:
            alt_high = INF
    elif bound is _AT_MOST:
        low = 0.0 if high >= 0 else -INF
        if alt_low is not None:
            alt_low = 0.0 if alt_high >= 0 else -INF  # type: ignore[operator]
    unit = plan.unit
    return ParsedQuantity(
        low,
        high,
        bound,
        unit.canonical_unit,
        unit.dimension,
        plan.noun,
        plan.note,
        alt_low,
        alt_high,
        plan.signed,
        unit.per,
    )


_BYTES_PER_SECOND = resolve_unit("B/s")
_RATE_OF_SIZE: dict[float, UnitInfo] = (
    {}
    if _BYTES_PER_SECOND is None
    else {
        f: dataclasses.replace(_BYTES_PER_SECOND, factor=f)
        for f in (1.0, 1e3, 1e6, 1e9, 1e12, 1024.0, 1024.0**2, 1024.0**3, 1024.0**4)
    }
)


def _combine(
    unit: UnitInfo | None, has_scale: bool, hint: HintInfo, big: bool
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
        if unit.dimension == "bytes" and hint.unit.dimension == "data_rate":
            unit = _RATE_OF_SIZE.get(unit.factor) or unit  # "692.68KB" under "Transfer/sec"
        if hint.unit.dimension != unit.dimension:
            mismatch = True
        elif hint.unit.factor != unit.factor:  # "7 minutes" under "(hours)"
            alt = hint.unit.factor
        if hint.unit.per and not unit.per and hint.unit.dimension == unit.dimension:
            unit = dataclasses.replace(unit, per=hint.unit.per)  # "3258 B" under "B/op"
    factor = unit.factor
    if hint.scale is not None:
        if has_scale or big:  # "850 thousand" / "40,000+" under "(thousands)"
            alt = factor * hint.scale
        else:
            factor *= hint.scale
    return unit, factor, alt, mismatch


def _times(value: float, factor: float) -> float:
    """value × factor; sub-units divide by 1/factor so that 175 ms is 0.175 s, not 0.17500…02."""
    divisor = _divisor(factor)
    return value / divisor if divisor else value * factor


def _divisor(factor: float) -> int | None:
    """1/factor when factor is the exact inverse of a whole number (ms: 1000), else None."""
    if 0.0 < factor < 1.0:
        inverse = round(1.0 / factor)
        if inverse and abs(1.0 / factor - inverse) <= 1e-9 * inverse:
            return inverse
    return None


def _times_rows(values: np.ndarray, factor: np.ndarray, divisor: np.ndarray) -> np.ndarray:
    """:func:`_times` row by row (the same IEEE operation per element)."""
    divided = divisor > 0
    return np.where(divided, values / np.where(divided, divisor, 1), values * factor)


class Intervals(NamedTuple):
    """Intervals of many values; `ok` is False where :func:`finish` would fail."""

    low: np.ndarray
    high: np.ndarray
    alt_low: np.ndarray
    alt_high: np.ndarray
    ok: np.ndarray


def finish_many(
    plans: list[Plan], which: np.ndarray, first: np.ndarray, last: np.ndarray
) -> Intervals:
    """:func:`finish` for many values at once: value i has plan `plans[which[i]]` and first
    and last figures `first[i]`, `last[i]` (the same for one figure). Rows not `ok` are read
    one by one for the failure's wording."""
    with np.errstate(all="ignore"):  # overflow to inf is what `ok` checks for
        return _finish_many(plans, which, first, last)


def _finish_many(
    plans: list[Plan], which: np.ndarray, first: np.ndarray, last: np.ndarray
) -> Intervals:
    numbers = np.asarray([plan.arithmetic for plan in plans], dtype=np.float64)[which]
    if not len(numbers):
        numbers = np.zeros((0, _BOUND + 1))
    first = first * numbers[:, _SCALE_FIRST]
    last = last * numbers[:, _SCALE_LAST]
    factor, divisor = numbers[:, _FACTOR], numbers[:, _DIVISOR]
    low, high = _times_rows(first, factor, divisor), _times_rows(last, factor, divisor)
    ok = np.isfinite(low) & np.isfinite(high)
    alt_factor, alt_divisor = numbers[:, _ALT_FACTOR], numbers[:, _ALT_DIVISOR]
    has_alt = ~np.isnan(alt_factor)
    alt_low = np.where(has_alt, _times_rows(first, alt_factor, alt_divisor), np.nan)
    alt_high = np.where(has_alt, _times_rows(last, alt_factor, alt_divisor), np.nan)
    ok &= ~has_alt | np.isfinite(alt_low + alt_high)
    bound = numbers[:, _BOUND]
    ok &= ~((bound == _BOUND_CODES[_RANGE]) & (low > high))
    at_least, at_most = bound == _BOUND_CODES[_AT_LEAST], bound == _BOUND_CODES[_AT_MOST]
    high = np.where(at_least, INF, high)  # at least and at most are other rows
    alt_high = np.where(at_least & has_alt, INF, alt_high)
    low = np.where(at_most, np.where(high >= 0, 0.0, -INF), low)
    alt_low = np.where(at_most & has_alt, np.where(alt_high >= 0, 0.0, -INF), alt_low)
    return Intervals(low, high, alt_low, alt_high, ok)
