"""The lexical half of the quantity parser: character tables, regexes and the figure scanner.

Turns a value as written into a Scan (qualifier, numbers, scales, unit or noun, notes) without
deciding what it means; :mod:`normalize.quantity` applies versions, years and the header hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosscheck.normalize.label_units import bare_g_unit
from crosscheck.normalize.number_words import counted_part
from crosscheck.normalize.quantity_text import ascii_forms, prepare
from crosscheck.normalize.quantity_unit_words import EDGE_PUNCT, Failure, read_unit
from crosscheck.normalize.unit_table import unit_table
from crosscheck.normalize.units import (
    COUNT,
    PERCENT,
    RATIO,
    HintInfo,
    UnitInfo,
    resolve_unit,
    scale_of,
)

from crosscheck.common.numbers import NUMBER
from crosscheck.contracts import BoundKind, QuarantineReason

_DIGIT = re.compile(r"[0-9]")
_PAREN = re.compile(r"\(([^()]*)\)")
# " / " or ";" between alternatives, or "/" between a unit and the next figure ("40GB/80GB");
# "/100km", "/100 mi" is a unit per distance ("16 kWh/100km"), not a second figure
_ALTERNATIVES = re.compile(r"\s+/\s+|\s*;\s*|(?<=[A-Za-z%])/(?=[0-9])(?!100\s?(?:km|mi|miles)\b)")
_LEGACY = re.compile(r"\b(?:legacy|deprecated|old|eol|obsolete)\b", re.I)
_BOUND_WORDS = dict(unit_table().bound_words)  # other languages' bound words (units.toml)


def _other_bounds(kind: str) -> str:
    """The bound words of `kind` from units.toml, longest first, as an alternation."""
    words = sorted(_BOUND_WORDS.get(kind, ()), key=len, reverse=True)
    return "".join(f"|{re.escape(word)}" for word in words)


_QUALIFIERS: tuple[tuple[BoundKind | None, str], ...] = (
    (BoundKind.AT_LEAST,
     r"at least|no less than|not less than|no fewer than|more than|greater than|in excess of|"
     r"over|above|min(?:imum|\.)?|>=?" + _other_bounds("at_least")),
    (BoundKind.AT_MOST,
     r"at most|up to|within|less than|fewer than|no more than|under|below|max(?:imum|\.)?|<=?|"
     r"sub-" + _other_bounds("at_most")),
    (BoundKind.APPROXIMATE,
     r"approx(?:imately|\.)?|about|around|roughly|circa|ca\.|nearly|almost|est\.|"
     r"estimated(?:\s+at)?|~" + _other_bounds("approximate")),
    (BoundKind.RANGE, r"between|from" + _other_bounds("range")),
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
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# "released in 2020", "since 2016", "in March 2024", "changed 2024"
_YEAR_WORDS_LEAD = re.compile(
    rf"(?:^|\s)(?:(?:in|since|year|by)(?:\s+(?:{_MONTHS}))?|{_MONTHS}|changed|released|launched)$",
    re.I,
)
_DOTTED_VERSION = re.compile(r"v?[0-9]+\.[0-9]+\.[0-9]+(?![0-9])(?!\.[0-9]{3}(?![0-9]))")
_FOUR_DIGITS = re.compile(r"[0-9]{4}(?![0-9.,])")
_NUM = re.compile(rf"(?P<sign>[+-])?(?P<num>{NUMBER}|\.[0-9]+)")
_VERSION_NUM = re.compile(r"(?P<sign>)(?P<num>[0-9]{1,4}(?:\.[0-9]{1,4}){0,2})")
# English scale words and letters, and the scale words of other languages (units.toml)
_OTHER_SCALES = "|".join(
    re.escape(word) for word, _ in sorted(unit_table().scale_words, key=lambda p: -len(p[0]))
)
_SCALE = re.compile(
    r"\s?(?P<scale>(?i:thousands?|millions?|billions?|trillions?)|[bB]n|mn|[kKMB](?!/)"
    rf"|(?i:{_OTHER_SCALES})\.?)(?![^\W\d_])"
)
# "1,5 millones de horas", "2 millions d'heures": a link word between the scale and its unit
_LINKS = "|".join(re.escape(word) for word in unit_table().scale_links)
_SCALE_LINK = re.compile(rf"\s+(?:{_LINKS})(?:\s+|(?<=['’]))(?=[^\W\d_])", re.I)
_NEXT_NUMBER = r"(?=[~]?[+-]?\.?[0-9])"
_RANGE_SEP = re.compile(
    rf"\s*--?\s*{_NEXT_NUMBER}|\s+(?:to|and|bis{_other_bounds('range_joiners')})\s+{_NEXT_NUMBER}",
    re.I,
)
# a unit on a range's first end ("1 hour - 2 hours", "-0.3% to -0.5%", "von 5 W bis 9 W"); "and"
# only after "between" ("between 240 watts and 300 watts"): _scan
_INLINE_UNIT = re.compile(
    rf"\s?(?P<unit>[A-Za-z/]+|%)(?=\s*-\s*[0-9]|\s+(?:to|bis{_other_bounds('range_joiners')}"
    r"|(?P<and>and))\s+[-+]?[0-9])"
)
_SUFFIX = re.compile(r"(?P<plus1>\+)?(?P<sym>\s?%|[xX](?![A-Za-z])|\s?×)?(?P<plus2>\+)?")
_EDGE_PUNCT = EDGE_PUNCT
_PLAIN_START = frozenset("0123456789+-.")
_CURRENCY = frozenset("$€£¥₹")
_DOLLAR = resolve_unit("$")
_CALENDAR_PERIOD = re.compile(r"(?<=\w)\s*/\s*(?P<period>month|mo|year|yr|week|wk|day)\b", re.I)
# a price's period or what it is paid for: a time (a CI minute too), a size, a thousand requests,
# a credit, a user
_PER_PERIOD = re.compile(
    r"\s*(?:/|per\s+)\s*"
    r"(?P<period>hr|hour|h|min|minute|month|mo|year|yr|day|week|GB|TB|1k|1,000|1000|credit|user|seat)\b",
    re.I,
)
_DOLLAR_LEADS = ("$", "US$", "USD $")
_SECOND_CURRENCY = re.compile(r"^([~]?[0-9][0-9.,]*\s?[kKMB]?\s*(?:-|to)\s*)[$€£¥₹](?=[0-9])")
# After "3x": a part's name, in capitals, camel case or with a capital after a hyphen
# ("HDMI", "DisplayPort", "USB-C", "Cortex-A715"); a plain word ("Faster") keeps the ratio.
_PARTS = re.compile(r"(?:[A-Z]{2,}|[A-Z]+[0-9]|[A-Z][a-z]+[A-Z]|[A-Za-z]+-[A-Z0-9])[\w.-]*(?![\w])")
_CURRENCY_LEADS = frozenset(unit_table().currency_leads)  # "₹", "Rs." (units.toml)
# A rating on a scale of 5, 10 or 100: "4.5 out of 5 stars", "8/10", "4/5 stars"
_RATING = re.compile(
    r"(?P<figure>.*?\d)\s*(?:out of|/)\s*(?P<scale>5|10|100)(?:\.0)?"
    r"(?:\s*(?:stars?|points?|rating))?",
    re.I,
)
_SCORE = resolve_unit("score")


def _within_scale(number: str, scale: str) -> bool:
    """Whether a rating's figure ("4.5") is at most its scale ("5")."""
    try:
        return float(number.replace(",", "")) <= float(scale)
    except ValueError:
        return False


# "about $", "up to $": bound words before the dollar sign ("about $41,000")
_QUALIFIED_DOLLAR = re.compile(rf"(?:{_QUALIFIER.pattern.strip()})\s*\$", re.I)


# A 4-digit year before the CJK year sign is a calendar year, not a duration of years.
_CALENDAR_YEAR = re.compile(r"^((?:19|20)\d\d)\s*年\s*$")
_FOUR_DIGIT_YEAR_SIGN = re.compile(r"^\d{4}\s*年\s*$")
# A bound written after the figure: "50,000 or more", "10 ms or less", "8 GB and up".
# CJK writes it glued to the unit: "10秒以上" (10 s or more), "5MB以下" (5 MB or less).
_BOUND_AFTER = re.compile(
    r"\s+(?:or|and)\s+(?:(?P<up>more|greater|higher|above|over|up|beyond)"
    r"|(?P<down>less|fewer|lower|below|under|smaller))(?![A-Za-z])"
    r"|(?P<cjk_up>以上|超)$|(?P<cjk_down>以下|未満)$",
    re.I,
)


@dataclass(slots=True)
class Scan:
    """The pieces of one figure as written, before units and hints are applied."""

    qualifier: BoundKind | None
    numbers: list[tuple[str, str]]  # (sign: "", "+" or "-"; the number as written)
    scales: list[float | None]
    at_least: bool
    unit: UnitInfo | None
    noun: str | None
    note: str | None
    digit_dependent: bool = False  # a rewrite looked at the digits ("0,482"): no shape reuse


def read_figure(text: str, hint: HintInfo) -> tuple[Scan, bool, bool] | Failure:
    """Split off alternatives, parenthetical notes and leading words, then read the figure.

    Returns the scan, whether the figure reads as a version, and whether "year"/"in" led it.
    """
    value = text if text.isascii() else ascii_forms(text)
    prepared = prepare(value)
    value = prepared.text.strip().rstrip(_EDGE_PUNCT).lstrip(",;:").strip()
    if value.startswith(".") and not value[1:2].isdigit():
        value = value.lstrip(".").strip()
    if not _DIGIT.search(value):
        return Failure(QuarantineReason.NO_NUMBER, f"no figure in {text!r}")
    notes: list[str] = list(prepared.notes)  # alternatives; the leading words go in `leads`
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
            return Failure(QuarantineReason.NO_NUMBER, f"no figure in {text!r}")
        parens.remove(figure)
        leads.append(main.strip(_EDGE_PUNCT + " "))
        main = figure
    start = _FIGURE_START.search(main)
    if start is None:
        return Failure(QuarantineReason.UNPARSEABLE, f"no figure where one can start in {text!r}")
    lead = main[: start.start()].strip()
    version = hint.unit is not None and hint.unit.dimension == "version"
    year_lead = False
    lead_unit: UnitInfo | None = None
    if lead:
        if _VERSION_LEAD.search(lead):
            version = True
        elif _YEAR_LEAD.fullmatch(lead):
            year_lead = True
        elif lead[-1] == "$" and (lead in _DOLLAR_LEADS or _QUALIFIED_DOLLAR.fullmatch(lead)):
            # "$2.49/hr": US dollars; "about $41,000": a bound word before the sign bounds it
            bound = "" if lead in _DOLLAR_LEADS else lead[:-1].strip()
            money = _money(f"{bound} {main[start.start() :]}".strip(), hint, text)
            if isinstance(money, Scan):
                money.note = "; ".join(n for n in (money.note, *notes) if n) or None
                money.digit_dependent = prepared.digit_dependent
            return money if isinstance(money, Failure) else (money, False, False)
        elif lead in _CURRENCY_LEADS:  # "₹1,06,999", "Rs. 49,999": a price in that currency
            money = _money(main[start.start() :], hint, text, resolve_unit(lead))
            return money if isinstance(money, Failure) else (money, False, False)
        elif lead[-1] in _CURRENCY:  # "€55/month": only US dollars have a canonical unit
            message = f"currency {lead[-1]!r} is not a supported unit in {text!r}"
            return Failure(QuarantineReason.UNKNOWN_UNIT, message)
        elif _YEAR_WORDS_LEAD.search(lead) and _FOUR_DIGITS.match(main, start.start()):
            year_lead = True  # "released in 2020"
            leads.insert(0, lead)
        elif lead[-1] in ",:":  # "Beginner-friendly, ~2-4 hours"
            leads.insert(0, lead.rstrip(",:").strip())
            if lead[-1] == ":":  # "QPS: 159K": a unit named before the figure
                lead_unit = resolve_unit(leads[0])
        else:
            return Failure(
                QuarantineReason.UNPARSEABLE, f"words before the figure in {text!r}: {lead!r}"
            )
    if not version and _DOTTED_VERSION.match(main, start.start()):
        message = f"a version number, not a figure: {text!r}"  # "14.2.0", "1.89.0-nightly"
        return Failure(QuarantineReason.UNPARSEABLE, message)
    figure = main[start.start() :]
    year_sign = bool(_FOUR_DIGIT_YEAR_SIGN.match(figure))
    calendar = _CALENDAR_YEAR.match(figure)
    if calendar is not None:  # "2024年": a calendar year; "13 年" stays 13 years
        figure, year_lead = calendar.group(1), True
    rating = _RATING.fullmatch(figure)
    if rating is not None:  # "4.5 out of 5 stars", "8/10": a score on the page's scale
        figure = rating.group("figure")
        notes.append(f"out of {rating.group('scale')}")
    after = _BOUND_AFTER.search(figure)
    if after is not None:
        figure = figure[: after.start()] + figure[after.end() :]
    scan = _scan(figure, hint, version, text)
    if isinstance(scan, Failure):
        scan = _per_calendar_period(figure, hint, version, text, scan)
    if isinstance(scan, Failure):
        return scan
    if after is not None and scan.qualifier in (None, BoundKind.APPROXIMATE):
        up = after.group("up") or after.group("cjk_up")
        scan.qualifier = BoundKind.AT_LEAST if up else BoundKind.AT_MOST
    # whether "NNNN年" is a calendar year depends on its digits: no shape reuse
    scan.digit_dependent = prepared.digit_dependent or year_sign
    if rating is not None and scan.unit is None and len(scan.numbers) == 1:
        if not _within_scale(scan.numbers[0][1], rating.group("scale")):
            return Failure(QuarantineReason.UNPARSEABLE, f"not a rating: {text!r}")
        scan.unit = _SCORE
    if lead_unit is not None and scan.unit is None and lead_unit.dimension != "count":
        scan.unit = lead_unit
    if leads or parens or notes:
        kept = [*leads, scan.note, *parens, *notes]
        scan.note = "; ".join(dict.fromkeys(n for n in kept if n)) or None
    return scan, version, year_lead


def _scan(s: str, hint: HintInfo, version: bool, text: str) -> Scan | Failure:
    """Qualifier, one or two numbers with scale words, suffixes (+, %, x), then unit or noun."""
    pos, qualifier = (0, None) if s[0] in _PLAIN_START else _read_qualifiers(s, 0)
    num_re = _VERSION_NUM if version else _NUM
    first = num_re.match(s, pos)
    if first is None:
        return Failure(QuarantineReason.UNPARSEABLE, f"cannot read the figure in {text!r}")
    numbers, scales = [(first["sign"] or "", first["num"])], []
    scale, pos = _read_scale(s, first.end(), hint, version)
    scales.append(scale)
    inline_unit = None
    sep = _RANGE_SEP.match(s, pos)
    if sep is None and not version and (" " in s or "-" in s):  # "1 hour - 2 hours"
        inline = _INLINE_UNIT.match(s, pos)
        if (
            inline
            and (qualifier is BoundKind.RANGE or not inline["and"])
            and resolve_unit(inline["unit"])
        ):
            inline_unit, sep = inline.group("unit"), _RANGE_SEP.match(s, inline.end())
    if sep is not None:
        second = num_re.match(s, _read_qualifiers(s, sep.end())[0])
        if second is None:
            message = f"a range without its upper end in {text!r}"
            return Failure(QuarantineReason.UNPARSEABLE, message)
        numbers.append((second["sign"] or "", second["num"]))
        scale, pos = _read_scale(s, second.end(), hint, version)
        scales.append(scale)
    suffix = _SUFFIX.match(s, pos)
    assert suffix is not None  # every group of _SUFFIX is optional: it always matches
    pos = suffix.end()
    at_least = bool(suffix.group("plus1") or suffix.group("plus2"))
    symbol = (suffix.group("sym") or "").strip()
    rest = s[pos:].strip()
    hyphened = rest[:1] == "-" and rest[1:2].isalpha()
    if hyphened:  # "2.0-Slots", "3-core": a noun joined by a hyphen
        rest = rest[1:]
    if symbol:
        parts = _PARTS.match(rest) if symbol != "%" else None
        counted = parts.group() if parts else counted_part(rest) if symbol != "%" else None
        if counted is not None:  # "3x DisplayPort", "8x Zen 2 Cores": a count of parts, no ratio
            return Scan(qualifier, numbers, scales, at_least, COUNT, counted, rest or None)
        unit: UnitInfo | None = PERCENT if symbol == "%" else RATIO
        return Scan(qualifier, numbers, scales, at_least, unit, None, rest or None)
    if not rest and not inline_unit:
        return Scan(qualifier, numbers, scales, at_least, None, None, None)
    glued = pos < len(s) and not s[pos].isspace() and not hyphened
    found = read_unit(inline_unit or rest, glued, text, bare_g_unit(hint.text))
    if isinstance(found, Failure):
        return found
    unit, noun, note = found
    return Scan(qualifier, numbers, scales, at_least, unit, noun, rest if inline_unit else note)


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
    if word == "B" and (
        hint.text == "size" or (hint.unit is not None and hint.unit.dimension == "bytes")
    ):
        return None, pos  # "224 B" under "Allocated" (label_units.SIZE_HINT)
    link = _SCALE_LINK.match(s, match.end()) if len(word) > 1 else None
    return scale_of(word), match.end() if link is None else link.end()


def _per_calendar_period(
    figure: str, hint: HintInfo, version: bool, text: str, failed: Failure
) -> Scan | Failure:
    """ "2,000 min/mo", "30,000 credits/mo": a quota per calendar period is its unit's figure,
    the period kept as a note (tried only when the unit with the period is unknown)."""
    period = _CALENDAR_PERIOD.search(figure)
    if failed.reason is not QuarantineReason.UNKNOWN_UNIT or period is None:
        return failed
    scan = _scan(figure[: period.start()] + figure[period.end() :], hint, version, text)
    if isinstance(scan, Failure):
        return failed
    word = period.group("period").lower()
    note = f"per {_PERIOD_WORDS.get(word, word)}"
    scan.note = "; ".join(n for n in (note, scan.note) if n) or None
    return scan


_PERIOD_WORDS = {"mo": "month", "yr": "year", "wk": "week"}


def _money(s: str, hint: HintInfo, text: str, currency: UnitInfo | None = None) -> Scan | Failure:
    """ "$2.49/hr", "$1.2M": a figure in US dollars (or the leading `currency`); a period after
    it is kept as a note."""
    notes: list[str] = []
    for _ in range(2):  # "$4/user/month": who pays and how often
        period = _PER_PERIOD.search(s)
        if period is None:
            break
        notes.append(f"per {period.group('period').lower()}")
        s = s[: period.start()] + s[period.end() :]
    note = "; ".join(notes) or None
    s = _SECOND_CURRENCY.sub(r"\1", s)  # "$570-$580", "$5 to $10": the range's upper end
    scan = _scan(s.strip(), hint, False, text)
    if isinstance(scan, Failure):
        return scan
    money = currency or _DOLLAR
    if scan.unit is not None and scan.unit is not money and scan.unit.dimension != "count":
        return Failure(QuarantineReason.UNKNOWN_UNIT, f"a price in another unit in {text!r}")
    scan.unit = money
    scan.noun = None
    scan.note = "; ".join(n for n in (note, scan.note) if n) or None
    return scan
