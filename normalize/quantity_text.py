"""Rewrite a value as written into the plain form the figure scanner reads.

Why: real pages write figures in many national and markup forms ("48 210", "1.234.567",
"0,85", "12,5 ms", "**2.1**", "0.37<sub>±0.01</sub>", "25 min 4.53 sec", a card's
"Stars\\n54.2k"). Each rule decides from the shape of the text, except where noted; a
rewrite that depends on the digits themselves marks the value so that the shape cache
(:mod:`normalize.quantity_shapes`) reads every such value in full.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from crosscheck.normalize.number_words import joined_thousands, read_words
from crosscheck.normalize.quantity_durations import compound_seconds
from crosscheck.normalize.unit_table import unit_table

__all__ = ["Prepared", "ascii_forms", "prepare"]

_TAG = re.compile(r"<[^<>]{1,60}>")
_LINK = re.compile(r"\[([^\[\]]*)\]\((?:[^()\"]|\"[^\"]*\")*\)")
_EMPHASIS = re.compile(r"\*\*|__|`")
_PLUS_MINUS = re.compile(r"\s*(?:±|\+/-|\+-)\s*([0-9][0-9.,]*(?:\s*%)?)")
# "48 210", "1 234 567" (spaces were unified by the caller); not after a digit, dot or comma.
_SPACE_GROUPS = re.compile(r"(?<![0-9.,])([0-9]{1,3})((?: [0-9]{3})+)(?![0-9]|\.[0-9]|,[0-9]{3})")
# "75'640", "1'234'567", "75’640": an apostrophe between digit groups (Swiss style, C++14 and
# Rust-like digit separators); feet and inches ("6'2") never have three digits after it.
_APOSTROPHE_GROUPS = re.compile(r"(?<![0-9.,'’])([0-9]{1,3})((?:['’][0-9]{3})+)(?![0-9]|['’][0-9])")
# "1.234.567" (two or more dot groups) and "1.234,5" / "1.234.567,89" (dots, then a decimal comma)
_DOT_GROUPS = re.compile(r"(?<![0-9.,])([0-9]{1,3}(?:\.[0-9]{3}){2,})(?![0-9]|[.,][0-9])")
_DOT_COMMA = re.compile(r"(?<![0-9.,])([0-9]{1,3}(?:\.[0-9]{3})+),([0-9]+)(?![0-9.,])")
# "12,5" "0,85" "2,95%" "0,0126": a comma followed by other than exactly three digits
_DECIMAL_COMMA = re.compile(r"(?<![0-9.,])([0-9]+),([0-9]{1,2}|[0-9]{4,})(?![0-9.,])")
_ZERO_COMMA = re.compile(r"(?<![0-9.,])0,([0-9]{3})(?![0-9.,])")  # "0,482": never thousands
# "P99.9: 0.8ms", "QPS: 159K": a short label with a digit, then a colon, then the figure.
_LABEL_LEAD = re.compile(r"^([A-Za-z][A-Za-z0-9 ._/-]{0,30}?[0-9][A-Za-z0-9._-]*)\s*:\s*(?=\S)")
_DIGIT = re.compile(r"[0-9]")
_WORDS = "|".join(re.escape(w) for w, _ in unit_table().number_words)
_NUMBER_WORD = re.compile(rf"({_WORDS})(?=\s|$)", re.IGNORECASE)
# "around two to three hours": a bound word before, a second word for a range
_WORDED_RANGE = re.compile(
    rf"((?:about|around|roughly|nearly|almost|over|some)\s+)?({_WORDS})\s+(?:to|or)\s+({_WORDS})"
    r"(?=\s|$)",
    re.IGNORECASE,
)
_CJK_SCALES = dict(unit_table().cjk_scales)
_CJK_CHARS = "".join(_CJK_SCALES)
# "103 万", "41.5 万", "154만6699", "1万2千", "3億": figures times CJK scale characters, summed
_CJK_FIGURE = re.compile(rf"(?:[0-9]+(?:\.[0-9]+)?\s?[{_CJK_CHARS}])+[0-9]{{0,4}}(?![0-9.,])")
_CJK_PART = re.compile(rf"([0-9]+(?:\.[0-9]+)?)\s?([{_CJK_CHARS}])")
_BASE_PLUS = re.compile(r"([~]?[0-9][0-9.,]*\s*[A-Za-z%]*) \+ ([0-9][0-9.,]*\s*[A-Za-z%]*)")
_TOP = re.compile(r"^(?:top|best)\s+([0-9]{1,4})\b\s*", re.IGNORECASE)  # "Top 5": rank 1-5
_FIGURE_LINE = re.compile(r"[~<>+\-$]?\s*\.?[0-9]")
# "18*", "90!", "4 ms†": a mark glued after the figure or its unit points to a footnote, no unit.
_MARK_ENDS = frozenset("*†‡!]⁰¹²³⁴⁵⁶⁷⁸⁹")
# A reference "[2]" glued after the figure or unit is one too, and so is a superscript digit
# after a unit ("45 ms¹"); after a digit it could be a power ("10⁶") and stays.
_FOOTNOTE_MARK = re.compile(
    r"(?<=[0-9%A-Za-zµμ/])(\*{1,3}|†{1,2}|‡|!|\[[0-9]{1,2}\])$"
    r"|(?<=[%A-Za-zµμ/])(?<!(?<![A-Za-z])[kcm]m)(?<!(?<![A-Za-z])m)(?<!/s)([⁰¹²³⁴-⁹]{1,2})$"
)  # "mm²", "cm²", "m²", "m³": an area or a volume, no footnote; "mm/s²" an acceleration
# "1.199 €", "12.500 EUR", "1.240 bis 1.570 Euro": a dot before three digits in a euro price
# groups thousands (euro prices write cents after a comma)
_EURO = re.compile(r"€|\bEUR\b|\bEuros?\b")
_EURO_GROUPS = re.compile(r"(?<![0-9.,])([0-9]{1,3})\.([0-9]{3})(?![0-9]|[.,][0-9])")
# "4K at 240Hz", "1440p @ 165 Hz": a display resolution before the figure measured at it
_RESOLUTION_AT = re.compile(r"([2458]K|[0-9]{3,4}p)\s+(?:at|@)\s+(?=[0-9])", re.IGNORECASE)
# "₹1,06,999", "12,34,567": Indian digit grouping (lakh, crore), pairs of digits then three
_INDIAN_GROUPS = re.compile(r"(?<![0-9.,])([0-9]{1,2}(?:,[0-9]{2})+),([0-9]{3})(?![0-9]|[.,][0-9])")


# "1.0E-15", "2.5e6", "1.0×10⁻¹⁷", "3 x 10^-4": a number in scientific notation, written out
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺−", "0123456789---")
_SCIENTIFIC = re.compile(
    r"(?<![\w.,])([0-9]+(?:\.[0-9]+)?)(?:[eE]([-+−]?[0-9]{1,3})"
    r"|\s?[×x*]\s?10(?:\^\s?([-+−]?[0-9]{1,3})|([⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})))(?![\w.])"
)


def _written_out(match: re.Match[str]) -> str:
    """The positional form of a number in scientific notation ("1.0E-15" → "0.0000000000000010")."""
    power = next(group for group in match.groups()[1:] if group is not None)
    exponent = int(power.translate(_SUPERSCRIPT))
    return format(Decimal(match.group(1)).scaleb(exponent), "f")


class Prepared(NamedTuple):
    """The value to scan, notes taken out of it, and whether its reading depends on digits."""

    text: str
    notes: tuple[str, ...]
    digit_dependent: bool


def prepare(value: str) -> Prepared:
    """Markup, card lines, "± MAD", label leads, compound durations and national number
    formats rewritten; the caller has already unified dashes and spaces."""
    notes: list[str] = []
    dependent = False
    if "<" in value:
        value = _TAG.sub(" ", value)
    if "](" in value:
        value = _LINK.sub(r"\1", value)
    if "*" in value or "_" in value or "`" in value:
        value = _EMPHASIS.sub("", value)
    if "\n" in value:
        value, lines = _card_lines(value)
        notes.extend(lines)
    if "\\%" in value:  # LaTeX's escaped percent ("78\\% for H.266"), quants28
        value = value.replace("\\%", "%")
    if "±" in value or "+/-" in value or "+-" in value:
        spreads = [f"± {found.strip()}" for found in _PLUS_MINUS.findall(value)]
        if spreads:
            notes.extend(spreads)
            value = _PLUS_MINUS.sub("", value)
            dependent = True
    value = " ".join(value.split()).strip("| ")
    if ("e" in value or "E" in value or "10" in value) and _SCIENTIFIC.search(value):
        value = _SCIENTIFIC.sub(_written_out, value)
        dependent = True
    mark = _FOOTNOTE_MARK.search(value) if value[-1:] in _MARK_ENDS else None
    if mark:
        notes.append(f"footnote {mark.group(1) or mark.group(2)}")
        value = value[: mark.start()]
    worded = read_words(value) if value[:1].isalpha() else None
    if worded is not None:  # "due porte USB 3.0", "quad-core", "eine JAZ von 3"
        value = worded.text
        notes.extend(worded.notes)
        dependent = True
    if value[:1].isalpha() and not _DIGIT.search(value[:12]):
        ranged = _WORDED_RANGE.match(value)
        if ranged:  # "two to three hours" → "2 to 3 hours"
            words = dict(unit_table().number_words)
            low, high = (words[ranged.group(i).lower()] for i in (2, 3))
            value = f"{ranged.group(1) or ''}{low} to {high}{value[ranged.end() :]}"
            dependent = True
        worded = _NUMBER_WORD.match(value)
        if worded:  # "half the memory", "seven codecs": the word is the figure
            figure = dict(unit_table().number_words)[worded.group(1).lower()]
            value = f"{figure} {value[worded.end() :].strip()}".strip()
            dependent = True
    if " + " in value:  # "36.62 + 0.25": a base and an increase; the base is the figure
        base = _BASE_PLUS.fullmatch(value)
        if base:
            notes.append(f"+ {base.group(2)}")
            value = base.group(1)
            dependent = True
    resolution = _RESOLUTION_AT.match(value) if value[:1].isdigit() else None
    if resolution:  # "4K at 240Hz": the resolution is a condition, the figure follows
        notes.insert(0, f"at {resolution.group(1)}")
        value = value[resolution.end() :]
        dependent = True
    lead = _LABEL_LEAD.match(value)
    if lead:
        notes.insert(0, lead.group(1))
        value = value[lead.end() :]
        dependent = True
    top = _TOP.match(value)
    if top:
        rest = value[top.end() :].strip()
        return Prepared(f"1-{top.group(1)} rank", (*notes, rest) if rest else tuple(notes), True)
    compound = compound_seconds(value)  # "8 h 21 min", "1 heure et 17 minutes", "1h17"
    if compound is not None:
        return Prepared(compound, tuple(notes), True)
    if _CJK_CHARS and any(ch in _CJK_SCALES for ch in value):
        value, cjk = _CJK_FIGURE.subn(_cjk_total, value)
        dependent = dependent or bool(cjk)
    if ("'" in value or "’" in value) and _APOSTROPHE_GROUPS.search(value):
        value = _APOSTROPHE_GROUPS.sub(lambda m: m.group(1) + re.sub("['’]", "", m.group(2)), value)
    if " mil " in value:  # "7 mil 822"
        value = joined_thousands(value)
    if " " in value and _SPACE_GROUPS.search(value):
        value = _SPACE_GROUPS.sub(lambda m: m.group(1) + m.group(2).replace(" ", ""), value)
    if "." in value and "," not in value and _EURO.search(value):
        value = _EURO_GROUPS.sub(r"\1\2", value)  # "12.500 EUR": a euro price's thousands
    if "." in value:
        if "," in value and _DOT_COMMA.search(value):
            value = _DOT_COMMA.sub(lambda m: m.group(1).replace(".", "") + "." + m.group(2), value)
        value = _DOT_GROUPS.sub(lambda m: m.group(1).replace(".", ""), value)
    if "," in value:
        if _INDIAN_GROUPS.search(value):
            value = _INDIAN_GROUPS.sub(lambda m: m.group(1).replace(",", "") + m.group(2), value)
        if "0," in value:  # the shape reader gives "0,NNN" a shape of its own
            value = _ZERO_COMMA.sub(r"0.\1", value)
        value = _DECIMAL_COMMA.sub(r"\1.\2", value)
    return Prepared(value, tuple(notes), dependent)


def _cjk_total(match: re.Match[str]) -> str:
    """A figure written with CJK scale characters as one number ("154만6699" → "1546699")."""
    text = match.group()
    total = Decimal(0)
    end = 0
    for part in _CJK_PART.finditer(text):
        total += Decimal(part.group(1)) * Decimal(str(_CJK_SCALES[part.group(2)]))
        end = part.end()
    rest = text[end:]
    if rest:
        total += Decimal(rest)
    return format(total.normalize(), "f")


def _card_lines(value: str) -> tuple[str, list[str]]:
    """A card's lines: the first line with a digit is the figure, the others are notes."""
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    figures = [line for line in lines if _FIGURE_LINE.match(line)]
    figures = figures or [line for line in lines if _DIGIT.search(line)]
    if not figures:
        return " ".join(lines), []
    chosen = figures[0]
    at = lines.index(chosen)
    follower = lines[at + 1] if at + 1 < len(lines) else ""
    if chosen[-1:].isdigit() and follower and not _DIGIT.search(follower) and len(follower) <= 12:
        rest = [line for n, line in enumerate(lines) if n not in (at, at + 1)]
        return f"{chosen} {follower}", rest
    return chosen, [line for line in lines if line is not chosen]


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


def ascii_forms(text: str) -> str:
    """`text` with look-alike characters in their ASCII forms and emoji dropped (moved here from
    quantity_lex, which stays under 400 lines)."""
    return _EMOJI.sub("", text.translate(_TRANSLATE))
