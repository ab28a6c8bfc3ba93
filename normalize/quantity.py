"""Read a value as written ("~2,500 req/sec", "300,000+") into an interval on a canonical unit.

The numbers are read by our own precompiled regexes (pint costs ~160 µs a value; this ~10 µs,
and results are cached per distinct text and hint). The interval is literal: "2,500+" is
[2500, inf]; checks add tolerance later. Rules and examples: docs/normalization.md.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from decimal import Decimal

from crosscheck.contracts import BoundKind, QuarantineReason
from normalize.errors import QuantityError
from normalize.units import (
    COUNT,
    PERCENT,
    RATIO,
    VERSION,
    YEAR,
    HintInfo,
    UnitInfo,
    encode_version,
    format_version,
    hint_info,
    resolve_unit,
    scale_of,
)

__all__ = ["HINT_MISMATCH", "ParsedQuantity", "QuantityError", "format_interval", "parse_quantity"]

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


@dataclass(frozen=True)
class _Failure:
    reason: QuarantineReason
    message: str


# Look-alike characters read as their ASCII forms; emoji (the "winner" trophy) are dropped.
_TRANSLATE = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u00a0\u2009\u202f\u2007\u2002\u2003", " "),
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff", None),
        "\uff5e": "~",
        "\u2248": "~",
        "\u2264": "<",
        "\u2265": ">",
    }
)
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]")
_DIGIT = re.compile(r"[0-9]")
_PAREN = re.compile(r"\(([^()]*)\)")
_ALTERNATIVES = re.compile(r"\s+/\s+|\s*;\s*")
_LEGACY = re.compile(r"\b(?:legacy|deprecated|old|eol|obsolete)\b", re.I)
_QUALIFIERS: tuple[tuple[BoundKind | None, str], ...] = (
    (BoundKind.AT_LEAST, r"at least|more than|greater than|over|above|min(?:imum|\.)?|>=?"),
    (BoundKind.AT_MOST,
     r"at most|up to|less than|fewer than|no more than|under|below|max(?:imum|\.)?|<=?"),
    (BoundKind.APPROXIMATE,
     r"approx(?:imately|\.)?|about|around|roughly|circa|ca\.|nearly|almost|est\.|~"),
    (BoundKind.RANGE, r"between|from"),
    (None, r"only|just|exactly"),
)  # fmt: skip
_QUALIFIER_ALT = "|".join(f"(?P<q{i}>{p})" for i, (_, p) in enumerate(_QUALIFIERS))
_QUALIFIER = re.compile(rf"\s*(?<![A-Za-z])(?:{_QUALIFIER_ALT})(?![A-Za-z])\s*", re.I)
_FIGURE_START = re.compile(
    rf"(?:(?<![A-Za-z])(?:{_QUALIFIER_ALT.replace('?P<', '?P<s')})(?![A-Za-z])\s*)?[+-]?\.?[0-9]",
    re.I,
)
_VERSION_LEAD = re.compile(
    r"(?:python|py|node(?:\.js)?|java|php|ruby|go|rust|version|ver\.?|release|v)\s*$", re.I
)
_YEAR_LEAD = re.compile(r"(?:year|in)", re.I)
_NUM = re.compile(
    r"(?P<sign>[+-])?(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
)
_VERSION_NUM = re.compile(r"(?P<sign>)(?P<num>[0-9]{1,4}(?:\.[0-9]{1,4}){0,2})")
_SCALE = re.compile(
    r"\s?(?P<scale>thousands?|millions?|billions?|trillions?|bn|mn|[kKMB])(?![A-Za-z])"
)
_NEXT_NUMBER = r"(?=[~]?[+-]?\.?[0-9])"
_RANGE_SEP = re.compile(rf"\s*-\s*{_NEXT_NUMBER}|\s+(?:to|and)\s+{_NEXT_NUMBER}", re.I)
_INLINE_UNIT = re.compile(r"\s?(?P<unit>[A-Za-z/]+)(?=\s*-\s*[0-9]|\s+to\s+[0-9])")
_SUFFIX = re.compile(r"(?P<plus1>\+)?(?P<sym>\s?%|x(?![A-Za-z])|\s?×)?(?P<plus2>\+)?")
# After a number, a token that looks like a unit but resolves to none is an unknown unit:
# slashed ("zb/s"), short with capitals ("XB", "Kb", "GHz"), or short lowercase ("zb").
_UNITISH = re.compile(r"[A-Za-z]*/[A-Za-z]*|[A-Za-z]?[A-Z][A-Za-z]{0,3}|[a-z]{1,3}")
_NOT_UNITS = frozenset(
    ("a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "per", "vs", "new",
     "top", "all", "by", "via", "with", "is", "are", "was")
)  # fmt: skip
_PLURAL_NOUN = re.compile(r"[a-z][a-z-]{2,}s")
_EDGE_PUNCT = ",;:."
_PLAIN_START = frozenset("0123456789+-.")
_CURRENCY = frozenset("$€£¥₹")
_EXACT, _APPROXIMATE, _RANGE = BoundKind.EXACT, BoundKind.APPROXIMATE, BoundKind.RANGE
_AT_LEAST, _AT_MOST = BoundKind.AT_LEAST, BoundKind.AT_MOST


def parse_quantity(text: str, unit_hint: str | None = None) -> ParsedQuantity:
    """Parse one value text, using the header hint when the cell has no unit or scale of its own.

    Raises QuantityError with reason NO_NUMBER, UNKNOWN_UNIT or UNPARSEABLE.
    """
    result = _parse_cached(text, unit_hint)
    if isinstance(result, _Failure):
        raise QuantityError(result.reason, result.message, text)
    return result


@dataclass(slots=True)
class _Scan:
    """The pieces of one figure as written, before units and hints are applied."""

    qualifier: BoundKind | None
    numbers: list[re.Match[str]]
    scales: list[float | None]
    at_least: bool
    unit: UnitInfo | None
    noun: str | None
    note: str | None


@functools.lru_cache(maxsize=65536)
def _parse_cached(text: str, unit_hint: str | None) -> ParsedQuantity | _Failure:
    try:
        return _parse(text, hint_info(unit_hint))
    except (ValueError, ArithmeticError) as exc:  # a guard; no known input gets here
        return _Failure(QuarantineReason.UNPARSEABLE, f"cannot read {text!r}: {exc}")


def _parse(text: str, hint: HintInfo) -> ParsedQuantity | _Failure:
    """Split off alternatives, parenthetical notes and leading words, then read the figure."""
    value = text if text.isascii() else _EMOJI.sub("", text.translate(_TRANSLATE))
    value = value.strip().strip(_EDGE_PUNCT).strip()
    if not _DIGIT.search(value):
        return _Failure(QuarantineReason.NO_NUMBER, f"no figure in {text!r}")
    notes: list[str] = []  # alternatives; the leading words go first, in `leads`
    leads: list[str] = []
    if "/" in value or ";" in value:
        alternatives = _ALTERNATIVES.split(value)
        if len(alternatives) > 1:  # "Python 2.7+ (legacy) / 3.4+": the current one is primary
            current = [a for a in alternatives if _DIGIT.search(a) and not _LEGACY.search(a)]
            value = (current or alternatives)[0]
            notes.extend(a for a in alternatives if a is not value)
    main, parens = value, []
    if "(" in value:
        main = _PAREN.sub(" ", value).strip()
        parens = [p.strip() for p in _PAREN.findall(value) if p.strip()]
    if not _DIGIT.search(main):  # "Intermediate (4-6 hours with async concepts)"
        figure = next((p for p in parens if _FIGURE_START.match(p)), None)
        if figure is None:
            return _Failure(QuarantineReason.NO_NUMBER, f"no figure in {text!r}")
        parens.remove(figure)
        leads.append(main.strip(_EDGE_PUNCT + " "))
        main = figure
    start = _FIGURE_START.search(main)
    if start is None:
        return _Failure(QuarantineReason.UNPARSEABLE, f"no figure where one can start in {text!r}")
    lead = main[: start.start()].strip()
    version = hint.unit is not None and hint.unit.dimension == "version"
    year_lead = False
    if lead:
        if _VERSION_LEAD.search(lead):
            version = True
        elif _YEAR_LEAD.fullmatch(lead):
            year_lead = True
        elif lead[-1] in _CURRENCY:  # "$55/month": money is not a dimension of ours
            message = f"currency {lead[-1]!r} is not a supported unit in {text!r}"
            return _Failure(QuarantineReason.UNKNOWN_UNIT, message)
        elif lead[-1] in ",:":  # "Beginner-friendly, ~2-4 hours"
            leads.insert(0, lead.rstrip(",:").strip())
        else:
            return _Failure(
                QuarantineReason.UNPARSEABLE, f"words before the figure in {text!r}: {lead!r}"
            )
    scan = _scan(main[start.start() :], hint, version, text)
    if isinstance(scan, _Failure):
        return scan
    if leads or parens or notes:
        kept = [*leads, scan.note, *parens, *notes]
        scan.note = "; ".join(dict.fromkeys(n for n in kept if n)) or None
    return _interpret(scan, hint, version, year_lead, text)


def _scan(s: str, hint: HintInfo, version: bool, text: str) -> _Scan | _Failure:
    """Qualifier, one or two numbers with scale words, suffixes (+, %, x), then unit or noun."""
    pos, qualifier = (0, None) if s[0] in _PLAIN_START else _read_qualifiers(s, 0)
    num_re = _VERSION_NUM if version else _NUM
    first = num_re.match(s, pos)
    if first is None:
        return _Failure(QuarantineReason.UNPARSEABLE, f"cannot read the figure in {text!r}")
    numbers, scales = [first], []
    scale, pos = _read_scale(s, first.end(), hint, version)
    scales.append(scale)
    inline_unit = None
    sep = _RANGE_SEP.match(s, pos)
    if sep is None and not version and ("-" in s or " to " in s):  # "1 hour - 2 hours"
        inline = _INLINE_UNIT.match(s, pos)
        if inline and resolve_unit(inline.group("unit")):
            inline_unit, sep = inline.group("unit"), _RANGE_SEP.match(s, inline.end())
    if sep is not None:
        second = num_re.match(s, _read_qualifiers(s, sep.end())[0])
        if second is None:
            message = f"a range without its upper end in {text!r}"
            return _Failure(QuarantineReason.UNPARSEABLE, message)
        numbers.append(second)
        scale, pos = _read_scale(s, second.end(), hint, version)
        scales.append(scale)
    suffix = _SUFFIX.match(s, pos)
    pos = suffix.end()
    at_least = bool(suffix.group("plus1") or suffix.group("plus2"))
    symbol = (suffix.group("sym") or "").strip()
    rest = s[pos:].strip()
    if symbol:
        unit = PERCENT if symbol == "%" else RATIO
        return _Scan(qualifier, numbers, scales, at_least, unit, None, rest or None)
    if not rest and not inline_unit:
        return _Scan(qualifier, numbers, scales, at_least, None, None, None)
    glued = pos < len(s) and not s[pos].isspace()
    found = _read_unit(inline_unit or rest, glued, text)
    if isinstance(found, _Failure):
        return found
    unit, noun, note = found
    return _Scan(qualifier, numbers, scales, at_least, unit, noun, rest if inline_unit else note)


def _read_qualifiers(s: str, pos: int) -> tuple[int, BoundKind | None]:
    """Up to two leading qualifiers ("~", "over", "up to"); a bound beats "approximately"."""
    found: BoundKind | None = None
    for _ in range(2):
        match = _QUALIFIER.match(s, pos)
        if match is None:
            break
        kind = _QUALIFIERS[int(str(match.lastgroup)[1:])][0]
        if kind is not None and (found is None or found is BoundKind.APPROXIMATE):
            found = kind
        pos = match.end()
    return pos, found


def _read_scale(s: str, pos: int, hint: HintInfo, version: bool) -> tuple[float | None, int]:
    """A scale word after a number ("850 thousand", "1.2M"); under a bytes hint "B" is a byte."""
    if version:
        return None, pos
    match = _SCALE.match(s, pos)
    if match is None:
        return None, pos
    word = match.group("scale")
    if word == "B" and hint.unit is not None and hint.unit.dimension == "bytes":
        return None, pos
    return scale_of(word), match.end()


_UnitRead = tuple[UnitInfo | None, str | None, str | None]


def _read_unit(rest: str, glued: bool, text: str) -> _UnitRead | _Failure:
    """The longest leading run of words that is a unit or count noun; what follows is a note."""
    head, comma, tail = rest.partition(",")
    words = head.split()
    for size in range(min(len(words), 4), 0, -1):
        phrase = " ".join(words[:size]).strip(_EDGE_PUNCT)
        info = resolve_unit(phrase)
        if info is not None:
            note = " ".join(words[size:]) + (f", {tail.strip()}" if comma else "")
            noun = phrase if info.dimension == "count" else None
            return info, noun, note.strip(_EDGE_PUNCT + " ") or None
    first = words[0].strip(_EDGE_PUNCT) if words else ""
    if first and (glued or _UNITISH.fullmatch(first)) and first.lower() not in _NOT_UNITS:
        return _Failure(QuarantineReason.UNKNOWN_UNIT, f"unknown unit {first!r} in {text!r}")
    if _PLURAL_NOUN.fullmatch(first):  # "10 widgets": a count of some thing
        note = " ".join(words[1:]) + (f", {tail.strip()}" if comma else "")
        return COUNT, first, note.strip(_EDGE_PUNCT + " ") or None
    return None, None, rest.strip(_EDGE_PUNCT + " ") or None


def _interpret(
    scan: _Scan, hint: HintInfo, version: bool, year_lead: bool, text: str
) -> ParsedQuantity | _Failure:
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
        return _Failure(QuarantineReason.UNPARSEABLE, f"figure out of range in {text!r}")
    if len(values) == 2:
        if low > high:
            return _Failure(QuarantineReason.UNPARSEABLE, f"range runs backwards in {text!r}")
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


def _bare_version(scan: _Scan, hint: HintInfo) -> bool:
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
